// SPDX-License-Identifier: MIT
/// @file Dependencies on other modules (the core's dep_export_t): the core then loads-checks them and
/// orders mod_init / child_init / destroy accordingly.
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::deps(modsdk::needs("sl"),                               // abort the start without sl
///                      modsdk::needs("dialog", modsdk::dep::optional),    // only order, if loaded
///                      modsdk::needs("tm", modsdk::dep::warn | modsdk::dep::reverse_destroy),
///                      modsdk::needs_after("rtp_relay"),                  // our mod_init runs first
///                      modsdk::needs_any(modsdk::module_type::sqldb),     // any SQL DB driver
///                      modsdk::param_needs(db_url, modsdk::module_type::sqldb)));
///
/// needs(name, flags): `name` is initialised before this module and destroyed after it. One of
///   dep::required (default; the start aborts when it is not loaded), dep::warn, dep::optional,
/// combined with dep::reverse_init (this module's mod_init and child_init run first), dep::reverse_destroy
/// (the other module is destroyed first) or dep::reverse (both). needs_after(name) is
/// needs(name, dep::optional | dep::reverse_init).
/// needs_any(type): every loaded module of that type (an SQL or cachedb driver, ...).
/// param_needs(p, type[, name][, flags]): a dependency that exists only once the script sets the parameter
/// `p` (a modsdk::param of this module listed in modsdk::params) to a non-empty value - like `db_url`
/// needing an SQL driver only when it is used. Flags default to dep::warn, as the core does for db_url.
/// At most 9 module dependencies (the core's table holds 10 including its terminator).
#pragma once
#include <modsdk/config.hpp>
#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/params.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// The core's module types (what a generic dependency binds to).
enum class module_type : int {
  plain = abi::mod_type_default,  ///< an ordinary module (the type of every modsdk module)
  sqldb = abi::mod_type_sqldb,    ///< an SQL driver (db_mysql, db_postgres, ...)
  cachedb = abi::mod_type_cachedb,
  aaa = abi::mod_type_aaa,
};

/// Dependency flags: one of required/warn/optional, plus any reverse_* ordering.
class dep {
 public:
  static const dep required, warn, optional, reverse_init, reverse_destroy, reverse;
  constexpr unsigned bits() const noexcept { return bits_; }
  friend constexpr dep operator|(dep a, dep b) noexcept { return dep(a.bits_ | b.bits_); }
  friend constexpr bool operator==(dep, dep) = default;

 private:
  constexpr explicit dep(unsigned b) noexcept : bits_(b) {}
  unsigned bits_;
};
inline constexpr dep dep::required{abi::dep_abort};
inline constexpr dep dep::warn{abi::dep_warn};
inline constexpr dep dep::optional{abi::dep_silent};
inline constexpr dep dep::reverse_init{abi::for_profile_t<target.profile>::dep_reverse_init};
inline constexpr dep dep::reverse_destroy{abi::for_profile_t<target.profile>::dep_reverse_destroy};
inline constexpr dep dep::reverse{abi::for_profile_t<target.profile>::dep_reverse_init |
                                  abi::for_profile_t<target.profile>::dep_reverse_destroy};

namespace detail {
inline constexpr unsigned dep_level_bits = abi::dep_silent | abi::dep_warn | abi::dep_abort;

constexpr unsigned dep_bits(dep d) noexcept {
  // no level given (only ordering flags): required
  return (d.bits() & dep_level_bits) ? d.bits() : d.bits() | abi::dep_abort;
}

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
  if constexpr (requires { p.get().empty(); }) return p.is_set() && !p.get().empty();
  else return p.is_set();
}

// Non-constexpr on purpose: reaching it at compile time is the error message.
inline void modsdk_error_param_needs_a_parameter_that_is_not_in_params() {}

/// Whether `p` is one of the objects of Tag's params section.
template <class Tag, class P>
constexpr bool in_params(const P* p) {
  if constexpr (has_section<Tag, section_kind::params>) {
    return std::apply(
        [p](auto*... q) {
          return ((static_cast<const void*>(q) == static_cast<const void*>(p)) || ...);
        },
        get_section<Tag, section_kind::params>().objs);
  } else {
    return false;
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
    abi::dep_export<int(param_deps)> t{};
    std::size_t m = 0, p = 0;
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
    }(std::index_sequence_for<D...>{});
    return t;  // md and mpd end with zeroed entries (mod_type 0, script_param NULL)
  }
  template <class Tag>
  static constexpr abi::dep_export<int(param_deps)> table_data = make_table<Tag>();

  template <class Tag>
  static constexpr const void* table() {
    return &table_data<Tag>;
  }
};

}  // namespace detail

/// This module needs module `name`: it is initialised before us and destroyed after us. Flags: see above.
constexpr detail::module_dep needs(const char* name, dep flags = dep::required) noexcept {
  return {{abi::mod_type_default, name, detail::dep_bits(flags)}};
}
/// Module `name`, when loaded, is initialised after this module (mod_init and child_init).
constexpr detail::module_dep needs_after(const char* name, dep flags = dep::optional) noexcept {
  return {{abi::mod_type_default, name, detail::dep_bits(flags | dep::reverse_init)}};
}
/// This module needs every loaded module of `type` (for instance any SQL driver).
constexpr detail::module_dep needs_any(module_type type, dep flags = dep::required) noexcept {
  return {{static_cast<int>(type), nullptr, detail::dep_bits(flags)}};
}
/// While the script sets parameter `p` (to a non-empty value), this module needs any module of `type`.
template <class P>
constexpr detail::param_dep<P> param_needs(P& p, module_type type, dep flags = dep::warn) noexcept {
  static_assert(detail::modparam_source<P> && P::entry_count == 1,
                "modsdk: param_needs(p, ...): p must be a modsdk::param<T> or modsdk::param_list<T> of this module");
  return {&p, {static_cast<int>(type), nullptr, detail::dep_bits(flags)}};
}
/// While the script sets parameter `p`, this module needs module `name` (of `type`).
template <class P>
constexpr detail::param_dep<P> param_needs(P& p, module_type type, const char* name, dep flags = dep::warn) noexcept {
  static_assert(detail::modparam_source<P> && P::entry_count == 1,
                "modsdk: param_needs(p, ...): p must be a modsdk::param<T> or modsdk::param_list<T> of this module");
  return {&p, {static_cast<int>(type), name, detail::dep_bits(flags)}};
}

/// The module's dependencies: needs(...), needs_after(...), needs_any(...), param_needs(...).
template <class... D>
constexpr auto deps(D... d) {
  static_assert(((std::is_same_v<D, detail::module_dep> || detail::is_param_dep<D>::value) && ...),
                "modsdk: deps(...) takes modsdk::needs(...), needs_after(...), needs_any(...) and param_needs(...)");
  return detail::deps_section<D...>{{d...}};
}

MODSDK_END_NAMESPACE
