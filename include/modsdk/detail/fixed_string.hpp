// SPDX-License-Identifier: MIT
// modsdk's one compile-time string: a string literal kept in an object, usable as a template argument.
//  - Script-function names travel in the types modsdk generates (`fixed_string F`), so a compile error
//    shows them (`bad_parameter<fixed_string<4>{"bad"}, 2, double>`) and a trampoline can log them
//    without any runtime state.
//  - MI parameter names are part of the parameter's type (`mi_param<int, "count">`).
//  - A modparam name is kept inside the parameter object (`fixed_string<max_param_name>`), so the
//    params table can point at it as an address constant.
// fixed_string<N> holds up to N - 1 characters and a NUL; from a literal, N is the literal's size.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

MODSDK_BEGIN_NAMESPACE
namespace detail {

template <std::size_t N>
struct fixed_string {
  char text[N]{};

  constexpr fixed_string() noexcept = default;
  /// From a literal (or char array) of M <= N characters including its NUL; the rest stays NUL.
  template <std::size_t M>
  requires(M <=
           N) constexpr fixed_string(const char (&s)[M]) noexcept {  // NOLINT: implicit from a literal is the point
    for (std::size_t i = 0; i < M; ++i) text[i] = s[i];
  }

  constexpr std::size_t size() const noexcept {
    std::size_t n = 0;
    while (n < N && text[n]) ++n;
    return n;
  }
  constexpr std::string_view view() const noexcept { return {text, size()}; }
  constexpr const char* c_str() const noexcept { return text; }
  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& o) const noexcept {
    return view() == o.view();
  }
};

/// `fixed_string("abc")` and `template <fixed_string S>` take the literal's own size.
template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M>;

}  // namespace detail
MODSDK_END_NAMESPACE
