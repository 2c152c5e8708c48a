// SPDX-License-Identifier: MIT
// BIN packet fields (modsdk/cluster.hpp): a payload aggregate is written and read field by field, in
// declaration order, through the core's bin_push_* / bin_pop_* (Boost.PFR walks the fields). On the wire:
//   int, unsigned, short, char, bool, enums  -> one int (bin_push_int)
//   64-bit integers                          -> two ints, low half first
//   std::string, std::string_view            -> one str (unsigned short length: at most 65535 bytes)
//   std::optional<T>                         -> an int 0/1, then T when 1
// Reading fails (false) on a packet shorter than the payload; nothing is read past its end.
#pragma once
#include <boost/pfr/core.hpp>
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/clusterer.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::bin {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
inline constexpr bool small_int = (std::is_integral_v<T> || std::is_enum_v<T>)&&sizeof(T) <= 4;
template <class T>
inline constexpr bool big_int = std::is_integral_v<T> && sizeof(T) == 8;

template <class T>
constexpr bool is_field() {
  if constexpr (is_optional<T>::value)
    return !is_optional<typename T::value_type>::value && is_field<typename T::value_type>();
  else
    return small_int<T> || big_int<T> || std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>;
}

template <class P>
constexpr bool all_fields() {
  if constexpr (!std::is_aggregate_v<P> || std::is_array_v<P> || std::is_union_v<P>) {
    return false;
  } else {
    return []<std::size_t... I>(std::index_sequence<I...>) {
      return (is_field<std::remove_cv_t<boost::pfr::tuple_element_t<I, P>>>() && ...);
    }
    (std::make_index_sequence<boost::pfr::tuple_size_v<P>>{});
  }
}

/// A type a BIN packet carries: a plain aggregate whose fields are all BIN fields.
template <class P>
concept payload = std::is_class_v<P> && std::is_aggregate_v<P> && !std::is_union_v<P> && all_fields<P>();

template <class T>
bool push(abi::bin_packet* p, const T& v) noexcept {
  if constexpr (is_optional<T>::value) {
    if (abi::bin_push_int(p, v ? 1 : 0) < 0) return false;
    return !v || push(p, *v);
  } else if constexpr (small_int<T>) {
    return abi::bin_push_int(p, static_cast<int>(v)) >= 0;
  } else if constexpr (big_int<T>) {
    const auto u = static_cast<std::uint64_t>(v);
    return abi::bin_push_int(p, static_cast<int>(static_cast<std::uint32_t>(u))) >= 0 &&
           abi::bin_push_int(p, static_cast<int>(static_cast<std::uint32_t>(u >> 32))) >= 0;
  } else {
    if (v.size() > static_cast<std::size_t>(abi::bin_max_str_len)) return false;
    const abi::str s{const_cast<char*>(v.data()), static_cast<int>(v.size())};
    return abi::bin_push_str(p, &s) >= 0;
  }
}

template <class T>
bool pop(abi::bin_packet* p, T& v) noexcept {
  if constexpr (is_optional<T>::value) {
    int has = 0;
    if (abi::bin_pop_int(p, &has) != 0 || (has != 0 && has != 1)) return false;
    if (!has) {
      v.reset();
      return true;
    }
    typename T::value_type x{};
    if (!pop(p, x)) return false;
    v = std::move(x);
    return true;
  } else if constexpr (small_int<T>) {
    int x = 0;
    if (abi::bin_pop_int(p, &x) != 0) return false;
    if constexpr (std::is_same_v<T, bool>)
      v = x != 0;
    else
      v = static_cast<T>(x);
    return true;
  } else if constexpr (big_int<T>) {
    int lo = 0, hi = 0;
    if (abi::bin_pop_int(p, &lo) != 0 || abi::bin_pop_int(p, &hi) != 0) return false;
    v = static_cast<T>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(hi)) << 32) |
                       static_cast<std::uint32_t>(lo));
    return true;
  } else {
    abi::str s{nullptr, 0};
    if (abi::bin_pop_str(p, &s) != 0) return false;
    const std::size_t n = s.s ? static_cast<std::size_t>(s.len) : 0;
    try {
      v = T(s.s ? s.s : "", n);
    } catch (...) {
      return false;
    }
    return true;
  }
}

/// Pushes every field of `payload` in order; false when the core could not grow the packet.
template <payload P>
bool push_all(abi::bin_packet* p, const P& payload) noexcept {
  bool ok = true;
  boost::pfr::for_each_field(payload, [&](const auto& f) { ok = ok && push(p, f); });
  return ok;
}

/// Pops every field of `out` in order; false when the packet ends early or holds a malformed field.
template <payload P>
bool pop_all(abi::bin_packet* p, P& out) noexcept {
  bool ok = true;
  boost::pfr::for_each_field(out, [&](auto& f) { ok = ok && pop(p, f); });
  return ok;
}

}  // namespace detail::bin
MODSDK_END_NAMESPACE
