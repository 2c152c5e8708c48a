// SPDX-License-Identifier: MIT
/// @file IPC: run a function in another OpenSIPS process, with a payload copied into shm for it:
///
///     struct purge { int table; char key[32]; };                  // trivially copyable
///     void purge_local(const purge& p) { local_cache(p.table).erase(p.key); }   // runs in the receiver
///     void report() { LOG_INFO("worker {} alive", getpid()); }
///
///     bool f(modsdk::request&) {
///       modsdk::ipc_broadcast<purge_local>(purge{3, "alice"});    // every worker, this one included
///       modsdk::ipc_dispatch<report>();                           // any one SIP worker
///       modsdk::ipc_send<report>(modsdk::ipc_process());          // a process by number (here: itself)
///       return true;
///     }
///     MODSDK_MODULE(my_module, ..., modsdk::ipc());              // needed by ipc_broadcast only
///
/// A job is a function `void()` or `void(const T&)` / `void(T)`, named at compile time (its address is the
/// same in every process: the module is loaded before the core forks). The payload T must be trivially
/// copyable and hold no pointer into the sender's private (pkg) memory: it is copied into one shm block,
/// which the last process that runs the job frees. The jobs of one sender reach one receiver in order;
/// a receiver runs them between SIP messages (from its IPC pipe). An exception escaping a job is logged.
/// ipc_dispatch goes to the pipe all SIP workers read (the first free worker takes it); ipc_broadcast
/// sends to each worker process that ran child_init with a rank >= 1 - the SIP workers and the core's timer
/// workers (`timer_workers`), not the attendant, MI, module or timer-keeper processes (modsdk::ipc() keeps
/// their numbers, in shm) - and runs the job right away in the calling process when it is one of them.
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/ipc.hpp>
#include <modsdk/impl/ipc.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <auto Job>
constexpr bool check_ipc_job() {
  using traits = ipc_job_traits<decltype(Job)>;
  static_assert(traits::valid,
                "modsdk: an IPC job is a function `void job()` or `void job(const T& payload)` named at compile "
                "time, e.g. modsdk::ipc_dispatch<job>(payload) (not a lambda with captures, a member or a "
                "non-const reference)");
  if constexpr (traits::valid && !std::is_void_v<typename traits::payload>) {
    using T = typename traits::payload;
    static_assert(std::is_trivially_copyable_v<T> && !std::is_pointer_v<T>,
                  "modsdk: an IPC job's payload is copied byte for byte into shm for another process: it must be "
                  "trivially copyable and own no memory (use char arrays, not std::string / std::vector)");
    static_assert(alignof(T) <= 8, "modsdk: an IPC job's payload needs more than 8-byte alignment (shm gives 8)");
  }
  return traits::valid;
}
template <auto Job>
using ipc_payload_t = typename ipc_job<Job>::payload;

template <auto Job>
bool ipc_send_one(int process, const ipc_payload_t<Job>& p) noexcept {
  using J = ipc_job<Job>;
  if (process < 0) {
    log::write_for(log::level::error, "ipc", "ipc_send: no process number {}", process);
    return false;
  }
  typename J::block* b = J::make(p, 1);
  if (!b) return false;
  if (abi::ipc_send_rpc(process, &J::run, b) < 0) {
    log::write_for(log::level::error, "ipc", "ipc_send: the core could not send the job to process {}", process);
    J::release(b);
    return false;
  }
  return true;
}
}  // namespace detail

/// This process's number in the core's process table (what ipc_send takes).
inline int ipc_process() noexcept { return abi::process_no; }

/// Sends `Job` with `payload` to process `process` (a number from ipc_process()). False when the payload
/// cannot be allocated or the core cannot write the job (logged).
template <auto Job>
requires(detail::check_ipc_job<Job>() &&
         !std::is_void_v<typename detail::ipc_job_traits<
             decltype(Job)>::payload>) bool ipc_send(int process, const detail::ipc_payload_t<Job>& payload) noexcept {
  return detail::ipc_send_one<Job>(process, payload);
}
/// Sends a job without payload to process `process`.
template <auto Job>
requires(detail::check_ipc_job<Job>() &&
         std::is_void_v<typename detail::ipc_job_traits<decltype(Job)>::payload>) bool ipc_send(int process) noexcept {
  return detail::ipc_send_one<Job>(process, {});
}

/// Hands `Job` with `payload` to whichever SIP worker reads the shared IPC pipe first.
template <auto Job>
requires(detail::check_ipc_job<Job>()) bool ipc_dispatch(const detail::ipc_payload_t<Job>& payload) noexcept {
  using J = detail::ipc_job<Job>;
  typename J::block* b = J::make(payload, 1);
  if (!b) return false;
  if (abi::ipc_dispatch_rpc(&J::run, b) < 0) {
    log::write_for(log::level::error, "ipc", "ipc_dispatch: the core could not write the job");
    J::release(b);
    return false;
  }
  return true;
}

/// Runs `Job` with `payload` in every SIP worker (child_init rank >= 1, not one of the core's timer
/// handlers by the process table; the calling one at once, the others through their IPC pipes). Returns how many
/// workers got it; -1 when the module does not list modsdk::ipc() or the payload cannot be allocated (logged).
template <auto Job>
requires(detail::check_ipc_job<Job>()) int ipc_broadcast(const detail::ipc_payload_t<Job>& payload) noexcept {
  using J = detail::ipc_job<Job>;
  detail::ipc_workers* w = detail::ipc_registry;
  if (!w) {
    log::write_for(log::level::error, "ipc",
                   "ipc_broadcast: list modsdk::ipc() in MODSDK_MODULE (it records the "
                   "SIP workers at startup)");
    return -1;
  }
  int procs[detail::ipc_workers::capacity];
  int n = 0;
  {
    process_guard g{w->lock};
    n = w->count;
    for (int i = 0; i < n; ++i) procs[i] = w->procs[i];
  }
  if (n == 0) return 0;
  // one reference per target, plus one held here until every send is done
  typename J::block* b = J::make(payload, n + 1);
  if (!b) return -1;
  int sent = 0;
  bool self = false;
  for (int i = 0; i < n; ++i) {
    if (procs[i] == abi::process_no) {
      self = true;
      continue;
    }
    if (abi::ipc_send_rpc(procs[i], &J::run, b) < 0) {
      log::write_for(log::level::error, "ipc", "ipc_broadcast: the core could not send the job to process {}",
                     procs[i]);
      J::release(b);
    } else {
      ++sent;
    }
  }
  if (self) {
    J::run(abi::process_no, b);  // releases this worker's reference
    ++sent;
  }
  J::release(b);  // the sender's reference
  return sent;
}

/// ipc_dispatch / ipc_broadcast of a job without payload.
template <auto Job>
requires(detail::check_ipc_job<Job>() &&
         std::is_void_v<typename detail::ipc_job_traits<decltype(Job)>::payload>) bool ipc_dispatch() noexcept {
  return ipc_dispatch<Job>(detail::ipc_empty{});
}
template <auto Job>
requires(detail::check_ipc_job<Job>() &&
         std::is_void_v<typename detail::ipc_job_traits<decltype(Job)>::payload>) int ipc_broadcast() noexcept {
  return ipc_broadcast<Job>(detail::ipc_empty{});
}

/// The module uses ipc_broadcast: `modsdk::ipc()` in MODSDK_MODULE.
constexpr detail::ipc_section ipc() noexcept { return {}; }

MODSDK_END_NAMESPACE
