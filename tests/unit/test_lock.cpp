// SPDX-License-Identifier: MIT
// modsdk/lock.hpp: process_lock excludes across forked processes sharing the memory it lives in, the way
// OpenSIPS workers share shm.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <type_traits>

#include <modsdk/detail/core_lock.hpp>
#include <modsdk/lock.hpp>

namespace {
struct shared_block {
  modsdk::process_lock lock;
  long counter = 0;  // deliberately not atomic: only the lock protects it
  int in_critical = 0;
  int overlaps = 0;
  volatile int released = 0;  // set by the holder, under the lock, just before it unlocks
};

/// Memory shared with forked children, like OpenSIPS's shm.
shared_block* map_shared() {
  void* p = mmap(nullptr, sizeof(shared_block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  return new (p) shared_block{};
}

void hammer(shared_block* b, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    modsdk::process_guard g{b->lock};
    if (b->in_critical++) ++b->overlaps;
    long v = b->counter;
    if (i % 64 == 0) sched_yield();  // widen the window a racing process would use
    b->counter = v + 1;
    --b->in_critical;
  }
}
}  // namespace

static_assert(std::is_trivially_destructible_v<modsdk::process_lock>, "a lock may sit in a module-level struct");
static_assert(sizeof(modsdk::process_lock) == 4);

TEST_CASE("process_lock excludes across processes") {
  shared_block* b = map_shared();
  constexpr int workers = 3, rounds = 20000;
  pid_t pids[workers];
  for (int w = 0; w < workers; ++w) {
    pids[w] = fork();
    REQUIRE(pids[w] >= 0);
    if (pids[w] == 0) {
      hammer(b, rounds);
      _exit(0);
    }
  }
  hammer(b, rounds);
  for (pid_t pid : pids) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
  }
  CHECK(b->counter == long(workers + 1) * rounds);
  CHECK(b->overlaps == 0);
  CHECK_FALSE(b->lock.is_locked());
  munmap(b, sizeof *b);
}

TEST_CASE("a waiter in another process sleeps until the holder unlocks") {
  shared_block* b = map_shared();
  b->lock.lock();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    b->lock.lock();  // blocks until the parent unlocks
    // 1: it got the lock only after the holder let go (however late this process started); 2: it did not wait
    b->counter = b->released ? 1 : 2;
    b->lock.unlock();
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(60));  // the child is (very likely) waiting by now
  b->released = 1;
  b->lock.unlock();
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(b->counter == 1);
  CHECK_FALSE(b->lock.is_locked());
  munmap(b, sizeof *b);
}

TEST_CASE("try_lock, is_locked and the standard lock adaptors") {
  modsdk::process_lock l;
  CHECK_FALSE(l.is_locked());
  CHECK(l.try_lock());
  CHECK(l.is_locked());
  CHECK_FALSE(l.try_lock());
  l.unlock();
  CHECK_FALSE(l.is_locked());
  {
    std::scoped_lock g{l};
    CHECK(l.is_locked());
  }
  CHECK_FALSE(l.is_locked());
  {
    std::unique_lock g{l, std::try_to_lock};
    CHECK(g.owns_lock());
  }
  {
    modsdk::process_guard g{l};
    CHECK(l.is_locked());
  }
  CHECK_FALSE(l.is_locked());
}

TEST_CASE("the core's own lock protocol (mem_lock), as the stamped target defines it") {
  struct block {
    volatile int lock;
    long counter;
  };
  void* p = mmap(nullptr, sizeof(block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  auto* b = new (p) block{0, 0};
  // FAST_LOCK (the stock targets): test-and-set of the lock's first byte, released by storing 0
  STATIC_REQUIRE(modsdk::target.core.lock == modsdk::lock_kind::fast);
  modsdk::detail::core_lock_get(&b->lock);
  CHECK(*reinterpret_cast<volatile char*>(&b->lock) == 1);
  modsdk::detail::core_lock_release(&b->lock);
  CHECK(b->lock == 0);

  constexpr int rounds = 20000;
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  auto work = [b] {
    for (int i = 0; i < rounds; ++i) {
      modsdk::detail::core_lock_get(&b->lock);
      long v = b->counter;
      if (i % 64 == 0) sched_yield();
      b->counter = v + 1;
      modsdk::detail::core_lock_release(&b->lock);
    }
  };
  if (pid == 0) {
    work();
    _exit(0);
  }
  work();
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(b->counter == 2L * rounds);
  CHECK(b->lock == 0);
  munmap(p, sizeof(block));
}
