// SPDX-License-Identifier: MIT
// Test kit fake core: the message state a module changes through core calls - the R-URI and destination
// URI (set_ruri, set_dst_uri, reset_dst_uri: dset.c / msg_parser.c), the script flags (flags.c) and the
// branches (dset.c: append_branch until 3.5, append_msg_branch from 3.6).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <utility>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/dset.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/sockets.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {
// dset.c: the branches of the request being processed (per process in the core; cleared here when a
// message is parsed, as the core clears them for each new request)
inline std::vector<sip_message::branch> g_dset;
inline constexpr std::size_t max_branches = 12;  // config.h MAX_BRANCHES

inline int add_branch(const abi::str* uri, const abi::str* dst_uri, int q, const char* func,
                      const abi::str* path = nullptr, unsigned flags = 0, const void* socket = nullptr) noexcept {
  if (!uri || !uri->s || uri->len <= 0) {
    core_log(abi::l_err, func, "too long uri: [%.*s]/%d", 0, "", uri ? uri->len : 0);
    return -1;
  }
  if (g_dset.size() + 1 >= max_branches) {
    core_log(abi::l_err, func, "max nr of branches exceeded");
    return -1;
  }
  try {
    sip_message::branch b;
    b.uri.assign(uri->s, static_cast<std::size_t>(uri->len));
    if (dst_uri && dst_uri->s && dst_uri->len > 0) b.dst_uri.assign(dst_uri->s, static_cast<std::size_t>(dst_uri->len));
    if (path && path->s && path->len > 0) b.path.assign(path->s, static_cast<std::size_t>(path->len));
    b.q = q;
    b.bflags = flags;
    b.socket = listener_text(socket);
    g_dset.push_back(std::move(b));
  } catch (...) {
    return -1;
  }
  return 1;
}
}  // namespace testing::detail

namespace abi {
extern "C" {
// 3.4 / 3.5 and 3.6+ each export one pair; both are defined here, the pair the target lacks fails loudly
int append_branch(sip_msg* msg, str* uri, str* dst_uri, str* path, int q, unsigned int flags,
                  const void* force_socket) {
  if constexpr (testing::detail::profile_abi::has_msg_branch) {
    testing::detail::core_log(l_crit, "append_branch",
                              "modsdk fake core: the target core (%s) has no append_branch symbol (3.6+ export "
                              "append_msg_branch); a real core would not resolve this call",
                              testing::detail::profile_abi::name);
    return -1;
  }
  if (!testing::detail::data_of(msg, "append_branch")) return -1;
  return testing::detail::add_branch(uri, dst_uri, q, "append_branch", path, flags, force_socket);
}
int get_nr_branches() { return static_cast<int>(testing::detail::g_dset.size()); }
int append_msg_branch(msg_branch* branch) {
  if constexpr (!testing::detail::profile_abi::has_msg_branch) {
    testing::detail::core_log(l_crit, "append_msg_branch",
                              "modsdk fake core: the target core (%s) has no append_msg_branch symbol (3.4 and "
                              "3.5 export append_branch); a real core would not resolve this call",
                              testing::detail::profile_abi::name);
    return -1;
  }
  if (!branch) return -1;
  return testing::detail::add_branch(&branch->uri, &branch->dst_uri, branch->q, "append_msg_branch", &branch->path,
                                     branch->bflags, branch->force_send_socket);
}
int get_dset_size() { return static_cast<int>(testing::detail::g_dset.size()); }

// mirrors set_ruri(): the new R-URI is copied; $ru reads it from now on.
int set_ruri(sip_msg* msg, str* uri) {
  auto* d = testing::detail::data_of(msg, "set_ruri");
  if (!d || !uri || !uri->s) return -1;
  try {
    d->new_uri.emplace(uri->s, static_cast<std::size_t>(uri->len));
    auto& m = reinterpret_cast<testing::detail::fake_msg*>(msg)->msg;
    m.new_uri = testing::detail::to_str(*d->new_uri);
    m.parsed_uri_ok = 0;
  } catch (...) {
    return -1;
  }
  return 0;
}
int set_dst_uri(sip_msg* msg, str* uri) {
  auto* d = testing::detail::data_of(msg, "set_dst_uri");
  if (!d || !uri || !uri->s) return -1;
  try {
    d->dst_uri.emplace(uri->s, static_cast<std::size_t>(uri->len));
    reinterpret_cast<testing::detail::fake_msg*>(msg)->msg.dst_uri = testing::detail::to_str(*d->dst_uri);
  } catch (...) {
    return -1;
  }
  return 0;
}
void reset_dst_uri(sip_msg* msg) {
  auto* d = testing::detail::data_of(msg, "reset_dst_uri");
  if (!d) return;
  d->dst_uri.reset();
  reinterpret_cast<testing::detail::fake_msg*>(msg)->msg.dst_uri = {nullptr, 0};
}
// flags.c: bit `flag` of msg->flags (the core does not check the range; 1 << 32 is undefined there)
int setflag(sip_msg* msg, unsigned int flag) {
  if (!testing::detail::data_of(msg, "setflag") || flag > max_flag) return -1;
  reinterpret_cast<testing::detail::fake_msg*>(msg)->msg.flags |= 1U << flag;
  return 1;
}
int resetflag(sip_msg* msg, unsigned int flag) {
  if (!testing::detail::data_of(msg, "resetflag") || flag > max_flag) return -1;
  reinterpret_cast<testing::detail::fake_msg*>(msg)->msg.flags &= ~(1U << flag);
  return 1;
}
int isflagset(sip_msg* msg, unsigned int flag) {
  if (!testing::detail::data_of(msg, "isflagset") || flag > max_flag) return -1;
  return (reinterpret_cast<testing::detail::fake_msg*>(msg)->msg.flags & (1U << flag)) ? 1 : -1;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
