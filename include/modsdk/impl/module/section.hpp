// SPDX-License-Identifier: MIT
// Sections: a module definition is a name plus "sections" (functions, params, hooks, stats, ...).
// Each section is a literal type with a `kind`; the module's tag type holds the definition as a
// constexpr value, so every table and trampoline is generated from Tag::def at compile time.
//
// What a section may provide (all optional, all static, all templated on the module's Tag):
//   table<Tag>()                 -> pointer for its module_exports field (see section_kind)
//   on_load<Tag>(), on_preinit<Tag>(), on_init<Tag>(), on_reload_ack<Tag>()  -> bool (false = failure, already logged)
//   on_child_init<Tag>(int rank) -> bool
//   on_destroy<Tag>()            -> void
//   on_response<Tag>(abi::sip_msg*) -> bool (false drops the reply)
// A step may instead be declared `template <class Tag, std::size_t I>`: it then also gets its own position
// in the module's section list, which is how a section kind that may appear several times (hooks, state)
// finds its own data: get_section_at<Tag, I>().
//
// The lifecycle (impl/module/lifecycle.hpp) calls each section's step inside modsdk's exception firewall, in
// phases: table sections, then state, then hooks (teardown in exactly the reverse order), so a user's
// on_init hook sees its parameters checked and its state constructed. When a step of mod_init fails, the
// sections whose mod_init already succeeded and that also have on_destroy are unwound (the core calls
// destroy only for modules whose init succeeded).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

MODSDK_BEGIN_NAMESPACE
namespace detail {

enum class section_kind : int {
  // sections that fill a table of module_exports (at most one of each)
  deps,
  functions,
  async_functions,
  params,
  stats,
  mi,
  pvs,
  procs,
  binds,  // bindings of other modules (adds to the deps table, binds in mod_init)
  api,    // the module's own API for other modules (a load_<name> row appended to the cmds table)
  // services registered in mod_init (modsdk/timers.hpp, modsdk/events.hpp, modsdk/avp.hpp): at most one of each
  timers,
  events,
  avps,
  status_reports,  // modsdk::status_reports(...): the module's status/report group (modsdk/status_report.hpp)
  ipc,             // modsdk::ipc(): the SIP workers' process numbers, for ipc_broadcast (modsdk/ipc.hpp)
  // script services registered in mod_init (modsdk/context.hpp, modsdk/script_callbacks.hpp,
  // modsdk/script_routes.hpp): at most one of each
  context_slots,
  script_callbacks,
  script_routes,
  transformations,  // the module's transformation class (a trans_export_t table of one row)
  // module state (modsdk::state): any number; runs after the table sections, before the hooks
  state,
  // hooks (modsdk::on_init, ...): any number; run after every other section (first in destroy)
  hook,
};

/// The lifecycle phase of a section kind: 0 tables, 1 state, 2 hooks.
constexpr int phase_of(section_kind k) noexcept {
  return k == section_kind::hook ? 2 : k == section_kind::state ? 1 : 0;
}

template <class T>
concept module_section = requires {
  { T::kind } -> std::convertible_to<section_kind>;
};

template <module_section... S>
struct module_def {
  const char* name;
  std::tuple<S...> sections;
};

template <class T>
struct is_section_arg : std::bool_constant<module_section<T>> {};

template <class... S>
constexpr auto make_module_def(const char* name, S... s) {
  static_assert(
      (module_section<S> && ...),
      "modsdk: every argument of MODSDK_MODULE after the name must be a section: modsdk::functions(...), "
      "modsdk::params(...), modsdk::on_init(...), modsdk::stats(...), modsdk::mi(...), ... (see docs/reference.md)");
  constexpr auto count = [](section_kind k) { return ((S::kind == k ? 1 : 0) + ... + 0) + (0 * int(k)); };
  static_assert(
      count(section_kind::functions) <= 1 && count(section_kind::async_functions) <= 1 &&
          count(section_kind::params) <= 1 && count(section_kind::stats) <= 1 && count(section_kind::mi) <= 1 &&
          count(section_kind::deps) <= 1 && count(section_kind::procs) <= 1 && count(section_kind::pvs) <= 1 &&
          count(section_kind::binds) <= 1 && count(section_kind::api) <= 1,
      "modsdk: MODSDK_MODULE takes each of functions/async_functions/params/stats/mi/deps/procs/binds/provides "
      "at most "
      "once; list everything of one kind in a single section");
  static_assert(count(section_kind::timers) <= 1 && count(section_kind::events) <= 1 && count(section_kind::avps) <= 1,
                "modsdk: MODSDK_MODULE takes each of timers/events/avps at most once; list all timers in one "
                "modsdk::timers(...), all events in one modsdk::events(...), all AVPs in one modsdk::avps(...)");
  static_assert(count(section_kind::status_reports) <= 1,
                "modsdk: MODSDK_MODULE takes modsdk::status_reports(...) at most once (the module has one status "
                "group): list every status_report in it");
  static_assert(count(section_kind::context_slots) <= 1 && count(section_kind::script_callbacks) <= 1 &&
                    count(section_kind::script_routes) <= 1 && count(section_kind::transformations) <= 1,
                "modsdk: MODSDK_MODULE takes each of context_slots/script_callbacks/script_routes/transformations at "
                "most once; "
                "list all of one kind in a single section");
  return module_def<S...>{name, std::tuple<S...>{s...}};
}

template <class Def>
struct def_traits;
template <class... S>
struct def_traits<module_def<S...>> {
  static constexpr std::size_t size = sizeof...(S);
  template <std::size_t I>
  using section_t = std::tuple_element_t<I, std::tuple<S...>>;
  static constexpr std::size_t index_of(section_kind k) {
    std::size_t i = 0, found = size;
    (void)k;
    ((S::kind == k && found == size ? (found = i, ++i) : ++i), ...);
    return found;
  }
};

template <class Tag>
using def_t = std::remove_cvref_t<decltype(Tag::def)>;

/// Index of the section of kind K in Tag's module, or the section count when it has none.
template <class Tag, section_kind K>
inline constexpr std::size_t section_index = def_traits<def_t<Tag>>::index_of(K);

template <class Tag, section_kind K>
inline constexpr bool has_section = section_index<Tag, K> < def_traits<def_t<Tag>>::size;

/// The section of kind K of Tag's module (a constexpr reference into Tag::def).
template <class Tag, section_kind K>
constexpr const auto& get_section() {
  return std::get<section_index<Tag, K>>(Tag::def.sections);
}
/// The I-th section of Tag's module.
template <class Tag, std::size_t I>
constexpr const auto& get_section_at() {
  return std::get<I>(Tag::def.sections);
}

}  // namespace detail
MODSDK_END_NAMESPACE
