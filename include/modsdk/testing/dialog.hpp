// SPDX-License-Identifier: MIT
/// @file The fake dialog module of the test kit: what a module bound with modsdk::binds(dlg) talks to in a
/// test program, and the knobs that move its dialogs through the dialog module's callbacks.
///
///     modsdk::testing::core().load_module("dialog");               // load_dlg becomes available
///     auto& dm = modsdk::testing::dialog_module();
///     dm.define_profile("calls", false);                           // modparam("dialog", "profiles_no_value", ...)
///     REQUIRE(h.start());                                          // mod_init binds it, finds the profile
///     auto invite = modsdk::testing::sip_message::parse(text);
///     auto n = dm.create(invite);                                  // create_dialog(): CREATED callbacks
///     dm.confirm(*n, "b1");                                        // a 200 with To tag b1: CONFIRMED
///     dm.terminate(*n);                                            // a BYE: TERMINATED
///     dm.destroy(*n);                                              // DESTROY, then every state freed
///
/// Dialogs are numbered 0, 1, ... in creation order. The current dialog (get_dlg) is the one create() or
/// request_within() last named, until clear_current(). Callbacks of one dialog run newest registration first,
/// as the dialog module runs them.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

/// One dialog callback run: which dialog, which DLGCB_* bit.
struct dialog_fired {
  std::size_t dialog;
  int type;
  friend bool operator==(const dialog_fired&, const dialog_fired&) = default;
};

/// What the fake knows of one dialog.
struct dialog_info {
  std::string call_id, from_tag, to_tag;
  unsigned state = 0;              ///< DLG_STATE_*
  unsigned h_entry = 0, h_id = 0;  ///< its identity
  std::size_t callbacks = 0;       ///< callbacks registered on it and not yet released
  bool destroyed = false;          ///< destroy() ran
};

/// The fake dialog module (sr_module's `load_dlg` export of dialog.so). Reached with dialog_module().
class fake_dialog {
 public:
  /// Defines a profile, as modparam("dialog", "profiles_no_value"/"profiles_with_value", name) does.
  void define_profile(std::string_view name, bool with_value);
  /// Dialogs created so far (destroyed ones included).
  std::size_t size() const noexcept;
  std::optional<dialog_info> dialog(std::size_t n) const;
  /// Every callback run, oldest first.
  const std::vector<dialog_fired>& fired() const noexcept;
  /// The dialog's value `name` as the script's $dlg_val reads it (an int as its decimal text).
  std::optional<std::string> value(std::size_t n, std::string_view name) const;
  /// How many dialogs are in the profile (under `value` when given); 0 for an unknown profile.
  unsigned profile_size(std::string_view profile, std::optional<std::string_view> value = std::nullopt) const;

  // ---- driving a dialog (nullopt / false: no such live dialog, or the step does not apply) ------------
  /// create_dialog() on an initial INVITE: the dialog (unconfirmed, the current one), then the CREATED
  /// callbacks. nullopt for a request that is not an INVITE or has a To tag.
  std::optional<std::size_t> create(sip_message& invite);
  /// A 101-199 reply with a To tag: EARLY (once).
  bool early(std::size_t n, std::string_view to_tag, sip_message* reply = nullptr);
  /// A 2xx reply: the To tag recorded, state confirmed, CONFIRMED (once).
  bool confirm(std::size_t n, std::string_view to_tag, sip_message* reply = nullptr);
  /// A 3xx-6xx final reply to the INVITE: FAILED, state deleted, out of every profile.
  bool fail(std::size_t n, sip_message* reply = nullptr);
  /// A sequential request (re-INVITE, INFO ...) matched to the dialog: it becomes current, REQ_WITHIN.
  bool request_within(std::size_t n, sip_message& request);
  /// A BYE (given: it becomes current): TERMINATED, state deleted, out of every profile.
  bool terminate(std::size_t n, sip_message* bye = nullptr);
  /// The lifetime ran out: EXPIRED, state deleted, out of every profile.
  bool expire(std::size_t n);
  /// The dialog is freed: DESTROY, then the release of every callback's state.
  bool destroy(std::size_t n);
  /// get_dlg() returns nothing from now on (a request without a dialog).
  void clear_current() noexcept;
  /// destroy() of every live dialog.
  void destroy_all();
};

/// The fake dialog module of this program (loaded with core().load_module("dialog")).
fake_dialog& dialog_module() noexcept;

}  // namespace testing
MODSDK_END_NAMESPACE
