// SPDX-License-Identifier: MIT
// The module_exports from a module's constexpr definition. Constant-initialised (the
// MODSDK_MODULE macro declares `exports` constinit), so it exists before any code of the module runs.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/abi/core.hpp>
#include <modsdk/config.hpp>
#include <modsdk/detail/module_name.hpp>
#include <modsdk/impl/deps.hpp>
#include <modsdk/impl/module/lifecycle.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

template <class Tag, section_kind K>
constexpr auto table_of() {
  if constexpr (has_section<Tag, K>) {
    using S = typename def_traits<def_t<Tag>>::template section_t<section_index<Tag, K>>;
    return S::template table<Tag>();
  } else {
    return nullptr;
  }
}

/// The functions section's rows, then the api section's load_<name> row, then the terminator.
template <class Tag>
constexpr auto merged_cmds() {
  constexpr auto fns = table_of<Tag, section_kind::functions>();
  constexpr std::size_t n = [&] {
    std::size_t i = 0;
    if constexpr (has_section<Tag, section_kind::functions>)
      while (fns[i].name) ++i;
    return i;
  }();
  std::array<abi::cmd_export, n + 2> t{};
  if constexpr (has_section<Tag, section_kind::functions>)
    for (std::size_t i = 0; i < n; ++i) t[i] = fns[i];
  using S = typename def_traits<def_t<Tag>>::template section_t<section_index<Tag, section_kind::api>>;
  t[n] = S::row();
  return t;
}
template <class Tag>
inline constexpr auto merged_cmds_v = merged_cmds<Tag>();

template <class Tag>
constexpr const abi::cmd_export* cmds_of() {
  if constexpr (has_section<Tag, section_kind::api>)
    return merged_cmds_v<Tag>.data();
  else
    return table_of<Tag, section_kind::functions>();
}

template <class Tag>
constexpr abi::module_exports make_exports() {
  using life = lifecycle<Tag>;
  return abi::module_exports{
      Tag::def.name,
      abi::mod_type_default,
      {target.version.data(), target.flags.data(), {target.scm_type.data(), target.scm_rev.data()}},
      0,  // dlflags: the core's default (RTLD_NOW); anything else makes the core dlopen us twice
      &life::load,
      deps_table<Tag>(),
      cmds_of<Tag>(),
      table_of<Tag, section_kind::async_functions>(),
      table_of<Tag, section_kind::params>(),
      table_of<Tag, section_kind::stats>(),
      table_of<Tag, section_kind::mi>(),
      table_of<Tag, section_kind::pvs>(),
      table_of<Tag, section_kind::transformations>(),
      table_of<Tag, section_kind::procs>(),
      &life::preinit,
      &life::init,
      life::has_response ? &life::response : nullptr,
      &life::destroy,
      &life::child_init,
      life::has_reload_ack ? &life::reload_ack : nullptr,
  };
}

/// Runs while the core dlopen()s the module, before its loader reads `exports`: adopt the core's own
/// scm type/revision (exported as core_scm_ver), so one build serves every revision of a release.
inline void on_dlopen(abi::module_exports& e, const char* name) noexcept {
  if (!module_name) module_name = name;
  if (&abi::core_scm_ver != nullptr && abi::core_scm_ver.type && abi::core_scm_ver.rev)
    e.ver_info.scm = abi::core_scm_ver;
}

}  // namespace detail
MODSDK_END_NAMESPACE
