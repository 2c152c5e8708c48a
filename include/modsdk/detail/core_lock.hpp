// SPDX-License-Identifier: MIT
// The core's own lock protocol, needed for exactly one lock: mem_lock, which every inline shm_malloc in
// the core and in C modules takes. FAST_LOCK is a test-and-set on the lock's first byte with adaptive
// spinning (fastlock.h); FAST_LOCK-FUTEX is the 0/1/2 futex protocol (futex_lock.h).
#pragma once
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <modsdk/config.hpp>

#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

inline constexpr int adaptive_wait_loops = 1024;

inline void core_lock_get(volatile int* lock) noexcept {
  if constexpr (target.core.lock == lock_kind::futex) {
    int* p = const_cast<int*>(lock);
    int expected = 0;
    if (__atomic_compare_exchange_n(p, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    for (int i = 0; i < adaptive_wait_loops && expected != 2; ++i) {
      expected = 0;
      if (__atomic_compare_exchange_n(p, &expected, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
    }
    while (__atomic_exchange_n(p, 2, __ATOMIC_ACQUIRE) != 0) syscall(SYS_futex, p, FUTEX_WAIT, 2, nullptr, nullptr, 0);
  } else {
    auto* byte = reinterpret_cast<volatile char*>(lock);
    for (int i = 0;; ++i) {
      if (*byte == 0 && __atomic_exchange_n(byte, char(1), __ATOMIC_ACQUIRE) == 0) return;
      if (i >= adaptive_wait_loops) sched_yield();
    }
  }
}

inline void core_lock_release(volatile int* lock) noexcept {
  if constexpr (target.core.lock == lock_kind::futex) {
    int* p = const_cast<int*>(lock);
    if (__atomic_exchange_n(p, 0, __ATOMIC_RELEASE) != 1) syscall(SYS_futex, p, FUTEX_WAKE, 1, nullptr, nullptr, 0);
  } else {
    __atomic_store_n(reinterpret_cast<volatile char*>(lock), char(0), __ATOMIC_RELEASE);
  }
}

}  // namespace detail
MODSDK_END_NAMESPACE
