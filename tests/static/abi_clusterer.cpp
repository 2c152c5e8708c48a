// SPDX-License-Identifier: MIT
// ABI layer: clusterer's API and the core's BIN packet (abi/clusterer.hpp) against the real headers of 3.4.18,
// 3.5.9, 3.6.8 and 4.0.1 (modules/clusterer/api.h: struct clusterer_binds, the enums; bin_interface.h:
// bin_packet_t and the header field sizes). The abi-facts hold no measurement of these: the offsets below count
// the members the headers declare (every one a pointer on x86-64), the enum values follow their declaration order.
#include <cstddef>

#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/select.hpp>

namespace abi = modsdk::abi;
using modsdk::profile;

// ---- bin_packet_t: the same in the four releases ----
static_assert(sizeof(abi::bin_packet) == 48);
static_assert(offsetof(abi::bin_packet, buffer) == 0);
static_assert(offsetof(abi::bin_packet, front_pointer) == 16);
static_assert(offsetof(abi::bin_packet, next) == 24);
static_assert(offsetof(abi::bin_packet, size) == 32);
static_assert(offsetof(abi::bin_packet, type) == 36);
static_assert(offsetof(abi::bin_packet, flags) == 40);
static_assert(offsetof(abi::bin_packet, src_id) == 44);
// marker "P4CK" + PKG_LEN_FIELD_SIZE (4), then VERSION_FIELD_SIZE (2)
static_assert(abi::bin_version_offset == 8);

// ---- struct clusterer_binds, 3.4.18 / 3.5.9 / 3.6.8: 23 members ----
template <class B>
constexpr bool layout_3x() {
  return sizeof(B) == 23 * 8 && offsetof(B, get_my_id) == 4 * 8 && offsetof(B, send_to) == 7 * 8 &&
         offsetof(B, send_all) == 8 * 8 && offsetof(B, register_capability) == 12 * 8 &&
         offsetof(B, request_sync) == 13 * 8 && offsetof(B, sync_chunk_start) == 14 * 8 &&
         offsetof(B, sync_chunk_iter) == 15 * 8 && offsetof(B, shtag_sync_all_backup) == 22 * 8;
}
static_assert(layout_3x<abi::for_profile_t<profile::v3_4>::clusterer_binds>());
static_assert(layout_3x<abi::for_profile_t<profile::v3_5>::clusterer_binds>());
static_assert(layout_3x<abi::for_profile_t<profile::v3_6>::clusterer_binds>());
static_assert(layout_3x<abi::for_profile_t<profile::v3_6_7>::clusterer_binds>());

// ---- 4.0.1: has_bridge after get_my_index, send_all_bridges after send_all: 25 members ----
using cl_4_0 = abi::for_profile_t<profile::v4_0>::clusterer_binds;
static_assert(sizeof(cl_4_0) == 25 * 8);
static_assert(offsetof(cl_4_0, get_my_id) == 4 * 8);
static_assert(offsetof(cl_4_0, has_bridge) == 7 * 8);
static_assert(offsetof(cl_4_0, send_to) == 8 * 8);
static_assert(offsetof(cl_4_0, send_all) == 9 * 8);
static_assert(offsetof(cl_4_0, send_all_bridges) == 10 * 8);
static_assert(offsetof(cl_4_0, register_capability) == 14 * 8);
static_assert(offsetof(cl_4_0, request_sync) == 15 * 8);
static_assert(offsetof(cl_4_0, sync_chunk_start) == 16 * 8);
static_assert(offsetof(cl_4_0, sync_chunk_iter) == 17 * 8);
static_assert(offsetof(cl_4_0, shtag_sync_all_backup) == 24 * 8);

// ---- the enums (api.h) ----
static_assert(abi::cl_sync_packet_type == 101);
static_assert(abi::cl_node_up == 0 && abi::cl_node_down == 1 && abi::cl_sync_req_rcv == 2 && abi::cl_sync_done == 3);
static_assert(abi::cl_send_success == 0 && abi::cl_curr_disabled == 1 && abi::cl_dest_down == -1 &&
              abi::cl_send_err == -2);

int main() { return 0; }
