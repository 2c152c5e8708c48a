// SPDX-License-Identifier: MIT
// Timers (modsdk/timers.hpp): registration in mod_init with the core's kind, interval and flags, the
// period taken from a modparam, the fake core's virtual clock firing due timers in order, and the handler
// firewall (an exception is logged, the timer keeps running).
#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <modsdk/abi/timer.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/reference.hpp>
#include <modsdk/testing.hpp>
#include <modsdk/timers.hpp>

using namespace std::chrono_literals;
using modsdk::testing::core;
using modsdk::testing::host;

namespace {
std::vector<std::string> fired;
int throws_left = 0;

void every_two_seconds() { fired.push_back("2s@" + std::to_string(core().now().count() / 1000) + "ms"); }
void every_300ms() { fired.push_back("300ms@" + std::to_string(core().now().count() / 1000) + "ms"); }
void every_minute() noexcept { fired.push_back("1min"); }
void flaky() {
  fired.push_back("flaky");
  if (throws_left > 0) {
    --throws_left;
    throw std::runtime_error("backend down");
  }
}
void throws_int() {
  fired.push_back("int");
  throw 42;
}
void from_param() { fired.push_back("param@" + std::to_string(core().now().count() / 1000) + "ms"); }

modsdk::param<std::chrono::seconds> sync_interval{"sync_interval", 5s};
modsdk::param<std::chrono::milliseconds> poll_interval{"poll_interval", 500ms};

bool init_saw_timer = false;
}  // namespace

MODSDK_DEFINE_MODULE(timer_mod, timers_test, modsdk::params(sync_interval),
                     modsdk::timers(modsdk::timer{"two", 2s, every_two_seconds},
                                    modsdk::timer{"tenths", 300ms, every_300ms, modsdk::on_delay::skip},
                                    modsdk::timer{"minute", std::chrono::minutes(1), every_minute,
                                                  modsdk::on_delay::delay},
                                    modsdk::timer{"sync", sync_interval, from_param}));

MODSDK_DEFINE_MODULE(flaky_mod, timers_flaky,
                     modsdk::timers(modsdk::timer{"flaky", 1s, flaky}, modsdk::timer{"int", 1s, throws_int},
                                    modsdk::timer{"lambda", 1s, [] { fired.push_back("lambda"); }}));

MODSDK_DEFINE_MODULE(poll_mod, timers_poll, modsdk::params(poll_interval),
                     modsdk::timers(modsdk::timer{"poll", poll_interval, from_param}));

// Timers are registered after the sections listed before them (parameters checked) and before the
// on_init hooks.
modsdk::param<int> needed{"needed", modsdk::required};
MODSDK_DEFINE_MODULE(failing_mod, timers_failing, modsdk::params(needed),
                     modsdk::timers(modsdk::timer{"checked", 1s, every_minute}),
                     modsdk::on_init([] { init_saw_timer = core().timer("checked") != nullptr; }));

TEST_CASE("timers: registered in mod_init with the core's kind, interval and flags") {
  core().reset();
  host h{timer_mod};
  REQUIRE(h.loaded());
  CHECK(core().timers().empty());  // nothing before mod_init
  REQUIRE(h.modparam("sync_interval", "7s"));
  REQUIRE(h.start());
  const auto& t = core().timers();
  REQUIRE(t.size() == 4);
  CHECK(t[0].label == "two");
  CHECK(!t[0].utimer);
  CHECK(t[0].period == 2s);
  CHECK(t[0].flags == 0);
  CHECK(t[1].label == "tenths");
  CHECK(t[1].utimer);
  CHECK(t[1].period == 300ms);
  CHECK(t[1].flags == (modsdk::abi::timer_flag_is_utimer | modsdk::abi::timer_flag_skip_on_delay));
  CHECK(t[2].label == "minute");
  CHECK(!t[2].utimer);
  CHECK(t[2].period == 60s);
  CHECK(t[2].flags == modsdk::abi::timer_flag_delay_on_delay);
  CHECK(t[3].label == "sync");
  CHECK(t[3].period == 7s);  // from the modparam line
  CHECK(!t[3].utimer);
}

