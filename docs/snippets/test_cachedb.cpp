// SPDX-License-Identifier: MIT
// docs/howto/cachedb.md: a cache tested on the in-process host with the fake cachedb_local and its clock.
#include <catch2/catch.hpp>

#include <chrono>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

namespace {
using namespace std::chrono_literals;
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
modsdk::cachedb::cache cache{cachedb_url};
MODSDK_DEFINE_MODULE(my_module, cache_test, modsdk::params(cachedb_url), modsdk::caches(cache));
}  // namespace

using modsdk::testing::core;
using modsdk::testing::host;

TEST_CASE("a session expires on the core's clock") {
  // snippet: cdb_test
  core().reset();
  core().load_module("cachedb_local");  // registers the engine "local"
  host h{my_module};
  REQUIRE(h.start());  // mod_init binds, child_init(1) connects
  CHECK(cache.set("session", "s1", 10s));
  core().advance_ticks(11);  // get_ticks() moves on: the entry is gone
  CHECK_FALSE(cache.get("session"));
  // snippet-end: cdb_test
  h.stop();
}
