// SPDX-License-Identifier: MIT
// A setter's value is int, std::string_view or a std::optional of one: a std::string parameter is refused.
// expect: modsdk: pvar<getter, setter>: the setter's value is int, std::string_view
#include <string>
#include <string_view>

#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

std::string current;
std::string_view get() { return current; }
#ifdef MODSDK_CONTROL
void set(modsdk::message&, std::string_view v) { current = std::string(v); }
#else
void set(modsdk::message&, std::string v) { current = std::move(v); }
#endif
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<get, set>{"current"}));
