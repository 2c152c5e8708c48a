// SPDX-License-Identifier: MIT
// Bindings of other modules (modsdk/binds.hpp): the binds section. It adds one dependency per binding to the
// module's deps table (DEP_SILENT: the core only orders us after the module; a missing module is reported by
// us, with the loadmodule line to add), and in mod_init resolves each binding's `load_<x>` through
// find_export and lets the binding fill itself.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/detail/binding.hpp>
#include <modsdk/detail/module_name.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

template <class B>
bool bind_one(B& b) noexcept {
  abi::cmd_function load = abi::find_export(B::loader, 0);
  if (!load) {
    log::write_for(log::level::error, "mod_init",
                   "module '{}' needs the '{}' module: add loadmodule \"{}.so\" to the script", current_module_name(),
                   B::module_name, B::module_name);
    return false;
  }
  if (!binding_access::bind(b, load)) {
    log::write_for(log::level::error, "mod_init", "module '{}' could not bind the '{}' API ({} failed)",
                   current_module_name(), B::module_name, B::loader);
    return false;
  }
  return true;
}

template <class... B>
struct binds_section {
  static constexpr section_kind kind = section_kind::binds;
  std::tuple<B*...> objs;

  /// The dependencies this section adds to the module's deps table.
  static constexpr std::array<abi::module_dependency, sizeof...(B)> module_deps() noexcept {
    return {abi::module_dependency{abi::mod_type_default, B::module_name, abi::dep_silent}...};
  }

  template <class Tag>
  static bool on_init() {
    return std::apply([](B*... b) { return (bind_one(*b) && ...); }, get_section<Tag, section_kind::binds>().objs);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
