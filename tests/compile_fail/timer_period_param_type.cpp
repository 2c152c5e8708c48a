// SPDX-License-Identifier: MIT
// A period taken from a module parameter needs a parameter holding a std::chrono duration (its unit).
// expect: modsdk: a timer's period parameter must be a modsdk::param of a std::chrono duration
#include <chrono>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
void sweep() {}
#ifdef MODSDK_CONTROL
modsdk::param<std::chrono::seconds> interval{"interval", 10s};
#else
modsdk::param<int> interval{"interval", 10};
#endif
MODSDK_MODULE(param_mod, modsdk::params(interval), modsdk::timers(modsdk::timer{"sweep", interval, sweep}));
