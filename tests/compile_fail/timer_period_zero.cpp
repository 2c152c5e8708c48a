// SPDX-License-Identifier: MIT
// A timer's constant period must be positive.
// expect: modsdk_timer_error_period_must_be_positive
#include <chrono>
#include <modsdk/module.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
void sweep() {}
#ifdef MODSDK_CONTROL
MODSDK_MODULE(zero_mod, modsdk::timers(modsdk::timer{"sweep", 1s, sweep}));
#else
MODSDK_MODULE(zero_mod, modsdk::timers(modsdk::timer{"sweep", 0s, sweep}));
#endif
