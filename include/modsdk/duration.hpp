// SPDX-License-Identifier: MIT
/// @file convert<std::chrono::duration<...>>: durations written the way people write them in a config:
///
///     modparam("new_module", "timeout", "10s")     # also 500ms, 2m, 1h, 250us, 1d
///     modparam("new_module", "timeout", 30)        # a bare number is in the parameter's own unit
///
/// A number (decimal digits, no sign) and an optional unit: us, ms, s, m (minutes), h, d. The value must
/// be exact in the target type: "1500ms" is refused for std::chrono::seconds rather than rounded (a
/// floating-point representation takes it as 1.5), and a value that overflows the type is refused too.
#pragma once
#include <chrono>
#include <limits>
#include <modsdk/config.hpp>
#include <optional>
#include <ratio>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/customize.hpp>
#include <modsdk/detail/text.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {

/// `value` units of period U as a Duration, or nullopt when not exact or out of range.
template <class Duration, class U>
constexpr std::optional<Duration> exact_duration(unsigned long long value) noexcept {
  using rep = typename Duration::rep;
  using r = std::ratio_divide<U, typename Duration::period>;  // one U in target ticks = r::num / r::den
  using wide = unsigned long long;
  if (value > std::numeric_limits<wide>::max() / wide(r::num)) return std::nullopt;
  const wide scaled = value * wide(r::num);
  if constexpr (std::is_floating_point_v<rep>) {
    return Duration(rep(scaled) / rep(r::den));  // a floating representation holds fractions
  } else {
    if (scaled % wide(r::den) != 0) return std::nullopt;
    const wide ticks = scaled / wide(r::den);
    if (!std::in_range<rep>(ticks)) return std::nullopt;
    return Duration(rep(ticks));
  }
}

template <class Period>
constexpr std::string_view duration_expected() {
  if constexpr (std::ratio_less_equal_v<Period, std::micro>)
    return "a duration like 10s, 500ms or 250us";
  else if constexpr (std::ratio_less_equal_v<Period, std::milli>)
    return "a duration like 10s, 500ms or 2m";
  else if constexpr (std::ratio_less_equal_v<Period, std::ratio<1>>)
    return "a duration in whole seconds like 10s, 2m or 1h";
  else if constexpr (std::ratio_less_equal_v<Period, std::ratio<60>>)
    return "a duration in whole minutes like 2m or 1h";
  else
    return "a duration like 1h or 1d";
}

}  // namespace detail

/// std::chrono durations with integer (or floating) representation; see the file comment for the syntax.
template <class Rep, class Period>
struct convert<std::chrono::duration<Rep, Period>> {
  using duration = std::chrono::duration<Rep, Period>;
  static constexpr std::string_view expected = detail::duration_expected<Period>();

  static constexpr std::optional<duration> from_string(std::string_view text) noexcept {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0) return std::nullopt;
    const auto number = detail::parse_integer<unsigned long long>(text.substr(0, digits));
    if (!number) return std::nullopt;
    const std::string_view unit = text.substr(digits);
    using namespace std;
    if (unit.empty()) return detail::exact_duration<duration, Period>(*number);
    if (unit == "us") return detail::exact_duration<duration, micro>(*number);
    if (unit == "ms") return detail::exact_duration<duration, milli>(*number);
    if (unit == "s") return detail::exact_duration<duration, ratio<1>>(*number);
    if (unit == "m") return detail::exact_duration<duration, ratio<60>>(*number);
    if (unit == "h") return detail::exact_duration<duration, ratio<3600>>(*number);
    if (unit == "d") return detail::exact_duration<duration, ratio<86400>>(*number);
    return std::nullopt;
  }
  /// A bare number is in the type's own unit; negative values are refused.
  static constexpr std::optional<duration> from_int(int value) noexcept {
    if (value < 0) return std::nullopt;
    return detail::exact_duration<duration, Period>(static_cast<unsigned long long>(value));
  }
};

MODSDK_END_NAMESPACE
