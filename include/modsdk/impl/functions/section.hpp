// SPDX-License-Identifier: MIT
// The functions and async_functions sections of a module: the rules on their entries (exports, unique
// names, sync/async in the right section), their cmd_export_t / acmd_export_t tables, and what
// MODSDK_FN / MODSDK_OVERLOADS expand to (the script name, the optional route mask).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/impl/functions/errors.hpp>
#include <modsdk/impl/functions/export.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/route.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

template <class X, class Y>
constexpr int same_name() {
  if constexpr (function_export<Y>)
    return X::name_view == Y::name_view ? 1 : 0;
  else
    return 0;
}

/// Section-level rules: entries are exports, names are unique, sync/async in the right section.
template <bool Async, class... E>
constexpr bool check_section() {
  bool ok = true;
  auto one = [&]<class X>() {
    if (!ok) return;
    if constexpr (!function_export<X>) {
      (void)error::not_a_function_entry<X>::fired;
      ok = false;
    } else if constexpr (X::valid) {
      if constexpr (!Async && X::is_async) {
        (void)error::async_function_in_functions<X::fname>::fired;
        ok = false;
      } else if constexpr (Async && !X::is_async) {
        (void)error::async_functions_entry_without_async_context<X::fname>::fired;
        ok = false;
      } else if constexpr (Async && X::explicit_mask) {
        (void)error::route_mask_on_async_function<X::fname>::fired;
        ok = false;
      } else if constexpr ((same_name<X, E>() + ... + 0) > 1) {
        (void)error::duplicate_function_name<X::fname>::fired;
        ok = false;
      }
    }
  };
  (one.template operator()<E>(), ...);
  (void)one;
  return ok;
}

/// "ns::f" -> "f": the script name of MODSDK_FN(ns::f).
template <fixed_string S>
constexpr auto script_name() {
  constexpr std::string_view v = S.view();
  constexpr std::size_t start = v.rfind(':') == std::string_view::npos ? 0 : v.rfind(':') + 1;
  constexpr std::size_t n = v.size() - start;
  char buf[n + 1]{};
  for (std::size_t i = 0; i < n; ++i) buf[i] = v[start + i];
  return fixed_string<n + 1>(buf);
}

template <fixed_string F, auto Fn, route_mask Mask = deduce_mask>
constexpr auto make_fn() {
  return make_export<F, Mask, Fn>();
}

/// MODSDK_OVERLOADS's argument list: an optional route mask (a value) then function types. Two
/// overloads of one name, told apart by the kind of their first template argument.
template <route_mask M, class... S>
struct sig_list {};
template <class... S>
constexpr sig_list<deduce_mask, S...> sigs() {
  return {};
}
template <route_mask M, class... S>
constexpr sig_list<M, S...> sigs() {
  return {};
}

template <class... E>
struct functions_section {
  static constexpr section_kind kind = section_kind::functions;
  template <class Tag>
  static constexpr const abi::cmd_export* table() noexcept {
    return cmd_table<E...>;
  }
};

/// The section async_functions(...) (modsdk/async.hpp) makes.
template <class... E>
struct async_functions_section {
  static constexpr section_kind kind = section_kind::async_functions;
  template <class Tag>
  static constexpr const abi::acmd_export* table() noexcept {
    return acmd_table<E...>;
  }
};

}  // namespace detail::fn
MODSDK_END_NAMESPACE
