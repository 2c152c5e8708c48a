// SPDX-License-Identifier: MIT
// ABI layer: the clusterer module's API as another module binds it (`load_clusterer`, exported by clusterer.so
// as a pseudo-command) and the core's BIN packet interface (bin_interface.h) it carries. Read from the real
// headers of 3.4.18, 3.5.9, 3.6.8 and 4.0.1 (modules/clusterer/api.h, bin_interface.h, bin_interface.c,
// modules/clusterer/sync.h); checked by tests/static/abi_clusterer.cpp:
//   - struct bin_packet: identical in the four releases (48 bytes).
//   - struct clusterer_binds: 3.4 - 3.6: 23 pointers (clusterer_binds_3_4); 4.0: has_bridge inserted after
//     get_my_index and send_all_bridges after send_all (25 pointers, clusterer_binds_4_0).
//   - the core's _bin_init (bin_init is a macro over it), bin_push_int/str, bin_pop_int/str and
//     bin_free_packet are exported functions in the four releases; get_bin_pkg_version is a static inline
//     of the header: modsdk reads the version field itself (bin_version below), from the layout facts.
// Members modsdk does not call are typed `void*`.
#pragma once
#include <cstring>
#include <modsdk/abi/common.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `bin_packet_t`: a BIN packet being built or read. `front_pointer` is the read position.
struct bin_packet {
  str buffer;
  char* front_pointer;
  bin_packet* next;
  int size;
  int type;
  unsigned flags;
  int src_id;  ///< the sending node (set by clusterer on received packets)
};

// ---- the BIN wire header: marker "P4CK" (4 bytes), total length (4), version (2), capability length
// (unsigned short) and bytes, packet type (int); then the fields: an int is 4 bytes, a string its length as
// an unsigned short then its bytes. -------------------------------------------------------------------
inline constexpr int bin_marker_size = 4, bin_pkg_len_size = 4, bin_version_size = 2, bin_len_field_size = 2;
inline constexpr int bin_version_offset = bin_marker_size + bin_pkg_len_size;
inline constexpr int bin_max_str_len = 65535;

/// The version field of a packet (the header's static inline get_bin_pkg_version, re-implemented).
inline short bin_version(const bin_packet* p) noexcept {
  short v = 0;
  std::memcpy(&v, p->buffer.s + bin_version_offset, sizeof v);
  return v;
}

// ---- clusterer constants (modules/clusterer/api.h, sync.h; identical in 3.4 - 4.0) -------------------------
/// SYNC_PACKET_TYPE: the type of every sync packet a capability's callback receives.
inline constexpr int cl_sync_packet_type = 101;
/// Before each chunk of a sync packet: the chunk's size (an int, the bytes after the marker) and a start
/// marker (an int): a chunk's data starts this many bytes after its size (sync.c, identical in 3.4 - 4.0).
inline constexpr int cl_sync_chunk_header = 8;
/// enum clusterer_event
inline constexpr int cl_node_up = 0, cl_node_down = 1, cl_sync_req_rcv = 2, cl_sync_done = 3;
/// enum clusterer_send_ret (CLUSTERER_SEND_OK_NOP exists from 4.0 on)
inline constexpr int cl_send_success = 0, cl_curr_disabled = 1, cl_send_ok_nop = 2, cl_dest_down = -1, cl_send_err = -2;
/// enum cl_node_match_op: NODE_CMP_ANY is 0 in every release (NODE_CMP_ALL, 3.6+, shifts the later ones)
inline constexpr int cl_node_cmp_any = 0;

// ---- the function types modsdk calls -----------------------------------------------------------------------
using cl_packet_cb_f = void (*)(bin_packet* packet);
using cl_event_cb_f = void (*)(int ev, int node_id);
using cl_get_my_id_f = int (*)();
using cl_send_to_f = int (*)(bin_packet* packet, int cluster_id, int node_id);
using cl_send_all_f = int (*)(bin_packet* packet, int cluster_id);
using cl_register_capability_f = int (*)(str* cap, cl_packet_cb_f packet_cb, cl_event_cb_f event_cb, int cluster_id,
                                         int startup_sync, int sync_cond);
using cl_request_sync_f = int (*)(str* capability, int cluster_id, int from_cb);
using cl_sync_chunk_start_f = bin_packet* (*)(str* capability, int cluster_id, int dst_id, short data_version);
using cl_sync_chunk_iter_f = int (*)(bin_packet* packet);
using load_clusterer_f = int (*)(void* clusterer_binds);

/// `struct clusterer_binds`, 3.4 - 3.6 (184 bytes).
struct clusterer_binds_3_4 {
  void* get_nodes;
  void* free_nodes;
  void* set_state;
  void* check_addr;
  cl_get_my_id_f get_my_id;
  void* get_my_sip_addr;
  void* get_my_index;
  cl_send_to_f send_to;
  cl_send_all_f send_all;
  void* send_all_having;
  void* get_next_hop;
  void* free_next_hop;
  cl_register_capability_f register_capability;
  cl_request_sync_f request_sync;
  cl_sync_chunk_start_f sync_chunk_start;
  cl_sync_chunk_iter_f sync_chunk_iter;
  void* shtag_get;
  void* shtag_activate;
  void* shtag_get_all_active;
  void* shtag_register_callback;
  void* shtag_get_sync_status;
  void* shtag_set_sync_status;
  void* shtag_sync_all_backup;
};

/// `struct clusterer_binds`, 4.0 (200 bytes).
struct clusterer_binds_4_0 {
  void* get_nodes;
  void* free_nodes;
  void* set_state;
  void* check_addr;
  cl_get_my_id_f get_my_id;
  void* get_my_sip_addr;
  void* get_my_index;
  void* has_bridge;
  cl_send_to_f send_to;
  cl_send_all_f send_all;
  void* send_all_bridges;
  void* send_all_having;
  void* get_next_hop;
  void* free_next_hop;
  cl_register_capability_f register_capability;
  cl_request_sync_f request_sync;
  cl_sync_chunk_start_f sync_chunk_start;
  cl_sync_chunk_iter_f sync_chunk_iter;
  void* shtag_get;
  void* shtag_activate;
  void* shtag_get_all_active;
  void* shtag_register_callback;
  void* shtag_get_sync_status;
  void* shtag_set_sync_status;
  void* shtag_sync_all_backup;
};

// ---- the core's BIN functions (bin_interface.c; exported by every supported release) -----------------------
extern "C" {
/// Starts a packet: header, capability, type; `length` 0 = the core's maximum; pkg memory unless `use_sysmalloc`.
MODSDK_CORE_SYMBOL int _bin_init(bin_packet* packet, str* capability, int packet_type, short version,  // NOLINT
                                 int length, int use_sysmalloc);
/// > 0: the new length; < 0: the buffer could not grow.
MODSDK_CORE_SYMBOL int bin_push_int(bin_packet* packet, int info);
MODSDK_CORE_SYMBOL int bin_push_str(bin_packet* packet, const str* info);
/// 0: popped; 1: nothing left; < 0: the packet is shorter than the field.
MODSDK_CORE_SYMBOL int bin_pop_int(bin_packet* packet, void* info);
MODSDK_CORE_SYMBOL int bin_pop_str(bin_packet* packet, str* info);
MODSDK_CORE_SYMBOL void bin_free_packet(bin_packet* packet);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
