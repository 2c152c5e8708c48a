// SPDX-License-Identifier: MIT
// Lifecycle hooks (modsdk/hooks.hpp), extra processes (modsdk/procs.hpp) and the order the lifecycle runs
// sections in (impl/module/lifecycle.hpp): every failure and exception in a hook is logged and turned into
// the core's return code for that step.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/procs.hpp>
#include <modsdk/state.hpp>
#include <modsdk/testing.hpp>

using modsdk::process_kind;
using modsdk::process_rank;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

// ---- process_rank ----------------------------------------------------------------------------------
static_assert(process_rank(1).is_sip_worker() && process_rank(1).kind() == process_kind::sip_worker);
static_assert(process_rank(10000).is_sip_worker());
static_assert(process_rank::sip_worker(3).raw() == 3);
static_assert(process_rank::main().raw() == 0 && process_rank::main().kind() == process_kind::main);
static_assert(process_rank::timer().raw() == -1 && process_rank(-1).kind() == process_kind::timer);
static_assert(process_rank::module_process().raw() == -2 && process_rank(-2).kind() == process_kind::module_process);
static_assert(process_rank::tcp_main().raw() == -4 && process_rank(-4).kind() == process_kind::tcp_main);
static_assert(process_rank(-3).kind() == process_kind::other && !process_rank(0).is_sip_worker());

// ---- an orderly module: every hook records itself -----------------------------------------------
namespace {
std::vector<std::string> trail;

modsdk::param<int> level{"level", 1};
modsdk::shared<int> shared_state{[] {
  trail.push_back("state: shared built");
  return 7;
}};
modsdk::per_process<int> private_state{[](process_rank r) {
  trail.push_back("state: private built " + std::to_string(r.raw()));
  return r.raw();
}};

void init_void() { trail.push_back("init 1 (shared " + std::to_string(*shared_state) + ")"); }
bool init_bool() {
  trail.push_back("init 2");
  return true;
}
int init_int() {
  trail.push_back("init 3");
  return 0;
}
bool child_typed(process_rank r) {
  trail.push_back("child_init typed " + std::to_string(r.raw()) + " (private " + std::to_string(*private_state) + ")");
  return true;
}
void child_int(int r) { trail.push_back("child_init int " + std::to_string(r)); }
}  // namespace

MODSDK_DEFINE_MODULE(orderly_mod, orderly, modsdk::on_destroy([] { trail.push_back("destroy 1"); }),
                     modsdk::on_init(init_void),
                     modsdk::on_load([] { trail.push_back("load (level " + std::to_string(*level) + ")"); }),
                     modsdk::on_child_init(child_typed), modsdk::on_preinit([] {
                       trail.push_back("preinit");
                       return 0;
                     }),
                     modsdk::on_init(init_bool), modsdk::on_child_init(child_int),
                     modsdk::on_child_init([] { trail.push_back("child_init bare"); }), modsdk::on_init(init_int),
                     modsdk::on_destroy([] {
                       trail.push_back("destroy 2 (shared " + std::to_string(shared_state.ready()) + ")");
                     }),
                     modsdk::state(shared_state, private_state), modsdk::params(level));

TEST_CASE("hooks run in declaration order per step; state first, hooks torn down before state") {
  trail.clear();
  {
    host h{orderly_mod};
    REQUIRE(h.loaded());
    REQUIRE(h.modparam("level", 4));
    REQUIRE(h.start(2));
    CHECK(trail == std::vector<std::string>{
                       "load (level 1)",
                       "preinit",
                       "state: shared built",
                       "init 1 (shared 7)",
                       "init 2",
                       "init 3",
                       "state: private built 2",
                       "child_init typed 2 (private 2)",
                       "child_init int 2",
                       "child_init bare",
                   });
    trail.clear();
    h.stop();
  }
  // destroy: hooks in reverse declaration order, then state
  CHECK(trail == std::vector<std::string>{"destroy 2 (shared 1)", "destroy 1"});
  CHECK_FALSE(shared_state.ready());
  CHECK_FALSE(private_state.ready());
}

TEST_CASE("a module without response or reload hooks leaves those callbacks NULL") {
  CHECK(orderly_mod.response_f == nullptr);
  CHECK(orderly_mod.reload_ack_f == nullptr);
  CHECK(orderly_mod.init_f != nullptr);
  CHECK(orderly_mod.destroy_f != nullptr);
}

