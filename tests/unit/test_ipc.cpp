// SPDX-License-Identifier: MIT
// IPC (modsdk/ipc.hpp): jobs sent to one process, dispatched to any SIP worker, broadcast to every SIP worker
// that ran child_init; the payload copied into shm and freed after the last run; exceptions logged; bad
// process numbers and a missing modsdk::ipc() refused. The fake core runs each process's jobs when the test
// says so (core().run_ipc(p)).
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <modsdk/hooks.hpp>
#include <modsdk/ipc.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;

namespace {
struct purge {
  int table;
  char key[16];
};
static_assert(std::is_trivially_copyable_v<purge>);

std::vector<std::string> ran;  // "<process>:<what>"

void on_purge(const purge& p) {
  ran.push_back(std::to_string(modsdk::ipc_process()) + ":purge " + std::to_string(p.table) + " " + p.key);
}
void on_ping() { ran.push_back(std::to_string(modsdk::ipc_process()) + ":ping"); }
void by_value(int n) noexcept { ran.push_back(std::to_string(modsdk::ipc_process()) + ":n=" + std::to_string(n)); }
void throws(const purge&) { throw std::runtime_error("cache gone"); }
void relay(int n) {  // a job that sends a job: runs in the same pass of run_ipc
  ran.push_back(std::to_string(modsdk::ipc_process()) + ":relay");
  modsdk::ipc_send<by_value>(modsdk::ipc_process(), n + 1);
}

purge make(int table, const char* key) {
  purge p{table, {}};
  std::strncpy(p.key, key, sizeof p.key - 1);
  return p;
}
}  // namespace

MODSDK_DEFINE_MODULE(ipc_mod, ipc_test, modsdk::ipc());
MODSDK_DEFINE_MODULE(no_ipc_mod, ipc_none, modsdk::on_init([] {}));

namespace {
/// Starts the module as the core does: mod_init in the attendant, then child_init in each SIP worker
/// (processes 1..workers, rank = process number), in a timer handler (rank workers + 1, as the core gives
/// it, process workers + 1, marked TYPE_TIMER in the process table) and in an MI process (rank -1, process
/// workers + 2).
void start_workers(host& h, int workers) {
  REQUIRE(h.init());
  for (int p = 1; p <= workers; ++p) {
    core().set_process(p);
    REQUIRE(h.child_init(p));
  }
  core().set_timer_process(workers + 1);
  REQUIRE(h.child_init(workers + 1));
  core().set_process(workers + 2);
  REQUIRE(h.child_init(-1));
  core().set_process(1);
}
}  // namespace

TEST_CASE("ipc: a job sent to one process runs there, with its payload, when that process reads its pipe") {
  core().reset();
  ran.clear();
  modsdk::testing::leak_check lc;
  {
    host h{ipc_mod};
    start_workers(h, 3);
    CHECK(modsdk::ipc_send<on_purge>(3, make(7, "alice")));
    CHECK(modsdk::ipc_send<on_ping>(2));
    CHECK(modsdk::ipc_send<by_value>(3, 42));
    CHECK(core().pending_ipc(3) == 2);
    CHECK(core().run_ipc(2) == 1);
    CHECK(ran == std::vector<std::string>{"2:ping"});
    CHECK(core().run_ipc(3) == 2);
    CHECK(ran == std::vector<std::string>{"2:ping", "3:purge 7 alice", "3:n=42"});
    CHECK(core().pending_ipc(3) == 0);
    CHECK(modsdk::ipc_process() == 1);  // run_ipc restored the current process
  }
  lc.expect_clean();  // every payload block was freed after its run
}

TEST_CASE("ipc: a dispatched job runs in whichever SIP worker reads the shared pipe first") {
  core().reset();
  ran.clear();
  modsdk::testing::leak_check lc;
  {
    host h{ipc_mod};
    start_workers(h, 2);
    CHECK(modsdk::ipc_dispatch<on_purge>(make(1, "bob")));
    CHECK(modsdk::ipc_dispatch<on_ping>());
    CHECK(core().pending_ipc(-1) == 2);
    CHECK(core().run_ipc(2, false) == 0);  // its own pipe only
    CHECK(core().run_ipc(2) == 2);
    CHECK(ran == std::vector<std::string>{"2:purge 1 bob", "2:ping"});
    CHECK(core().run_ipc(1) == 0);
  }
  lc.expect_clean();
}

