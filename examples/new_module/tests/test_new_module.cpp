// SPDX-License-Identifier: MIT
// new_module on modsdk's in-process host: every script function called the way the script would call
// it (a literal, a variable, a formatted string, no argument), asserting return codes, log lines,
// variables, replies, statistics and MI - and a leak check that catches a deliberately leaking function.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::formatted;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::sip_message;
using modsdk::testing::var;

extern "C" modsdk::abi::module_exports exports;  // new_module.cpp is compiled into this program

namespace {

constexpr int l_warn = 1, l_info = 3, l_dbg = 4;

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

sip_message ok_reply() {
  return sip_message::parse(
      "SIP/2.0 200 OK\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>;tag=b1\r\n"
      "Call-ID: c1@example.com\r\n"
      "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
}

/// The text of the last line new_module logged from `function` at `level`, or "" when there is none.
std::string last_log(int level, std::string_view function) {
  for (auto it = core().logs().rbegin(); it != core().logs().rend(); ++it)
    if (it->level == level && it->module == "new_module" && it->function == function) return it->text;
  return {};
}

/// A started host with new_module loaded, and a fresh fake core.
host started(int max_greetings = 100) {
  core().reset();
  core().load_module("sl");
  host h{exports};
  REQUIRE(h.loaded());
  REQUIRE(h.modparam("max_greetings", max_greetings));
  REQUIRE(h.start());
  core().clear_logs();
  return h;
}

}  // namespace

// snippet: test_call_forms
TEST_CASE("new_function logs its argument: a literal, a variable, a formatted string, or new_param") {
  host h = started();
  auto msg = options();

  CHECK(h.call("new_function", msg, {lit("plain text")}) == 1);
  CHECK(last_log(l_info, "new_function") == "plain text (a request)");

  core().set_var("$var(a)", "from a variable");
  CHECK(h.call("new_function", msg, {var("$var(a)")}) == 1);
  CHECK(last_log(l_info, "new_function") == "from a variable (a request)");

  CHECK(h.call("new_function", msg, {formatted("hello $rm")}) == 1);
  CHECK(last_log(l_info, "new_function") == "hello OPTIONS (a request)");

  CHECK(h.call("new_function", msg) == 1);  // no argument: new_param's default
  CHECK(last_log(l_info, "new_function") == "Hello (a request)");
}
// snippet-end: test_call_forms

TEST_CASE("new_function without an argument uses the new_param modparam") {
  core().reset();
  host h{exports};
  REQUIRE(h.modparam("new_param", "Bonjour"));
  REQUIRE(h.start());
  auto msg = options();
  CHECK(h.call("new_function", msg) == 1);
  CHECK(last_log(l_info, "new_function") == "Bonjour (a request)");
}

TEST_CASE("new_function runs on replies in onreply routes, and nowhere but request and onreply routes") {
  host h = started();
  auto reply = ok_reply();
  CHECK(h.call("new_function", reply, {lit("a reply came")}, modsdk::route::onreply) == 1);
  CHECK(last_log(l_info, "new_function") == "a reply came (a reply)");

  auto in_failure_route = h.prepare("new_function", {lit("x")}, modsdk::route::failure);
  CHECK_FALSE(in_failure_route.ok());
  CHECK_THAT(in_failure_route.error(), Catch::Contains("new_function"));
}

TEST_CASE("bad modparam values are refused with the module's words") {
  core().reset();
  host h{exports};
  auto r = h.modparam("max_greetings", 0);
  CHECK_FALSE(r);
  CHECK(core().logged(-1, "must be at least 1"));
  CHECK_FALSE(h.modparam("new_param", ""));
  CHECK(h.modparam("max_greetings", "25"));
}

// snippet: test_output_variable
TEST_CASE("greet writes the greeting into a variable, counts it, and logs at debug level") {
  host h = started();
  auto msg = options();
  CHECK(h.call("greet", msg, {formatted("$fU"), var("$var(out)")}) == 1);
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("Hello, alice")});
  CHECK(h.stat("greetings") == 1ul);
  CHECK(last_log(l_dbg, "greet") == "greeting #1 for alice");

  core().set_log_level(l_info);  // debug lines are not even formatted below their level
  core().clear_logs();
  CHECK(h.call("greet", msg, {lit("bob"), var("$var(out)")}) == 1);
  CHECK(core().logs().empty());
}
// snippet-end: test_output_variable

TEST_CASE("greet stops at max_greetings with a warning") {
  host h = started(1);
  auto msg = options();
  CHECK(h.call("greet", msg, {lit("alice"), var("$var(out)")}) == 1);
  CHECK(h.call("greet", msg, {lit("bob"), var("$var(out)")}) == -1);
  CHECK(last_log(l_warn, "greet") == "not greeting bob: max_greetings (1) reached");
}

TEST_CASE("greet needs a variable it can write") {
  host h = started();
  auto call = h.prepare("greet", {lit("alice"), lit("not a variable")});
  CHECK_FALSE(call.ok());
}

TEST_CASE("reply_with sends a stateless reply, with or without a reason") {
  host h = started();
  auto msg = options();
  CHECK(h.call("reply_with", msg, {lit(403), lit("Not Today")}) == 1);
  CHECK(h.call("reply_with", msg, {lit(486)}) == 1);
  REQUIRE(core().replies().size() == 2);
  CHECK(core().replies()[0].code == 403);
  CHECK(core().replies()[0].reason == "Not Today");
  CHECK(core().replies()[1].code == 486);
  CHECK(core().replies()[1].reason == "Rejected by new_module");
}

