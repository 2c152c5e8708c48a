// SPDX-License-Identifier: MIT
// Statistics made at run time (modsdk/dynamic_stats.hpp): register_stat in the module's group or another,
// updates through the handle, computed statistics read when MI reads them, the core's "dynamic" group
// merging a repeated name, and names the core's MI could not address refused.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <modsdk/dynamic_stats.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;

namespace {
modsdk::stat_ref gw_calls[2];
unsigned long queue_len = 0;
int computed_reads = 0;
unsigned long queued() {
  ++computed_reads;
  return queue_len;
}
long broken() { throw std::runtime_error("queue gone"); }

void init_stats() {
  gw_calls[0] = modsdk::register_stat("gw0_calls", "gateways");
  gw_calls[1] = modsdk::register_stat("gw1_calls", "gateways", modsdk::stat_flag::no_reset);
  REQUIRE(modsdk::register_computed_stat<queued>("queued"));
  REQUIRE(modsdk::register_computed_stat<[] { return 7; }>("seven", "consts"));
}
}  // namespace

MODSDK_DEFINE_MODULE(dyn_mod, dyn_stats_test, modsdk::on_init(init_stats));

TEST_CASE("dynamic stats: registered in on_init, in a custom group or the module's, updated through the handle") {
  core().reset();
  host h{dyn_mod};
  REQUIRE(h.start());
  REQUIRE(gw_calls[0]);
  gw_calls[0].inc();
  gw_calls[0].inc(4);
  gw_calls[1].add(3);
  gw_calls[1].add(-1);
  CHECK(core().stat("gateways:gw0_calls") == 5ul);
  CHECK(core().stat("gateways:gw1_calls") == 2ul);
  CHECK(gw_calls[0].value() == 5);
  gw_calls[0].set(11);
  CHECK(core().stat("gateways:gw0_calls") == 11ul);
  CHECK_FALSE(core().stat("gateways:gw2_calls"));
}

TEST_CASE("dynamic stats: a computed statistic is computed when it is read, in the module's group by default") {
  core().reset();
  computed_reads = 0;
  host h{dyn_mod};
  REQUIRE(h.start());
  CHECK(computed_reads == 0);
  queue_len = 3;
  // the module's group is its name: the test program's stamp (MODSDK_MODULE_NAME)
  const std::string group = modsdk::detail::current_module_name();
  CHECK(core().stat(group + ":queued") == 3ul);
  queue_len = 9;
  CHECK(core().stat(group + ":queued") == 9ul);
  CHECK(computed_reads == 2);
  CHECK(core().stat("consts:seven") == 7ul);
}

TEST_CASE("dynamic stats: at run time, the core's dynamic group merges a repeated name, other groups do not") {
  core().reset();
  host h{dyn_mod};
  REQUIRE(h.start());
  modsdk::stat_ref a = modsdk::register_stat("retries", modsdk::dynamic_group);
  modsdk::stat_ref b = modsdk::register_stat("retries", modsdk::dynamic_group);
  REQUIRE(a);
  CHECK(a.raw() == b.raw());
  a.inc();
  b.inc();
  CHECK(core().stat("dynamic:retries") == 2ul);
  CHECK(core().stat_count("dynamic:retries") == 1);
  (void)modsdk::register_stat("twice", "gateways");
  (void)modsdk::register_stat("twice", "gateways");
  CHECK(core().stat_count("gateways:twice") == 2);  // as in the core: register each name once
}

TEST_CASE("dynamic stats: an exception in a computed statistic is logged and reads 0") {
  core().reset();
  host h{dyn_mod};
  REQUIRE(h.start());
  REQUIRE(modsdk::register_computed_stat<broken>("broken", "consts"));
  CHECK(core().stat("consts:broken") == 0ul);
  CHECK(core().logged(modsdk::abi::l_err, "computed statistic failed: queue gone"));
}

TEST_CASE("dynamic stats: bad input: names MI could not address are refused with a log line") {
  core().reset();
  host h{dyn_mod};
  REQUIRE(h.start());
  for (const char* bad : {"", "a:b", "two words", "tab\there", "nl\n"}) {
    core().clear_logs();
    CHECK_FALSE(modsdk::register_stat(bad, "gateways"));
    if (*bad) CHECK_FALSE(modsdk::register_stat("ok", bad));  // an empty group is the module's
    CHECK_FALSE(modsdk::register_computed_stat<queued>(bad));
    CHECK(core().logged(modsdk::abi::l_err, "refused"));
  }
  CHECK_FALSE(modsdk::register_stat(std::string(256, 'x'), "gateways"));
  CHECK(core().logged(modsdk::abi::l_err, "longer than 255 bytes"));
  modsdk::stat_ref empty;
  empty.inc();  // an empty handle does nothing
  CHECK(empty.value() == 0);
  CHECK_FALSE(core().stat("gateways:ok"));
  CHECK(core().stat_count(std::string(modsdk::detail::current_module_name()) + ":ok") == 0);
}
