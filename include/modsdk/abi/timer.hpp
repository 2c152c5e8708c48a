// SPDX-License-Identifier: MIT
// ABI layer: the core's timers (timer.h), the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1: the registration
// calls a module makes from mod_init, the handler types, the flags, and the utimer tick (config.h).
// Checked against the measured facts by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `utime_t`: microsecond ticks of the utimer clock.
using utime_t = unsigned long long;

/// `timer_function`: a second timer's handler (ticks: the core's second clock when it was due).
using timer_function = void(unsigned int ticks, void* param);
/// `utimer_function`: a utimer's handler (uticks: the core's microsecond clock when it was due).
using utimer_function = void(utime_t uticks, void* param);

inline constexpr unsigned short timer_flag_is_utimer = 1;       ///< TIMER_FLAG_IS_UTIMER (set by register_utimer)
inline constexpr unsigned short timer_flag_skip_on_delay = 2;   ///< TIMER_FLAG_SKIP_ON_DELAY
inline constexpr unsigned short timer_flag_delay_on_delay = 4;  ///< TIMER_FLAG_DELAY_ON_DELAY

/// UTIMER_TICK (config.h): the utimer clock advances by 100 ms; a utimer fires on its ticks.
inline constexpr unsigned long long utimer_tick_us = 100000;

extern "C" {
/// Registers a periodic second timer (interval in seconds); only from mod_init. Returns an id, <0 on error.
MODSDK_CORE_SYMBOL int register_timer(char* label, timer_function* f, void* param, unsigned int interval,
                                      unsigned short flags);
/// Registers a periodic microsecond timer (interval in microseconds); only from mod_init.
MODSDK_CORE_SYMBOL int register_utimer(char* label, utimer_function* f, void* param, unsigned int interval,
                                       unsigned short flags);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
