// SPDX-License-Identifier: MIT
/// @file The typed views of the headers the core has a parser for besides From/To, Via, CSeq and Contact:
/// Expires, Route / Record-Route / Path, P-Asserted-Identity / P-Preferred-Identity, Remote-Party-ID,
/// Supported / Require / Proxy-Require / Unsupported, Allow, Event, Privacy, Session-Expires / Min-SE and
/// Diversion as members of modsdk::message, Refer-To of modsdk::request:
///
///     msg.expires();                    // std::optional<std::uint32_t>: "Expires: 3600" -> 3600
///     for (auto hop : *msg.routes()) hop.uri_text();         // route.hpp
///     msg.asserted_identities();        // identity.hpp     msg.remote_party_id(); // name_addr.hpp
///     msg.supported()->has(modsdk::option_tag::timer);       // option_tags.hpp
///     msg.allow()->contains(modsdk::sip_method::invite);     // method_set.hpp
///     msg.event()->id();                // event.hpp
///     msg.privacy()->has(modsdk::privacy_value::id);         // privacy.hpp
///     msg.session_expires()->refresher();  msg.min_se();     // session_timer.hpp
///     for (modsdk::diversion d : *msg.diversions()) d.reason();   // diversion.hpp
///     req.refer_to()->uri_text();       // a name_addr (a request's only)
///
/// modsdk::parse_params(text) and modsdk::parse_methods(text) read any text (parsed_params.hpp, method_set.hpp).
/// Each goes through the core's own parser, once: the core keeps the result in the header (hdr->parsed) and
/// frees it with the message. A header that fails to parse gives nullopt and the core's log line.
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/diversion.hpp>
#include <modsdk/message/event.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/identity.hpp>
#include <modsdk/message/method_set.hpp>
#include <modsdk/message/name_addr.hpp>
#include <modsdk/message/option_tags.hpp>
#include <modsdk/message/parsed_params.hpp>
#include <modsdk/message/privacy.hpp>
#include <modsdk/message/route.hpp>
#include <modsdk/message/session_timer.hpp>

MODSDK_BEGIN_NAMESPACE

