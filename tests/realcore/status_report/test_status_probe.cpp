// SPDX-License-Identifier: MIT
// status_probe in a real core (run by modsdk_add_realcore_test with the core's addresses in the environment):
// the module's status reports as the core's own MI commands show them - sr_get_status (readiness, status,
// details) for the group's default identifier and a named one, sr_list_status for the group, sr_list_reports
// for the reports kept (the ring of the newest 3) - before and after the module changes them.
#define CATCH_CONFIG_MAIN
#define MODSDK_TESTING_IMPLEMENTATION
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
std::string shown(const real_core& core, const char* cmd, const std::vector<modsdk::testing::mi_arg>& args) {
  const auto r = core.mi(cmd, args);
  std::printf("MI %s -> %s%s\n", cmd, r.error ? "error " : "", r.json.c_str());
  return r.error ? "error " + r.json : r.json;
}
std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

TEST_CASE("realcore status report: readiness and reports through MI", "[.realcore]") {
  if (!real_core::configured()) return;
  auto core = real_core::from_env();

  // registered in mod_init with their initial statuses and details
  CHECK(shown(core, "sr_get_status", {{"group", "status_probe"}}) ==
        R"({"Readiness":false,"Status":-1,"Details":"starting"})");
  CHECK(shown(core, "sr_get_status", {{"group", "status_probe"}, {"identifier", "cache"}}) ==
        R"({"Readiness":false,"Status":-2,"Details":"empty"})");
  const std::string first = shown(core, "sr_list_reports", {{"group", "status_probe"}, {"identifier", "main"}});
  CHECK(first.find(R"("Log":"registered in mod_init, pid )") != std::string::npos);
  CHECK(shown(core, "sr_get_status", {{"group", "no_such_group"}}).starts_with("error "));

  // the module changes main's status: readiness follows its sign
  CHECK(shown(core, "probe_set", {{"status", 1}, {"details", "serving"}}) == "true");
  CHECK(shown(core, "sr_get_status", {{"group", "status_probe"}}) ==
        R"({"Readiness":true,"Status":1,"Details":"serving"})");
  CHECK(shown(core, "probe_set", {{"status", 2}, {"details", "reloading"}}) == "true");
  CHECK(shown(core, "sr_get_status", {{"group", "status_probe"}, {"identifier", "main"}}) ==
        R"({"Readiness":true,"Status":2,"Details":"reloading"})");

  // four reports to an identifier that keeps three: the oldest goes
  for (int round = 1; round <= 4; ++round) CHECK(shown(core, "probe_report", {{"round", round}}) == "true");
  const std::string reports = shown(core, "sr_list_reports", {{"group", "status_probe"}, {"identifier", "cache"}});
  CHECK(count(reports, R"("Log":"round )") == 3);
  CHECK(reports.find("round 01") == std::string::npos);
  CHECK(reports.find("round 02 from pid ") != std::string::npos);
  CHECK(reports.find("round 04 from pid ") != std::string::npos);
  CHECK(reports.find("round 02") < reports.find("round 04"));  // oldest first

  // the group's identifiers, as sr_list_status lists them
  const std::string all = shown(core, "sr_list_status", {{"group", "status_probe"}});
  CHECK(all.find(R"({"Name":"cache","Readiness":false,"Status":-2,"Details":"empty"})") != std::string::npos);
  CHECK(all.find(R"({"Name":"main","Readiness":true,"Status":2,"Details":"reloading"})") != std::string::npos);
}
