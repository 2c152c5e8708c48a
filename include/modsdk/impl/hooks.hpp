// SPDX-License-Identifier: MIT
// Lifecycle hooks (modsdk/hooks.hpp): one section per hook, whose lifecycle step runs the user's function
// and maps its result (void, bool, or int in the core's convention for that step) to success, logging a
// failure that was not an exception (the lifecycle's firewall logs those, impl/module/lifecycle.hpp).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

enum class hook_step { load, preinit, init, child_init, destroy, response, reload_ack };

constexpr const char* hook_name(hook_step s) noexcept {
  switch (s) {
    case hook_step::load:
      return "on_load";
    case hook_step::preinit:
      return "on_preinit";
    case hook_step::init:
      return "on_init";
    case hook_step::child_init:
      return "on_child_init";
    case hook_step::destroy:
      return "on_destroy";
    case hook_step::response:
      return "on_response";
    default:
      return "on_reload_ack";
  }
}
constexpr const char* step_name(hook_step s) noexcept {
  switch (s) {
    case hook_step::load:
      return "load";
    case hook_step::preinit:
      return "preinit";
    case hook_step::init:
      return "mod_init";
    case hook_step::child_init:
      return "child_init";
    case hook_step::destroy:
      return "destroy";
    case hook_step::response:
      return "response";
    default:
      return "reload_ack";
  }
}

template <class R>
inline constexpr bool hook_result = std::is_void_v<R> || std::is_same_v<R, bool> || std::is_same_v<R, int>;

/// F is callable with A... and returns void, bool or int.
template <class F, class... A>
constexpr bool valid_hook() {
  if constexpr (std::is_invocable_v<const F&, A...>)
    return hook_result<std::invoke_result_t<const F&, A...>>;
  else
    return false;
}

/// Maps a hook's result to success, logging a failure that was not an exception.
template <hook_step Step, class F, class... A>
bool run_hook(const F& f, A&&... a) {
  using R = std::invoke_result_t<const F&, A...>;
  if constexpr (std::is_void_v<R>) {
    f(static_cast<A&&>(a)...);
    return true;
  } else if constexpr (std::is_same_v<R, bool>) {
    if (f(static_cast<A&&>(a)...)) return true;
    if constexpr (Step != hook_step::response)  // false from on_response is a decision, not a failure
      log::write_for(log::level::error, step_name(Step), "{} failed: an {} hook returned false", step_name(Step),
                     hook_name(Step));
    return false;
  } else {
    const int r = f(static_cast<A&&>(a)...);
    bool ok;
    if constexpr (Step == hook_step::init)
      ok = r == 0;
    else if constexpr (Step == hook_step::reload_ack || Step == hook_step::response)
      ok = r != 0;
    else
      ok = r >= 0;
    if (!ok && Step != hook_step::response)
      log::write_for(log::level::error, step_name(Step), "{} failed: an {} hook returned {}", step_name(Step),
                     hook_name(Step), r);
    return ok;
  }
}

/// One hook (modsdk::on_init(f), ...). Arg is what a child_init hook takes (process_rank, int or void,
/// chosen by on_child_init); the rank the core passes is converted to it.
template <hook_step Step, class F, class Arg = void>
struct hook_section {
  static constexpr section_kind kind = section_kind::hook;
  F fn;

  template <class Tag, std::size_t I>
  static constexpr const F& self() {
    return get_section_at<Tag, I>().fn;
  }

  template <class Tag, std::size_t I>
  requires(Step == hook_step::load) static bool on_load() { return run_hook<Step>(self<Tag, I>()); }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::preinit) static bool on_preinit() { return run_hook<Step>(self<Tag, I>()); }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::init) static bool on_init() { return run_hook<Step>(self<Tag, I>()); }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::reload_ack) static bool on_reload_ack() { return run_hook<Step>(self<Tag, I>()); }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::destroy) static void on_destroy() {
    const F& f = self<Tag, I>();
    (void)f();
  }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::child_init) static bool on_child_init(int rank) {
    const F& f = self<Tag, I>();
    if constexpr (std::is_void_v<Arg>)
      return run_hook<Step>(f);
    else
      return run_hook<Step>(f, Arg(rank));
  }
  template <class Tag, std::size_t I>
  requires(Step == hook_step::response) static bool on_response(abi::sip_msg* msg) {
    reply r(msg);
    return run_hook<Step>(self<Tag, I>(), r);
  }
};

template <hook_step Step, class Arg = void, class F>
constexpr auto make_hook(F f) {
  return hook_section<Step, F, Arg>{f};
}

}  // namespace detail
MODSDK_END_NAMESPACE
