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
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/impl/deps.hpp>
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

/// This module needs module `name`: it is initialised before us and destroyed after us. Flags: see above.
constexpr detail::module_dep needs(const char* name, dep flags = dep::required) noexcept {
  return {{abi::mod_type_default, name, detail::dep_bits(flags.bits())}};
}
/// Module `name`, when loaded, is initialised after this module (mod_init and child_init).
constexpr detail::module_dep needs_after(const char* name, dep flags = dep::optional) noexcept {
  return {{abi::mod_type_default, name, detail::dep_bits((flags | dep::reverse_init).bits())}};
}
/// This module needs every loaded module of `type` (for instance any SQL driver).
constexpr detail::module_dep needs_any(module_type type, dep flags = dep::required) noexcept {
  return {{static_cast<int>(type), nullptr, detail::dep_bits(flags.bits())}};
}
/// While the script sets parameter `p` (to a non-empty value), this module needs any module of `type`.
template <class P>
constexpr detail::param_dep<P> param_needs(P& p, module_type type, dep flags = dep::warn) noexcept {
  static_assert(detail::modparam_source<P> && P::entry_count == 1,
                "modsdk: param_needs(p, ...): p must be a modsdk::param<T> or modsdk::param_list<T> of this module");
  return {&p, {static_cast<int>(type), nullptr, detail::dep_bits(flags.bits())}};
}
/// While the script sets parameter `p`, this module needs module `name` (of `type`).
template <class P>
constexpr detail::param_dep<P> param_needs(P& p, module_type type, const char* name, dep flags = dep::warn) noexcept {
  static_assert(detail::modparam_source<P> && P::entry_count == 1,
                "modsdk: param_needs(p, ...): p must be a modsdk::param<T> or modsdk::param_list<T> of this module");
  return {&p, {static_cast<int>(type), name, detail::dep_bits(flags.bits())}};
}

/// The module's dependencies: needs(...), needs_after(...), needs_any(...), param_needs(...).
template <class... D>
constexpr auto deps(D... d) {
  static_assert(((std::is_same_v<D, detail::module_dep> || detail::is_param_dep<D>::value) && ...),
                "modsdk: deps(...) takes modsdk::needs(...), needs_after(...), needs_any(...) and param_needs(...)");
  return detail::deps_section<D...>{{d...}};
}

MODSDK_END_NAMESPACE
