// SPDX-License-Identifier: MIT
// A millisecond timer's period must be a multiple of the core's 100 ms utimer tick (checked at compile time).
// expect: modsdk_timer_error_millisecond_period_must_be_a_multiple_of_100ms_the_core_utimer_tick
#include <chrono>
#include <modsdk/module.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
void poll() {}
#ifdef MODSDK_CONTROL
MODSDK_MODULE(tick_mod, modsdk::timers(modsdk::timer{"poll", 200ms, poll}));
#else
MODSDK_MODULE(tick_mod, modsdk::timers(modsdk::timer{"poll", 50ms, poll}));
#endif
