// SPDX-License-Identifier: MIT
// fuzz/: convert<I>::from_string and from_int for every integer type a cfg or script value can become,
// checked against the documented rule (fuzz::reference_integer): strict decimal, range-checked.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include <modsdk/convert.hpp>

#include "common.hpp"

namespace {
template <class I>
void one(std::string_view text, int n) {
  const auto got = modsdk::convert<I>::from_string(text);
  fuzz::require(got == fuzz::reference_integer<I>(text), "convert<integer>::from_string differs from the rule", text);
  const auto from_int = modsdk::convert<I>::from_int(n);
  fuzz::require(from_int.has_value() == std::in_range<I>(n) && (!from_int || *from_int == static_cast<I>(n)),
                "convert<integer>::from_int differs from the rule", text);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view rest = text;
  const int n = fuzz::take_int(rest);
  one<int>(text, n);
  one<unsigned>(text, n);
  one<short>(text, n);
  one<unsigned short>(text, n);
  one<signed char>(text, n);
  one<unsigned char>(text, n);
  one<long>(text, n);
  one<unsigned long>(text, n);
  one<long long>(text, n);
  one<unsigned long long>(text, n);
  one<std::int16_t>(text, n);
  one<std::uint32_t>(text, n);
  return 0;
}
