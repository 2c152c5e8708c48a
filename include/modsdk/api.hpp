// SPDX-License-Identifier: MIT
/// @file Exporting the module's own API to other modules, and binding another modsdk module's API.
///
///     struct counter_api {                 // shared by both modules (a header of the provider)
///       int (*add)(int n);
///       int (*total)();
///     };
///     // the provider: module "counter" exports load_counter, filling a counter_api with add_impl, total_impl
///     MODSDK_MODULE(counter, modsdk::provides<"counter", counter_api, add_impl, total_impl>());
///
///     // a user: bound in mod_init, after counter's mod_init (deps); a missing counter fails the start
///     modsdk::api_binding<"counter", counter_api> counter;
///     MODSDK_MODULE(user, modsdk::functions(...), modsdk::binds(counter));
///     ... counter->add(1) ...
///
/// provides<Name, Api, F...>() adds a non-script row `load_<Name>` (flags 0, as stock modules export
/// load_tm) to the cmds table; a C module binds it with `find_export("load_<Name>", 0)` and calls it as
/// `int load_<Name>(Api*)`. The functions F... fill Api's members in order, each with its own signature;
/// the pointers handed out are noexcept: an exception is logged and the caller gets a value-initialised
/// result (0, false, nullptr).
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/binding.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/impl/api.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// The module's API for other modules: the row load_<Name> fills an Api with F... (one per member, in order).
/// Name is the module's name by convention (api_binding<Name, Api> depends on the module called Name).
template <detail::fixed_string Name, class Api, auto... F>
constexpr auto provides() noexcept {
  constexpr bool plain = std::is_aggregate_v<Api> && std::is_trivially_copyable_v<Api>;
  static_assert(plain, "modsdk: provides<Name, Api, F...>(): Api must be a plain struct of function pointers");
  constexpr bool complete = sizeof(Api) == sizeof...(F) * sizeof(void (*)());
  static_assert(complete,
                "modsdk: provides<Name, Api, F...>(): give one function per member of Api (a member left out "
                "would be a null pointer in every caller)");
  constexpr bool fills = detail::api_fills<Api, Name, F...>;
  static_assert(fills,
                "modsdk: provides<Name, Api, F...>(): each function's signature must match its member of Api, in "
                "order (same parameters, same result)");
  if constexpr (plain && complete && fills)
    return detail::api_section<Api, Name, F...>{};
  else
    return detail::api_section_error{};  // an error was reported: keep the rest quiet
}

/// Another module's API, exported with provides<Name, Api, ...>() (or by a C module as load_<Name>):
/// declare one at namespace scope and list it in modsdk::binds(...); usable from mod_init on.
template <detail::fixed_string Name, class Api>
class api_binding {
  static_assert(std::is_aggregate_v<Api> && std::is_trivially_copyable_v<Api>,
                "modsdk: api_binding<Name, Api>: Api must be a plain struct of function pointers");

 public:
  static constexpr const char* module_name = Name.c_str();
  static constexpr const char* loader = detail::loader_name_v<Name>.c_str();

  constexpr api_binding() noexcept = default;

  /// Whether mod_init bound the API (false before, or when the binding is not in modsdk::binds(...)).
  bool bound() const noexcept { return bound_; }
  /// The bound API, or nullptr (logged) before mod_init or when the binding is not in modsdk::binds(...).
  const Api* get() const noexcept {
    if (bound_) return &api_;
    detail::log_unbound(Name.c_str());
    return nullptr;
  }
  /// The API's functions: `binding->f(...)`. Before the binding is bound, each function logs that it is not
  /// bound and returns a value-initialised result (0, false, nullptr).
  const Api* operator->() const noexcept { return &api_; }

 private:
  friend struct ::modsdk::detail::binding_access;

  bool bind_from(abi::cmd_function load) noexcept {
    Api a{};
    // load_<Name> is exported as a pseudo-command; its real type is int(Api*).
    auto f = reinterpret_cast<int (*)(Api*)>(reinterpret_cast<void (*)()>(load));
    if (f(&a) < 0) return false;
    api_ = a;
    bound_ = true;
    return true;
  }

  Api api_ = detail::unbound_api_v<Name, Api>;
  bool bound_ = false;
};

MODSDK_END_NAMESPACE
