// SPDX-License-Identifier: MIT
// A computed statistic declared in modsdk::stats(...) reads a function returning an integer (the core's
// stat_function returns unsigned long).
// expect: modsdk: computed<F>: F is a function
#include <string>

#include <modsdk/stats.hpp>

#ifdef MODSDK_CONTROL
unsigned long queued() { return 1; }
#else
std::string queued() { return "1"; }
#endif
constinit modsdk::computed<queued> queued_now{"queued"};
