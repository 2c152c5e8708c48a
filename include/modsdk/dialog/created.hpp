// SPDX-License-Identifier: MIT
/// @file The module-wide `created` dialog callback (modsdk/dialog.hpp): declared next to the binding,
/// registered by it in mod_init (the dialog module takes DLGCB_CREATED only then, for every process).
///
///     void new_call(const modsdk::dialog::dialog_event& e) { dlg.on<on_end>(e.dialog(), event::terminated); }
///     modsdk::dialog::on_created<new_call> created{dlg};
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/dialog/binding.hpp>
#include <modsdk/dialog/view.hpp>

MODSDK_BEGIN_NAMESPACE
namespace dialog {

/// Calls `F(const dialog_event&)` for every dialog created (event::created), from the INVITE's process.
/// Register per-dialog callbacks (binding::on) from there.
template <auto F>
class on_created {
  static_assert(detail::plain_callback<F>,
                "modsdk: dialog::on_created<F>: F must be callable as F(const modsdk::dialog::dialog_event&)");

 public:
  /// Declares the callback against the binding `b` (at namespace scope); b registers it in mod_init.
  explicit on_created(binding& b) noexcept : link_{&detail::plain_trampoline<F>} {
    link_.next = b.created_;
    b.created_ = &link_;
  }
  on_created(const on_created&) = delete;
  on_created& operator=(const on_created&) = delete;

 private:
  detail::created_link link_;
};

}  // namespace dialog
MODSDK_END_NAMESPACE
