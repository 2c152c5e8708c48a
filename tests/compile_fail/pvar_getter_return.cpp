// SPDX-License-Identifier: MIT
// A getter gives the script an int, text or NULL: a double is refused (the core's values are int or string).
// expect: modsdk: pvar<getter>: the getter returns int
#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

#ifdef MODSDK_CONTROL
int load() { return 1; }
#else
double load() { return 0.5; }
#endif
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<load>{"load"}));