/// The parsed-header accessors of modsdk::message (a base of it: `Msg` is message).
template <class Msg>
class parsed_headers {
 public:
  /// The first Expires header's seconds (the core's parse_expires), or nullopt when absent or not a number.
  std::optional<std::uint32_t> expires() const noexcept {
    detail::msg::parse_upto(m(), abi::hdr_flag(header_type::expires));
    abi::hdr_field* h = detail::msg::core_msg(m()).expires;
    if (!h) return std::nullopt;
    if (abi::parse_expires(h) != 0 || !h->parsed) {
      log::write_for(log::level::debug, "expires", "the core could not parse the Expires header (see its log)");
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(static_cast<const abi::exp_body*>(h->parsed)->val);
  }
  /// Every hop of the Route / Record-Route / Path headers (the core's parse_rr), in order: an empty list when
  /// there is none, nullopt when one is malformed (the core logs why).
  std::optional<route_list> routes() const noexcept { return rr_of(header_type::route, "routes"); }
  std::optional<route_list> record_routes() const noexcept { return rr_of(header_type::record_route, "record_routes"); }
  std::optional<route_list> path() const noexcept { return rr_of(header_type::path, "path"); }
  /// The identities of the first P-Asserted-Identity / P-Preferred-Identity header (parse_pai_header /
  /// parse_ppi_header): empty when there is none, nullopt when it is malformed (the core logs why).
  std::optional<identity_list> asserted_identities() const noexcept {
    return identities(header_type::p_asserted_identity, &detail::msg::layout::pai, abi::parse_pai_header,
                      "asserted_identities");
  }
  std::optional<identity_list> preferred_identities() const noexcept {
    return identities(header_type::p_preferred_identity, &detail::msg::layout::ppi, abi::parse_ppi_header,
                      "preferred_identities");
  }
  /// The first Remote-Party-ID header (parse_rpid_header), or nullopt when absent or malformed.
  std::optional<name_addr> remote_party_id() const noexcept {
    auto b = detail::msg::parsed_identity(m(), header_type::remote_party_id, &detail::msg::layout::rpid,
                                          abi::parse_rpid_header, "remote_party_id");
    if (!b || !*b) return std::nullopt;
    return name_addr(**b);
  }
  /// The option tags of every Supported header (parse_supported) / Require / Proxy-Require / Unsupported
  /// header; nullopt when the message has none.
  std::optional<option_tags> supported() const noexcept {
    return detail::msg::parse_supported(m(), self().headers(header_type::supported));
  }
  std::optional<option_tags> required() const noexcept {
    return detail::msg::parse_option_tags(self().headers("Require"));
  }
  std::optional<option_tags> proxy_required() const noexcept {
    return detail::msg::parse_option_tags(self().headers(header_type::proxy_require));
  }
  std::optional<option_tags> unsupported() const noexcept {
    return detail::msg::parse_option_tags(self().headers(header_type::unsupported));
  }
  /// The methods of every Allow header (parse_allow); nullopt when absent or malformed (the core logs why).
  std::optional<method_set> allow() const noexcept { return detail::msg::parse_allow(m()); }
  /// The first Event header (parse_event); nullopt when absent or malformed (the core logs why).
  std::optional<event_header> event() const noexcept { return detail::msg::parse_event(m()); }
  /// The priv-values of the first Privacy header (parse_privacy); nullopt when absent or malformed.
  std::optional<privacy_values> privacy() const noexcept { return detail::msg::parse_privacy(m()); }
  /// The first Session-Expires header (parse_session_expires): interval and refresher; nullopt when absent or
  /// malformed (the core logs why).
  std::optional<session_timer> session_expires() const noexcept { return detail::msg::parse_session_expires(m()); }
  /// The first Min-SE header's seconds (parse_min_se); nullopt when absent or not a number (logged).
  std::optional<std::uint32_t> min_se() const noexcept { return detail::msg::parse_min_se(m()); }
  /// The diversions of the first Diversion header (parse_diversion_header): empty when there is none, nullopt
  /// when it is malformed (the core logs why).
  std::optional<diversion_list> diversions() const noexcept {
    auto b = detail::msg::parsed_identity(m(), header_type::diversion, &detail::msg::layout::diversion,
                                          abi::parse_diversion_header, "diversions");
    if (!b) return std::nullopt;
    return diversion_list(*b);
  }

 private:
  const Msg& self() const noexcept { return static_cast<const Msg&>(*this); }
  abi::sip_msg* m() const noexcept { return self().raw(); }
  std::optional<route_list> rr_of(header_type t, const char* what) const noexcept {
    return detail::msg::parse_routes(self().headers(t), what);
  }
  std::optional<identity_list> identities(header_type t, abi::hdr_field* detail::msg::layout::*shortcut,
                                          int (*parse)(abi::sip_msg*), const char* what) const noexcept {
    auto b = detail::msg::parsed_identity(m(), t, shortcut, parse, what);
    if (!b) return std::nullopt;
    return identity_list(*b);
  }
};

/// The parsed-header accessors of modsdk::request only (a base of it: `Req` is request).
template <class Req>
class request_parsed_headers {
 public:
  /// The Refer-To header (parse_refer_to_header; REFER requests carry one), or nullopt when absent or
  /// malformed (the core logs why).
  std::optional<name_addr> refer_to() const noexcept {
    auto b = detail::msg::parsed_identity(static_cast<const Req&>(*this).raw(), header_type::refer_to,
                                          &detail::msg::layout::refer_to, abi::parse_refer_to_header, "refer_to");
    if (!b || !*b) return std::nullopt;
    return name_addr(**b);
  }
};

MODSDK_END_NAMESPACE
