// SPDX-License-Identifier: MIT
/// @file The dialog module's API, bound at mod_init: dialog callbacks (created, confirmed, terminated,
/// expired, failed, ...) with per-dialog state, the current dialog as a typed view, dialog values and
/// dialog profiles.
///
///     modsdk::dialog::binding dlg;                          // constant-initialised, at namespace scope
///     modsdk::dialog::profile calls{dlg, "calls"};          // modparam("dialog", "profiles_no_value", "calls")
///
///     struct call { unsigned started; };                    // per dialog, in shm: trivially copyable
///     void on_end(const modsdk::dialog::dialog_event& e, call& c) {
///       modsdk::log::info("{} ended after {}s", e.dialog().call_id(), now() - c.started);
///     }
///     void new_call(const modsdk::dialog::dialog_event& e) {
///       dlg.on<on_end>(e.dialog(), modsdk::dialog::event::terminated | modsdk::dialog::event::expired,
///                      call{now()});
///       calls.set(e.dialog());
///     }
///     modsdk::dialog::on_created<new_call> created{dlg};   // registered by the binding in mod_init
///
///     MODSDK_MODULE(new_module, modsdk::binds(dlg));
///
/// modsdk::binds(dlg) orders this module after dialog (the deps table) and binds `load_dlg` in mod_init,
/// then looks up every declared profile (search_profile) and registers every on_created callback; without
/// `loadmodule "dialog.so"`, or with a profile the script does not define, the start fails with one line
/// saying what to add. Before mod_init, or when the binding is not listed in binds(...), every call logs
/// an error and fails.
///
/// Callbacks: `F(const dialog_event&)` or, with a state, `F(const dialog_event&, T&)`, a function (or
/// captureless lambda) given as a template argument. They run in whichever process the dialog's event
/// happens in (often with the dialog locked: do not block), inside modsdk's exception firewall. The state T
/// is copied into shm when registering and freed by the dialog module when it frees the dialog: it must be
/// trivially copyable and is shared by the callbacks of one registration.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/dialog/binding.hpp>
#include <modsdk/dialog/created.hpp>
#include <modsdk/dialog/profile.hpp>
#include <modsdk/dialog/view.hpp>