TEST_CASE("timers: the virtual clock runs due timers in the order they fall due") {
  core().reset();
  fired.clear();
  host h{timer_mod};
  REQUIRE(h.start());
  CHECK(core().advance(1s) == 3);  // 300, 600, 900 ms
  CHECK(fired == std::vector<std::string>{"300ms@300ms", "300ms@600ms", "300ms@900ms"});
  fired.clear();
  CHECK(core().advance(1200ms) == 5);  // 1200 1500 1800 2000(2s) 2100
  CHECK(fired == std::vector<std::string>{"300ms@1200ms", "300ms@1500ms", "300ms@1800ms", "2s@2000ms", "300ms@2100ms"});
  CHECK(core().now() == 2200ms);
  fired.clear();
  core().advance(2800ms);  // to 5 s: the sync timer (default 5 s) runs at 5000, after the 300 ms timer due then? no:
  // 4800 (300ms), 4000 (2s), 5000 (sync): in due order
  CHECK(fired.back() == "param@5000ms");
  CHECK(core().timer("two")->runs == 2);
  CHECK(core().timer("tenths")->runs == 16);
  fired.clear();
  core().advance(55s);
  CHECK(core().timer("minute")->runs == 1);
  CHECK(core().timer("sync")->runs == 12);
  CHECK(core().timer("missing") == nullptr);
}

TEST_CASE("timers: a timer due at the same instant as another runs in registration order") {
  core().reset();
  fired.clear();
  host h{timer_mod};
  REQUIRE(h.start());
  core().advance(6s);  // at 6000 ms: "two" (registered first) and "tenths" are both due
  const auto two = std::find(fired.begin(), fired.end(), "2s@6000ms");
  const auto tenth = std::find(fired.begin(), fired.end(), "300ms@6000ms");
  REQUIRE(two != fired.end());
  REQUIRE(tenth != fired.end());
  CHECK(two < tenth);
}

TEST_CASE("timers: an exception in a handler is logged and the timer keeps running") {
  core().reset();
  fired.clear();
  throws_left = 2;
  host h{flaky_mod};
  REQUIRE(h.start());
  CHECK(core().advance(3s) == 9);
  CHECK(fired ==
        std::vector<std::string>{"flaky", "int", "lambda", "flaky", "int", "lambda", "flaky", "int", "lambda"});
  CHECK(core().logged(modsdk::abi::l_err, "timer \"flaky\" failed: exception: backend down"));
  CHECK(core().logged(modsdk::abi::l_err, "timer \"int\" failed: unknown exception"));
  int flaky_errors = 0;
  for (const auto& e : core().logs())
    if (e.text.find("\"flaky\" failed") != std::string::npos) ++flaky_errors;
  CHECK(flaky_errors == 2);
}

TEST_CASE("timers: a millisecond period from a modparam") {
  SECTION("the default") {
    core().reset();
    host h{poll_mod};
    REQUIRE(h.start());
    REQUIRE(core().timer("poll"));
    CHECK(core().timer("poll")->utimer);
    CHECK(core().timer("poll")->period == 500ms);
  }
  SECTION("set in the cfg, with a unit") {
    core().reset();
    host h{poll_mod};
    REQUIRE(h.modparam("poll_interval", "2s"));
    REQUIRE(h.start());
    CHECK(core().timer("poll")->period == 2000ms);
    CHECK(core().timer("poll")->utimer);
  }
  SECTION("0 leaves the timer off") {
    core().reset();
    host h{poll_mod};
    REQUIRE(h.modparam("poll_interval", 0));
    REQUIRE(h.start());
    CHECK(core().timers().empty());
    CHECK(core().logged(modsdk::abi::l_info, "timer \"poll\" is off: modparam \"poll_interval\" is 0"));
  }
  SECTION("not a multiple of the core's 100 ms tick: mod_init fails") {
    core().reset();
    host h{poll_mod};
    REQUIRE(h.modparam("poll_interval", "150ms"));
    CHECK(!h.start());
    CHECK(core().timers().empty());
    CHECK(core().logged(modsdk::abi::l_err,
                        "timer \"poll\": modparam \"poll_interval\" gives a period of 150 ms: a "
                        "millisecond timer's period must be a multiple of 100 ms"));
  }
}

