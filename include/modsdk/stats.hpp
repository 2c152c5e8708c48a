// SPDX-License-Identifier: MIT
/// @file Statistics the core shows in `opensips-cli -x mi get_statistics <module>:`:
///
///     constinit modsdk::counter requests{"requests"};          // only ever goes up; reset by MI
///     constinit modsdk::gauge active{"active_calls"};          // goes up and down; never reset
///
///     bool f(modsdk::request&) { requests.inc(); active.add(1); return true; }
///
///     MODSDK_MODULE(my_module, ..., modsdk::stats(requests, active));
///
/// The core creates the statistics right after mod_init returns, before the workers fork, and every
/// process then updates the same shared values (atomically, lock-free). Before that (in on_load, on_init)
/// updates are ignored with a debug line and reads give 0. When the target core is built without
/// statistics (`STATS: Off`), the section gives the core no table and the objects do nothing.
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/stats.hpp>

MODSDK_BEGIN_NAMESPACE

/// Flags of a statistic (STAT_* in the core).
enum class stat_flag : unsigned short {
  none = 0,
  no_reset = abi::stat_no_reset,  ///< `reset_statistics` leaves it alone (gauges always have it)
  hidden = abi::stat_hidden,      ///< not listed by `get_statistics all`
};
constexpr stat_flag operator|(stat_flag a, stat_flag b) noexcept {
  return static_cast<stat_flag>(static_cast<unsigned short>(a) | static_cast<unsigned short>(b));
}

/// A statistic that counts events: it only goes up, and MI `reset_statistics` sets it back to 0.
class counter : public detail::stat_object {
 public:
  /// `name` is a string literal (the core keeps the pointer).
  constexpr explicit counter(const char* name, stat_flag flags = stat_flag::none) noexcept
      : stat_object(name, static_cast<unsigned short>(flags)) {}

  /// Adds `n` (default 1).
  void inc(unsigned long n = 1) noexcept { add(n); }
  counter& operator++() noexcept {
    add(1);
    return *this;
  }
  counter& operator+=(unsigned long n) noexcept {
    add(n);
    return *this;
  }
  /// Sets it back to 0.
  void reset() noexcept { store(0); }
  /// The current value, summed over every process (0 before registration).
  unsigned long value() const noexcept { return load(); }
};

/// A statistic that measures a level (active calls, queue length): it goes up and down and is never
/// reset by MI (STAT_NO_RESET is always set).
class gauge : public detail::stat_object {
 public:
  /// `name` is a string literal (the core keeps the pointer).
  constexpr explicit gauge(const char* name, stat_flag flags = stat_flag::none) noexcept
      : stat_object(name, static_cast<unsigned short>(flags | stat_flag::no_reset)) {}

  /// Adds `delta` (may be negative).
  void add(long delta) noexcept { stat_object::add(static_cast<unsigned long>(delta)); }
  void sub(long delta) noexcept { add(-delta); }
  void inc() noexcept { add(1); }
  void dec() noexcept { add(-1); }
  /// Sets the level.
  void set(long value) noexcept { store(static_cast<unsigned long>(value)); }
  /// The current level (0 before registration).
  long value() const noexcept { return static_cast<long>(load()); }
};

/// A statistic whose value is `F()` each time it is read (STAT_IS_FUNC): `unsigned long queued()` or any
/// function (or captureless lambda) taking nothing and returning an integer, named at compile time, run in
/// whichever process reads the statistic (MI: the MI process), inside the exception firewall (an exception
/// is logged and reads 0). Never reset by MI.
///
///     unsigned long queued() { return queue->size(); }
///     constinit modsdk::computed<queued> queued_now{"queued"};
///     MODSDK_MODULE(my_module, ..., modsdk::stats(requests, queued_now));
template <auto F>
class computed : public detail::stat_object {
  static_assert(std::is_invocable_v<decltype(F)> &&
                    std::is_integral_v<std::remove_cvref_t<std::invoke_result_t<decltype(F)>>>,
                "modsdk: computed<F>: F is a function (or captureless lambda) taking nothing and returning an integer, "
                "e.g. `unsigned long queued()`");

 public:
  /// `name` is a string literal (the core keeps the pointer).
  constexpr explicit computed(const char* name, stat_flag flags = stat_flag::none) noexcept
      : stat_object(name, static_cast<unsigned short>(flags | stat_flag::no_reset), &detail::computed_stat_read<F>) {}
  /// F(), as the core reads it.
  unsigned long value() const noexcept { return detail::computed_stat_read<F>(nullptr); }
};

/// The module's statistics section: `modsdk::stats(requests, active)` in MODSDK_MODULE. Each object may
/// be listed once; names must be unique within the module.
template <class... S>
constexpr detail::stats_section<sizeof...(S)> stats(S&... s) noexcept {
  static_assert(
      ((std::is_base_of_v<detail::stat_object, S> && !std::is_const_v<S>)&&...),
      "modsdk: modsdk::stats(...) takes modsdk::counter, modsdk::gauge and modsdk::computed globals (non-const, e.g. "
      "`constinit modsdk::counter hits{\"hits\"};`)");
  return detail::stats_section<sizeof...(S)>{{static_cast<detail::stat_object*>(&s)...}};
}

MODSDK_END_NAMESPACE
