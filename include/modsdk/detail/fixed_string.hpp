// SPDX-License-Identifier: MIT
// Generation layer: a string literal usable as a template argument. Script-function names travel in
// the types modsdk generates, so that a compile error shows them (`bad_parameter<"count", 2, double>`)
// and a trampoline can log them without any runtime state.
#pragma once
#include <modsdk/config.hpp>
#include <cstddef>
#include <string_view>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

template <std::size_t N>
struct fixed_string {
  char text[N]{};
  constexpr fixed_string(const char (&s)[N]) noexcept {  // NOLINT: implicit from a literal is the point
    for (std::size_t i = 0; i < N; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {text, N - 1}; }
  constexpr const char* c_str() const noexcept { return text; }
  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& o) const noexcept {
    return view() == o.view();
  }
};

}  // namespace detail::fn
MODSDK_END_NAMESPACE
