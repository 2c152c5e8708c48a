// SPDX-License-Identifier: MIT
// A profile without values (profiles_no_value) takes no value: set(dlg), not set(dlg, value).
// expect: modsdk: profile.set(dlg, value): this modsdk::dialog::profile has no values (profiles_no_value)
#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
modsdk::dialog::profile calls{dlg, "calls"};
}  // namespace
#ifdef MODSDK_CONTROL
bool f(const modsdk::dialog::view& d) { return calls.set(d); }
#else
bool f(const modsdk::dialog::view& d) { return calls.set(d, "alice"); }
#endif
