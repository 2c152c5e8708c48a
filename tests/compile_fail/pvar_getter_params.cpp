// SPDX-License-Identifier: MIT
// A getter takes nothing, the message, or the message and the key: anything else is refused.
// expect: modsdk: pvar<getter>: the getter takes nothing, (const modsdk::message&), or
#include <string_view>

#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

#ifdef MODSDK_CONTROL
int lookup(const modsdk::message&, const modsdk::pvar_key& k) { return static_cast<int>(k.name().size()); }
#else
int lookup(std::string_view name) { return static_cast<int>(name.size()); }
#endif
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<lookup>{"lookup"}));
