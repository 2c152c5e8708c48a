// SPDX-License-Identifier: MIT
// Module dependencies (modsdk/deps.hpp): the deps section and the core's dep_export_t it builds at
// compile time, with one get_deps_f callback per parameter dependency (the dependency exists only while
// the script sets that parameter).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/impl/module/section.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

inline constexpr unsigned dep_level_bits = abi::dep_silent | abi::dep_warn | abi::dep_abort;

/// The core's flags for modsdk::dep bits: with no level given (only ordering flags), required.
constexpr unsigned dep_bits(unsigned bits) noexcept { return (bits & dep_level_bits) ? bits : bits | abi::dep_abort; }

/// A module dependency (needs / needs_after / needs_any).
struct module_dep {
  abi::module_dependency md;
};

/// A dependency switched on by one of our parameters.
template <class P>
struct param_dep {
  P* param;
  abi::module_dependency md;
};

template <class T>
struct is_param_dep : std::false_type {};
template <class P>
struct is_param_dep<param_dep<P>> : std::true_type {};

template <class P>
bool param_is_in_use(const P& p) noexcept {
  if constexpr (requires { p.get().empty(); })
    return p.is_set() && !p.get().empty();
  else
    return p.is_set();
}

// Non-constexpr on purpose: reaching it at compile time is the error message.
inline void modsdk_error_param_needs_a_parameter_that_is_not_in_params() {}

/// Whether `p` is one of the objects of Tag's params section.
template <class Tag, class P>
constexpr bool in_params(const P* p) {
  if constexpr (has_section<Tag, section_kind::params>) {
    return std::apply([p](auto*... q) { return ((static_cast<const void*>(q) == static_cast<const void*>(p)) || ...); },
                      get_section<Tag, section_kind::params>().objs);
  } else {
    return false;
  }
}

/// The dependencies other sections add to the deps table (the binds section: one per binding).
template <class Tag>
constexpr auto section_module_deps() {
  if constexpr (has_section<Tag, section_kind::binds>) {
    using S = typename def_traits<def_t<Tag>>::template section_t<section_index<Tag, section_kind::binds>>;
    return S::module_deps();
  } else {
    return std::array<abi::module_dependency, 0>{};
  }
}

template <class... D>
struct deps_section {
  static constexpr section_kind kind = section_kind::deps;
  static constexpr std::size_t param_deps = (std::size_t{0} + ... + (is_param_dep<D>::value ? 1 : 0));
  static constexpr std::size_t module_deps = sizeof...(D) - param_deps;
  static_assert(module_deps < abi::max_mod_deps,
                "modsdk: deps(...) takes at most 9 module dependencies (needs/needs_after/needs_any): the core's "
                "table holds 10 entries including its terminator");
  std::tuple<D...> items;

  template <class Tag>
  static constexpr const auto& self() {
    return get_section<Tag, section_kind::deps>();
  }

  /// get_deps_f of item K: a pkg array {dependency, terminator} while the parameter is in use.
  template <class Tag, std::size_t K>
  static abi::module_dependency* get_deps(const abi::param_export*) noexcept {
    const auto& d = std::get<K>(self<Tag>().items);
    if (!param_is_in_use(*d.param)) return nullptr;
    auto* md = static_cast<abi::module_dependency*>(
        mem::pkg_malloc(2 * sizeof(abi::module_dependency), source_location::current()));
    if (!md) return nullptr;
    md[0] = d.md;
    md[1] = abi::module_dependency{abi::mod_type_null, nullptr, 0};
    return md;
  }

  template <class Tag>
  static constexpr abi::dep_export<int(param_deps)> make_table() {
    constexpr auto extra = section_module_deps<Tag>();
    static_assert(module_deps + extra.size() < abi::max_mod_deps,
                  "modsdk: deps(...) and binds(...) together take at most 9 module dependencies: the core's table "
                  "holds 10 entries including its terminator");
    abi::dep_export<int(param_deps)> t{};
    std::size_t m = 0, p = 0;
    for (const auto& d : extra) t.md[m++] = d;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (
          [&] {
            const auto& d = std::get<K>(self<Tag>().items);
            if constexpr (is_param_dep<std::tuple_element_t<K, std::tuple<D...>>>::value) {
              if (!in_params<Tag>(d.param)) modsdk_error_param_needs_a_parameter_that_is_not_in_params();
              t.mpd[p++] = abi::modparam_dependency{d.param->entry_name(0), &get_deps<Tag, K>};
            } else {
              t.md[m++] = d.md;
            }
          }(),
          ...);
    }
    (std::index_sequence_for<D...>{});
    return t;  // md and mpd end with zeroed entries (mod_type 0, script_param NULL)
  }
  template <class Tag>
  static constexpr abi::dep_export<int(param_deps)> table_data = make_table<Tag>();

  template <class Tag>
  static constexpr const void* table() {
    return &table_data<Tag>;
  }
};

/// module_exports.deps: the deps section's table, or the one other sections' dependencies make alone.
template <class Tag>
constexpr const void* deps_table() {
  if constexpr (has_section<Tag, section_kind::deps>)
    return get_section<Tag, section_kind::deps>().template table<Tag>();
  else if constexpr (section_module_deps<Tag>().size() > 0)
    return deps_section<>::table<Tag>();
  else
    return nullptr;
}

}  // namespace detail
MODSDK_END_NAMESPACE
