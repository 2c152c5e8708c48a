// SPDX-License-Identifier: MIT
// Bindings of other modules' APIs (modsdk/binds.hpp): what a binding type provides, and the one door through
// which the binds section fills it at mod_init. A binding type (modsdk::tm::binding, ...) declares
//   static constexpr const char* module_name;   // "tm": named in the deps table and in the error line
//   static constexpr const char* loader;        // "load_tm": the pseudo-command find_export resolves
//   bool bind_from(abi::cmd_function load) noexcept;   // private, friend binding_access
#pragma once
#include <concepts>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The binds section's access to a binding's private bind_from (nothing else may bind).
struct binding_access {
  template <class B>
  static bool bind(B& b, abi::cmd_function load) noexcept {
    return b.bind_from(load);
  }
  template <class B>
  static constexpr bool can_bind = requires(B& b, abi::cmd_function f) {
    { b.bind_from(f) } -> std::same_as<bool>;
  };
};

/// A type whose objects modsdk::binds(...) accepts.
template <class B>
concept api_binding = requires {
  { B::module_name } -> std::convertible_to<const char*>;
  { B::loader } -> std::convertible_to<const char*>;
}
&&binding_access::can_bind<B>;

}  // namespace detail
MODSDK_END_NAMESPACE
