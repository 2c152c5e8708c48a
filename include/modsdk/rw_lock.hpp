// SPDX-License-Identifier: MIT
/// @file A readers/writer lock for the module's own shared (shm) data, usable from every OpenSIPS process:
///
///     struct routes { modsdk::rw_lock lock; int count = 0; route rows[64]; };
///     routes* table;                                    // set in on_init (before fork):
///     table = modsdk::make_shm<routes>().release();
///     ...
///     { modsdk::read_guard g{table->lock}; lookup(*table); }   // many workers at once
///     { modsdk::write_guard g{table->lock}; reload(*table); }  // one writer, no reader
///
/// Any number of readers hold it together; a writer holds it alone. A waiting writer goes first: once it
/// asks, new readers wait until it is done, and it waits for the readers already inside to leave (the
/// semantics of the core's rw_lock_t, which modules use for their reload-able tables). Built on
/// modsdk::process_lock and a shared futex, so a writer waiting in one process is woken by the last
/// reader leaving in another. It meets the standard SharedLockable requirements: std::shared_lock and
/// std::unique_lock work with it too.
///
/// Like process_lock, it must live in shm (a copy made at fork locks nothing), is not recursive (a
/// reader that asks for it again while a writer waits deadlocks) and cannot be upgraded: release the read
/// lock, then take the write lock and check again what was read.
#pragma once
#include <atomic>
#include <modsdk/config.hpp>

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <modsdk/lock.hpp>

MODSDK_BEGIN_NAMESPACE

/// A readers/writer lock shared by processes; place it in shm (see the file comment).
class rw_lock {
 public:
  constexpr rw_lock() noexcept = default;
  rw_lock(const rw_lock&) = delete;
  rw_lock& operator=(const rw_lock&) = delete;

  /// Blocks until the caller is the only holder (no reader, no other writer).
  void lock() noexcept {
    gate_.lock();  // new readers and writers now wait at the gate
    writer_waits_.store(1, std::memory_order_relaxed);
    for (int n; (n = readers_.load(std::memory_order_acquire)) != 0;) futex(readers_, FUTEX_WAIT, n);
    writer_waits_.store(0, std::memory_order_relaxed);
  }
  /// Takes the write lock if nobody holds the lock; never blocks.
  [[nodiscard]] bool try_lock() noexcept {
    if (!gate_.try_lock()) return false;
    if (readers_.load(std::memory_order_acquire) == 0) return true;
    gate_.unlock();
    return false;
  }
  /// Releases the write lock.
  void unlock() noexcept { gate_.unlock(); }

  /// Blocks while a writer holds or waits for the lock, then holds it as one of the readers.
  void lock_shared() noexcept {
    gate_.lock();
    readers_.fetch_add(1, std::memory_order_acquire);
    gate_.unlock();
  }
  /// Takes a read lock if no writer holds or waits for it; never blocks.
  [[nodiscard]] bool try_lock_shared() noexcept {
    if (!gate_.try_lock()) return false;
    readers_.fetch_add(1, std::memory_order_acquire);
    gate_.unlock();
    return true;
  }
  /// Releases a read lock; the last reader out wakes a waiting writer.
  void unlock_shared() noexcept {
    if (readers_.fetch_sub(1, std::memory_order_release) == 1 && writer_waits_.load(std::memory_order_relaxed))
      futex(readers_, FUTEX_WAKE, 1);
  }

  /// How many readers hold it right now (a hint for tests and assertions).
  int readers() const noexcept { return readers_.load(std::memory_order_relaxed); }
  /// Whether a writer holds or waits for it right now (a hint for tests and assertions).
  bool writer() const noexcept { return gate_.is_locked(); }

 private:
  static void futex(std::atomic<int>& word, int op, int val) noexcept {
    // Shared (not process-private) futex: it keys on the physical page every process maps.
    syscall(SYS_futex, reinterpret_cast<int*>(&word), op, val, nullptr, nullptr, 0);
  }
  process_lock gate_;                 // held by a writer from its request to its release
  std::atomic<int> readers_{0};       // readers inside
  std::atomic<int> writer_waits_{0};  // a writer sleeps on readers_
};

static_assert(sizeof(rw_lock) == 3 * sizeof(int), "modsdk: rw_lock is three 4-byte words (address-free in shm)");

/// Holds an rw_lock for reading for the lifetime of the guard.
class [[nodiscard]] read_guard {
 public:
  explicit read_guard(rw_lock& l) noexcept : lock_(l) { lock_.lock_shared(); }
  ~read_guard() { lock_.unlock_shared(); }
  read_guard(const read_guard&) = delete;
  read_guard& operator=(const read_guard&) = delete;

 private:
  rw_lock& lock_;
};

/// Holds an rw_lock for writing for the lifetime of the guard.
class [[nodiscard]] write_guard {
 public:
  explicit write_guard(rw_lock& l) noexcept : lock_(l) { lock_.lock(); }
  ~write_guard() { lock_.unlock(); }
  write_guard(const write_guard&) = delete;
  write_guard& operator=(const write_guard&) = delete;

 private:
  rw_lock& lock_;
};

MODSDK_END_NAMESPACE
