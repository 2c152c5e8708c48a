// SPDX-License-Identifier: MIT
// The MI section of a module (modsdk::mi(...)): the profile's mi_export table, built at compile time from
// its commands, and the checks on their names and recipes.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <utility>

#include <modsdk/impl/mi/recipes.hpp>
#include <modsdk/impl/module/section.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::mi {

/// The module's MI section: the profile's mi_export table, built at compile time.
template <class... C>
struct section {
  static constexpr detail::section_kind kind = detail::section_kind::mi;
  std::tuple<C...> commands;

  template <class Tag>
  static constexpr bool names_ok() {
    const auto& self = get_section<Tag, detail::section_kind::mi>();
    bool ok = true;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      const char* names[] = {std::get<I>(self.commands).name..., nullptr};
      for (std::size_t i = 0; i < sizeof...(I); ++i) {
        if (!*names[i] || has_char(names[i], ':')) ok = false;
        for (std::size_t j = 0; j < i; ++j)
          if (streq(names[i], names[j])) ok = false;
      }
    }
    (std::index_sequence_for<C...>{});
    return ok;
  }

  template <class Tag>
  static constexpr auto build() {
    using export_t = typename profile_abi::mi_export;
    const auto& self = get_section<Tag, detail::section_kind::mi>();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<export_t, sizeof...(C) + 1>{
          make_export<export_t>(std::get<I>(self.commands).name, std::get<I>(self.commands).help, C::recipes(),
                                C::flags)...,
          export_t{}};
    }
    (std::index_sequence_for<C...>{});
  }
  template <class Tag>
  static constexpr auto rows = build<Tag>();

  template <class Tag>
  static constexpr const void* table() {
    static_assert(names_ok<Tag>(), "modsdk: modsdk::mi(...): every command needs a unique, non-empty name without ':'");
    static_assert(((C::recipe_count <= static_cast<std::size_t>(max_recipes)) && ...),
                  "modsdk: an MI command has more than 47 recipes (count 2^optional parameters per handler)");
    static_assert((C::recipes_distinct() && ...),
                  "modsdk: two handlers (or optional-parameter combinations) of one MI command take the same "
                  "parameter names; the core could not tell them apart");
    if constexpr (sizeof...(C) == 0)
      return nullptr;
    else
      return rows<Tag>.data();
  }
};

}  // namespace detail::mi
MODSDK_END_NAMESPACE
