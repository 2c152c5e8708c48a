// SPDX-License-Identifier: MIT
// Test kit fake core: reading and changing the appended branches (dset.c) - get_branch / update_branch /
// remove_branch / clear_branches (3.4, 3.5) and get_msg_branch / update_msg_branch_* / remove_msg_branch /
// clear_dset (3.6+), over the set msg_state.hpp keeps. Both families are defined; the one the target lacks
// fails loudly, as a real core would not resolve it. Limits as the core's: MAX_URI_SIZE 1024, MAX_PATH_SIZE 255.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/dset.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/msg_state.hpp>
#include <modsdk/testing/fake/sockets.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {
inline constexpr int max_uri_size = 1024, max_path_size = 255;

/// The branch at `idx`, or null (logged as the family the target lacks when `msg_branch` does not match).
inline sip_message::branch* dset_at(unsigned idx, bool msg_branch, const char* func) noexcept {
  if (msg_branch != profile_abi::has_msg_branch) {
    core_log(abi::l_crit, func,
             "modsdk fake core: the target core (%s) has no %s symbol; a real core would not resolve it",
             profile_abi::name, func);
    return nullptr;
  }
  return idx < g_dset.size() ? &g_dset[idx] : nullptr;
}
/// Sets `out` from `val`: empty or null clears it unless `required`; -1, logged, when too long.
inline int dset_text(std::string& out, const abi::str* val, int max, bool required, const char* what) noexcept {
  if (!val || !val->s || val->len <= 0) {
    if (required) return -1;
    out.clear();
    return 0;
  }
  if (val->len > max - 1) {
    core_log(abi::l_err, what, "too long %s: [%.*s]/%d", what, val->len, val->s, val->len);
    return -1;
  }
  try {
    out.assign(val->s, static_cast<std::size_t>(val->len));
  } catch (...) {
    return -1;
  }
  return 0;
}
/// get_msg_branch(): the core hands out its own struct; the fake keeps one per slot, refreshed per call.
inline std::array<abi::msg_branch, max_branches>& msg_branch_slots() noexcept {
  static std::array<abi::msg_branch, max_branches> slots{};
  return slots;
}
}  // namespace testing::detail

namespace abi {
extern "C" {
char* get_branch(unsigned int idx, int* len, int* q, str* dst_uri, str* path, unsigned int* flags,
                 const void** force_socket) {
  using namespace testing::detail;
  const testing::sip_message::branch* b = dset_at(idx, false, "get_branch");
  if (dst_uri) *dst_uri = b && !b->dst_uri.empty() ? to_str(b->dst_uri) : str{nullptr, 0};
  if (path && b) *path = b->path.empty() ? str{nullptr, 0} : to_str(b->path);
  if (force_socket) *force_socket = b ? listener_by_text(b->socket) : nullptr;
  if (flags) *flags = b ? b->bflags : 0;
  *len = b ? static_cast<int>(b->uri.size()) : 0;
  *q = b ? b->q : q_unspecified;
  return b ? const_cast<char*>(b->uri.c_str()) : nullptr;
}
int update_branch(unsigned int idx, str** uri, str** dst_uri, str** path, int* q, unsigned int* flags,
                  const void** force_socket) {
  using namespace testing::detail;
  testing::sip_message::branch* b = dset_at(idx, false, "update_branch");
  if (!b) return -1;
  if (uri && (!*uri || dset_text(b->uri, *uri, max_uri_size, true, "uri") < 0)) return -1;
  if (dst_uri && dset_text(b->dst_uri, *dst_uri, max_uri_size, false, "dst_uri") < 0) return -1;
  if (path && dset_text(b->path, *path, max_path_size, false, "path") < 0) return -1;
  if (q) b->q = *q;
  if (flags) b->bflags = *flags;
  if (force_socket) b->socket = listener_text(*force_socket);
  return 0;
}
int remove_branch(unsigned int idx) {
  using namespace testing::detail;
  if (!dset_at(idx, false, "remove_branch")) return -1;
  g_dset.erase(g_dset.begin() + static_cast<std::ptrdiff_t>(idx));
  return 0;
}
void clear_branches() {
  if (testing::detail::profile_abi::has_msg_branch) (void)testing::detail::dset_at(0, false, "clear_branches");
  testing::detail::g_dset.clear();
}

msg_branch* get_msg_branch(unsigned int idx) {
  using namespace testing::detail;
  const testing::sip_message::branch* b = dset_at(idx, true, "get_msg_branch");
  if (!b) return nullptr;
  msg_branch& m = msg_branch_slots()[idx];
  m = msg_branch{};
  m.uri = to_str(b->uri);
  if (!b->dst_uri.empty()) m.dst_uri = to_str(b->dst_uri);
  if (!b->path.empty()) m.path = to_str(b->path);
  m.q = b->q;
  m.force_send_socket = listener_by_text(b->socket);
  m.bflags = b->bflags;
  return &m;
}
int update_msg_branch_uri(unsigned int idx, str* val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_uri");
  return b ? testing::detail::dset_text(b->uri, val, testing::detail::max_uri_size, true, "uri") : -1;
}
int update_msg_branch_dst_uri(unsigned int idx, str* val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_dst_uri");
  return b ? testing::detail::dset_text(b->dst_uri, val, testing::detail::max_uri_size, false, "dst_uri") : -1;
}
int update_msg_branch_path(unsigned int idx, str* val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_path");
  return b ? testing::detail::dset_text(b->path, val, testing::detail::max_path_size, false, "path") : -1;
}
int update_msg_branch_q(unsigned int idx, int val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_q");
  if (!b) return -1;
  b->q = val;
  return 0;
}
int update_msg_branch_socket(unsigned int idx, const void* val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_socket");
  if (!b) return -1;
  b->socket = testing::detail::listener_text(val);
  return 0;
}
int update_msg_branch_bflags(unsigned int idx, unsigned int val) {
  auto* b = testing::detail::dset_at(idx, true, "update_msg_branch_bflags");
  if (!b) return -1;
  b->bflags = val;
  return 0;
}
int remove_msg_branch(unsigned int idx) {
  using namespace testing::detail;
  if (!dset_at(idx, true, "remove_msg_branch")) return -1;
  g_dset.erase(g_dset.begin() + static_cast<std::ptrdiff_t>(idx));
  return 0;
}
void clear_dset() {
  if (!testing::detail::profile_abi::has_msg_branch) (void)testing::detail::dset_at(0, true, "clear_dset");
  testing::detail::g_dset.clear();
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
