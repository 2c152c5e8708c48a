// SPDX-License-Identifier: MIT
/// @file Binding other modules' APIs (tm, ...): declare the binding, list it here, use it from mod_init on.
///
///     modsdk::tm::binding tm;
///     MODSDK_MODULE(new_module, modsdk::functions(...), modsdk::binds(tm));
///
/// For each binding, binds(...) adds the module to this module's dependencies (the core then runs that
/// module's mod_init first) and, in mod_init - before modsdk::state and the on_init hooks - resolves its
/// `load_<x>` export and fills the binding. A module that is not loaded fails the start with one line:
///   ERROR:new_module:mod_init: module 'new_module' needs the 'tm' module: add loadmodule "tm.so" to the script
/// Bindings count towards the core's limit of 9 module dependencies (with modsdk::deps(...)).
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/detail/binding.hpp>
#include <modsdk/impl/binds.hpp>

MODSDK_BEGIN_NAMESPACE

/// The module's bindings of other modules' APIs (objects such as a modsdk::tm::binding).
template <class... B>
constexpr auto binds(B&... b) {
  static_assert(sizeof...(B) > 0, "modsdk: binds(...) takes at least one binding, such as a modsdk::tm::binding");
  static_assert((detail::api_binding<B> && ...),
                "modsdk: binds(...) takes bindings of other modules' APIs declared at namespace scope, such as "
                "`modsdk::tm::binding tm;` (see docs/howto/tm.md)");
  static_assert((!std::is_const_v<B> && ...),
                "modsdk: binds(...): a binding is filled in mod_init; it cannot be const");
  return detail::binds_section<B...>{{&b...}};
}

MODSDK_END_NAMESPACE
