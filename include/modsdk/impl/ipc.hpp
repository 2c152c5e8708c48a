// SPDX-License-Identifier: MIT
// IPC (modsdk/ipc.hpp): a job is the core's ipc_rpc_f, one trampoline per job function, and a parameter
// pointing to an shm block holding a reference count and a copy of the payload. The trampoline runs the
// job inside the exception firewall and frees the block when the last process that was sent it is done.
// The ipc section keeps, in shm, the process numbers of the SIP workers (child_init with rank >= 1 in a
// process the core's table, pt[process_no].type, does not mark as a timer handler or a module process: the
// timer handlers also run child_init with rank >= 1), which ipc_broadcast sends to one by one
// (ipc_send_rpc_all exists only from 3.6 and also reaches the timer, MI and module processes).
#pragma once
#include <unistd.h>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <new>
#include <type_traits>

#include <modsdk/abi/ipc.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/lock.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The SIP workers that ran child_init, in shm (allocated in mod_init, before the fork).
struct ipc_workers {
  static constexpr int capacity = 1024;
  process_lock lock;
  int count = 0;
  int procs[capacity] = {};
};

/// The module's worker registry (each module .so has its own: symbols are hidden).
inline ipc_workers* ipc_registry = nullptr;

/// What a job function takes: nothing (`void()`) or its payload (`void(T)` / `void(const T&)`).
template <class F>
struct ipc_job_traits {
  static constexpr bool valid = false;
  using payload = void;
};
template <>
struct ipc_job_traits<void (*)()> {
  static constexpr bool valid = true;
  using payload = void;
};
template <>
struct ipc_job_traits<void (*)() noexcept> : ipc_job_traits<void (*)()> {};
template <class T>
struct ipc_job_traits<void (*)(T)> {
  static constexpr bool valid =
      !std::is_rvalue_reference_v<T> && (!std::is_lvalue_reference_v<T> || std::is_const_v<std::remove_reference_t<T>>);
  using payload = std::remove_cvref_t<T>;
};
template <class T>
struct ipc_job_traits<void (*)(T) noexcept> : ipc_job_traits<void (*)(T)> {};

/// The shm block behind one job: how many processes still have to run it, and the payload.
template <class T>
struct ipc_block {
  std::atomic<int> refs;
  T payload;
};
struct ipc_empty {};

template <auto Job>
struct ipc_job {
  using traits = ipc_job_traits<decltype(Job)>;
  using payload = std::conditional_t<std::is_void_v<typename traits::payload>, ipc_empty, typename traits::payload>;
  using block = ipc_block<payload>;

  static block* make(const payload& p, int refs) noexcept {
    void* mem = shm::malloc(sizeof(block));
    if (!mem) {
      log::write_for(log::level::error, "ipc", "no shm memory for an IPC job's payload ({} bytes)", sizeof(block));
      return nullptr;
    }
    return new (mem) block{{refs}, p};
  }
  /// One process is done with the block (ran the job, or the core refused to send it).
  static void release(block* b) noexcept {
    if (b->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) shm::free(b);
  }
  static void run(int sender, void* param) noexcept {
    auto* b = static_cast<block*>(param);
    firewall(
        [b] {
          if constexpr (std::is_void_v<typename traits::payload>)
            Job();
          else
            Job(b->payload);
        },
        [sender](const char* what) {
          log::write_for(log::level::error, "ipc", "IPC job from process {} failed: {}", sender,
                         what ? what : "unknown exception");
        });
    release(b);
  }
};

/// Whether this process (which ran child_init with rank >= 1) is a SIP worker: its entry in the core's
/// process table is not a timer handler's or a module process's. The entry is trusted only when its pid is
/// this process's (a layout this build does not know: the process counts as a worker, with a warning).
inline bool ipc_is_sip_worker() noexcept {
  const auto* table = static_cast<const unsigned char*>(abi::pt);
  if (!table || abi::process_no < 0) return true;
  const unsigned char* entry =
      table + static_cast<std::size_t>(abi::process_no) * abi::for_profile_t<target.profile>::process_table_size;
  int pid = 0, type = 0;
  std::memcpy(&pid, entry + abi::process_table_pid_offset, sizeof pid);
  std::memcpy(&type, entry + abi::process_table_type_offset, sizeof type);
  if (pid != static_cast<int>(::getpid())) {
    log::write_for(log::level::warn, "ipc",
                   "process {}: the core's process table holds pid {}, not {}: counted as a SIP worker",
                   abi::process_no, pid, ::getpid());
    return true;
  }
  return type != static_cast<int>(abi::process_type::timer) && type != static_cast<int>(abi::process_type::module);
}

/// The ipc section: allocates the worker registry in mod_init and fills it in each SIP worker's child_init.
struct ipc_section {
  static constexpr section_kind kind = section_kind::ipc;

  template <class Tag>
  static bool on_init() noexcept {
    if (ipc_registry) return true;
    void* mem = shm::malloc(sizeof(ipc_workers));
    if (!mem) {
      log::write_for(log::level::error, "ipc", "no shm memory for the IPC worker table");
      return false;
    }
    ipc_registry = new (mem) ipc_workers{};
    return true;
  }
  template <class Tag>
  static bool on_child_init(int rank) noexcept {
    // rank >= 1: a SIP worker or a timer handler (0: attendant, < 0: others)
    if (rank < 1 || !ipc_registry || !ipc_is_sip_worker()) return true;
    process_guard g{ipc_registry->lock};
    for (int i = 0; i < ipc_registry->count; ++i)
      if (ipc_registry->procs[i] == abi::process_no) return true;
    if (ipc_registry->count == ipc_workers::capacity) {
      log::write_for(log::level::error, "ipc", "more than {} SIP workers: process {} gets no broadcast IPC jobs",
                     ipc_workers::capacity, abi::process_no);
      return true;
    }
    ipc_registry->procs[ipc_registry->count++] = abi::process_no;
    return true;
  }
  template <class Tag>
  static void on_destroy() noexcept {
    if (!ipc_registry) return;
    shm::free(ipc_registry);
    ipc_registry = nullptr;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
