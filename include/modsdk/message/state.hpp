// SPDX-License-Identifier: MIT
/// @file Message state the script keeps besides the text: flag names, branch flags, the R-URI's q, the
/// socket a request is sent from, and the type of the route being run. Used through modsdk::request
/// (message.hpp) and modsdk::route::current() (route.hpp):
///
///     auto nat = modsdk::branch_flag_bit("NAT");          // the bit the cfg's setbflag(NAT) uses
///     if (nat && req.is_branch_flag_set(*nat)) ...;        // on the R-URI's branch (0) or branch n
///     req.set_ruri_q(500);                                  // q=0.5 for the R-URI's branch
///     req.force_send_socket("udp:10.0.0.1:5060");         // a socket the core listens on
///     if (modsdk::route::current() == modsdk::route::failure) ...;
///
/// Flag names are the cfg's: the core numbers them from 0 in the order the cfg first uses them, per kind
/// (script flags, branch flags), while it parses the cfg; a name the cfg never uses has no bit.
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/edit.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail::msg {
inline std::optional<unsigned> flag_bit(int type, std::string_view name) noexcept {
  for (const abi::flag_entry* e = abi::flag_lists[type]; e; e = e->next)
    if (view(e->name) == name && e->bit >= 0 && static_cast<unsigned>(e->bit) <= abi::max_flag)
      return static_cast<unsigned>(e->bit);
  return std::nullopt;
}

/// setbflag / resetbflag / isbflagset on branch `branch` (0: the R-URI's), bit `bit`; a refused set/reset
/// (no such branch) is logged.
inline bool branch_flag(abi::sip_msg* m, int (*op)(abi::sip_msg*, unsigned, unsigned), unsigned bit, unsigned branch,
                        const char* what) noexcept {
  if (bit > abi::max_flag) return fail(what, "branch flags are 0 - 31");
  if (op(m, branch, 1U << bit) == 1) return true;
  return op != abi::isbflagset && fail(what, "no such branch (0 is the R-URI's, n the n-th appended one)");
}

/// force_send_socket(): the socket the core listens on for "[proto:]host[:port]"; false, logged, when none.
inline bool force_socket(abi::sip_msg* m, std::string_view spec) noexcept {
  if (spec.empty()) return fail("force_send_socket", "empty socket");
  abi::str s{const_cast<char*>(spec.data()), static_cast<int>(spec.size())};
  const void* si = abi::parse_sock_info(&s);
  if (!si) return fail("force_send_socket", "the core does not listen on that socket");
  core_msg(m).force_send_socket = si;
  return true;
}
}  // namespace detail::msg

/// The bit of the script flag the cfg calls `name` (`setflag(name)`), or nullopt when the cfg never uses it.
inline std::optional<unsigned> script_flag_bit(std::string_view name) noexcept {
  return detail::msg::flag_bit(abi::flag_type_msg, name);
}
/// The bit of the branch flag the cfg calls `name` (`setbflag(name)`), or nullopt when the cfg never uses it.
inline std::optional<unsigned> branch_flag_bit(std::string_view name) noexcept {
  return detail::msg::flag_bit(abi::flag_type_branch, name);
}

MODSDK_END_NAMESPACE
