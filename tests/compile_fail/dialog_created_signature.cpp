// SPDX-License-Identifier: MIT
// The module-wide created callback takes the dialog_event; it cannot take a per-dialog state.
// expect: modsdk: dialog::on_created<F>: F must be callable as F(const modsdk::dialog::dialog_event&)
#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
struct call {
  int n;
};
#ifdef MODSDK_CONTROL
void new_call(const modsdk::dialog::dialog_event&) {}
#else
void new_call(const modsdk::dialog::dialog_event&, call&) {}
#endif
modsdk::dialog::on_created<new_call> created{dlg};
}  // namespace
