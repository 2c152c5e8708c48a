// SPDX-License-Identifier: MIT
// modsdk/stats.hpp through the test host: the stats section becomes the stat_export_t table the core
// registers after mod_init, updates land in the core's stat_var, and early use is a harmless no-op.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include <modsdk/module.hpp>
#include <modsdk/stats.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;

namespace {
constinit modsdk::counter requests{"requests"};
constinit modsdk::counter secret{"secret", modsdk::stat_flag::hidden};
constinit modsdk::gauge active{"active_calls"};

unsigned long queue_len = 0;
unsigned long queued() { return queue_len; }
unsigned long broken() { throw std::runtime_error("queue gone"); }
constinit modsdk::computed<queued> queued_now{"queued"};
constinit modsdk::computed<broken> broken_now{"broken"};

constinit modsdk::counter dup_a{"same"};
constinit modsdk::counter dup_b{"same"};
}  // namespace

MODSDK_DEFINE_MODULE(stats_module, test_stats, modsdk::stats(requests, secret, active));
MODSDK_DEFINE_MODULE(dup_module, test_stats_dup, modsdk::stats(dup_a, dup_b));
MODSDK_DEFINE_MODULE(computed_module, test_stats_computed, modsdk::stats(requests, queued_now, broken_now));

static_assert(std::is_trivially_destructible_v<modsdk::counter> && std::is_trivially_destructible_v<modsdk::gauge>);

TEST_CASE("updates before registration are ignored, then count once the core has registered them") {
  core().reset();
  CHECK_FALSE(requests.registered());
  requests.inc();  // e.g. from on_init: the core has not created the stat_var yet
  active.add(3);
  CHECK(requests.value() == 0);
  CHECK(active.value() == 0);
  CHECK(core().logged(modsdk::abi::l_dbg, "statistic 'requests': update before the core registered it"));

  host h{stats_module};
  REQUIRE(h.loaded());
  REQUIRE(h.start());
  CHECK(requests.registered());
  CHECK(h.stat("requests") == 0ul);

  requests.inc();
  ++requests;
  requests += 5;
  CHECK(requests.value() == 7);
  CHECK(h.stat("requests") == 7ul);

  active.inc();
  active.add(4);
  active.dec();
  active.sub(2);
  CHECK(active.value() == 2);
  CHECK(h.stat("active_calls") == 2ul);
  active.set(-1);  // a gauge may go below zero
  CHECK(active.value() == -1);
  active.set(10);
  CHECK(h.stat("active_calls") == 10ul);

  secret.inc(2);
  CHECK(h.stat("secret") == 2ul);

  requests.reset();
  CHECK(h.stat("requests") == 0ul);

  h.stop();  // destroy: the core's statistics are gone, the objects forget them
  CHECK_FALSE(requests.registered());
  requests.inc();
  CHECK(requests.value() == 0);
}

TEST_CASE("the stat_export_t table: names, flags and stat pointers") {
  core().reset();
  const modsdk::abi::stat_export* t = stats_module.stats;
  REQUIRE(t != nullptr);  // a constant address: exports is constant-initialised
  host h{stats_module};   // the rows are filled while the module loads, before the core reads them
  REQUIRE(h.loaded());
  CHECK(std::string_view(t[0].name) == "requests");
  CHECK(t[0].flags == 0);
  CHECK(std::string_view(t[1].name) == "secret");
  CHECK(t[1].flags == modsdk::abi::stat_hidden);
  CHECK(std::string_view(t[2].name) == "active_calls");
  CHECK(t[2].flags == modsdk::abi::stat_no_reset);  // gauges are never reset by MI
  CHECK(t[3].name == nullptr);
  for (int i = 0; i < 3; ++i) CHECK(t[i].stat_pointer != nullptr);
}

TEST_CASE("two statistics with one name fail the module's load") {
  core().reset();
  host h{dup_module};
  CHECK_FALSE(h.loaded());
  CHECK(core().logged(modsdk::abi::l_err, "statistic 'same' is listed twice"));
}

TEST_CASE("a computed statistic declared in stats(...): the core reads the function each time, an exception reads 0") {
  core().reset();
  host h{computed_module};
  REQUIRE(h.start());
  const modsdk::abi::stat_export* t = h.exports().stats;
  REQUIRE(t != nullptr);
  CHECK(std::string_view(t[1].name) == "queued");
  CHECK((t[1].flags & modsdk::abi::stat_is_func) != 0);
  CHECK((t[1].flags & modsdk::abi::stat_no_reset) != 0);
  CHECK((t[0].flags & modsdk::abi::stat_is_func) == 0);
  queue_len = 4;
  CHECK(h.stat("queued") == 4u);
  queue_len = 9;
  CHECK(h.stat("queued") == 9u);
  CHECK(queued_now.value() == 9u);
  CHECK(h.stat("broken") == 0u);
  CHECK(core().logged("computed statistic failed: queue gone"));
}
