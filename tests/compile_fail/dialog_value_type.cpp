// SPDX-License-Identifier: MIT
// The dialog module stores text and integers: a dialog value is read as std::string or int.
// expect: modsdk: dialog.value<T>(dlg, name): T is std::string or int
#include <optional>
#include <string>

#include <modsdk/dialog.hpp>

namespace {
modsdk::dialog::binding dlg;
}  // namespace
#ifdef MODSDK_CONTROL
std::optional<int> f(const modsdk::dialog::view& d) { return dlg.value<int>(d, "credit"); }
#else
std::optional<double> f(const modsdk::dialog::view& d) { return dlg.value<double>(d, "credit"); }
#endif
