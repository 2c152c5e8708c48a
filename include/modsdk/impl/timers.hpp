// SPDX-License-Identifier: MIT
// Timers (modsdk/timers.hpp): the timers section registers each timer with the core from mod_init (the only
// time the core takes them) and hands it a noexcept handler per timer that runs the user's function inside
// the exception firewall and reports a run longer than the period.
#pragma once
#include <chrono>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/timer.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// A timer's period read from a module parameter at mod_init: the value in microseconds, and the
/// parameter's name for messages.
struct timer_period_source {
  bool set = false;  ///< the period comes from a parameter
  const void* param = nullptr;
  long long (*read_us)(const void*) = nullptr;
  std::string_view (*name)(const void*) = nullptr;
};

/// What the timers section needs of one timer (modsdk::timer fills it at compile time).
struct timer_spec {
  const char* name = nullptr;
  long long period_us = 0;  ///< the period when no parameter gives it
  bool utimer = false;      ///< a millisecond timer (register_utimer), else a second timer (register_timer)
  void (*fn)() = nullptr;
  unsigned short flags = 0;  ///< TIMER_FLAG_SKIP_ON_DELAY / TIMER_FLAG_DELAY_ON_DELAY
  timer_period_source source{};
};

/// Why a period cannot be registered as it is, or nullptr when it can.
constexpr const char* timer_period_problem(long long us, bool utimer) noexcept {
  if (us <= 0) return "it is not positive";
  if (utimer) {
    if (us < static_cast<long long>(abi::utimer_tick_us) || us % static_cast<long long>(abi::utimer_tick_us) != 0)
      return "a millisecond timer's period must be a multiple of 100 ms (the core's utimer tick)";
    if (us > 4294967295LL) return "it is over the core's limit of 4294 s for a millisecond timer";
  } else {
    if (us % 1000000 != 0) return "a second timer's period must be whole seconds";
    if (us / 1000000 > 4294967295LL) return "it is over the core's limit for a second timer";
  }
  return nullptr;
}

/// The timers section: N timers and the steps that register and run them.
template <class Def, std::size_t N>
struct timers_section {
  static constexpr section_kind kind = section_kind::timers;
  Def defs[N];

  /// The period each timer was registered with (0: not registered; set in mod_init, before the fork).
  template <class Tag, std::size_t K>
  static inline long long registered_us = 0;

  template <class Tag, std::size_t K>
  static void run() noexcept {
    const timer_spec& d = get_section<Tag, section_kind::timers>().defs[K];
    const auto start = std::chrono::steady_clock::now();
    firewall([&] { d.fn(); },
             [&](const char* what) {
               if (what)
                 log::write_for(log::level::error, d.name, "timer \"{}\" failed: exception: {}", d.name, what);
               else
                 log::write_for(log::level::error, d.name, "timer \"{}\" failed: unknown exception", d.name);
             });
    const long long took =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    if (const long long period = registered_us<Tag, K>; took > period) {
      const char* then = (d.flags & abi::timer_flag_skip_on_delay)    ? "the core skips the runs it missed"
                         : (d.flags & abi::timer_flag_delay_on_delay) ? "the core delayed the next run"
                                                                      : "the next run may overlap it";
      log::write_for(log::level::warn, d.name, "timer \"{}\" ran {} ms, longer than its period of {} ms; {}", d.name,
                     took / 1000, period / 1000, then);
    }
  }
  template <class Tag, std::size_t K>
  static void on_seconds(unsigned int, void*) noexcept {
    run<Tag, K>();
  }
  template <class Tag, std::size_t K>
  static void on_micro(abi::utime_t, void*) noexcept {
    run<Tag, K>();
  }

  template <class Tag, std::size_t K>
  static bool register_one() {
    const timer_spec& d = get_section<Tag, section_kind::timers>().defs[K];
    long long us = d.period_us;
    if (d.source.set) {
      us = d.source.read_us(d.source.param);
      if (us == 0) {
        log::write_for(log::level::info, "mod_init", "timer \"{}\" is off: modparam \"{}\" is 0", d.name,
                       d.source.name(d.source.param));
        return true;
      }
      if (const char* why = timer_period_problem(us, d.utimer)) {
        log::write_for(log::level::error, "mod_init", "timer \"{}\": modparam \"{}\" gives a period of {} ms: {}",
                       d.name, d.source.name(d.source.param), us / 1000, why);
        return false;
      }
    }
    registered_us<Tag, K> = us;
    // The core copies the label; it never writes through it.
    char* label = const_cast<char*>(d.name);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    const int id =
        d.utimer
            ? abi::register_utimer(label, &on_micro<Tag, K>, nullptr, static_cast<unsigned>(us), d.flags)
            : abi::register_timer(label, &on_seconds<Tag, K>, nullptr, static_cast<unsigned>(us / 1000000), d.flags);
    if (id < 0) {
      registered_us<Tag, K> = 0;
      log::write_for(log::level::error, "mod_init", "timer \"{}\": the core refused it ({})", d.name, id);
      return false;
    }
    return true;
  }

  template <class Tag>
  static bool on_init() {
    return [&]<std::size_t... K>(std::index_sequence<K...>) { return (register_one<Tag, K>() && ...); }
    (std::make_index_sequence<N>{});
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