TEST_CASE(
    "ipc: a broadcast runs once in every SIP worker, at once in the sender, and frees the payload after the last") {
  core().reset();
  ran.clear();
  modsdk::testing::leak_check lc;
  {
    host h{ipc_mod};
    start_workers(h, 3);
    core().set_process(2);  // a worker broadcasts
    CHECK(modsdk::ipc_broadcast<on_purge>(make(9, "carol")) == 3);
    CHECK(ran == std::vector<std::string>{"2:purge 9 carol"});  // the sender ran it already
    CHECK(core().pending_ipc(1) == 1);
    CHECK(core().pending_ipc(3) == 1);
    CHECK(core().pending_ipc(4) == 0);  // the timer handler (child_init rank 4) is no SIP worker
    CHECK(core().pending_ipc(5) == 0);  // nor the MI process
    CHECK(core().run_ipc(1) == 1);
    CHECK(lc.shm_delta() > 0);  // process 3 has not run it yet: the block is alive
    CHECK(core().run_ipc(3) == 1);
    CHECK(ran == std::vector<std::string>{"2:purge 9 carol", "1:purge 9 carol", "3:purge 9 carol"});
    core().set_process(4);  // from the timer process: every worker gets it through its pipe
    CHECK(modsdk::ipc_broadcast<on_ping>() == 3);
    for (int p = 1; p <= 3; ++p) CHECK(core().run_ipc(p) == 1);
    CHECK(ran.size() == 6);
  }
  lc.expect_clean();
}

TEST_CASE("ipc: a worker's child_init registers it once, and jobs may send jobs") {
  core().reset();
  ran.clear();
  host h{ipc_mod};
  start_workers(h, 2);
  core().set_process(2);
  REQUIRE(h.child_init(2));  // the same process again (a re-run child_init) is not counted twice
  core().set_process(1);
  CHECK(modsdk::ipc_broadcast<on_ping>() == 2);
  CHECK(core().run_ipc(2) == 1);
  CHECK(modsdk::ipc_send<relay>(2, 5));
  CHECK(core().run_ipc(2) == 2);  // relay, then the job it sent to itself
  CHECK(ran == std::vector<std::string>{"1:ping", "2:ping", "2:relay", "2:n=6"});
}

TEST_CASE("ipc: an exception in a job is logged, and the payload is freed all the same") {
  core().reset();
  modsdk::testing::leak_check lc;
  {
    host h{ipc_mod};
    start_workers(h, 1);
    CHECK(modsdk::ipc_send<throws>(1, make(1, "x")));
    CHECK(core().run_ipc(1) == 1);
    CHECK(core().logged(modsdk::abi::l_err, "IPC job from process 1 failed: cache gone"));
  }
  lc.expect_clean();
}

TEST_CASE("ipc: bad input: a process number the core does not have, a broadcast without modsdk::ipc()") {
  core().reset();
  modsdk::testing::leak_check lc;
  {
    host h{no_ipc_mod};
    REQUIRE(h.start());
    CHECK_FALSE(modsdk::ipc_send<on_ping>(-3));
    CHECK(core().logged(modsdk::abi::l_err, "ipc_send: no process number -3"));
    CHECK_FALSE(modsdk::ipc_send<on_ping>(1000));  // the core refuses it
    CHECK(core().logged(modsdk::abi::l_err, "could not send the job to process 1000"));
    // the registry is per module .so; in this test program ipc_mod's may linger from earlier cases
    modsdk::detail::ipc_workers* saved = std::exchange(modsdk::detail::ipc_registry, nullptr);
    CHECK(modsdk::ipc_broadcast<on_ping>() == -1);
    CHECK(core().logged(modsdk::abi::l_err, "list modsdk::ipc() in MODSDK_MODULE"));
    modsdk::detail::ipc_registry = saved;
  }
  lc.expect_clean();
}
