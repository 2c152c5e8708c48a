// SPDX-License-Identifier: MIT
/// @file A lock for the module's own shared (shm) data, usable from every OpenSIPS process:
///
///     struct counters { modsdk::process_lock lock; std::uint64_t hits = 0; };
///     counters* shared;                                            // set in on_init (before fork):
///     shared = modsdk::make_shm<counters>().release();
///     ...
///     { modsdk::process_guard g{shared->lock}; ++shared->hits; }  // in any worker
///
/// process_lock is a 4-byte futex word (states 0 free / 1 locked / 2 locked with waiters): it spins
/// briefly, then sleeps in the kernel, and uses shared (not process-private) futexes so a waiter in one
/// process is woken by an unlock in another. It meets the standard Lockable requirements, so
/// std::scoped_lock and std::unique_lock work with it too.
///
/// It must live in shm: a process_lock in a global or in pkg memory is copied at fork, and then every
/// process locks its own copy. It is not recursive, has no owner tracking, and a process that dies while
/// holding it leaves it locked (OpenSIPS shuts down when a worker dies). It is unrelated to the core's
/// own locks (mem_lock & co.): never use it on core data.
#pragma once
#include <atomic>
#include <cstdint>
#include <modsdk/config.hpp>

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

MODSDK_BEGIN_NAMESPACE

/// A mutual-exclusion lock shared by processes; place it in shm (see the file comment).
class process_lock {
 public:
  constexpr process_lock() noexcept = default;
  process_lock(const process_lock&) = delete;
  process_lock& operator=(const process_lock&) = delete;

  /// Blocks until the lock is held by the caller.
  void lock() noexcept {
    int expected = 0;
    if (state_.compare_exchange_strong(expected, 1, std::memory_order_acquire, std::memory_order_relaxed)) return;
    for (int i = 0; i < spin_limit && expected != 2; ++i) {
      expected = 0;
      if (state_.compare_exchange_weak(expected, 1, std::memory_order_acquire, std::memory_order_relaxed)) return;
      if (expected != 0 && i >= spin_limit / 2) sched_yield();
    }
    // Contended: announce a waiter (2) and sleep until the lock is handed back free.
    while (state_.exchange(2, std::memory_order_acquire) != 0) futex(FUTEX_WAIT, 2);
  }
  /// Takes the lock if it is free; never blocks.
  [[nodiscard]] bool try_lock() noexcept {
    int expected = 0;
    return state_.compare_exchange_strong(expected, 1, std::memory_order_acquire, std::memory_order_relaxed);
  }
  /// Releases the lock; must be called by the holder.
  void unlock() noexcept {
    if (state_.exchange(0, std::memory_order_release) == 2) futex(FUTEX_WAKE, 1);
  }
  /// Whether some process holds the lock right now (a hint for tests and assertions).
  bool is_locked() const noexcept { return state_.load(std::memory_order_relaxed) != 0; }

 private:
  static constexpr int spin_limit = 128;
  void futex(int op, int val) noexcept {
    // A shared futex keys on the physical page, so every process mapping the shm sees the same word.
    syscall(SYS_futex, reinterpret_cast<int*>(&state_), op, val, nullptr, nullptr, 0);
  }
  std::atomic<int> state_{0};
};

static_assert(sizeof(process_lock) == sizeof(int) && std::atomic<int>::is_always_lock_free,
              "modsdk: process_lock needs a lock-free 4-byte atomic (address-free across processes)");

/// Holds a process_lock for the lifetime of the guard.
class [[nodiscard]] process_guard {
 public:
  explicit process_guard(process_lock& l) noexcept : lock_(l) { lock_.lock(); }
  ~process_guard() { lock_.unlock(); }
  process_guard(const process_guard&) = delete;
  process_guard& operator=(const process_guard&) = delete;

 private:
  process_lock& lock_;
};

MODSDK_END_NAMESPACE
