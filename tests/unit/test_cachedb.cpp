// SPDX-License-Identifier: MIT
// modsdk/cachedb.hpp on the fake core's cachedb_local: the URL parameter, binding and its failures at
// startup (engine not loaded, missing capability, bad URL, unknown collection), one connection per
// process, strings and counters with expiry on the core's tick clock, and bad input (empty key, bad expiry,
// a counter over text, no connection) - each checked for pkg/shm leaks.
#include <catch2/catch.hpp>

#include <chrono>
#include <climits>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/cachedb.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace cachedb = modsdk::cachedb;
using namespace std::chrono_literals;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::lit;
using modsdk::testing::sip_message;

namespace {

constexpr int l_err = -1, l_info = 3;

sip_message options() {
  return sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: c1@example.com\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n");
}

// ---- the modules under test ------------------------------------------------------------------------------
modsdk::param<cachedb::url> cachedb_url{"cachedb_url", "local://"};
cachedb::cache cache{cachedb_url, {.needs = cachedb::cap::get | cachedb::cap::add}};

/// The script's view: the counter `key` after adding 1, or -1 when the cache failed.
int hit(modsdk::message&, std::string_view key) {
  auto n = cache.add(key, 1);
  return n ? *n : -1;
}

modsdk::param<cachedb::url> needy_url{"cachedb_url", "local://"};
cachedb::cache needy{needy_url, {.needs = cachedb::cap::get | cachedb::cap::raw | cachedb::cap::truncate}};

modsdk::param<cachedb::url> required_url{"cachedb_url"};
cachedb::cache required{required_url};

modsdk::param<cachedb::url> optional_url{"cachedb_url"};
cachedb::cache maybe{optional_url, {.optional = true}};

bool set_in_mod_init = true;
}  // namespace

MODSDK_DEFINE_MODULE(cdb_mod, cdb_test, modsdk::params(cachedb_url), modsdk::caches(cache),
                     modsdk::functions(MODSDK_FN(hit)),
                     modsdk::deps(modsdk::param_needs(cachedb_url, modsdk::module_type::cachedb)), modsdk::on_init([] {
                       set_in_mod_init = cache.set("at_init", "x");  // no connection before child_init
                       return true;
                     }));
MODSDK_DEFINE_MODULE(needy_mod, cdb_needy, modsdk::params(needy_url), modsdk::caches(needy));
MODSDK_DEFINE_MODULE(required_mod, cdb_required, modsdk::params(required_url), modsdk::caches(required));
MODSDK_DEFINE_MODULE(optional_mod, cdb_optional, modsdk::params(optional_url), modsdk::caches(maybe));

namespace {
/// cdb_mod started on cachedb_local (a SIP worker's child_init done), logs cleared.
host started(std::string_view url = "local://") {
  core().reset();
  core().load_module("cachedb_local");
  host h{cdb_mod};
  REQUIRE(h.loaded());
  REQUIRE(h.modparam("cachedb_url", url));
  REQUIRE(h.start());
  core().clear_logs();
  return h;
}
}  // namespace

// ---- the URL --------------------------------------------------------------------------------------------

TEST_CASE("cachedb::url: engine[:group]://..., checked, and the password masked wherever it is printed") {
  constexpr cachedb::url local = "local://";  // checked at compile time
  static_assert(local.engine() == "local" && local.group().empty() && !local.problem());
  constexpr cachedb::url redis = "redis:group1://:secret@10.0.0.1:6379/";
  static_assert(redis.engine() == "redis" && redis.group() == "group1");
  CHECK(redis.masked().view() == "redis:group1://:***@10.0.0.1:6379/");
  CHECK(cachedb::url("memcached://u:p@host/").masked().view() == "memcached://u:***@host/");

  CHECK(cachedb::url().problem() == nullptr);
  CHECK(std::string_view(cachedb::url::from_text("local").problem()).starts_with("has no engine"));
  CHECK(std::string_view(cachedb::url::from_text("://x").problem()).starts_with("has no engine"));
  CHECK(std::string_view(cachedb::url::from_text("lo cal://").problem()).starts_with("has an engine name"));
  CHECK(std::string_view(cachedb::url::from_text("redis:://h").problem()) == "has an empty group (engine:group://...)");
  CHECK(std::string_view(cachedb::url::from_text("redis:g/1://h").problem()).starts_with("has a group name"));
  CHECK(modsdk::convert<cachedb::url>::from_string("anything at all").has_value());  // checked at mod_init instead

  core().reset();
  modsdk::log::info("caching in {} / {:?}", redis, redis);
  REQUIRE(!core().logs().empty());
  CHECK(core().logs().back().text ==
        "caching in redis:group1://:***@10.0.0.1:6379/ / \"redis:group1://:***@10.0.0.1:6379/\"");
}

// ---- binding at startup ----------------------------------------------------------------------------------

