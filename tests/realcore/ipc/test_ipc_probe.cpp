// SPDX-License-Identifier: MIT
// ipc_probe in a real core (run by modsdk_add_realcore_test with the core's addresses in the environment):
// an IPC job broadcast to every worker process, observed in the log once per worker pid; the dynamic, the
// computed and the run-time statistics read through MI get_statistics; an async MI command answered later
// by a SIP worker.
#define CATCH_CONFIG_MAIN
#define MODSDK_TESTING_IMPLEMENTATION
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
std::set<std::string> hello_pids(const real_core& core, int round) {
  std::set<std::string> pids;
  const std::string mark = "IPC hello round " + std::to_string(round) + " in pid ";
  for (const auto& e : core.logs()) {
    const auto at = e.line.find(mark);
    if (at == std::string::npos) continue;
    const auto from = at + mark.size();
    pids.insert(e.line.substr(from, e.line.find(' ', from) - from));
  }
  return pids;
}
}  // namespace

TEST_CASE("realcore ipc: a job broadcast to every worker, dynamic and computed statistics, async MI", "[.realcore]") {
  if (!real_core::configured()) return;
  auto core = real_core::from_env();

  // the MI process is no worker: one job per worker through its pipe (4 UDP workers and the core's timer
  // worker, which also runs child_init with a rank >= 1)
  auto b = core.mi("probe_broadcast", {{"round", 1}});
  REQUIRE_FALSE(b.error);
  const auto at = b.json.find("\"sent\":");
  REQUIRE(at != std::string::npos);
  const unsigned sent = static_cast<unsigned>(std::stoul(b.json.substr(at + 7)));
  INFO(b.json);
  CHECK(sent >= 4);
  std::set<std::string> pids;
  for (int i = 0; i < 50 && pids.size() < sent; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pids = hello_pids(core, 1);
  }
  std::string all;
  for (const auto& p : pids) all += p + " ";
  INFO("worker pids: " << all);
  CHECK(pids.size() == sent);  // one line per worker pid, each a different process

  CHECK(core.stat("ipcprobe:jobs_run") == sent);
  CHECK(core.stat("ipcprobe:jobs_x10") == 10ul * sent);
  CHECK(core.stat("dynamic:ipc_probe_hellos") == sent);

  auto r = core.mi("probe_later", {{"id", 7}});
  REQUIRE_FALSE(r.error);
  INFO(r.json);
  CHECK(r.json.starts_with(R"({"id":7,"pid":)"));
  CHECK(core.logged("MI async answered in pid"));
}
