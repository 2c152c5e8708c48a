// SPDX-License-Identifier: MIT
/// @file convert<T>: the one customisation point that turns text (or an int) from the script or a
/// `modparam` line into a C++ value. Script-function parameters and modparams both use it.
///
/// Built in: integers (strict decimal, range-checked), bool (yes/no, on/off, true/false, 1/0),
/// std::string_view (as given), std::chrono durations ("10s", "500ms", "2m", "1h"; modsdk/duration.hpp)
/// and enums whose names you list in modsdk::enum_names<E> (modsdk/enum_names.hpp).
///
/// Your own type:
///
///     struct port { std::uint16_t value; };
///     template <> struct modsdk::convert<port> {
///       static constexpr std::string_view expected = "a port number from 1 to 65535";
///       static std::optional<port> from_string(std::string_view text) {
///         auto v = modsdk::convert<int>::from_string(text);
///         if (!v || *v < 1 || *v > 65535) return std::nullopt;
///         return port{std::uint16_t(*v)};
///       }
///       static std::optional<port> from_int(int v) { return from_string(std::to_string(v)); }  // optional
///     };
///
/// A malformed value is reported as `"<text>" is not <expected>`. A type with from_string is a string
/// parameter of script functions (the core refuses an integer literal for it: write probe("5060")); from_int
/// converts a number given to a modparam, and makes an integer parameter of a type without from_string.
#pragma once
#include <concepts>
#include <limits>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/customize.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/duration.hpp>
#include <modsdk/enum_names.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <class I>
constexpr auto integer_expected() {
  detail::static_text<96> t;
  t.append("an integer from ");
  t.append_int(std::numeric_limits<I>::min());
  t.append(" to ");
  t.append_int(std::numeric_limits<I>::max());
  return t;
}
template <class I>
inline constexpr auto integer_expected_built = integer_expected<I>();  // compile time only
template <class I>
inline constexpr auto integer_expected_v = fitted<integer_expected_built<I>.len>(integer_expected_built<I>);
}  // namespace detail

/// Integers: an optional sign and decimal digits, nothing else; values outside T's range are refused.
/// `expected` reads "an integer from -2147483648 to 2147483647" (for int).
template <detail::plain_integer T>
struct convert<T> {
  static constexpr std::string_view expected = detail::integer_expected_v<T>.view();
  static constexpr std::optional<T> from_string(std::string_view text) noexcept {
    return detail::parse_integer<T>(text);
  }
  static constexpr std::optional<T> from_int(int value) noexcept {
    if (!std::in_range<T>(value)) return std::nullopt;
    return static_cast<T>(value);
  }
};

/// bool: yes/no, on/off, true/false, 1/0 in any letter case; from an int only 0 or 1.
template <>
struct convert<bool> {
  static constexpr std::string_view expected = "a boolean (yes/no, on/off, true/false or 1/0)";
  static constexpr std::optional<bool> from_string(std::string_view text) noexcept {
    for (std::string_view t : {"yes", "on", "true", "1"})
      if (detail::iequals(text, t)) return true;
    for (std::string_view f : {"no", "off", "false", "0"})
      if (detail::iequals(text, f)) return false;
    return std::nullopt;
  }
  static constexpr std::optional<bool> from_int(int value) noexcept {
    if (value == 0 || value == 1) return value == 1;
    return std::nullopt;
  }
};

/// Strings: the text as given (a view; whoever stores it owns the copy).
template <>
struct convert<std::string_view> {
  static constexpr std::string_view expected = "a string";
  static constexpr std::optional<std::string_view> from_string(std::string_view text) noexcept { return text; }
};

MODSDK_END_NAMESPACE
