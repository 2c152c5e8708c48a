// SPDX-License-Identifier: MIT
/// @file Timers: functions the core runs periodically in its timer processes.
///
///     using namespace std::chrono_literals;
///     void expire_cache() { cache.drop_older_than(60s); }
///     void poll_queue() { queue.poll(); }
///     modsdk::param<std::chrono::seconds> sync_interval{"sync_interval", 30s};
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::params(sync_interval),
///         modsdk::timers(modsdk::timer{"cache-expire", 10s, expire_cache},
///                        modsdk::timer{"queue-poll", 200ms, poll_queue, modsdk::on_delay::skip},
///                        modsdk::timer{"sync", sync_interval, sync_now}));
///
/// The period's type picks the core's timer: whole seconds or coarser (`std::chrono::seconds`, `minutes`)
/// make a second timer (register_timer), `milliseconds` (or finer) a millisecond timer (register_utimer),
/// whose period must be a multiple of the core's 100 ms utimer tick. A constant period is checked at
/// compile time; a period read from a modparam (`modsdk::param<D>` of a std::chrono duration) is checked in
/// mod_init, where 0 leaves the timer off. The timers are registered in mod_init, the only time the core
/// takes them, after the module's parameters are checked; no other registration exists.
///
/// The handler is `void()`: it runs in one of the core's timer processes, never in a SIP worker; successive
/// runs of one timer may execute in different timer processes, so state kept across runs belongs in
/// modsdk::shared<T>, not in a plain global. An exception escaping it is logged
/// and the timer keeps running; a run longer than the period is logged as a warning. `on_delay` says what
/// the core does when a run is due while the previous one is still running (TIMER_FLAG_*_ON_DELAY).
#pragma once
#include <chrono>
#include <cstddef>
#include <modsdk/config.hpp>
#include <ratio>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/timer.hpp>
#include <modsdk/impl/timers.hpp>
#include <modsdk/params.hpp>

MODSDK_BEGIN_NAMESPACE

/// What the core does when a timer is due again while its previous run has not finished.
enum class on_delay : unsigned short {
  overlap = 0,                             ///< run it again anyway, in another timer process (the core's default)
  skip = abi::timer_flag_skip_on_delay,    ///< skip this run; the next is one period later
  delay = abi::timer_flag_delay_on_delay,  ///< run it as soon as the previous run ends (runs merge)
};

namespace detail {
// Named so that the compiler's error names the problem when a constant period is refused.
void modsdk_timer_error_period_must_be_positive();
void modsdk_timer_error_millisecond_period_must_be_a_multiple_of_100ms_the_core_utimer_tick();
void modsdk_timer_error_period_too_long_for_the_core();
void modsdk_timer_error_name_must_not_be_empty();

template <class D>
struct timer_duration : std::false_type {};
template <class R, class P>
struct timer_duration<std::chrono::duration<R, P>> : std::bool_constant<std::is_integral_v<R>> {};

/// Whether a period of type D makes a millisecond timer (finer than a second) rather than a second timer.
template <class D>
inline constexpr bool is_utimer_period = std::ratio_less_v<typename D::period, std::ratio<1>>;

template <class D>
long long param_period_us(const void* p) {
  return std::chrono::duration_cast<std::chrono::microseconds>(static_cast<const param<D>*>(p)->get()).count();
}
template <class D>
std::string_view param_period_name(const void* p) {
  return static_cast<const param<D>*>(p)->name();
}
}  // namespace detail

/// One periodic timer: a name (the core's label, shown in its timer warnings), a period (a constant
/// std::chrono duration, or a modsdk::param holding one), the handler `void()` (a function or a lambda
/// without captures), and the on_delay policy.
struct timer : detail::timer_spec {
  template <class R, class P, class F>
  consteval timer(const char* name, std::chrono::duration<R, P> period, F handler, on_delay policy = on_delay::overlap)
      : timer_spec{check_name(name),
                   micros(period),
                   detail::is_utimer_period<std::chrono::duration<R, P>>,
                   check_handler(handler),
                   static_cast<unsigned short>(policy),
                   {}} {
    if (const char* why = detail::timer_period_problem(period_us, utimer)) {
      if (period_us <= 0) detail::modsdk_timer_error_period_must_be_positive();
      if (utimer && period_us % static_cast<long long>(abi::utimer_tick_us) != 0)
        detail::modsdk_timer_error_millisecond_period_must_be_a_multiple_of_100ms_the_core_utimer_tick();
      (void)why;
      detail::modsdk_timer_error_period_too_long_for_the_core();
    }
  }

  /// The period is the value of `period` (a module parameter holding a std::chrono duration), read at
  /// mod_init; 0 leaves the timer off.
  template <class D, class F>
  consteval timer(const char* name, const param<D>& period, F handler, on_delay policy = on_delay::overlap)
      : timer_spec{check_name(name),
                   0,
                   detail::is_utimer_period<D>,
                   check_handler(handler),
                   static_cast<unsigned short>(policy),
                   {true, &period, &detail::param_period_us<D>, &detail::param_period_name<D>}} {
    static_assert(detail::timer_duration<D>::value,
                  "modsdk: a timer's period parameter must be a modsdk::param of a std::chrono duration with an "
                  "integer count (param<std::chrono::seconds>, param<std::chrono::milliseconds>, ...)");
  }

 private:
  template <class R, class P>
  static consteval long long micros(std::chrono::duration<R, P> d) {
    static_assert(std::is_integral_v<R>,
                  "modsdk: a timer's period must be a std::chrono duration with an integer count (10s, 500ms, ...)");
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  }
  template <class F>
  static consteval auto check_handler(F f) -> void (*)() {
    static_assert(std::is_convertible_v<F, void (*)()>,
                  "modsdk: a timer's handler is a function `void handler()` (it takes no parameters and returns "
                  "nothing; log or count its outcome instead)");
    return f;
  }
  static consteval const char* check_name(const char* name) {
    if (!name || !*name) detail::modsdk_timer_error_name_must_not_be_empty();
    return name;
  }
};

/// The module's timers: `modsdk::timers(modsdk::timer{...}, ...)`.
template <class... T>
constexpr auto timers(T... t) {
  static_assert((std::is_same_v<T, timer> && ...),
                "modsdk: timers(...) takes modsdk::timer{\"name\", period, handler} values");
  static_assert(sizeof...(T) > 0, "modsdk: timers() needs at least one modsdk::timer");
  return detail::timers_section<detail::timer_spec, sizeof...(T)>{{t...}};
}

MODSDK_END_NAMESPACE
