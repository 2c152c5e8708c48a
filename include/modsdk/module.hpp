// SPDX-License-Identifier: MIT
/// @file MODSDK_MODULE: the one entry point. It writes the C symbol `exports` that the OpenSIPS core looks
/// up, with every table generated from the sections you list:
///
///     MODSDK_MODULE(new_module,
///         modsdk::functions(MODSDK_FN(new_function, modsdk::route::request | modsdk::route::onreply)),
///         modsdk::params(new_param, db_url),
///         modsdk::on_init(init));
///
/// The version strings come from the stamped target (modsdk_add_module); the scm type and revision are
/// copied from the core while it loads the module. Every callback handed to the core is noexcept.
#pragma once
#include <modsdk/abi/common.hpp>
#include <modsdk/impl/module/exports.hpp>
#include <modsdk/target.hpp>

/// Defines the module: emits `extern "C" module_exports exports` (constant-initialised, the only
/// symbol the .so exports). `name` is the module name used by `loadmodule`, `modparam`, MI and logs.
#define MODSDK_MODULE(name, ...)                                                                                \
  namespace {                                                                                                   \
  struct modsdk_module_tag_##name {                                                                             \
    static constexpr auto def = ::modsdk::detail::make_module_def(#name __VA_OPT__(, ) __VA_ARGS__);            \
  };                                                                                                            \
  }                                                                                                             \
  /* The table lives in a hidden (never interposed) object; `exports` is an alias of it. The module itself only \
     touches the local name, which cannot be interposed by an RTLD_GLOBAL module's own `exports`. */            \
  extern "C" {                                                                                                  \
  __attribute__((visibility("hidden"))) constinit ::modsdk::abi::module_exports modsdk_exports_##name =         \
      ::modsdk::detail::make_exports<modsdk_module_tag_##name>();                                               \
  }                                                                                                             \
  extern "C" MODSDK_EXPORT_SYMBOL ::modsdk::abi::module_exports exports                                         \
      __attribute__((alias("modsdk_exports_" #name)));                                                          \
  namespace {                                                                                                   \
  [[gnu::constructor]] void modsdk_on_dlopen_##name() noexcept {                                                \
    ::modsdk::detail::on_dlopen(modsdk_exports_##name, #name);                                                  \
  }                                                                                                             \
  }                                                                                                             \
  static_assert(true, "")

/// Like MODSDK_MODULE, but defines an internal `module_exports` variable named `var` instead of the
/// C symbol: for tests that hold several modules in one executable (the host takes any module_exports).
#define MODSDK_DEFINE_MODULE(var, name, ...)                                                               \
  namespace {                                                                                              \
  struct modsdk_module_tag_##var {                                                                         \
    static constexpr auto def = ::modsdk::detail::make_module_def(#name __VA_OPT__(, ) __VA_ARGS__);       \
  };                                                                                                       \
  constinit ::modsdk::abi::module_exports var = ::modsdk::detail::make_exports<modsdk_module_tag_##var>(); \
  [[gnu::constructor]] void modsdk_on_dlopen_##var() noexcept { ::modsdk::detail::on_dlopen(var, #name); } \
  }                                                                                                        \
  static_assert(true, "")
