// SPDX-License-Identifier: MIT
// Test kit fake core: the rest of a message's state - branch flags (dset.c setbflag & co. on the R-URI's
// branch and the appended ones), the flag names (flags.c flag_lists, filled by fake_core::name_flag as the
// cfg parser does), the socket a request is forced out of, read back (fake/sockets.hpp has the listeners) and
// the route type being run (route.c route_type, set by the host around each call).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <deque>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/msg_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/sockets.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int route_type = request_route;
flag_entry* flag_lists[flag_list_count] = {};
}  // extern "C"
}  // namespace abi

namespace testing::detail {
inline std::deque<abi::flag_entry>& flag_store() {
  static std::deque<abi::flag_entry> entries;
  return entries;
}
inline std::deque<std::string>& flag_names() {
  static std::deque<std::string> names;
  return names;
}
/// fake_core::reset(): no flag names, the request route.
inline void reset_msg_state() noexcept {
  for (auto& l : abi::flag_lists) l = nullptr;
  flag_store().clear();
  flag_names().clear();
  abi::route_type = abi::request_route;
}

inline unsigned* bflags_of(abi::sip_msg* msg, unsigned idx, const char* func) noexcept {
  if (!data_of(msg, func)) return nullptr;
  if (idx == 0) return &reinterpret_cast<fake_msg*>(msg)->msg.ruri_bflags;
  return idx - 1 < g_dset.size() ? &g_dset[idx - 1].bflags : nullptr;
}
}  // namespace testing::detail

namespace testing {
int fake_core::name_flag(std::string_view name, bool branch_flag) {
  abi::flag_entry*& list = abi::flag_lists[branch_flag ? abi::flag_type_branch : abi::flag_type_msg];
  for (const abi::flag_entry* e = list; e; e = e->next)
    if (std::string_view(e->name.s, static_cast<std::size_t>(e->name.len)) == name) return e->bit;
  if (list && list->bit == static_cast<int>(abi::max_flag)) {
    detail::core_log(abi::l_crit, "get_flag_id_by_name", "Maximum number of message flags reached! (32 flags)");
    return -1;
  }
  const std::string& kept = detail::flag_names().emplace_back(name);
  detail::flag_store().push_back(
      abi::flag_entry{detail::to_str(kept), list ? list->bit + 1 : 0, list});  // newest first, as the core
  list = &detail::flag_store().back();
  return list->bit;
}
std::optional<std::string_view> sip_message::send_socket() const noexcept {
  const std::string_view text = detail::listener_text(msg_->msg.force_send_socket);
  return text.empty() ? std::nullopt : std::optional<std::string_view>(text);
}
unsigned sip_message::ruri_bflags() const noexcept { return msg_->msg.ruri_bflags; }
int sip_message::ruri_q() const noexcept { return msg_->msg.ruri_q; }
}  // namespace testing

namespace abi {
extern "C" {
int setbflag(sip_msg* msg, unsigned int b_idx, unsigned int mask) {
  unsigned* f = testing::detail::bflags_of(msg, b_idx, "setbflag");
  if (!f) return -1;
  *f |= mask;
  return 1;
}
int resetbflag(sip_msg* msg, unsigned int b_idx, unsigned int mask) {
  unsigned* f = testing::detail::bflags_of(msg, b_idx, "resetbflag");
  if (!f) return -1;
  *f &= ~mask;
  return 1;
}
int isbflagset(sip_msg* msg, unsigned int b_idx, unsigned int mask) {
  unsigned* f = testing::detail::bflags_of(msg, b_idx, "isbflagset");
  return f && (*f & mask) == mask ? 1 : -1;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