TEST_CASE("mod_init fails with one line naming module, parameter, masked URL and what is missing") {
  leak_check lc;
  core().reset();
  SECTION("an engine whose module is not loaded") {
    host h{cdb_mod};
    REQUIRE(h.modparam("cachedb_url", "redis://:secret@10.0.0.1:6379/"));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err,
                        "modparam cdb_test.cachedb_url: \"redis://:***@10.0.0.1:6379/\": no cachedb engine \"redis\" "
                        "(is module cachedb_redis loaded?)"));
    CHECK(core().logged(l_err, "failed to bind to [redis] module. Is it loaded ?"));  // the core's own line
  }
  SECTION("cachedb_local not loaded either") {
    host h{cdb_mod};
    CHECK_FALSE(h.start());  // the default, local://
    CHECK(core().logged(l_err, "no cachedb engine \"local\" (is module cachedb_local loaded?)"));
  }
  SECTION("a malformed URL, masked") {
    host h{cdb_mod};
    REQUIRE(h.modparam("cachedb_url", "redis:/:secret@host"));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "modparam cdb_test.cachedb_url: \"redis:***@host\" has no engine"));
  }
  SECTION("a required URL not set") {
    host h{required_mod};
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "modparam cdb_required.cachedb_url is not set: the module needs a cachedb URL"));
  }
  SECTION("capabilities the module declared and the engine lacks") {
    core().load_module("cachedb_local");
    host h{needy_mod};
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err,
                        "modparam cdb_needy.cachedb_url: \"local://\": the engine cachedb_local cannot raw "
                        "queries (CACHEDB_CAP_RAW), truncate (CACHEDB_CAP_TRUNCATE)"));
  }
  SECTION("a collection cachedb_local does not define: each worker's connection fails") {
    core().load_module("cachedb_local");
    host h{cdb_mod};
    REQUIRE(h.modparam("cachedb_url", "local:///sessions"));
    REQUIRE(h.init());
    CHECK_FALSE(h.child_init(1));
    CHECK(core().logged(l_err, "collection <sessions> not defined!"));
    CHECK(core().logged(l_err, "cachedb_url \"local:///sessions\": cannot connect (rank 1)"));
    h.stop();
  }
  for (const auto& e : core().logs()) CHECK(e.text.find("secret") == std::string::npos);
  lc.expect_clean();
}

TEST_CASE("an optional cache left unset: the module runs, operations fail with a line") {
  leak_check lc;
  core().reset();
  host h{optional_mod};
  REQUIRE(h.start());
  CHECK(core().logged(l_info, "modparam cdb_optional.cachedb_url is not set: running without a cache"));
  CHECK_FALSE(maybe.enabled());
  CHECK_FALSE(maybe.get("k"));
  CHECK_FALSE(maybe.set("k", "v"));
  CHECK(core().logged(l_err, "cachedb_url: set \"k\": not set: the module runs without a cache"));
  h.stop();
  lc.expect_clean();
}

TEST_CASE("a connection per process: opened in child_init, closed in destroy, none in mod_init") {
  leak_check lc;
  {
    core().reset();
    core().load_module("cachedb_local");
    host h{cdb_mod};
    REQUIRE(h.init());
    CHECK_FALSE(set_in_mod_init);
    CHECK(core().logged(l_err, "cachedb_url: set \"at_init\": no connection in this process"));
    CHECK(cache.enabled());
    CHECK(cachedb::has(cache.capabilities(), cachedb::cap::get | cachedb::cap::set | cachedb::cap::remove |
                                                 cachedb::cap::add | cachedb::cap::sub | cachedb::cap::binary_value));
    CHECK_FALSE(cache.can(cachedb::cap::raw));
    CHECK_FALSE(cache.connected());
    CHECK(lc.pkg_delta() == 0);
    REQUIRE(h.child_init(1));
    CHECK(cache.connected());
    CHECK(lc.pkg_delta() > 0);                                    // the handle lives in pkg
    CHECK(h.child_init(modsdk::process_rank::tcp_main().raw()));  // runs no script: no connection of its own
    h.stop();
    CHECK_FALSE(cache.connected());
  }
  lc.expect_clean();
}

// ---- strings ---------------------------------------------------------------------------------------------

TEST_CASE("get / set / remove: text, binary, empty and large values, a missing key is nullopt") {
  leak_check lc;
  {
    host h = started();
    CHECK_FALSE(cache.get("greeting"));
    CHECK(cache.set("greeting", "Hello"));
    CHECK(cache.get("greeting") == "Hello");
    CHECK(cache.set("greeting", "Bonjour, élodie"));  // replaced
    CHECK(cache.get("greeting") == "Bonjour, élodie");
    const std::string binary("a\0b\xff", 4);
    CHECK(cache.set(binary, binary));  // keys and values are bytes
    CHECK(cache.get(binary) == binary);
    CHECK(cache.set("empty", ""));
    CHECK(cache.get("empty") == "");
    const std::string big(100000, 'x');
    CHECK(cache.set("big", big));
    CHECK(cache.get("big") == big);
    CHECK(cache.remove("greeting"));
    CHECK_FALSE(cache.get("greeting"));
    CHECK(cache.remove("greeting"));  // removing a missing key succeeds, as in cachedb_local
    CHECK_FALSE(core().logged(l_err, "cachedb"));
    h.stop();
  }
  lc.expect_clean();  // every value get() copied out was freed
}

