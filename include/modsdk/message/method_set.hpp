// SPDX-License-Identifier: MIT
/// @file The methods of the Allow headers as the core parsed them (`parse_allow`: the METHOD_* bits of every
/// Allow header of the message, kept in each header, the union in the first one's). Got from
/// `message::allow()`:
///
///     if (auto a = msg.allow()) {                          // "Allow: INVITE, ACK, BYE, X-FOO"
///       a->contains(modsdk::sip_method::invite);           // true
///       a->contains(modsdk::sip_method::other);            // true: an extension method is listed
///     }
///     modsdk::parse_methods("INVITE, BYE");                // any text, through the core's parse_methods
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/method.hpp>

MODSDK_BEGIN_NAMESPACE

/// A set of methods as the core's METHOD_* bits (sip_method values; sip_method::other for any extension).
class method_set {
 public:
  explicit constexpr method_set(unsigned bits) noexcept : bits_(bits) {}
  constexpr bool contains(sip_method m) const noexcept { return (bits_ & static_cast<unsigned>(m)) != 0; }
  constexpr unsigned bits() const noexcept { return bits_; }
  constexpr bool empty() const noexcept { return bits_ == 0; }

 private:
  unsigned bits_;
};

/// The methods of a comma separated list in any text ("INVITE, ACK, X-FOO"), through the core's
/// parse_methods: an empty text gives an empty set; nullopt when malformed (the core logs why).
inline std::optional<method_set> parse_methods(std::string_view text) noexcept {
  abi::str s{const_cast<char*>(text.data()), static_cast<int>(text.size())};
  unsigned bits = 0;
  if (abi::parse_methods(&s, &bits) != 0) {
    log::write_for(log::level::debug, "parse_methods", "the core could not parse the methods (see its log)");
    return std::nullopt;
  }
  return method_set(bits);
}

namespace detail::msg {
/// Allow: every header parsed by the core's parse_allow; nullopt when the message has none, or one is
/// malformed (logged).
inline std::optional<method_set> parse_allow(abi::sip_msg* m) noexcept {
  parse_upto(m, abi::hdr_eoh_f);
  const abi::hdr_field* first = core_msg(m).allow;
  if (!first) return std::nullopt;
  bool all_parsed = abi::parse_allow(m) == 0;  // a second call after a failure answers 0: check every header
  for (const abi::hdr_field* h = first; h && all_parsed; h = h->sibling) all_parsed = h->parsed != nullptr;
  if (!all_parsed) {
    log::write_for(log::level::debug, "allow", "the core could not parse the Allow headers (see its log)");
    return std::nullopt;
  }
  return method_set(static_cast<const abi::allow_body*>(first->parsed)->allow_all);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
