// SPDX-License-Identifier: MIT
// ABI layer: the core services' constants, types and prototypes (abi/timer.hpp, abi/evi.hpp) against the
// facts printed from the real headers (shared research, abi-facts/opensips-<version>.txt). Every line checked
// here is the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 unless a comment says otherwise.
#include <type_traits>

#include <cstddef>

#include <modsdk/abi/evi.hpp>
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

// ---- events (evi/event_interface.h, evi/evi_params.h) ---------------------------------------------------------
// sizeof.event_id_t 4; typedef.event_id_t typedef int event_id_t;
static_assert(std::is_same_v<abi::event_id, int>);
// sizeof.evi_param_t 48; offsetof.evi_param_t.flags 0, .val 8, .val.n 8, .val.s 8, .name 24, .next 40
static_assert(sizeof(abi::evi_param) == 48);
static_assert(offsetof(abi::evi_param, flags) == 0 && offsetof(abi::evi_param, val) == 8);
static_assert(offsetof(abi::evi_param, val.n) == 8 && offsetof(abi::evi_param, val.s) == 8);
static_assert(offsetof(abi::evi_param, name) == 24 && offsetof(abi::evi_param, next) == 40);
// sizeof.evi_params_t 24; offsetof.evi_params_t.flags 0, .first 8, .last 16
static_assert(sizeof(abi::evi_params) == 24);
static_assert(offsetof(abi::evi_params, flags) == 0 && offsetof(abi::evi_params, first) == 8 &&
              offsetof(abi::evi_params, last) == 16);
// const.EVI_INT_VAL 1, const.EVI_STR_VAL 2, const.EVI_FREE_LIST -2147483648, const.EVI_ERROR -1,
// const.MAX_EVENT_NAME 64
static_assert(abi::evi_int_val == 1 && abi::evi_str_val == 2 && abi::evi_free_list == -2147483647 - 1 &&
              abi::evi_error == -1 && abi::max_event_name == 64);
// proto.evi_publish_event event_id_t evi_publish_event(str event_name);
static_assert(std::is_same_v<decltype(&abi::evi_publish_event), int (*)(abi::str)>);
// proto.evi_raise_event int evi_raise_event(event_id_t id, evi_params_t *params);
static_assert(std::is_same_v<decltype(&abi::evi_raise_event), int (*)(int, abi::evi_params*)>);
// proto.evi_probe_event int evi_probe_event(event_id_t id);
static_assert(std::is_same_v<decltype(&abi::evi_probe_event), int (*)(int)>);
// proto.evi_get_params evi_params_p evi_get_params(void);
static_assert(std::is_same_v<decltype(&abi::evi_get_params), abi::evi_params* (*)()>);
// proto.evi_param_add int evi_param_add(evi_params_p list, const str *name, const void *param, int flags);
// (evi_param_add_int/_str are macros over it: macro.evi_param_add_int ... EVI_INT_VAL)
static_assert(
    std::is_same_v<decltype(&abi::evi_param_add), int (*)(abi::evi_params*, const abi::str*, const void*, int)>);
// proto.evi_free_params void evi_free_params(evi_params_p);
static_assert(std::is_same_v<decltype(&abi::evi_free_params), void (*)(abi::evi_params*)>);

int main() { return 0; }