// ---- a flaky module: each hook fails the way the test asks ---------------------------------------
namespace {
enum class act { ok, fail, raise };
act on_load_act = act::ok, on_preinit_act = act::ok, on_init_act = act::ok, on_child_act = act::ok,
    on_response_act = act::ok, on_reload_act = act::ok, on_destroy_act = act::ok;
int destroys = 0, later_inits = 0;

bool behave(act a) {
  if (a == act::raise) throw std::runtime_error("boom");
  return a == act::ok;
}
void reset_acts() {
  on_load_act = on_preinit_act = on_init_act = on_child_act = on_response_act = on_reload_act = on_destroy_act =
      act::ok;
  destroys = later_inits = 0;
  core().clear_logs();
}
sip_message a_reply() {
  return sip_message::parse(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
}
}  // namespace

MODSDK_DEFINE_MODULE(flaky_mod, flaky, modsdk::on_load([] { return behave(on_load_act); }),
                     modsdk::on_preinit([] { return behave(on_preinit_act); }),
                     modsdk::on_init([] { return behave(on_init_act); }), modsdk::on_init([] { ++later_inits; }),
                     modsdk::on_child_init([](process_rank) { return behave(on_child_act); }),
                     modsdk::on_response([](modsdk::reply& r) {
                       CHECK(r.is_reply());
                       return behave(on_response_act);
                     }),
                     modsdk::on_reload_ack([] { return behave(on_reload_act); }),
                     modsdk::on_destroy([] { behave(on_destroy_act); }), modsdk::on_destroy([] { ++destroys; }));

TEST_CASE("load: false or an exception fails the load, logged") {
  reset_acts();
  on_load_act = act::fail;
  CHECK_FALSE(host{flaky_mod}.loaded());
  CHECK(core().logged(modsdk::abi::l_err, "load failed: an on_load hook returned false"));
  on_load_act = act::raise;
  CHECK(flaky_mod.load_f() == -1);
  CHECK(core().logged(modsdk::abi::l_err, "load failed: exception: boom"));
  on_load_act = act::ok;
  CHECK(flaky_mod.load_f() == 0);
}

TEST_CASE("preinit: a failure aborts the start, logged") {
  for (act a : {act::fail, act::raise}) {
    reset_acts();
    on_preinit_act = a;
    host h{flaky_mod};
    CHECK(flaky_mod.preinit_f() == -1);
    CHECK_FALSE(h.start());
    CHECK(core().logged(modsdk::abi::l_err, a == act::fail ? "preinit failed: an on_preinit hook returned false"
                                                           : "preinit failed: exception: boom"));
  }
}

TEST_CASE("mod_init: a failure aborts the start, later hooks do not run, destroy is not called") {
  for (act a : {act::fail, act::raise}) {
    reset_acts();
    on_init_act = a;
    {
      host h{flaky_mod};
      CHECK_FALSE(h.start());
      CHECK(core().logged(modsdk::abi::l_err, a == act::fail ? "mod_init failed: an on_init hook returned false"
                                                             : "mod_init failed: exception: boom"));
      CHECK(core().logged("failed to initialize module flaky"));
      CHECK(later_inits == 0);
    }
    CHECK(destroys == 0);
  }
}

TEST_CASE("child_init: a failure fails the process, logged") {
  for (act a : {act::fail, act::raise}) {
    reset_acts();
    on_child_act = a;
    host h{flaky_mod};
    REQUIRE(h.init());
    CHECK(flaky_mod.init_child_f(1) == -1);
    CHECK_FALSE(h.child_init(1));
    CHECK(core().logged(modsdk::abi::l_err, a == act::fail ? "child_init failed: an on_child_init hook returned false"
                                                           : "child_init failed: exception: boom"));
  }
}

TEST_CASE("response: false drops the reply silently, an exception keeps it and is logged") {
  reset_acts();
  host h{flaky_mod};
  REQUIRE(h.start());
  auto msg = a_reply();
  CHECK(h.response(msg) == 1);
  on_response_act = act::fail;
  core().clear_logs();
  CHECK(h.response(msg) == 0);
  CHECK_FALSE(core().logged(modsdk::abi::l_err, "response"));
  on_response_act = act::raise;
  CHECK(h.response(msg) == 1);
  CHECK(core().logged(modsdk::abi::l_err, "response failed: exception: boom"));
}

TEST_CASE("reload_ack: false or an exception rejects the new script, logged") {
  reset_acts();
  host h{flaky_mod};
  REQUIRE(h.start());
  CHECK(h.reload_ack() == 1);
  on_reload_act = act::fail;
  CHECK(h.reload_ack() == 0);
  CHECK(core().logged(modsdk::abi::l_err, "reload_ack failed: an on_reload_ack hook returned false"));
  on_reload_act = act::raise;
  CHECK(h.reload_ack() == 0);
  CHECK(core().logged(modsdk::abi::l_err, "reload_ack failed: exception: boom"));
}

TEST_CASE("destroy: an exception is logged and the other destroy hooks still run") {
  reset_acts();
  {
    host h{flaky_mod};
    REQUIRE(h.start());
    on_destroy_act = act::raise;
  }
  CHECK(destroys == 1);
  CHECK(core().logged(modsdk::abi::l_err, "destroy failed: exception: boom"));
}

// ---- int-returning hooks follow the core's convention per step --------------------------------------
namespace {
int init_rc = 0, child_rc = 0, load_rc = 0, reload_rc = 1, response_rc = 1;
}
MODSDK_DEFINE_MODULE(int_mod, int_hooks, modsdk::on_load([] { return load_rc; }),
                     modsdk::on_init([] { return init_rc; }), modsdk::on_child_init([](int) { return child_rc; }),
                     modsdk::on_reload_ack([] { return reload_rc; }),
                     modsdk::on_response([](modsdk::reply&) { return response_rc; }));

TEST_CASE("int hooks: mod_init fails on any non-zero, load/child_init on negative, reload/response on 0") {
  core().clear_logs();
  load_rc = 5;  // positive is fine for load
  host h{int_mod};
  REQUIRE(h.loaded());
  init_rc = 1;  // positive fails mod_init, as in the core
  CHECK(int_mod.init_f() == -1);
  CHECK(core().logged(modsdk::abi::l_err, "mod_init failed: an on_init hook returned 1"));
  init_rc = 0;
  REQUIRE(h.init());
  child_rc = 3;
  CHECK(int_mod.init_child_f(1) == 0);
  child_rc = -1;
  CHECK(int_mod.init_child_f(1) == -1);
  CHECK(core().logged(modsdk::abi::l_err, "child_init failed: an on_child_init hook returned -1"));
  reload_rc = 0;
  CHECK(int_mod.reload_ack_f() == 0);
  reload_rc = 2;
  CHECK(int_mod.reload_ack_f() == 1);
  auto msg = a_reply();
  response_rc = 0;
  CHECK(h.response(msg) == 0);
  response_rc = 1;
  CHECK(h.response(msg) == 1);
  load_rc = -1;
  CHECK(int_mod.load_f() == -1);
  CHECK(core().logged(modsdk::abi::l_err, "load failed: an on_load hook returned -1"));
  load_rc = 0;
}

// ---- extra processes -----------------------------------------------------------------------------
namespace {
std::vector<int> ran;
void worker(int rank) { ran.push_back(rank); }
void broken(int rank) {
  if (rank == 1) throw std::runtime_error("no socket");
}
}  // namespace
MODSDK_DEFINE_MODULE(procs_mod, with_procs,
                     modsdk::procs(modsdk::process_def{"sync", 2, worker,
                                                       modsdk::process_flag::init_child |
                                                           modsdk::process_flag::has_ipc},
                                   modsdk::process_def{"broken", 3, broken}));

TEST_CASE("procs: the proc_export table and noexcept trampolines") {
  const modsdk::abi::proc_export* p = procs_mod.procs;
  REQUIRE(p != nullptr);
  CHECK(std::string(p[0].name) == "sync");
  CHECK(p[0].no == 2);
  CHECK(p[0].flags == (modsdk::abi::proc_flag_initchild | modsdk::abi::proc_flag_has_ipc));
  CHECK(p[0].pre_fork_function == nullptr);
  CHECK(p[0].post_fork_function == nullptr);
  CHECK(std::string(p[1].name) == "broken");
  CHECK(p[1].no == 3);
  CHECK(p[1].flags == 0);
  CHECK(p[2].name == nullptr);
  CHECK(p[2].function == nullptr);
  ran.clear();
  p[0].function(0);
  p[0].function(1);
  CHECK(ran == std::vector<int>{0, 1});
  core().clear_logs();
  p[1].function(0);
  CHECK(core().logs().empty());
  p[1].function(1);  // the exception stops at the trampoline
  CHECK(core().logged(modsdk::abi::l_err, "process \"broken\" #1 failed: exception: no socket"));
}
