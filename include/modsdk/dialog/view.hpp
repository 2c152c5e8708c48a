// SPDX-License-Identifier: MIT
/// @file The dialog as a callback or a request sees it (modsdk/dialog.hpp): the dialog's events, its state,
/// a typed view of a `struct dlg_cell` (call-id, tags, URIs, state, its h_entry/h_id identity) and what a
/// dialog callback is told.
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/dialog.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace dialog {

/// A dialog event a callback can wait for (DLGCB_*). `created` is module-wide (modsdk::dialog::on_created);
/// the others are per dialog (binding::on).
enum class event : int {
  created = abi::dlgcb_created,                    ///< a dialog was created (module-wide, not per dialog)
  failed = abi::dlgcb_failed,                      ///< the INVITE got a 3xx-6xx final reply
  confirmed = abi::dlgcb_confirmed,                ///< a 2xx answered the INVITE
  request_within = abi::dlgcb_req_within,          ///< a sequential request of the dialog arrived
  terminated = abi::dlgcb_terminated,              ///< a BYE (or an API/MI termination) ended the dialog
  expired = abi::dlgcb_expired,                    ///< the dialog's lifetime ran out
  early = abi::dlgcb_early,                        ///< a 101-199 reply made the dialog early
  response_forwarded = abi::dlgcb_response_fwded,  ///< a reply to the INVITE is about to be relayed
  response_within = abi::dlgcb_response_within,    ///< a reply to a sequential request is about to be relayed
  destroy = abi::dlgcb_destroy,                    ///< the dialog is about to be freed
};

/// A set of events: `event::confirmed | event::terminated`.
class events {
 public:
  constexpr events(event e) noexcept : bits_(static_cast<int>(e)) {}  // NOLINT(google-explicit-constructor)
  constexpr int bits() const noexcept { return bits_; }
  constexpr bool contains(event e) const noexcept { return (bits_ & static_cast<int>(e)) != 0; }
  friend constexpr events operator|(events a, events b) noexcept { return events(a.bits_ | b.bits_); }
  friend constexpr bool operator==(events, events) = default;

 private:
  constexpr explicit events(int b) noexcept : bits_(b) {}
  int bits_;
};
constexpr events operator|(event a, event b) noexcept { return events(a) | events(b); }

/// A dialog's state (DLG_STATE_*).
enum class state : unsigned {
  unconfirmed = abi::dlg_state_unconfirmed,           ///< INVITE seen, no reply with a to-tag yet
  early = abi::dlg_state_early,                       ///< a provisional reply with a to-tag
  confirmed_not_acked = abi::dlg_state_confirmed_na,  ///< 2xx sent, ACK not yet seen
  confirmed = abi::dlg_state_confirmed,               ///< 2xx and ACK
  deleted = abi::dlg_state_deleted,                   ///< ended (BYE, failure, expiry)
};

/// Which way a message of the dialog goes (DLG_DIR_*).
enum class direction : unsigned {
  none = abi::dlg_dir_none,
  downstream = abi::dlg_dir_downstream,  ///< caller to callee
  upstream = abi::dlg_dir_upstream,      ///< callee to caller
};

/// A dialog's identity in the dialog module's table (the two numbers of its dialog id).
struct dialog_id {
  unsigned int h_entry = 0;
  unsigned int h_id = 0;
  friend constexpr bool operator==(dialog_id, dialog_id) = default;
};

/// A dialog (a view of the dialog module's `struct dlg_cell`). Valid while the callback or the request that
/// gave it runs: keep its id or call-id, not the view.
class view {
 public:
  explicit view(abi::dlg_cell* d) noexcept : d_(d) {}

  /// The Call-ID.
  std::string_view call_id() const noexcept { return sv(d_->callid); }
  /// The caller's tag (the INVITE's From tag).
  std::string_view from_tag() const noexcept { return leg_tag(abi::dlg_caller_leg); }
  /// The callee's tag (the To tag of the answering leg); empty before a reply with a to-tag.
  std::string_view to_tag() const noexcept {
    const unsigned char answered = d_->legs_no[abi::dlg_leg_200ok];
    return leg_tag(answered == 0 ? abi::dlg_first_callee_leg : answered);
  }
  /// The From URI of the INVITE.
  std::string_view from_uri() const noexcept { return sv(d_->from_uri); }
  /// The To URI of the INVITE.
  std::string_view to_uri() const noexcept { return sv(d_->to_uri); }
  /// The dialog's state now.
  modsdk::dialog::state state() const noexcept { return static_cast<modsdk::dialog::state>(d_->state); }
  /// Its identity in the dialog table (h_entry, h_id).
  dialog_id id() const noexcept { return {d_->h_entry, d_->h_id}; }
  /// The dialog module's cell, for what modsdk does not wrap.
  abi::dlg_cell* raw() const noexcept { return d_; }

 private:
  static std::string_view sv(const abi::str& s) noexcept {
    return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
  }
  std::string_view leg_tag(int leg) const noexcept {
    if (!d_->legs || leg >= d_->legs_no[abi::dlg_legs_used]) return {};
    return sv(d_->legs[leg].tag);
  }
  abi::dlg_cell* d_;
};

/// What a dialog callback is told.
class dialog_event {
 public:
  dialog_event(abi::dlg_cell* d, int type, const abi::dlg_cb_params* p) noexcept : d_(d), type_(type), p_(p) {}
  /// The event that fired (one of those registered).
  event type() const noexcept { return static_cast<event>(type_); }
  /// The dialog.
  view dialog() const noexcept { return view(d_); }
  /// The SIP message that caused the event (the INVITE, a reply, the BYE ...); nullopt when none (an expiry).
  std::optional<message> msg() const noexcept {
    if (!p_ || !p_->msg) return std::nullopt;
    return message(p_->msg);
  }
  /// Which way the message goes.
  modsdk::dialog::direction direction() const noexcept {
    return p_ ? static_cast<modsdk::dialog::direction>(p_->direction) : modsdk::dialog::direction::none;
  }
  /// The core's parameters, for what modsdk does not wrap.
  const abi::dlg_cb_params* raw() const noexcept { return p_; }

 private:
  abi::dlg_cell* d_;
  int type_;
  const abi::dlg_cb_params* p_;
};

}  // namespace dialog
MODSDK_END_NAMESPACE
