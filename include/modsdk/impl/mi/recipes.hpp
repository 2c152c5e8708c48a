// SPDX-License-Identifier: MIT
// MI recipes: handler signature traits, the optional-parameter subsets that become recipes, and the
// profile's mi_export row filled from a command's recipes.
//
// A command's handler `R f(mi_param<A,"a">, mi_param<std::optional<B>,"b">)` has one recipe per subset
// of its optional parameters ({a}, {a,b}); each recipe gets its own trampoline instantiation that knows
// which parameters the core matched (impl/mi/commands.hpp). Several handlers for one command
// (MODSDK_MI_OVERLOADS) add their recipes together. The core picks the recipe by parameter count and,
// for named calls, by names.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::mi {

template <class F>
struct fn_traits {
  static constexpr bool is_function = false;
};
template <class R, class... P>
struct fn_traits<R (*)(P...)> {
  static constexpr bool is_function = true;
  using result = R;
  using params = std::tuple<std::remove_cvref_t<P>...>;
  static constexpr std::size_t arity = sizeof...(P);
};
template <class R, class... P>
struct fn_traits<R (*)(P...) noexcept> : fn_traits<R (*)(P...)> {};

constexpr int popcount(unsigned v) noexcept {
  int n = 0;
  for (; v; v &= v - 1) ++n;
  return n;
}
/// Spreads the low bits of `bits` over the set bits of `mask`, lowest first.
constexpr unsigned deposit(unsigned bits, unsigned mask) noexcept {
  unsigned out = 0;
  for (unsigned b = 1; mask; mask &= mask - 1, b <<= 1)
    if (bits & b) out |= mask & (~mask + 1);
  return out;
}

/// Both non-null (names come from literals; comparing them with null is not a constant expression
/// for template-parameter objects under some sanitizers).
constexpr bool streq(const char* a, const char* b) noexcept {
  while (*a && *a == *b) ++a, ++b;
  return *a == *b;
}
constexpr bool has_char(const char* s, char c) noexcept {
  for (; *s; ++s)
    if (*s == c) return true;
  return false;
}

using profile_abi = abi::for_profile_t<target.profile>;
inline constexpr int max_params = profile_abi::max_mi_params - 1;  ///< the last slot is the NULL end
inline constexpr int max_recipes = abi::max_mi_recipes - 1;        ///< the last recipe is the NULL end

/// One recipe as the generator sees it: its trampoline and its parameter names.
struct recipe_desc {
  abi::mi_handler_function cmd = nullptr;
  std::array<const char*, 20> names{};
  int count = 0;
};

/// Same parameter names, in any order (the core could not tell the two recipes apart).
constexpr bool same_name_set(const recipe_desc& a, const recipe_desc& b) noexcept {
  if (a.count != b.count) return false;
  for (int i = 0; i < a.count; ++i) {
    bool found = false;
    for (int j = 0; j < b.count && !found; ++j) found = streq(a.names[i], b.names[j]);
    if (!found) return false;
  }
  return true;
}

/// Fills the profile's mi_export row for one command from its recipes.
template <class Export, std::size_t R>
constexpr Export make_export(const char* name, const char* help, const std::array<recipe_desc, R>& recipes,
                             unsigned flags = 0) {
  Export e{};
  e.name = name;
  e.help = help;
  e.flags = flags;
  e.init_f = nullptr;
  constexpr std::size_t used = R < static_cast<std::size_t>(max_recipes) ? R : static_cast<std::size_t>(max_recipes);
  for (std::size_t r = 0; r < used; ++r) {
    e.recipes[r].cmd = recipes[r].cmd;
    for (int i = 0; i < recipes[r].count && i < max_params; ++i)
      e.recipes[r].params[i] = recipes[r].names[static_cast<std::size_t>(i)];
  }
  return e;
}

}  // namespace detail::mi
MODSDK_END_NAMESPACE
