// SPDX-License-Identifier: MIT
/// @file Script callbacks: functions the core runs around the script of every request or reply a SIP worker
/// receives, before it (deciding whether the script runs) and after it.
///
///     modsdk::script_verdict screen(modsdk::request& req) {        // before the request script
///       if (req.method() == "PUBLISH") return modsdk::script_verdict::drop;   // no script, no after-callbacks
///       return modsdk::script_verdict::run;
///     }
///     void account(modsdk::request& req) { ... }                   // after the request script
///     bool trace(modsdk::reply& rpl) { return true; }              // before the reply script: false drops it
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::script_callbacks(modsdk::before_request<screen>{}, modsdk::after_request<account>{},
///                                  modsdk::before_reply<trace>{/*priority*/ 10}));
///
/// A request callback takes `modsdk::request&` (or `modsdk::message&`), a reply callback `modsdk::reply&`
/// (or `modsdk::message&`). A callback before the script returns modsdk::script_verdict, bool (true: run,
/// false: drop) or void (run); the core ANDs the verdicts of every module's callbacks, so one `drop` or
/// `skip_script` wins. A callback after the script returns void (anything else is ignored). They run in
/// the SIP workers with the message's context set, so modsdk::context_slot values put before the script
/// are there after it. Callbacks are registered in mod_init, highest priority first (equal priorities in
/// registration order, which is module load order). An exception is logged; before the script it counts
/// as `run` (dropping traffic is worse than a missed callback).
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/script.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/script.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

/// What a callback before the script tells the core (the SCB_* masks).
enum class script_verdict : int {
  run = abi::scb_run_all,               ///< run the script, then the callbacks after it
  skip_script = abi::scb_run_post_cbs,  ///< do not run the script; run the callbacks after it
  skip_after = abi::scb_run_top_route,  ///< run the script; skip the callbacks after it
  drop = abi::scb_drop_msg,             ///< stop here: no script, no other callback
};

namespace detail {
template <class F, class M>
consteval bool script_cb_takes() {
  return std::is_invocable_v<F, M&> || std::is_invocable_v<F, message&>;
}

template <auto F, class M, bool Pre>
struct script_cb_call {
  static int call(abi::sip_msg* msg, void*) noexcept {
    return firewall(
        [&]() -> int {
          M m(msg);
          using R = std::invoke_result_t<decltype(F), M&>;
          if constexpr (!Pre) {
            F(m);
            return 1;
          } else if constexpr (std::is_void_v<R>) {
            F(m);
            return abi::scb_run_all;
          } else if constexpr (std::is_same_v<R, script_verdict>) {
            return static_cast<int>(F(m));
          } else {
            return F(m) ? abi::scb_run_all : abi::scb_drop_msg;
          }
        },
        [](const char* what) -> int {
          if (what)
            log::write_for(log::level::error, "script_cb", "a script callback failed: exception: {}", what);
          else
            log::write_for(log::level::error, "script_cb", "a script callback failed: unknown exception");
          return Pre ? abi::scb_run_all : 1;
        });
  }
};

template <auto F, class M, bool Pre, int Type>
consteval script_cb_def make_script_cb(int priority, const char* what) {
  static_assert(script_cb_takes<decltype(F), M>(),
                "modsdk: a script callback takes the message: modsdk::request& for before_request/after_request, "
                "modsdk::reply& for before_reply/after_reply, or modsdk::message& for either");
  if constexpr (Pre && script_cb_takes<decltype(F), M>()) {
    using R = std::invoke_result_t<decltype(F), M&>;
    static_assert(std::is_void_v<R> || std::is_same_v<R, script_verdict> || std::is_same_v<R, bool>,
                  "modsdk: a callback before the script returns modsdk::script_verdict, bool (false drops the "
                  "message) or void");
  }
  return script_cb_def{Type, &script_cb_call<F, M, Pre>::call, priority, what};
}
}  // namespace detail

/// Runs `F(modsdk::request&)` before the request script; its verdict decides whether the script runs.
template <auto F>
struct before_request : detail::script_cb_def {
  consteval explicit before_request(int priority = 0)
      : script_cb_def(detail::make_script_cb<F, request, true, abi::pre_script_cb | abi::req_type_cb>(
            priority, "before the request script")) {}
};
/// Runs `F(modsdk::request&)` after the request script.
template <auto F>
struct after_request : detail::script_cb_def {
  consteval explicit after_request(int priority = 0)
      : script_cb_def(detail::make_script_cb<F, request, false, abi::post_script_cb | abi::req_type_cb>(
            priority, "after the request script")) {}
};
/// Runs `F(modsdk::reply&)` before the reply script (onreply_route); its verdict decides whether it runs.
template <auto F>
struct before_reply : detail::script_cb_def {
  consteval explicit before_reply(int priority = 0)
      : script_cb_def(detail::make_script_cb<F, reply, true, abi::pre_script_cb | abi::rpl_type_cb>(
            priority, "before the reply script")) {}
};
/// Runs `F(modsdk::reply&)` after the reply script.
template <auto F>
struct after_reply : detail::script_cb_def {
  consteval explicit after_reply(int priority = 0)
      : script_cb_def(detail::make_script_cb<F, reply, false, abi::post_script_cb | abi::rpl_type_cb>(
            priority, "after the reply script")) {}
};

/// The module's script callbacks, registered in mod_init.
template <class... C>
constexpr auto script_callbacks(C... c) {
  static_assert((std::is_base_of_v<detail::script_cb_def, C> && ...),
                "modsdk: script_callbacks(...) takes modsdk::before_request<f>{}, after_request<f>{}, "
                "before_reply<f>{} or after_reply<f>{} values");
  static_assert(sizeof...(C) > 0, "modsdk: script_callbacks() needs at least one callback");
  return detail::script_callbacks_section<sizeof...(C)>{{static_cast<const detail::script_cb_def&>(c)...}};
}

MODSDK_END_NAMESPACE