TEST_CASE("timers: registered after the parameters are checked, before the on_init hooks") {
  SECTION("a required parameter missing: no timer") {
    core().reset();
    init_saw_timer = false;
    host h{failing_mod};
    CHECK(!h.start());
    CHECK(core().timers().empty());
    CHECK(!init_saw_timer);
  }
  SECTION("parameters fine: the on_init hook sees the timer registered") {
    core().reset();
    host h{failing_mod};
    REQUIRE(h.modparam("needed", 1));
    REQUIRE(h.start());
    CHECK(init_saw_timer);
  }
}

TEST_CASE("timers: reset() forgets timers and the clock") {
  core().reset();
  {
    host h{flaky_mod};
    REQUIRE(h.start());
    core().advance(10s);
  }
  core().reset();
  CHECK(core().timers().empty());
  CHECK(core().now() == 0us);
  CHECK(core().advance(10s) == 0);
}

namespace {
void slow() { std::this_thread::sleep_for(150ms); }
}  // namespace
MODSDK_DEFINE_MODULE(slow_mod, timers_slow, modsdk::timers(modsdk::timer{"slow", 100ms, slow, modsdk::on_delay::skip}));

TEST_CASE("timers: a run longer than the period is reported") {
  core().reset();
  host h{slow_mod};
  REQUIRE(h.start());
  CHECK(core().advance(100ms) == 1);
  CHECK(core().logged(modsdk::abi::l_warn, "timer \"slow\" ran 1"));
  CHECK(core().logged(modsdk::abi::l_warn, "longer than its period of 100 ms; the core skips the runs it missed"));
}

TEST_CASE("timers: the reference lists each timer with its period, kind and policy") {
  const auto r = MODSDK_MODULE_REFERENCE(timer_mod);
  REQUIRE(r.timers.size() == 4);
  CHECK(r.timers[0].name == "two");
  CHECK(r.timers[0].period == "2 s");
  CHECK(r.timers[0].kind == "seconds");
  CHECK(r.timers[0].on_delay == "overlap");
  CHECK(r.timers[1].period == "300 ms");
  CHECK(r.timers[1].kind == "milliseconds");
  CHECK(r.timers[1].on_delay == "skip");
  CHECK(r.timers[2].period == "60 s");
  CHECK(r.timers[2].on_delay == "delay");
  CHECK(r.timers[3].period_param == "sync_interval");
  CHECK(r.timers[3].period == "5 s");
  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("## Exported Timers\n\n### two\n\nRuns every 2 s in a timer process (seconds timer)"));
  CHECK_THAT(md, Catch::Contains("### sync\n\nRuns every 5 s (by default; set by the `sync_interval` parameter, 0 "
                                 "turns it off)"));
  const std::string js = r.json();
  CHECK_THAT(js, Catch::Contains("\"timers\": [\n    {\"name\": \"two\", \"period\": \"2 s\", \"kind\": "
                                 "\"seconds\", \"period_param\": \"\", \"on_delay\": \"overlap\"}"));
  CHECK_THAT(js, Catch::EndsWith("]\n}\n"));
}

// ---- compile-time checks of the period ----------------------------------------------------------------------
static_assert(modsdk::detail::timer_period_problem(1'000'000, false) == nullptr);
static_assert(modsdk::detail::timer_period_problem(1'500'000, false) != nullptr);
static_assert(modsdk::detail::timer_period_problem(100'000, true) == nullptr);
static_assert(modsdk::detail::timer_period_problem(50'000, true) != nullptr);
static_assert(modsdk::detail::timer_period_problem(0, true) != nullptr);
static_assert(modsdk::detail::is_utimer_period<std::chrono::milliseconds>);
static_assert(!modsdk::detail::is_utimer_period<std::chrono::seconds>);
static_assert(!modsdk::detail::is_utimer_period<std::chrono::hours>);
