// SPDX-License-Identifier: MIT
// Test kit fake core: the message state a module changes through core calls - the R-URI and destination
// URI (set_ruri, set_dst_uri, reset_dst_uri: dset.c / msg_parser.c) and the script flags (flags.c).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
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
