// SPDX-License-Identifier: MIT
// modsdk/rw_lock.hpp: readers share it, a writer holds it alone, a waiting writer goes before new readers,
// across forked processes sharing the memory it lives in (as OpenSIPS workers share shm).
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <type_traits>

#include <modsdk/rw_lock.hpp>

namespace {
struct shared_block {
  modsdk::rw_lock lock;
  long a = 0, b = 0;  // a writer keeps a == b; a reader must never see them differ
  int writers_inside = 0;
  int overlaps = 0;     // a reader or writer saw a writer inside
  int torn = 0;         // a reader saw a != b
  int max_readers = 0;  // readers seen inside at once
};

shared_block* map_shared() {
  void* p = mmap(nullptr, sizeof(shared_block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  return new (p) shared_block{};
}

void work(shared_block* s, int rounds, bool writer) {
  for (int i = 0; i < rounds; ++i) {
    if (writer && i % 8 == 0) {
      modsdk::write_guard g{s->lock};
      if (s->writers_inside++ || s->lock.readers() != 0) ++s->overlaps;
      long v = s->a;
      if (i % 64 == 0) sched_yield();
      s->a = v + 1;
      s->b = v + 1;
      --s->writers_inside;
    } else {
      modsdk::read_guard g{s->lock};
      if (__atomic_load_n(&s->writers_inside, __ATOMIC_RELAXED)) __atomic_fetch_add(&s->overlaps, 1, __ATOMIC_RELAXED);
      const long a = __atomic_load_n(&s->a, __ATOMIC_RELAXED);
      if (i % 64 == 0) sched_yield();
      if (a != __atomic_load_n(&s->b, __ATOMIC_RELAXED)) __atomic_fetch_add(&s->torn, 1, __ATOMIC_RELAXED);
      const int r = s->lock.readers();
      int m = __atomic_load_n(&s->max_readers, __ATOMIC_RELAXED);
      while (r > m && !__atomic_compare_exchange_n(&s->max_readers, &m, r, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
      }
    }
  }
}
}  // namespace

static_assert(std::is_trivially_destructible_v<modsdk::rw_lock>, "a lock may sit in a module-level struct");
static_assert(!std::is_copy_constructible_v<modsdk::rw_lock> && !std::is_copy_assignable_v<modsdk::rw_lock>);

TEST_CASE("rw_lock: writers exclude everyone, readers never see a half-done write, across processes") {
  shared_block* s = map_shared();
  constexpr int procs = 3, rounds = 20000;
  pid_t pids[procs];
  for (int p = 0; p < procs; ++p) {
    pids[p] = fork();
    REQUIRE(pids[p] >= 0);
    if (pids[p] == 0) {
      work(s, rounds, p == 0);
      _exit(0);
    }
  }
  work(s, rounds, true);
  for (pid_t pid : pids) {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
  }
  CHECK(s->overlaps == 0);
  CHECK(s->torn == 0);
  CHECK(s->a == 2 * (rounds / 8));
  CHECK(s->lock.readers() == 0);
  CHECK_FALSE(s->lock.writer());
  munmap(s, sizeof *s);
}

TEST_CASE("rw_lock: readers hold it together; try_lock fails while they do") {
  modsdk::rw_lock l;
  CHECK(l.try_lock_shared());
  CHECK(l.try_lock_shared());
  CHECK(l.readers() == 2);
  CHECK_FALSE(l.try_lock());
  l.unlock_shared();
  CHECK_FALSE(l.try_lock());
  l.unlock_shared();
  CHECK(l.readers() == 0);
  CHECK(l.try_lock());
  CHECK(l.writer());
  CHECK_FALSE(l.try_lock_shared());
  CHECK_FALSE(l.try_lock());
  l.unlock();
  CHECK_FALSE(l.writer());
}

TEST_CASE(
    "rw_lock: a waiting writer in another process goes before new readers, and wakes when the last reader leaves") {
  shared_block* s = map_shared();
  s->lock.lock_shared();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    {
      modsdk::write_guard g{s->lock};  // waits for the parent's read lock
      s->a = s->b == 7 ? 1 : 2;        // 1: it got the lock only after the reader left
    }
    _exit(0);
  }
  // the writer is (very likely) waiting by now: new readers are refused, the current one stays in
  for (int i = 0; i < 200 && !s->lock.writer(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(s->lock.writer());
  CHECK_FALSE(s->lock.try_lock_shared());
  CHECK(s->lock.readers() == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  s->b = 7;
  s->lock.unlock_shared();
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  CHECK(s->a == 1);
  CHECK_FALSE(s->lock.writer());
  CHECK(s->lock.readers() == 0);
  munmap(s, sizeof *s);
}

TEST_CASE("rw_lock: the standard shared_lock / unique_lock adaptors") {
  modsdk::rw_lock l;
  {
    std::shared_lock r1{l};
    std::shared_lock r2{l};
    CHECK(l.readers() == 2);
    std::unique_lock w{l, std::try_to_lock};
    CHECK_FALSE(w.owns_lock());
  }
  {
    std::unique_lock w{l};
    CHECK(l.writer());
    std::shared_lock r{l, std::try_to_lock};
    CHECK_FALSE(r.owns_lock());
  }
  CHECK(l.readers() == 0);
  CHECK_FALSE(l.writer());
}
