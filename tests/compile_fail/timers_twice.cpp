// SPDX-License-Identifier: MIT
// All timers of a module go in one modsdk::timers(...) section.
// expect: modsdk: MODSDK_MODULE takes each of timers/events/avps at most once
#include <chrono>
#include <modsdk/module.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
void a() {}
void b() {}
#ifdef MODSDK_CONTROL
MODSDK_MODULE(twice_mod, modsdk::timers(modsdk::timer{"a", 1s, a}, modsdk::timer{"b", 2s, b}));
#else
MODSDK_MODULE(twice_mod, modsdk::timers(modsdk::timer{"a", 1s, a}), modsdk::timers(modsdk::timer{"b", 2s, b}));
#endif
