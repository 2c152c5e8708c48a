// SPDX-License-Identifier: MIT
// ABI layer: the core services' constants, types and prototypes (abi/timer.hpp, abi/evi.hpp) against the
// facts printed from the real headers (shared research, abi-facts/opensips-<version>.txt). Every line checked
// here is the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 unless a comment says otherwise.
#include <type_traits>

#include <modsdk/abi/timer.hpp>

namespace abi = modsdk::abi;

// ---- timers (timer.h, config.h) ------------------------------------------------------------------------------
// sizeof.utime_t 8; typedef.utime_t typedef unsigned long long utime_t;
static_assert(sizeof(abi::utime_t) == 8 && std::is_same_v<abi::utime_t, unsigned long long>);
// const.TIMER_FLAG_IS_UTIMER 1, const.TIMER_FLAG_SKIP_ON_DELAY 2, const.TIMER_FLAG_DELAY_ON_DELAY 4
static_assert(abi::timer_flag_is_utimer == 1 && abi::timer_flag_skip_on_delay == 2 &&
              abi::timer_flag_delay_on_delay == 4);
// typedef.timer_function typedef void (timer_function)(unsigned int ticks, void *param);
static_assert(std::is_same_v<abi::timer_function, void(unsigned int, void*)>);
// typedef.utimer_function typedef void (utimer_function)(utime_t uticks, void *param);
static_assert(std::is_same_v<abi::utimer_function, void(unsigned long long, void*)>);
// proto.register_timer int register_timer(char *label, timer_function f, void *param, unsigned int interval,
//                                         unsigned short flags);
static_assert(std::is_same_v<decltype(&abi::register_timer),
                             int (*)(char*, abi::timer_function*, void*, unsigned int, unsigned short)>);
// proto.register_utimer int register_utimer(char *label, utimer_function f, void *param, unsigned int interval,
//                                           unsigned short flags);
static_assert(std::is_same_v<decltype(&abi::register_utimer),
                             int (*)(char*, abi::utimer_function*, void*, unsigned int, unsigned short)>);
// config.h: #define UTIMER_TICK 100*1000 (the same in the four releases; not a printed fact)
static_assert(abi::utimer_tick_us == 100000);

int main() { return 0; }
