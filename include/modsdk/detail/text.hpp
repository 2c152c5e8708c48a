// SPDX-License-Identifier: MIT
// Small constexpr text helpers: which types are integers, case-insensitive compare, strict integer
// parsing, and the compile-time text type the `expected` sentences are built in.
#pragma once
#include <array>
#include <concepts>
#include <cstddef>
#include <limits>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The integer types modsdk reads from decimal text (convert<T>) and takes as INT script arguments
/// (impl/functions/arguments.hpp) - one definition, so both agree. bool and the character types (char,
/// wchar_t, char8_t, char16_t, char32_t) are not numbers; signed char and unsigned char are, as
/// std::int8_t and std::uint8_t.
template <class T>
concept plain_integer =
    std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, wchar_t> &&
    !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>;

constexpr char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

/// Strict decimal integer: an optional sign ('-' refused for unsigned I), one or more digits, nothing
/// else (no blanks, no "0x"); nullopt on junk or when the value does not fit I.
template <class I>
constexpr std::optional<I> parse_integer(std::string_view s) noexcept {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  if (negative && std::is_unsigned_v<I>) return std::nullopt;
  using U = std::make_unsigned_t<I>;
  // magnitude limit: max for positive, |min| for negative
  const U limit = negative ? U(U(std::numeric_limits<I>::max()) + 1u) : U(std::numeric_limits<I>::max());
  U v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const U d = U(c - '0');
    if (v > (limit - d) / 10u) return std::nullopt;
    v = U(v * 10u + d);
  }
  if (negative) return v == 0 ? I(0) : I(-I(v - 1u) - 1);
  return I(v);
}

/// A constexpr string literal built at compile time (for `expected` texts that list names or ranges).
template <std::size_t N>
struct static_text {
  std::array<char, N + 1> buf{};
  std::size_t len = 0;
  constexpr void append(std::string_view s) {
    for (char c : s) buf[len++] = c;
  }
  template <class I>
  constexpr void append_int(I value) {
    char tmp[48]{};
    std::size_t n = 0;
    bool neg = value < 0;
    using U = std::make_unsigned_t<I>;
    U u = neg ? U(U(0) - U(value)) : U(value);
    do {
      tmp[n++] = char('0' + u % 10u);
      u /= 10u;
    } while (u);
    if (neg) buf[len++] = '-';
    while (n) buf[len++] = tmp[--n];
  }
  constexpr std::string_view view() const { return {buf.data(), len}; }
};

/// `t` in a static_text of exactly its length (what a module keeps of a text built at compile time).
template <std::size_t Len, std::size_t N>
constexpr static_text<Len> fitted(const static_text<N>& t) {
  static_text<Len> out;
  out.append(t.view());
  return out;
}

}  // namespace detail
MODSDK_END_NAMESPACE
