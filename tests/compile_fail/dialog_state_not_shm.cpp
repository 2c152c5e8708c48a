// SPDX-License-Identifier: MIT
// Per-dialog state lives in shm and is read by other processes: no std::string (a process heap).
// expect: its type must be trivially copyable
#include <string>

#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
#ifdef MODSDK_CONTROL
struct note {
  char text[32];
};
#else
struct note {
  std::string text;
};
#endif
void on_end(const modsdk::dialog::dialog_event&, note&) {}
}  // namespace
bool f(const modsdk::dialog::view& d) { return dlg.on<on_end>(d, modsdk::dialog::event::terminated, note{}); }
