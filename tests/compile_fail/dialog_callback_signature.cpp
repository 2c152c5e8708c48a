// SPDX-License-Identifier: MIT
// A per-dialog callback takes the dialog_event (and the state, when one is given).
// expect: modsdk: dialog.on<F>(dlg, events): F must be callable as F(const modsdk::dialog::dialog_event&)
#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
#ifdef MODSDK_CONTROL
void on_end(const modsdk::dialog::dialog_event&) {}
#else
void on_end(int state) { (void)state; }
#endif
}  // namespace
bool f(const modsdk::dialog::view& d) { return dlg.on<on_end>(d, modsdk::dialog::event::terminated); }
