// SPDX-License-Identifier: MIT
// docs/howto/status_report.md: a module that reports its readiness, and its test on the fake core.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: status_report_module
namespace {
constinit modsdk::status_report rules{"main", modsdk::status::no_data, "no rules yet"};  // keeps 10 reports
constinit modsdk::status_report peer{"peer", modsdk::status::not_ready, nullptr, 0};     // keeps none

int load_rules() { return 42; }  // the module's own loading

void reload() {
  rules.set(modsdk::status::reloading_data, "reloading");
  const int n = load_rules();
  rules.set(modsdk::status::ready, "loaded");
  rules.report("reload done, {} rules", n);  // {fmt}, checked at compile time
}

MODSDK_DEFINE_MODULE(router_exports, router, modsdk::status_reports(rules, peer),  // registered in mod_init
                     modsdk::on_init(reload));
}  // namespace
// snippet-end: status_report_module

// snippet: status_report_test
TEST_CASE("the module's readiness, as MI sr_get_status shows it") {
  using modsdk::testing::core;
  core().reset();
  modsdk::testing::host h{router_exports};
  REQUIRE(h.start());

  const auto* r = core().status_report("router");  // group: the module's name; identifier "main"
  REQUIRE(r);
  CHECK(r->ready());
  CHECK(r->status == 1);
  CHECK(r->details == "loaded");
  CHECK(r->reports == std::vector<std::string>{"reload done, 42 rules"});
  CHECK_FALSE(core().status_report("router", "peer")->ready());
}
// snippet-end: status_report_test
