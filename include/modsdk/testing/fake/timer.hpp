// SPDX-License-Identifier: MIT
// Test kit fake core: timers (timer.c: register_timer, register_utimer) on a virtual clock the test moves
// with core().advance(d); due timers run synchronously, in the order they fall due.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <chrono>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/timer.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

struct fake_timer {
  abi::timer_function* sec = nullptr;
  abi::utimer_function* micro = nullptr;
  void* param = nullptr;
};

struct timer_state {
  std::chrono::microseconds now{0};
  std::vector<timer_entry> entries;  // what the test sees
  std::vector<fake_timer> handlers;  // the same positions
};

inline timer_state& timers_st() noexcept {
  static timer_state* s = new timer_state();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

inline int add_timer(const char* label, fake_timer h, unsigned interval, unsigned short flags, bool utimer) noexcept {
  try {
    auto& t = timers_st();
    const std::chrono::microseconds period =
        utimer ? std::chrono::microseconds(interval) : std::chrono::microseconds(std::chrono::seconds(interval));
    // timer.c: the core keeps its own copy of the label and takes the interval as it is
    t.entries.push_back(timer_entry{label ? label : "n/a", period, utimer, flags, t.now + period, 0});
    t.handlers.push_back(h);
    return static_cast<int>(t.entries.size() - 1);
  } catch (...) {
    return abi::e_out_of_mem;
  }
}

inline void reset_timers() noexcept {
  auto& t = timers_st();
  t.now = std::chrono::microseconds(0);
  t.entries.clear();
  t.handlers.clear();
}

}  // namespace detail

std::size_t fake_core::advance(std::chrono::microseconds d) {
  auto& t = detail::timers_st();
  const std::chrono::microseconds end = t.now + d;
  std::size_t runs = 0;
  for (;;) {
    std::size_t due = t.entries.size();
    for (std::size_t i = 0; i < t.entries.size(); ++i)
      if (t.entries[i].period.count() > 0 && t.entries[i].next <= end &&
          (due == t.entries.size() || t.entries[i].next < t.entries[due].next))
        due = i;
    if (due == t.entries.size()) break;
    timer_entry& e = t.entries[due];
    t.now = e.next;
    e.next += e.period;
    ++e.runs;
    ++runs;
    const detail::fake_timer h = t.handlers[due];
    if (e.utimer)
      h.micro(static_cast<abi::utime_t>(t.now.count()), h.param);
    else
      h.sec(static_cast<unsigned>(std::chrono::duration_cast<std::chrono::seconds>(t.now).count()), h.param);
  }
  t.now = end;
  return runs;
}
std::chrono::microseconds fake_core::now() const noexcept { return detail::timers_st().now; }
const std::vector<timer_entry>& fake_core::timers() const noexcept { return detail::timers_st().entries; }
const timer_entry* fake_core::timer(std::string_view label) const noexcept {
  for (const auto& e : detail::timers_st().entries)
    if (e.label == label) return &e;
  return nullptr;
}

}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: timers ---------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int register_timer(char* label, timer_function* f, void* param, unsigned int interval, unsigned short flags) {
  return testing::detail::add_timer(label, {f, nullptr, param}, interval,
                                    static_cast<unsigned short>(flags & ~timer_flag_is_utimer), false);
}
int register_utimer(char* label, utimer_function* f, void* param, unsigned int interval, unsigned short flags) {
  return testing::detail::add_timer(label, {nullptr, f, param}, interval,
                                    static_cast<unsigned short>(flags | timer_flag_is_utimer), true);
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
