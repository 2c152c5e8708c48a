// SPDX-License-Identifier: MIT
// A profile with values (profiles_with_value) is set under a value: set(dlg, value), not set(dlg).
// expect: modsdk: profile.set(dlg): a modsdk::dialog::profile_with_value needs the value: set(dlg, value)
#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
modsdk::dialog::profile_with_value per_caller{dlg, "caller"};
}  // namespace
#ifdef MODSDK_CONTROL
bool f(const modsdk::dialog::view& d) { return per_caller.set(d, d.from_uri()); }
#else
bool f(const modsdk::dialog::view& d) { return per_caller.set(d); }
#endif
