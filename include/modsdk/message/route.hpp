// SPDX-License-Identifier: MIT
/// @file Route, Record-Route and Path headers as the core parsed them (`parse_rr` into an `rr_t` list per
/// header): every hop of every header of the kind, in message order, with its URI and parameters. Got from
/// `message::routes()`, `message::record_routes()` and `message::path()`:
///
///     if (auto rs = msg.routes()) {
///       for (modsdk::route_hop hop : *rs) {          // "Route: <sip:p1;lr>, <sip:p2;lr>" gives two hops
///         hop.uri_text();                            // "sip:p1;lr" (without the <>)
///         hop.loose_routing();                       // the URI has ;lr
///         hop.param("x");                            // a parameter after the '>'
///       }
///       if (!rs->empty()) (*rs->begin()).uri();      // the next hop, parsed by the core's parse_uri
///     }
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/contact.hpp>
#include <modsdk/message/header_chain.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/uri.hpp>

MODSDK_BEGIN_NAMESPACE

/// One hop of a Route / Record-Route / Path header.
class route_hop {
 public:
  explicit route_hop(const abi::rr& r) noexcept : r_(&r) {}
  /// The display name as written (trimmed, quotes kept), empty when absent (it rarely is present).
  std::string_view display() const noexcept {
    std::string_view d = detail::msg::view(r_->nameaddr.name);
    while (!d.empty() && (d.back() == ' ' || d.back() == '\t')) d.remove_suffix(1);
    return d;
  }
  /// The URI as written, without the <>.
  std::string_view uri_text() const noexcept { return detail::msg::view(r_->nameaddr.uri); }
  /// The URI parsed by the core's parse_uri(); nullopt when it is not one.
  std::optional<modsdk::uri> uri() const noexcept { return modsdk::uri::parse(uri_text()); }
  /// True when the URI carries the `lr` parameter (a loose router, RFC 3261); false when it has none or
  /// does not parse.
  bool loose_routing() const noexcept {
    auto u = uri();
    return u && u->param("lr").has_value();
  }
  /// The hop's parameters after the '>', in order, and looked up by name (case-insensitive).
  header_params params() const noexcept { return header_params(r_->params); }
  std::optional<std::string_view> param(std::string_view name) const noexcept { return params().find(name); }
  /// The core's rr_t.
  const abi::rr& raw() const noexcept { return *r_; }

 private:
  const abi::rr* r_;
};

namespace detail::msg {
inline const abi::rr* first_hop(const void* parsed) noexcept { return static_cast<const abi::rr*>(parsed); }
}  // namespace detail::msg

/// Every hop of the Route (or Record-Route, or Path) headers of a message, in message order: a forward range
/// of route_hop. Every header was parsed by the core when the list was made.
class route_list : public detail::msg::header_chain<abi::rr, route_hop, detail::msg::first_hop> {
 public:
  using header_chain::header_chain;
};

namespace detail::msg {
/// Has the core parse every header of `headers` with parse_rr (kept in the header, freed by the core with the
/// message); nullopt, logged, when one is malformed.
inline std::optional<route_list> parse_routes(const header_range& headers, const char* what) noexcept {
  for (header_field h : headers)
    if (abi::parse_rr(const_cast<abi::hdr_field*>(h.raw)) < 0 || !h.raw->parsed) {
      log::write_for(log::level::debug, what, "the core could not parse the header (see its log)");
      return std::nullopt;
    }
  return route_list(headers);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
