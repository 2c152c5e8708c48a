// SPDX-License-Identifier: MIT
/// @file Lifecycle hooks: your functions, run by the core at each step of the module's life.
///
///     void init() { if (!connect(*db_url)) throw std::runtime_error("cannot reach the database"); }
///     bool child_init(modsdk::process_rank rank) { return !rank.is_sip_worker() || open_socket(); }
///     bool on_reply(modsdk::reply& r) { return keep(r); }   // false drops the reply
///
///     MODSDK_MODULE(new_module, ..., modsdk::on_init(init), modsdk::on_child_init(child_init),
///                   modsdk::on_response(on_reply), modsdk::on_destroy([] { disconnect(); }));
///
/// | hook                | when (process)                                             | failing it              |
/// |---------------------|------------------------------------------------------------|-------------------------|
/// | on_load(f)          | `loadmodule`, before the module's modparam lines (main)    | the cfg is rejected     |
/// | on_preinit(f)       | after the cfg is parsed, before any mod_init (main)        | startup aborts          |
/// | on_init(f)          | mod_init, before fork (main)                               | startup aborts          |
/// | on_child_init(f)    | in every process the core forks, with its process_rank     | that process fails      |
/// | on_destroy(f)       | shutdown (main), only if mod_init succeeded                | logged                  |
/// | on_response(f)      | every SIP reply received (worker); `f(modsdk::reply&)`    | false drops the reply   |
/// | on_reload_ack(f)    | script reload (`reload_routes`)                            | the new script rejected |
///
/// A hook returns void (throw to fail), bool (false fails) or int in the core's own convention (mod_init:
/// 0 is success, any other value fails; load/preinit/child_init: negative fails; reload_ack and response:
/// 0 rejects/drops). Every failure and every exception is logged, naming the step. Several hooks of one
/// kind may be given; they run in declaration order, after the module's parameters are checked and its
/// state (modsdk::state) is constructed, and on_destroy hooks run before that state is destroyed.
/// on_child_init may take a process_rank, an int rank, or nothing.
#pragma once
#include <concepts>
#include <cstddef>
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/hooks.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

/// What kind of process a child_init runs in.
enum class process_kind {
  sip_worker,      ///< rank >= 1: a SIP (UDP/TCP) worker or a timer worker, numbered by one counter
  main,            ///< PROC_MAIN (0)
  timer,           ///< PROC_TIMER (-1)
  module_process,  ///< PROC_MODULE (-2): a module's own process declared with process_flag::init_child
  tcp_main,        ///< PROC_TCP_MAIN (-4): the TCP main process (4.0+, with tls_mgm loaded)
  other,           ///< any other value the core may pass
};

/// The rank the core passes to child_init, typed. Workers forked later by auto-scaling have ranks
/// 10000+ and are SIP workers too.
class process_rank {
 public:
  constexpr explicit process_rank(int raw) noexcept : raw_(raw) {}
  static constexpr process_rank sip_worker(int n) noexcept { return process_rank(n); }
  static constexpr process_rank main() noexcept { return process_rank(abi::proc_main); }
  static constexpr process_rank timer() noexcept { return process_rank(abi::proc_timer); }
  static constexpr process_rank module_process() noexcept { return process_rank(abi::proc_module); }
  static constexpr process_rank tcp_main() noexcept { return process_rank(abi::proc_tcp_main); }

  /// The core's int.
  constexpr int raw() const noexcept { return raw_; }
  constexpr bool is_sip_worker() const noexcept { return raw_ >= 1; }
  constexpr process_kind kind() const noexcept {
    if (raw_ >= 1) return process_kind::sip_worker;
    switch (raw_) {
      case abi::proc_main:
        return process_kind::main;
      case abi::proc_timer:
        return process_kind::timer;
      case abi::proc_module:
        return process_kind::module_process;
      case abi::proc_tcp_main:
        return process_kind::tcp_main;
      default:
        return process_kind::other;
    }
  }
  friend constexpr bool operator==(process_rank, process_rank) = default;

 private:
  int raw_;
};

// clang-format off
/// Runs `f()` at `loadmodule`, before the module's modparam lines.
template <class F> constexpr auto on_load(F f) {
  static_assert(detail::valid_hook<F>(),
                "modsdk: on_load(f): f must be callable with no arguments and return void, bool or int");
  return detail::make_hook<detail::hook_step::load>(f);
}
/// Runs `f()` after the cfg is parsed, before any module's mod_init.
template <class F> constexpr auto on_preinit(F f) {
  static_assert(detail::valid_hook<F>(),
                "modsdk: on_preinit(f): f must be callable with no arguments and return void, bool or int");
  return detail::make_hook<detail::hook_step::preinit>(f);
}
/// Runs `f()` in mod_init (main process, before fork). Failing it aborts the start.
template <class F> constexpr auto on_init(F f) {
  static_assert(detail::valid_hook<F>(),
                "modsdk: on_init(f): f must be callable with no arguments and return void, bool or int "
                "(int: 0 is success, as in the core)");
  return detail::make_hook<detail::hook_step::init>(f);
}
/// Runs `f(process_rank)` (or `f(int)`, or `f()`) in every forked process.
template <class F> constexpr auto on_child_init(F f) {
  constexpr bool ok = detail::valid_hook<F, process_rank>() || detail::valid_hook<F, int>() || detail::valid_hook<F>();
  static_assert(ok, "modsdk: on_child_init(f): f must take modsdk::process_rank, int or nothing, and return void, "
                    "bool or int");
  if constexpr (std::is_invocable_v<const F&, process_rank>)
    return detail::make_hook<detail::hook_step::child_init, process_rank>(f);
  else if constexpr (std::is_invocable_v<const F&, int>)
    return detail::make_hook<detail::hook_step::child_init, int>(f);
  else return detail::make_hook<detail::hook_step::child_init>(f);
}
/// Runs `f()` at shutdown (main process), only if mod_init succeeded.
template <class F> constexpr auto on_destroy(F f) {
  static_assert(std::is_invocable_v<const F&>, "modsdk: on_destroy(f): f must be callable with no arguments");
  return detail::make_hook<detail::hook_step::destroy>(f);
}
/// Runs `f(modsdk::reply&)` on every SIP reply received; returning false (or 0) drops the reply.
template <class F> constexpr auto on_response(F f) {
  static_assert(detail::valid_hook<F, reply&>(),
                "modsdk: on_response(f): f must take modsdk::reply& and return bool (false drops the reply), "
                "int (0 drops it) or void");
  return detail::make_hook<detail::hook_step::response>(f);
}
/// Runs `f()` when the script is reloaded; false (or 0) rejects the new script.
template <class F> constexpr auto on_reload_ack(F f) {
  static_assert(detail::valid_hook<F>(),
                "modsdk: on_reload_ack(f): f must be callable with no arguments and return void, bool or int");
  return detail::make_hook<detail::hook_step::reload_ack>(f);
}
// clang-format on

MODSDK_END_NAMESPACE