TEST_CASE("expiry: whole seconds on the core's tick clock, rounded up, 0 and negative refused") {
  leak_check lc;
  {
    host h = started();
    CHECK(cache.set("session", "s1", 10s));
    CHECK(cache.set("blink", "b", 500ms));  // rounded up to 1 s, never 0 (= never expires)
    CHECK(cache.set("forever", "f"));
    core().advance_ticks(1);
    CHECK(cache.get("blink") == "b");  // gone once the clock is past its expiry tick
    core().advance_ticks(1);
    CHECK_FALSE(cache.get("blink"));
    core().advance_ticks(8);
    CHECK(cache.get("session") == "s1");
    core().advance_ticks(1);
    CHECK_FALSE(cache.get("session"));
    CHECK(cache.set("session", "s2", 1min));  // set again: a new expiry
    core().advance_ticks(59);
    CHECK(cache.get("session") == "s2");
    core().advance_ticks(1000000);
    CHECK(cache.get("forever") == "f");

    CHECK_FALSE(cache.set("bad", "v", 0s));
    CHECK(core().logged(l_err, "cachedb_url: set \"bad\": the expiry must be positive"));
    CHECK_FALSE(cache.set("bad", "v", -5s));
    CHECK_FALSE(cache.set("bad", "v", std::chrono::hours(1000000)));  // over 2^31 seconds
    CHECK_FALSE(cache.set("bad", "v", std::chrono::duration<double>(-0.5)));
    CHECK(cache.set("half", "v", std::chrono::duration<double>(0.5)));
    CHECK_FALSE(cache.add("bad", 1, 0s));
    CHECK_FALSE(cache.get("bad"));
    h.stop();
  }
  lc.expect_clean();
}

// ---- counters --------------------------------------------------------------------------------------------

TEST_CASE("counters: add creates and increments, sub, get_counter, and text that is not a number") {
  leak_check lc;
  {
    host h = started();
    CHECK_FALSE(cache.get_counter("calls"));  // missing: no line
    CHECK_FALSE(core().logged(l_err, "cachedb"));
    CHECK(cache.add("calls", 1) == 1);
    CHECK(cache.add("calls", 41) == 42);
    CHECK(cache.sub("calls", 2) == 40);
    CHECK(cache.get_counter("calls") == 40);
    CHECK(cache.get("calls") == "40");  // counters are decimal text
    CHECK(cache.sub("debt", 5) == -5);  // created at -delta
    CHECK(cache.set("preset", "-7"));
    CHECK(cache.add("preset", 10) == 3);

    CHECK(cache.set("name", "alice"));
    CHECK_FALSE(cache.add("name", 1));
    CHECK(core().logged(l_err, "not an integer"));  // cachedb_local's line
    CHECK(core().logged(l_err, "cachedb_url: add \"name\": the engine failed (returned -1)"));
    CHECK_FALSE(cache.get_counter("name"));
    CHECK(core().logged(l_err, "Not a counter key"));
    CHECK(core().logged(l_err, "cachedb_url: get_counter \"name\": the engine failed (returned -3)"));
    CHECK(cache.get("name") == "alice");  // untouched

    // an expiry applies when the key is made; cachedb_local keeps it on later adds
    CHECK(cache.add("window", 1, 5s) == 1);
    core().advance_ticks(4);
    CHECK(cache.add("window", 1, 5s) == 2);
    core().advance_ticks(2);
    CHECK_FALSE(cache.get_counter("window"));            // expired 5 s after it was made
    CHECK(cache.add("window", 1, 5s) == 1);              // made again
    CHECK(cache.add("calls", INT_MAX) == INT_MIN + 39);  // int arithmetic wraps, as in the engine
    h.stop();
  }
  lc.expect_clean();
}

TEST_CASE("a script function counting across requests, bad input fails cleanly") {
  leak_check lc;
  {
    host h = started();
    auto msg = options();
    for (int i = 1; i <= 5; ++i) CHECK(h.call("hit", msg, {lit("hits")}) == i);
    CHECK(cache.get_counter("hits") == 5);
    CHECK(h.call("hit", msg, {lit("")}) == -1);  // an empty key: a line, a failure, no crash
    CHECK(core().logged(l_err, "cachedb_url: add \"\": the key is empty"));
    CHECK_FALSE(cache.get(""));
    CHECK_FALSE(cache.remove(""));
    CHECK_FALSE(cache.get_counter(""));
    h.stop();
  }
  lc.expect_clean();
}

TEST_CASE("after destroy: operations fail with a line, nothing crashes") {
  leak_check lc;
  {
    host h = started();
    REQUIRE(cache.set("k", "v"));
    h.stop();
    CHECK_FALSE(cache.get("k"));
    CHECK(core().logged(l_err, "cachedb_url: get \"k\": no connection in this process"));
  }
  lc.expect_clean();
}
