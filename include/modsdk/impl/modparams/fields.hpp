// SPDX-License-Identifier: MIT
// The fields of a param_group<S> (modsdk/params_group.hpp): the names MODSDK_FIELDS lists, checked
// against Boost.PFR's view of S (count and types, in declaration order).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The field names of S as listed in MODSDK_FIELDS, checked against Boost.PFR's view of S.
template <class S, class Refs>
struct field_list {
  static constexpr std::size_t size = std::tuple_size_v<Refs>;
  static_assert(size == boost::pfr::tuple_size_v<S>,
                "modsdk: MODSDK_FIELDS(S, ...) must list every field of S, in declaration order: the number of "
                "names differs from the number of fields");
  static_assert(size != boost::pfr::tuple_size_v<S> ||
                    std::is_same_v<Refs, decltype(boost::pfr::structure_tie(std::declval<S&>()))>,
                "modsdk: MODSDK_FIELDS(S, ...) must list the fields of S in declaration order: the types of the "
                "listed fields differ from S's fields at the same positions");
  std::array<std::string_view, size> names{};

  constexpr explicit field_list(const char* list) {
    std::string_view s(list);
    for (std::size_t i = 0; i < size; ++i) {
      while (!s.empty() && (s.front() == ' ' || s.front() == ',')) s.remove_prefix(1);
      std::size_t end = 0;
      while (end < s.size() && s[end] != ',' && s[end] != ' ') ++end;
      names[i] = s.substr(0, end);
      s.remove_prefix(end);
    }
  }
};

template <class S>
concept described_struct = requires {
  modsdk_fields(static_cast<const S*>(nullptr));
};

inline void modsdk_error_param_group_prefix_plus_field_name_longer_than_63_characters() {}

}  // namespace detail
MODSDK_END_NAMESPACE
