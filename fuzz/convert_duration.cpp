// SPDX-License-Identifier: MIT
// fuzz/: convert<std::chrono::duration<...>> for integer and floating representations and several
// periods, checked against the documented rule: digits, then an optional unit (us ms s m h d); exact
// in the target type (no rounding), refused when it overflows.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ratio>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/convert.hpp>

#include "common.hpp"

namespace {

/// One unit of U in ticks of the target period P, as a reduced fraction num/den.
struct fraction {
  __int128 num, den;
};
template <class U, class P>
constexpr fraction ticks_per_unit() {
  using r = std::ratio_divide<U, P>;
  return {r::num, r::den};
}

template <class D>
std::optional<D> reference(std::string_view text) {
  using P = typename D::period;
  using rep = typename D::rep;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  const auto number = fuzz::reference_integer<unsigned long long>(text.substr(0, digits));
  if (!number) return std::nullopt;
  const std::string_view unit = text.substr(digits);
  fraction f{};
  if (unit.empty())
    f = ticks_per_unit<P, P>();
  else if (unit == "us")
    f = ticks_per_unit<std::micro, P>();
  else if (unit == "ms")
    f = ticks_per_unit<std::milli, P>();
  else if (unit == "s")
    f = ticks_per_unit<std::ratio<1>, P>();
  else if (unit == "m")
    f = ticks_per_unit<std::ratio<60>, P>();
  else if (unit == "h")
    f = ticks_per_unit<std::ratio<3600>, P>();
  else if (unit == "d")
    f = ticks_per_unit<std::ratio<86400>, P>();
  else
    return std::nullopt;
  const __int128 scaled = __int128(*number) * f.num;  // at most 2^64 * 86400e6: fits in 128 bits
  if (scaled > __int128(std::numeric_limits<unsigned long long>::max())) return std::nullopt;
  if constexpr (std::is_floating_point_v<rep>) {
    return D(rep(static_cast<unsigned long long>(scaled)) / rep(static_cast<unsigned long long>(f.den)));
  } else {
    if (scaled % f.den != 0) return std::nullopt;
    const __int128 ticks = scaled / f.den;
    if (ticks > __int128(std::numeric_limits<rep>::max())) return std::nullopt;
    return D(static_cast<rep>(ticks));
  }
}

template <class D>
void one(std::string_view text, int n) {
  const auto got = modsdk::convert<D>::from_string(text);
  const auto want = reference<D>(text);
  fuzz::require(got.has_value() == want.has_value(), "convert<duration> accepts differently from the rule", text);
  if (got) fuzz::require(got->count() == want->count(), "convert<duration> gives another value than the rule", text);
  const auto from_int = modsdk::convert<D>::from_int(n);
  bool fits = n >= 0;
  if constexpr (!std::is_floating_point_v<typename D::rep>) fits = fits && std::in_range<typename D::rep>(n);
  fuzz::require(from_int.has_value() == fits && (!from_int || from_int->count() == static_cast<typename D::rep>(n)),
                "convert<duration>::from_int differs from the rule", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view rest = text;
  const int n = fuzz::take_int(rest);
  one<std::chrono::microseconds>(text, n);
  one<std::chrono::milliseconds>(text, n);
  one<std::chrono::seconds>(text, n);
  one<std::chrono::minutes>(text, n);
  one<std::chrono::hours>(text, n);
  one<std::chrono::duration<std::int32_t, std::milli>>(text, n);
  one<std::chrono::duration<std::uint16_t>>(text, n);
  one<std::chrono::duration<double>>(text, n);
  one<std::chrono::duration<float, std::milli>>(text, n);
  return 0;
}
