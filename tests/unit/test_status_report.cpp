// SPDX-License-Identifier: MIT
// Status reports (modsdk/status_report.hpp): the module's group and identifiers registered in mod_init with
// their initial status, set() and report() as the core's status/report framework records them (status text,
// the ring of the newest reports, {fmt} formatting and its cut), the core's refusals (a duplicated group or
// identifier stops the start, reports to an identifier that keeps none), and use before registration.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/status_report.hpp>
#include <modsdk/testing.hpp>

using modsdk::status;
using modsdk::testing::core;
using modsdk::testing::host;

namespace {
constinit modsdk::status_report main_rep{"main"};
constinit modsdk::status_report cache{"cache", status::no_data, "empty", 3};
constinit modsdk::status_report uplink{"link", status::ready, nullptr, 0};
constinit modsdk::status_report unlisted{"unlisted"};

bool reload(int rules) {
  cache.set(status::reloading_data, "reloading");
  cache.set(status::ready, "loaded");
  return cache.report("reload done, {} rules", rules);
}
}  // namespace

MODSDK_DEFINE_MODULE(sr_mod, sr_test, modsdk::functions(MODSDK_FN(reload)),
                     modsdk::status_reports(main_rep, cache, uplink));

// a second module whose group has the first one's name: the core refuses the group
constinit modsdk::status_report other{"main"};
MODSDK_DEFINE_MODULE(sr_same_name, sr_test, modsdk::status_reports(other));

// one module listing the same identifier twice: the core refuses the second
constinit modsdk::status_report twin_a{"twin"};
constinit modsdk::status_report twin_b{"twin"};
MODSDK_DEFINE_MODULE(sr_twins, sr_twins, modsdk::status_reports(twin_a, twin_b));

TEST_CASE("status report: the module's group and identifiers are registered in mod_init") {
  core().reset();
  host h{sr_mod};
  CHECK(core().status_groups().empty());
  REQUIRE(h.start());
  CHECK(core().status_groups() == std::vector<std::string>{"sr_test"});
  const auto* m = core().status_report("sr_test");  // "main": what MI reads without an identifier
  REQUIRE(m);
  CHECK(m->status == -1);
  CHECK_FALSE(m->ready());
  CHECK_FALSE(m->details);
  CHECK(m->max_reports == 10);
  const auto* c = core().status_report("sr_test", "cache");
  REQUIRE(c);
  CHECK(c->status == -2);
  CHECK(c->details == "empty");
  CHECK(c->max_reports == 3);
  const auto* l = core().status_report("sr_test", "link");
  REQUIRE(l);
  CHECK(l->ready());
  CHECK(l->status == 1);
  CHECK(core().status_report("sr_test", "unlisted") == nullptr);
  CHECK(cache.registered());
  CHECK(cache.identifier() == "cache");
}

TEST_CASE("status report: set() changes the status and its details, report() keeps the newest reports") {
  core().reset();
  host h{sr_mod};
  REQUIRE(h.start());
  CHECK(reload(7));  // what the script function does when the script calls reload(7)
  const auto* c = core().status_report("sr_test", "cache");
  REQUIRE(c);
  CHECK(c->status == 1);
  CHECK(c->ready());
  CHECK(c->details == "loaded");
  CHECK(c->changes == 2);
  CHECK(c->reports == std::vector<std::string>{"reload done, 7 rules"});

  CHECK(main_rep.set(status::ready));  // no details: MI shows none
  CHECK(core().status_report("sr_test")->details == std::nullopt);
  CHECK(main_rep.set(status{5}, "custom"));  // a module's own status value
  CHECK(core().status_report("sr_test")->status == 5);
  CHECK(main_rep.set(status::not_ready, "lost the database"));
  CHECK_FALSE(core().status_report("sr_test")->ready());

  // the ring keeps max_reports (3) of them, oldest first
  for (int i = 0; i < 4; ++i) CHECK(cache.report("round {:02}", i));
  CHECK(c->reports == std::vector<std::string>{"round 01", "round 02", "round 03"});
  CHECK(cache.report("{:>6}|{:?}", 42, std::string_view("a\"b")));
  CHECK(c->reports.back() == "    42|\"a\\\"b\"");
}

TEST_CASE("status report: a report over MODSDK_STATUS_REPORT_MAX bytes is cut on a UTF-8 boundary, marked") {
  core().reset();
  host h{sr_mod};
  REQUIRE(h.start());
  const std::string big(MODSDK_STATUS_REPORT_MAX - 4, 'x');
  CHECK(cache.report("{}\xC3\xA9\xC3\xA9\xC3\xA9", big));  // "é" is 2 bytes: the cut falls inside one
  const std::string& r = core().status_report("sr_test", "cache")->reports.back();
  CHECK(r.size() <= MODSDK_STATUS_REPORT_MAX);
  CHECK(r.ends_with("x..."));
  CHECK(r.substr(0, big.size()) == big);
}

TEST_CASE("status report: an identifier that keeps no reports refuses one, logged by the core") {
  core().reset();
  host h{sr_mod};
  REQUIRE(h.start());
  CHECK_FALSE(uplink.report("never kept"));
  CHECK(core().logged(modsdk::abi::l_err, "identifier [link] group [sr_test] does not accept reports"));
  CHECK(core().status_report("sr_test", "link")->reports.empty());
}

TEST_CASE("status report: used before mod_init registered it, it fails and says why") {
  core().reset();
  CHECK_FALSE(unlisted.set(status::ready, "x"));
  CHECK(core().logged(modsdk::abi::l_err,
                      "status report \"unlisted\" used, but it was not registered: list it in "
                      "modsdk::status_reports(...)"));
  CHECK_FALSE(unlisted.report("x {}", 1));
}

TEST_CASE("status report: the core refuses a second group of the same name, and the start stops") {
  core().reset();
  host h{sr_mod};
  REQUIRE(h.start());
  host h2{sr_same_name};
  CHECK_FALSE(h2.start());
  CHECK(core().logged(modsdk::abi::l_err, "duplicated group already existing [sr_test]"));
  CHECK(core().logged(modsdk::abi::l_err, "status reports: the core refused the group \"sr_test\""));
  CHECK_FALSE(other.registered());
}

TEST_CASE("status report: the same identifier twice in one module stops the start") {
  core().reset();
  host h{sr_twins};
  CHECK_FALSE(h.start());
  CHECK(core().logged(modsdk::abi::l_err, "already existing"));
  CHECK(core().logged(modsdk::abi::l_err, "status report \"twin\": the core refused it in group \"sr_twins\""));
}

// ---- the identifier check, as MI and sr_check_status read identifiers ------------------------------------
static_assert(modsdk::detail::valid_sr_identifier("main"));
static_assert(modsdk::detail::valid_sr_identifier("db-1.cache_x"));
static_assert(!modsdk::detail::valid_sr_identifier(""));
static_assert(!modsdk::detail::valid_sr_identifier("all"));
static_assert(!modsdk::detail::valid_sr_identifier("ALL"));
static_assert(modsdk::detail::valid_sr_identifier("alle"));
static_assert(!modsdk::detail::valid_sr_identifier("two words"));
static_assert(!modsdk::detail::valid_sr_identifier(std::string_view("x\"y")));
static_assert(modsdk::detail::valid_sr_identifier(
    std::string_view("a123456789123456789123456789123456789123456789123456789123456789")));  // 64 characters
static_assert(!modsdk::detail::valid_sr_identifier(
    std::string_view("a1234567891234567891234567891234567891234567891234567891234567890")));  // 65