TEST_CASE("reply_with refuses a code that is not a final SIP status at startup") {
  host h = started();
  auto call = h.prepare("reply_with", {lit(200)});
  CHECK_FALSE(call.ok());
  CHECK(core().logged("a final SIP status code from 300 to 699"));
}

TEST_CASE("MI greetings reports the counter and the limit") {
  host h = started(7);
  auto msg = options();
  REQUIRE(h.call("greet", msg, {lit("alice"), var("$var(out)")}) == 1);
  auto r = h.mi("greetings");
  CHECK_FALSE(r.error);
  CHECK(r.json == R"({"greetings":1,"max_greetings":7})");
}

// ---- the database ------------------------------------------------------------------------------------

namespace {
/// A fresh SQLite file with new_module's shipped schema (greetings.sql) and one greeting for alice.
struct greetings_file {
  std::string path = "/tmp/new_module_test_" + std::to_string(::getpid()) + ".sqlite";
  greetings_file() {
    std::remove(path.c_str());
    std::ifstream in(NEW_MODULE_SCHEMA);
    std::stringstream schema;
    schema << in.rdbuf();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const std::string sql = schema.str() + "INSERT INTO greetings (caller, greeting) VALUES ('alice', 'Bonjour');";
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
  }
  ~greetings_file() { std::remove(path.c_str()); }
  std::string url() const { return "sqlite://" + path; }
};
}  // namespace

// snippet: test_database
TEST_CASE("greet takes the caller's greeting from the database, and new_param for the others") {
  greetings_file file;
  modsdk::testing::leak_check lc;
  {
    core().reset();
    core().load_module("sl");
    core().load_module("db_sqlite");  // the fake core's db_sqlite: a real SQLite engine
    host h{exports};
    REQUIRE(h.modparam("db_url", file.url()));
    REQUIRE(h.start());
    auto msg = options();
    CHECK(h.call("greet", msg, {lit("alice"), var("$var(out)")}) == 1);
    CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("Bonjour, alice")});
    CHECK(h.call("greet", msg, {lit("bob"), var("$var(out)")}) == 1);
    CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("Hello, bob")});
  }  // destroy closes the connection: nothing is left behind
  CHECK(lc.clean());
}
// snippet-end: test_database

TEST_CASE("a db_url whose backend is not loaded stops the start, its password masked") {
  core().reset();
  core().load_module("sl");
  host h{exports};
  REQUIRE(h.modparam("db_url", "mysql://opensips:secret@db1/opensips"));
  CHECK_FALSE(h.start());
  CHECK(core().logged(-1,
                      "modparam new_module.db_url: \"mysql://opensips:***@db1/opensips\": no database backend "
                      "for \"mysql://\" (is module db_mysql loaded?)"));
}

TEST_CASE("a database without the greetings table version stops the start") {
  greetings_file file;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.path.c_str(), &db) == SQLITE_OK);
  sqlite3_exec(db, "UPDATE version SET table_version = 0 WHERE table_name = 'greetings'", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  core().reset();
  core().load_module("sl");
  core().load_module("db_sqlite");
  host h{exports};
  REQUIRE(h.modparam("db_url", file.url()));
  CHECK_FALSE(h.start());
  CHECK(core().logged(-1, "new_module: table greetings must be version 1, found version 0"));
}

// ---- the leak check ----------------------------------------------------------------------------------

namespace {
// A deliberately broken module: it allocates pkg memory on every call and never frees it.
bool leaky(modsdk::request&) { return modsdk::pkg::malloc(32) != nullptr; }
MODSDK_DEFINE_MODULE(leaky_exports, leaky_module, modsdk::functions(MODSDK_FN(leaky)));
}  // namespace

// snippet: test_leak_check
TEST_CASE("the leak check catches a function that forgets to free") {
  core().reset();
  host h{leaky_exports};
  REQUIRE(h.start());
  auto msg = options();

  modsdk::testing::leak_check lc;
  CHECK(h.call("leaky", msg) == 1);
  CHECK_FALSE(lc.clean());
  CHECK(lc.pkg_delta() >= 32);
  CHECK_THROWS_AS(lc.expect_clean(), std::logic_error);
}
// snippet-end: test_leak_check

TEST_CASE("new_module's functions free what they allocate") {
  host h = started();
  auto msg = options();
  core().set_var("$var(a)", "text");
  // Prepared first: a literal's startup fixup (403 -> final_code) lives as long as the script, as in
  // the core; only what a call allocates must be gone after it.
  auto from_format = h.prepare("new_function", {formatted("hello $rm")});
  auto from_var = h.prepare("new_function", {var("$var(a)")});
  auto greeting = h.prepare("greet", {formatted("$fU"), var("$var(out)")});
  auto reply = h.prepare("reply_with", {lit(403)});

  modsdk::testing::leak_check lc;
  CHECK(from_format(msg) == 1);
  CHECK(from_var(msg) == 1);
  CHECK(greeting(msg) == 1);
  CHECK(reply(msg) == 1);
  INFO(lc.report());
  CHECK(lc.clean());
}
