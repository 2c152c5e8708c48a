// SPDX-License-Identifier: MIT
// A computed statistic's function returns an integer (the core's stat_function returns unsigned long).
// expect: modsdk: register_computed_stat<F>: F is a function
#include <string>

#include <modsdk/dynamic_stats.hpp>

#ifdef MODSDK_CONTROL
unsigned long queued() { return 1; }
#else
std::string queued() { return "1"; }
#endif
bool init() { return modsdk::register_computed_stat<queued>("queued"); }
