// SPDX-License-Identifier: MIT
// services_probe's tests: on modsdk's fake core (in this process: the virtual clock fires the timers, the
// test runs each process's IPC jobs), and in a real OpenSIPS started by modsdk_add_realcore_test with
// realcore.cfg (hidden tag [.realcore], run only from there): the timers observed at their period in the
// core's log, the events caught by event_route, the PVs, transformations and AVPs in the cfg's expressions,
// the cfg route run from C++, an IPC job in every SIP worker and an MI command answered later by one.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using namespace std::chrono_literals;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::real_core;
using modsdk::testing::script_value;
using modsdk::testing::sip_message;

extern "C" modsdk::abi::module_exports exports;  // services_module.cpp is compiled into this program

namespace {
sip_message request(std::string_view method) {
  const std::string m(method);
  return sip_message::parse(m + " sip:opensips@127.0.0.1 SIP/2.0\r\n" +
                            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-svc\r\n"
                            "From: <sip:alice@example.com>;tag=a1\r\n"
                            "To: <sip:opensips@127.0.0.1>\r\n"
                            "Call-ID: svc-1@example.com\r\n"
                            "CSeq: 1 " +
                            m + "\r\nContent-Length: 0\r\n\r\n");
}

// the number after `key` in a line (the "at <ms> ms" of a timer line, the pid of a job line)
long long number_after(const std::string& line, std::string_view key) {
  const auto at = line.find(key);
  return at == std::string::npos ? -1 : std::stoll(line.substr(at + key.size()));
}

// the median interval between the times (ms) of the lines holding `mark`
long long median_interval(const std::vector<std::string>& lines, std::string_view mark) {
  std::vector<long long> at, iv;
  for (const auto& l : lines)
    if (l.find(mark) != std::string::npos) at.push_back(number_after(l, " at "));
  for (std::size_t i = 1; i < at.size(); ++i) iv.push_back(at[i] - at[i - 1]);
  if (iv.empty()) return -1;
  std::sort(iv.begin(), iv.end());
  return iv[iv.size() / 2];
}

// a fresh fake core whose script has route[probe_check] (the module looks it up in mod_init)
struct fresh {
  fresh() {
    core().reset();
    core().define_route("probe_check", [](modsdk::abi::sip_msg*) { return 3; });
  }
};
}  // namespace

TEST_CASE_METHOD(fresh, "timers fire at their period on the virtual clock; a throwing one is logged") {
  host h{exports};
  REQUIRE(h.modparam("fast_interval", "300ms"));
  REQUIRE(h.start());
  CHECK(core().timers().size() == 4);
  core().advance(2s);
  CHECK(core().logged("TICK seconds 2 at"));
  CHECK(core().logged("TICK fast 6 at"));
  CHECK(core().logged("timer \"probe-boom\" failed: exception: timer boom"));
  CHECK(core().logged("TICK event 1"));
  REQUIRE(core().raised_events().size() == 1);
  CHECK(core().raised_events()[0].name == "E_MODSDK_TICK");
}

TEST_CASE_METHOD(fresh, "the cfg's request route: PVs, transformations, AVPs, context, a route from C++, an event") {
  host h{exports};
  REQUIRE(h.start());
  auto msg = request("OPTIONS");
  const auto r = core().run_script(msg, [&](modsdk::abi::sip_msg*) {
    CHECK(core().eval("$probe_count", msg) == script_value{7});
    CHECK(core().eval("$probe_greet(en)", msg) == script_value{std::string("hello")});
    CHECK(core().eval("$(probe_item[1])", msg) == script_value{std::string("one/OPTIONS")});
    CHECK(core().eval("$(fU{probe.shout,2})", msg) == script_value{std::string("alice!alice!")});
    REQUIRE(core().assign("$var(n)", msg, script_value{42}));
    CHECK(core().eval("$(var(n){probe.clamp,0,10})", msg) == script_value{10});
    for (const char* t : {"a", "b", "c"}) REQUIRE(core().assign("$avp(probe_tags)", msg, script_value{std::string(t)}));
    CHECK(h.call("avp_probe", msg) == 1);
    CHECK(core().eval("$avp(probe_score)", msg) == script_value{21});
    CHECK(h.call("script_ctx", msg) == 1);
    CHECK(h.call("run_check", msg) == 3);
    CHECK(h.call("block", msg, {modsdk::testing::lit(486)}) == 1);
    return 1;
  });
  CHECK(r.script_ran);
  CHECK(core().logged("AVP module read first=c count=3 all=c,b,a, oldest=a"));
  CHECK(core().logged("SCRIPT route probe_check returned 3"));
  CHECK(core().logged("SCRIPT after OPTIONS hops=2 score=15"));
  CHECK(core().logged("SCRIPT context released OPTIONS score=15"));
  REQUIRE(core().raised_events().size() == 1);
  CHECK(*core().raised_events()[0].param("caller") == script_value{std::string("sip:alice@example.com")});
  CHECK(*core().raised_events()[0].param("code") == script_value{486});
}

