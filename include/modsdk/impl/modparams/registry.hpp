// SPDX-License-Identifier: MIT
// The modparam registry: the params section, its param_export_t table and one USE_FUNC_PARAM
// callback per table entry (the core passes the callback nothing but the value, so each entry needs its
// own function: param_setter<Tag, E> finds entry E of Tag's params section at compile time).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <tuple>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/modparams/parse.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// Where table entry E lives: object `obj` of the section, its entry `field`.
struct param_entry_loc {
  std::size_t obj;
  std::size_t field;
};

template <modparam_source... P>
struct params_section {
  static constexpr section_kind kind = section_kind::params;
  static constexpr std::size_t entries = (std::size_t{0} + ... + P::entry_count);
  static constexpr std::array<param_entry_loc, entries> locs = [] {
    std::array<param_entry_loc, entries> a{};
    std::size_t e = 0, j = 0;
    (
        (void)[&] {
          for (std::size_t k = 0; k < P::entry_count; ++k) a[e++] = {j, k};
          ++j;
        }(),
        ...);
    return a;
  }();

  std::tuple<P*...> objs;

  template <class Tag>
  static constexpr const auto& self() {
    return get_section<Tag, section_kind::params>();
  }

  template <class Tag>
  static constexpr const abi::param_export* table();

  /// load_f runs before the first modparam line: every parameter starts from its default (this also
  /// makes a module reusable by several test hosts in one process).
  template <class Tag>
  static bool on_load() {
    std::apply([](auto*... p) { (p->reset(), ...); }, self<Tag>().objs);
    // Names live in the objects (not constants), so a duplicate can only be caught here.
    const abi::param_export* t = table<Tag>();
    for (std::size_t i = 0; i < entries; ++i)
      for (std::size_t j = i + 1; j < entries; ++j)
        if (std::string_view(t[i].name) == t[j].name) {
          log::write_for(log::level::error, "load", "module {} declares the parameter {:?} twice", Tag::def.name,
                         t[i].name);
          return false;
        }
    return true;
  }
  /// mod_init: required parameters set, group-wide validators, values parsed at start (pv_format); on
  /// failure what was parsed is released (the core will not call destroy).
  template <class Tag>
  static bool on_init() {
    const bool ok = std::apply(
        [](auto*... p) {
          bool ok = true;
          ((ok = p->finish(Tag::def.name) && ok), ...);  // every object reports, not just the first
          return ok;
        },
        self<Tag>().objs);
    if (!ok) on_destroy<Tag>();
    return ok;
  }
  /// destroy: what on_init set up for the values (a pv_format's parsed list).
  template <class Tag>
  static void on_destroy() {
    std::apply([](auto*... p) { (release_one(p), ...); }, self<Tag>().objs);
  }
  template <class O>
  static void release_one(O* p) noexcept {
    if constexpr (requires { p->release(); }) p->release();
  }
};

/// The USE_FUNC_PARAM callback of table entry E of Tag's module.
template <class Tag, std::size_t E>
int param_setter(abi::modparam_t type, void* val) noexcept {
  using S = std::remove_cvref_t<decltype(get_section<Tag, section_kind::params>())>;
  constexpr param_entry_loc loc = S::locs[E];
  auto* obj = std::get<loc.obj>(get_section<Tag, section_kind::params>().objs);
  const modparam_ref at{Tag::def.name, obj->entry_name(loc.field)};
  // assign logs its own failures; the firewall is the last line of defence. A refused value counts as an
  // error of the cfg parse (the parse and `opensips -C` fail) and the setter returns 0: a negative return
  // would make cfg.y add "Parameter <x> not found in module <m> - can't set", which is not true here.
  const bool ok = firewall([&] { return obj->template assign<loc.field>(at, type, val); },
                           [&](const char*) {
                             log::write_for(log::level::error, "modparam",
                                            "modparam {}.{}: failed: unexpected exception", at.module, at.param);
                             return false;
                           });
  if (!ok) ++abi::cfg_errors;
  return 0;
}

// The table is a namespace-scope array so that it can hold the callbacks as void* (the ABI's type):
// that conversion is not a constant expression, yet compilers emit such an array as initialised data,
// so it exists before any code of the module runs, like a constinit one.
template <class Tag, class S, std::size_t... E>
const abi::param_export param_table_data[] = {
    {std::get<S::locs[E].obj>(get_section<Tag, section_kind::params>().objs)->entry_name(S::locs[E].field),
     abi::use_func_param | abi::str_param | abi::int_param, reinterpret_cast<void*>(&param_setter<Tag, E>)}...,
    {nullptr, 0, nullptr}};

template <class Tag, class S, std::size_t... E>
constexpr const abi::param_export* param_table(std::index_sequence<E...>) {
  return param_table_data<Tag, S, E...>;
}

template <modparam_source... P>
template <class Tag>
constexpr const abi::param_export* params_section<P...>::table() {
  return param_table<Tag, params_section>(std::make_index_sequence<entries>{});
}

}  // namespace detail
MODSDK_END_NAMESPACE
