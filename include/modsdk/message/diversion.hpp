// SPDX-License-Identifier: MIT
/// @file Diversion (RFC 5806) and Refer-To (RFC 3515) as the core parsed them: `parse_diversion_header` (the
/// first Diversion header, a list of name-addrs in a `to_body` chain) and `parse_refer_to_header` (one
/// name-addr). Got from `message::diversions()` and `request::refer_to()` (a name_addr, name_addr.hpp):
///
///     if (auto d = msg.diversions())     // "Diversion: <sip:bob@x>;reason=user-busy;counter=1, <sip:carol@x>"
///       for (modsdk::diversion hop : *d) hop.reason();     // "user-busy", then nullopt
///     if (auto to = req.refer_to()) to->uri_text();        // "Refer-To: <sip:carol@x?Replaces=...>"
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <charconv>
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/message/identity.hpp>
#include <modsdk/message/name_addr.hpp>

MODSDK_BEGIN_NAMESPACE

/// One diversion of a Diversion header: a name_addr (display name, URI, parameters) with the RFC 5806 ones.
class diversion : public name_addr {
 public:
  explicit diversion(const abi::to_body& body) noexcept : name_addr(body) {}
  /// The reason parameter ("unconditional", "user-busy", ...; without its quotes), nullopt when absent.
  std::optional<std::string_view> reason() const noexcept { return param("reason"); }
  /// The counter parameter, nullopt when absent or not a number.
  std::optional<std::uint32_t> counter() const noexcept {
    auto c = param("counter");
    std::uint32_t v = 0;
    if (!c || c->empty()) return std::nullopt;
    const auto [end, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
    if (ec != std::errc{} || end != c->data() + c->size()) return std::nullopt;
    return v;
  }
};

/// The diversions of the first Diversion header, in order (the most recent first): a forward range of
/// diversion. Empty when the message has no Diversion header.
using diversion_list = detail::msg::to_body_list<diversion>;

MODSDK_END_NAMESPACE
