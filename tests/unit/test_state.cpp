// SPDX-License-Identifier: MIT
// modsdk::shared<T> (shm, built in mod_init) and modsdk::per_process<T> (built in each child_init):
// when they exist, where their memory lives, and that nothing leaks when a start fails half-way.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/state.hpp>
#include <modsdk/testing.hpp>

using modsdk::process_rank;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;

namespace {
int alive = 0;  // live `tracked` objects
struct tracked {
  int value;
  explicit tracked(int v) : value(v) { ++alive; }
  tracked(const tracked&) = delete;
  ~tracked() { --alive; }
};
struct counters {
  std::atomic<long> calls{0};
  long big[64]{};
};
struct alignas(64) wide {
  char bytes[64];
};

bool fail_factory = false, fail_hook = false;

modsdk::shared<counters> totals;
modsdk::shared<tracked> tracked_shared{[] { return tracked(41); }};
modsdk::shared<wide> aligned;
modsdk::shared<tracked> maybe_broken{[]() -> tracked {
  if (fail_factory) throw std::runtime_error("no room");
  return tracked(1);
}};
modsdk::per_process<tracked> conn{[](process_rank r) { return tracked(r.raw() * 10); }};
modsdk::per_process<std::string*> plain;  // value-initialised

static_assert(std::is_trivially_destructible_v<modsdk::shared<tracked>>);
static_assert(std::is_trivially_destructible_v<modsdk::per_process<tracked>>);
}  // namespace

MODSDK_DEFINE_MODULE(state_mod, stateful, modsdk::state(totals, tracked_shared, aligned),
                     modsdk::state(maybe_broken, conn, plain), modsdk::on_init([] {
                       if (fail_hook) throw std::runtime_error("hook says no");
                     }));

TEST_CASE("nothing exists before mod_init, and using it then throws") {
  host h{state_mod};
  CHECK_FALSE(totals.ready());
  CHECK_FALSE(conn.ready());
  CHECK_THROWS_WITH(*totals, "modsdk::shared<T> used before mod_init constructed it (or after destroy)");
  CHECK_THROWS_WITH(conn->value, "modsdk::per_process<T> used in a process without child_init (before fork?)");
}

TEST_CASE("shared<T> lives in shm from mod_init to destroy; per_process<T> from child_init") {
  leak_check lc;
  const auto shm_before = core().shm_in_use();
  {
    host h{state_mod};
    REQUIRE(h.init());
    CHECK(totals.ready());
    CHECK(core().shm_in_use() >= shm_before + sizeof(counters) + sizeof(tracked) + sizeof(wide));
    CHECK(tracked_shared->value == 41);
    CHECK(alive == 2);  // tracked_shared, maybe_broken
    totals->calls += 3;
    CHECK(totals->calls == 3);
    CHECK(reinterpret_cast<std::uintptr_t>(aligned.get()) % 64 == 0);
    CHECK_FALSE(conn.ready());  // the main process never runs child_init

    REQUIRE(h.child_init(3));
    CHECK(conn->value == 30);
    CHECK(*plain == nullptr);
    CHECK(alive == 3);
    REQUIRE(h.child_init(5));  // the test's "next process": rebuilt, the old one destroyed
    CHECK(conn->value == 50);
    CHECK(alive == 3);
  }  // host destructor: destroy
  CHECK_FALSE(totals.ready());
  CHECK_FALSE(conn.ready());
  CHECK(alive == 0);
  CHECK(core().shm_in_use() == shm_before);
  CHECK(lc.clean());
}

TEST_CASE("a failing state factory fails mod_init and frees what was already built") {
  leak_check lc;
  fail_factory = true;
  {
    host h{state_mod};
    core().clear_logs();
    CHECK_FALSE(h.init());
    CHECK(core().logged(modsdk::abi::l_err, "mod_init failed: exception: no room"));
  }
  fail_factory = false;
  CHECK_FALSE(totals.ready());
  CHECK_FALSE(tracked_shared.ready());
  CHECK(alive == 0);
  CHECK(lc.clean());
}

TEST_CASE("a failing on_init hook unwinds the state built before it (the core will not call destroy)") {
  leak_check lc;
  fail_hook = true;
  {
    host h{state_mod};
    CHECK_FALSE(h.init());
    CHECK(core().logged(modsdk::abi::l_err, "mod_init failed: exception: hook says no"));
  }
  fail_hook = false;
  CHECK_FALSE(totals.ready());
  CHECK_FALSE(maybe_broken.ready());
  CHECK(alive == 0);
  CHECK(lc.clean());
}

TEST_CASE("a module can start again after a full stop") {
  for (int round = 0; round < 2; ++round) {
    host h{state_mod};
    REQUIRE(h.start(1));
    CHECK(totals->calls == 0);  // a fresh object each start
    ++totals->calls;
  }
  CHECK(alive == 0);
}
