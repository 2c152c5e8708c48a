// SPDX-License-Identifier: MIT
// Two variables of one module with the same name: the core would keep the first and log the second.
// expect: modsdk: pvars(...): two pseudo-variables have the same name
#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

int a() { return 1; }
int b() { return 2; }
#ifdef MODSDK_CONTROL
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<a>{"a"}, modsdk::pvar<b>{"b"}));
#else
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<a>{"a"}, modsdk::pvar<b>{"a"}));
#endif
