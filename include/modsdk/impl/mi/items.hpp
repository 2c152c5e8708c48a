// SPDX-License-Identifier: MIT
// MI reply items: which C++ values an MI reply holds as plain values, and adding one to a reply object
// or array through the core's MI builders (add_mi_string/number/bool/null).
#pragma once
#include <concepts>
#include <cstddef>
#include <modsdk/config.hpp>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::mi {

template <class T>
struct optional_inner {
  using type = T;
  static constexpr bool is_optional = false;
};
template <class T>
struct optional_inner<std::optional<T>> {
  using type = T;
  static constexpr bool is_optional = true;
};

/// What add()/returns accept as a plain value.
template <class V>
concept scalar_value = std::same_as < std::remove_cvref_t<V>,
bool > || std::is_arithmetic_v<std::remove_cvref_t<V>> || std::is_convertible_v<const V&, std::string_view> ||
    std::same_as<std::remove_cvref_t<V>, std::nullptr_t>;
template <class V>
concept item_value = scalar_value<V> ||(optional_inner<std::remove_cvref_t<V>>::is_optional&&
                                            scalar_value<typename optional_inner<std::remove_cvref_t<V>>::type>);

inline char* name_arg(std::string_view n) noexcept { return const_cast<char*>(n.data()); }

/// Adds one value under `name` (ignored by the core when `to` is an array); throws on failure.
template <item_value V>
void add_value(abi::mi_item* to, std::string_view name, const V& v) {
  using D = std::remove_cvref_t<V>;
  int rc;
  const int nl = static_cast<int>(name.size());
  if constexpr (optional_inner<D>::is_optional) {
    if (!v)
      rc = abi::add_mi_null(to, name_arg(name), nl);
    else
      return add_value(to, name, *v);
  } else if constexpr (std::same_as<D, bool>) {
    rc = abi::add_mi_bool(to, name_arg(name), nl, v ? 1 : 0);
  } else if constexpr (std::same_as<D, std::nullptr_t>) {
    rc = abi::add_mi_null(to, name_arg(name), nl);
  } else if constexpr (std::is_arithmetic_v<D>) {
    rc = abi::add_mi_number(to, name_arg(name), nl, static_cast<double>(v));
  } else {
    const std::string_view s = v;
    rc = abi::add_mi_string(to, name_arg(name), nl, s.data(), static_cast<int>(s.size()));
  }
  if (rc < 0) throw std::bad_alloc();
}

}  // namespace detail::mi
MODSDK_END_NAMESPACE
