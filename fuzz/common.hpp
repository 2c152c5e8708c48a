// SPDX-License-Identifier: MIT
// fuzz/: what every target shares: a fatal check that prints the input's text, and the reference
// rules the converters are checked against (written independently of modsdk's own code).
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace fuzz {

/// Stops the run (libFuzzer then writes the crashing input) with a readable reason.
inline void require(bool ok, const char* what, std::string_view input) {
  if (ok) return;
  std::fprintf(stderr, "modsdk fuzz: %s; input (%zu bytes): \"", what, input.size());
  for (unsigned char c : input) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
      std::fputc(c, stderr);
    else
      std::fprintf(stderr, "\\x%02x", c);
  }
  std::fprintf(stderr, "\"\n");
  std::abort();
}

inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c; }
inline bool same_letters(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

/// The documented integer syntax: an optional sign, then decimal digits only; '-' refused for unsigned;
/// out of range refused. Computed in 128 bits with a saturation flag.
template <class I>
std::optional<I> reference_integer(std::string_view s) {
  bool negative = false;
  std::size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  if (negative && !std::numeric_limits<I>::is_signed) return std::nullopt;
  __int128 v = 0;
  bool huge = false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    if (!huge) v = v * 10 + (s[i] - '0');
    if (v > (__int128(1) << 100)) huge = true;
  }
  if (huge) return std::nullopt;
  if (negative) v = -v;
  if (v < __int128(std::numeric_limits<I>::min()) || v > __int128(std::numeric_limits<I>::max())) return std::nullopt;
  return static_cast<I>(v);
}

/// Splits the input into an int (first 4 bytes, when present) and the rest.
inline int take_int(std::string_view& s) {
  std::uint32_t u = 0;
  for (int k = 0; k < 4 && !s.empty(); ++k) {
    u = (u << 8) | static_cast<unsigned char>(s.front());
    s.remove_prefix(1);
  }
  return static_cast<int>(u);
}

}  // namespace fuzz