TEST_CASE_METHOD(fresh, "a job for every SIP worker (not the timer handler), statistics, an MI reply sent later") {
  host h{exports};
  REQUIRE(h.init());
  for (int p = 1; p <= 3; ++p) {
    core().set_process(p);
    REQUIRE(h.child_init(p));
  }
  core().set_timer_process(4);  // the core's timer handler: child_init with a rank >= 1, but no SIP worker
  REQUIRE(h.child_init(4));
  core().set_process(5);  // the MI process
  CHECK(h.mi("probe_broadcast", {{"round", 1}}).json == R"({"sent":3})");
  CHECK(core().pending_ipc(4) == 0);
  for (int p = 1; p <= 3; ++p) CHECK(core().run_ipc(p, false) == 1);
  CHECK(core().stat("probe:jobs_run") == 3ul);
  CHECK(core().stat("probe:jobs_x10") == 30ul);
  CHECK(h.stat("declared_x10") == 30ul);  // services_probe:declared_x10, declared in stats(...)
  CHECK(core().stat("dynamic:probe_hellos") == 3ul);

  core().clear_mi_async_replies();
  CHECK(h.mi("probe_later", {{"id", 7}}).pending);  // answered later
  CHECK(core().run_ipc(2) == 1);                    // a SIP worker takes the job from the shared pipe
  REQUIRE(core().mi_async_replies().size() == 1);
  CHECK(core().mi_async_replies()[0].json.starts_with(R"({"id":7,"pid":)"));
}

TEST_CASE("the one module in a real core", "[.realcore]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  auto lines = [&c] { return c.log_lines(); };  // the script's xlog lines included

  // the request route (realcore.cfg): PVs, transformations, AVPs, context, the route run from C++, an event
  auto r = c.send(request("OPTIONS"));
  REQUIRE(r);
  CHECK(r->code == 200);
  CHECK(c.log_contains("PV read count=7 greet=hello null=<null> item=one/OPTIONS"));
  CHECK(c.log_contains("PV assigned fr=salut n=42"));
  CHECK(c.log_contains("TRANS shout=alice!alice! len=12 clamp=10 low=50"));
  CHECK(c.logged("AVP module read first=c count=3 all=c,b,a, oldest=a"));
  CHECK(c.log_contains("AVP script score=21 second=10 tags=b"));
  CHECK(c.log_contains("SCRIPT route probe_check runs for OPTIONS from alice"));
  CHECK(c.log_contains("SCRIPT main after route rc=3"));
  CHECK(c.log_contains("BLOCK raised"));

  // IPC: one job per SIP worker (udp_workers = 4; the timer handler gets none), counted by the statistics
  auto b = c.mi("probe_broadcast", {{"round", 1}});
  REQUIRE_FALSE(b.error);
  INFO(b.json);
  CHECK(b.json == R"({"sent":4})");
  std::set<long long> pids;
  for (int i = 0; i < 50 && pids.size() < 4; ++i) {
    std::this_thread::sleep_for(100ms);
    pids.clear();
    for (const auto& l : lines())
      if (l.find("IPC hello round 1 in pid ") != std::string::npos) pids.insert(number_after(l, " in pid "));
  }
  CHECK(pids.size() == 4);
  // logged once the request is done (by now, surely)
  CHECK(c.logged("SCRIPT after OPTIONS hops=2 score=15"));
  CHECK(c.logged("SCRIPT context released OPTIONS score=15"));
  CHECK(c.stat("probe:jobs_run") == 4ul);
  CHECK(c.stat("probe:jobs_x10") == 40ul);
  CHECK(c.stat("services_probe:declared_x10") == 40ul);  // declared in stats(...)
  CHECK(c.stat("dynamic:probe_hellos") == 4ul);
  // an async MI command, answered by a SIP worker through an IPC job
  auto later = c.mi("probe_later", {{"id", 7}});
  REQUIRE_FALSE(later.error);
  INFO(later.json);
  CHECK(later.json.starts_with(R"({"id":7,"pid":)"));
  CHECK(pids.contains(number_after(later.json, R"("pid":)")));

  // timers (run by whichever process takes the job, each counting its own runs): at least 5 runs of the 1 s
  // one, its median interval and the 300 ms one's measured from the times they log
  auto runs = [&lines](std::string_view mark) {
    const auto all = lines();
    return std::count_if(all.begin(), all.end(),
                         [mark](const std::string& l) { return l.find(mark) != std::string::npos; });
  };
  for (int i = 0; i < 80 && runs("TICK seconds ") < 5; ++i) std::this_thread::sleep_for(100ms);
  CHECK(runs("TICK seconds ") >= 5);
  const auto all = lines();
  const long long slow = median_interval(all, "TICK seconds "), fast = median_interval(all, "TICK fast ");
  INFO("median intervals: 1 s timer " << slow << " ms, 300 ms timer " << fast << " ms");
  CHECK(slow >= 850);
  CHECK(slow <= 2000);  // a loaded machine delays runs; a timer of the wrong kind or unit is off by 3x or more
  CHECK(fast >= 200);
  CHECK(fast <= 600);
  CHECK(c.logged("timer \"probe-boom\" failed: exception: timer boom"));

  std::cout << "services in " << c.module() << ": request route ok; IPC sent " << b.json << " to " << pids.size()
            << " worker pids; async MI " << later.json << "; timer medians " << slow << " ms (1 s), " << fast
            << " ms (300 ms)\n";

  // events: caught by the cfg's event_route blocks (the stock module that runs them: event_route in 3.4/3.5,
  // event_routing from 3.6; the runner loads it when OPENSIPS_MODULES has it)
  if (real_core::stock_module_loaded("event_route") || real_core::stock_module_loaded("event_routing")) {
    CHECK(c.log_contains("EVENT E_MODSDK_BLOCKED caller=sip:alice@example.com code=486"));
    CHECK(c.log_contains("EVENT E_MODSDK_TICK"));
    std::cout << "event_route caught E_MODSDK_BLOCKED (caller, code) and E_MODSDK_TICK\n";
  } else {
    WARN("skipped: event delivery (no event_route.so / event_routing.so in OPENSIPS_MODULES)");
    CHECK(c.logged("TICK event 1"));
  }
}
