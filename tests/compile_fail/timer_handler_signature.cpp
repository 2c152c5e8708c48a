// SPDX-License-Identifier: MIT
// A timer's handler takes nothing and returns nothing.
// expect: modsdk: a timer's handler is a function `void handler()`
#include <chrono>
#include <modsdk/module.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
#ifdef MODSDK_CONTROL
void sweep() {}
#else
int sweep(int ticks) { return ticks; }
#endif
MODSDK_MODULE(sig_mod, modsdk::timers(modsdk::timer{"sweep", 1s, sweep}));
