// SPDX-License-Identifier: MIT
/// @file The Event header as the core parsed it (`parse_event` into an `event_t`): the event package, the
/// core's id for it, and the parameters. Got from `message::event()` (the first Event header):
///
///     if (auto e = msg.event()) {                    // "Event: dialog;sla;id=7"
///       e->package();                                // "dialog"
///       e->id();                                     // modsdk::event_package::dialog_sla
///       e->param("id");                              // "7"
///     }
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/contact.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// The event packages the core knows (its EVENT_* ids); `other` for the rest. `reg` is known from 3.5 on
/// (3.4 gives it `other`); `dialog_sla` is "dialog" with "sla" as the first parameter.
enum class event_package : int {
  other = 0,
  presence = 1,
  presence_winfo = 2,
  sip_profile = 3,
  xcap_diff = 4,
  dialog = 5,
  message_summary = 6,
  dialog_sla = 7,
  call_info = 8,
  line_seize = 9,
  as_feature_event = 10,
  refer = 11,
  reg = 12,
};

/// A parsed Event header.
class event_header {
 public:
  explicit event_header(const abi::event_t& e) noexcept : e_(&e) {}
  /// The event package as written ("presence").
  std::string_view package() const noexcept { return detail::msg::view(e_->text); }
  /// The core's id for the package.
  event_package id() const noexcept { return static_cast<event_package>(e_->parsed); }
  /// The parameters after the package, in order, and looked up by name (case-insensitive).
  header_params params() const noexcept { return header_params(e_->params); }
  std::optional<std::string_view> param(std::string_view name) const noexcept { return params().find(name); }
  /// The core's event_t.
  const abi::event_t& raw() const noexcept { return *e_; }

 private:
  const abi::event_t* e_;
};

namespace detail::msg {
/// The first Event header parsed by the core (kept in the header); nullopt when absent or malformed (logged).
inline std::optional<event_header> parse_event(abi::sip_msg* m) noexcept {
  parse_upto(m, abi::hdr_flag(header_type::event));
  abi::hdr_field* h = core_msg(m).event;
  if (!h) return std::nullopt;
  if (abi::parse_event(h) != 0 || !h->parsed) {
    log::write_for(log::level::debug, "event", "the core could not parse the Event header (see its log)");
    return std::nullopt;
  }
  return event_header(*static_cast<const abi::event_t*>(h->parsed));
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
