// SPDX-License-Identifier: MIT
// Async raw queries (modsdk/db/async.hpp) on the fake core's db_sqlite_async (a real SQLite engine with
// db_postgres's way of answering asynchronously), driven as tm drives them: the async function started
// as by `async()`, its resume callback run by testing::resume() until the answer is complete. The
// completion callback's rows, failures, the capability checked at startup and at the call, and pkg leaks.
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/async.hpp>
#include <modsdk/db.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
namespace db = modsdk::db;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::lit;
using modsdk::testing::sip_message;

namespace {
constexpr int l_err = -1;

std::vector<std::string> seen;

struct lookup {
  int calls;
};

modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url, {.needs = db::cap::query | db::cap::raw_query | db::cap::async_raw_query}};

// the completion callback with a parameter: the rows (or a failure), the resume route's $rc
int on_rows(modsdk::message& msg, db::result& rows, lookup* l) {
  ++l->calls;
  if (!rows) {
    seen.push_back("failed");
    return -1;
  }
  std::string s = msg.is_request() ? "rows:" : "rows(reply):";
  for (db::row r : rows) s += std::string(r.get<std::string_view>("caller")) + ",";
  seen.push_back(s);
  return static_cast<int>(rows.size()) + 10;
}
// without a parameter, returning bool
bool on_done(modsdk::message&, db::result& rows) {
  seen.push_back(rows ? "done" : "done:failed");
  return static_cast<bool>(rows);
}
// one that throws: the rows are still freed
void on_throw(modsdk::message&, db::result&) { throw std::runtime_error("callback exploded"); }

lookup the_lookup{0};

bool q_rows(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return store.async_raw_query<&on_rows>(ctx, sql, &the_lookup);
}
bool q_done(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return store.async_raw_query<&on_done>(ctx, std::string(sql));  // a temporary text: the query copies it
}
bool q_throw(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return store.async_raw_query<&on_throw>(ctx, sql);
}
}  // namespace

MODSDK_DEFINE_MODULE(async_db_mod, db_async_test, modsdk::params(db_url), modsdk::databases(store),
                     modsdk::async_functions(MODSDK_FN(q_rows), MODSDK_FN(q_done), MODSDK_FN(q_throw)));

namespace {
modsdk::param<db::url> plain_url{"db_url"};
db::database plain{plain_url, {.needs = db::cap::raw_query}};  // async not declared: checked at the call
bool p_rows(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return plain.async_raw_query<&on_rows>(ctx, sql, &the_lookup);
}
bool p_done(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return plain.async_raw_query<&on_done>(ctx, sql);
}
bool p_throw(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  return plain.async_raw_query<&on_throw>(ctx, sql);
}
}  // namespace
MODSDK_DEFINE_MODULE(plain_db_mod, db_plain_test, modsdk::params(plain_url), modsdk::databases(plain),
                     modsdk::async_functions(MODSDK_FN(p_rows), MODSDK_FN(p_done), MODSDK_FN(p_throw)));

namespace {
struct temp_db {
  std::string path;
  temp_db() {
    static int n = 0;
    path = "/tmp/modsdk_test_db_async_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".sqlite";
    std::remove(path.c_str());
    sqlite3* d = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &d) == SQLITE_OK);
    REQUIRE(sqlite3_exec(d,
                         "CREATE TABLE greetings (caller VARCHAR(64), greeting TEXT);"
                         "INSERT INTO greetings VALUES ('alice', 'Bonjour'), ('bob', 'Hello');",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(d);
  }
  ~temp_db() { std::remove(path.c_str()); }
  std::string url(std::string_view scheme) const { return std::string(scheme) + "://" + path; }
};

sip_message options() {
  return sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: c1@example.com\r\n"
      "CSeq: 1 OPTIONS\r\n\r\n");
}

// A fresh core with `backend` loaded and `mod` on it, its db_url at the test's file through that backend.
host on_backend(const abi::module_exports& mod, const char* backend, const temp_db& file) {
  core().reset();
  seen.clear();
  the_lookup.calls = 0;
  REQUIRE(core().load_module(backend));
  host h{mod};
  REQUIRE(h.modparam("db_url", file.url(std::string_view(backend).substr(3))));
  return h;
}
}  // namespace

TEST_CASE("an async raw query: started, resumed as tm does, the rows handed to the callback, $rc its code") {
  temp_db file;
  leak_check lc;
  {
    host h = on_backend(async_db_mod, "db_sqlite_async", file);
    REQUIRE(h.start());
    auto msg = options();
    auto r = h.call_async("q_rows", msg, {lit("SELECT caller FROM greetings ORDER BY caller")});
    CHECK(r.rc == 1);
    REQUIRE(r.async_status >= 0);  // the fd to wait on
    REQUIRE(r.ctx.resume_f != nullptr);
    CHECK(seen.empty());  // nothing yet: the core waits for the fd
    // the first read finds the answer incomplete: the callback asks to keep waiting
    auto fn = reinterpret_cast<abi::async_resume_function>(r.ctx.resume_f);
    abi::async_status = abi::async_done;
    fn(r.async_status, msg.raw(), r.ctx.resume_param);
    CHECK(abi::async_status == abi::async_continue);
    CHECK(seen.empty());
    // the second has it all
    CHECK(modsdk::testing::resume(r, msg) == 12);
    CHECK(abi::async_status == abi::async_done);  // the fd stays open: it is the backend's
    CHECK(seen == std::vector<std::string>{"rows:alice,bob,"});
    CHECK(the_lookup.calls == 1);

    // without a parameter, a bool callback, the text a temporary
    auto r2 = h.call_async("q_done", msg, {lit("SELECT caller FROM greetings")});
    REQUIRE(r2.async_status >= 0);
    CHECK(modsdk::testing::resume(r2, msg) == 1);
    CHECK(seen.back() == "done");
    // a statement without rows
    auto r3 = h.call_async("q_done", msg, {lit("UPDATE greetings SET greeting = 'Hi' WHERE caller = 'bob'")});
    CHECK(modsdk::testing::resume(r3, msg) == 1);
    CHECK(seen.back() == "done");
  }
  CHECK(lc.clean());
}

TEST_CASE("an async query the backend fails: the callback gets a failed result, one line is logged") {
  temp_db file;
  leak_check lc;
  {
    host h = on_backend(async_db_mod, "db_sqlite_async", file);
    REQUIRE(h.start());
    auto msg = options();
    auto r = h.call_async("q_rows", msg, {lit("SELECT caller FROM no_such_table")});
    REQUIRE(r.async_status >= 0);
    CHECK(modsdk::testing::resume(r, msg) == -1);
    CHECK(seen == std::vector<std::string>{"failed"});
    CHECK(the_lookup.calls == 1);
    CHECK(core().logged(l_err, "db_url: async raw query failed (the backend returned -2)"));

    // a callback that throws: logged by the resume's firewall, the rows freed all the same
    auto r2 = h.call_async("q_throw", msg, {lit("SELECT caller FROM greetings")});
    CHECK(modsdk::testing::resume(r2, msg) == -1);
    CHECK(core().logged(l_err, "callback exploded"));
  }
  CHECK(lc.clean());
}

TEST_CASE("a backend without async raw queries: the start stops when declared, the query runs at once when not") {
  temp_db file;
  leak_check lc;
  {
    host h = on_backend(async_db_mod, "db_sqlite", file);
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "the backend db_sqlite cannot async raw query (DB_CAP_ASYNC_RAW_QUERY)"));
  }
  {
    host h = on_backend(plain_db_mod, "db_sqlite", file);
    REQUIRE(h.start());
    auto msg = options();
    auto r = h.call_async("p_rows", msg, {lit("SELECT caller FROM greetings ORDER BY caller")});
    CHECK(r.async_status == abi::async_sync);  // done synchronously: tm runs the resume route now
    CHECK(r.ctx.resume_f == nullptr);          // nothing to wait for
    CHECK(r.rc == 12);                         // the callback's code (2 rows + 10) is the resume route's $rc
    CHECK(the_lookup.calls == 1);              // exactly once, with the rows
    CHECK(seen == std::vector<std::string>{"rows:alice,bob,"});
    CHECK_FALSE(core().logged(l_err, "cannot async raw query"));

    auto b = h.call_async("p_done", msg, {lit("SELECT caller FROM greetings")});  // a bool callback: 1
    CHECK(b.async_status == abi::async_sync);
    CHECK(b.rc == 1);
    CHECK(seen.back() == "done");

    auto f = h.call_async("p_rows", msg, {lit("SELECT caller FROM no_such_table")});  // the backend fails
    CHECK(f.async_status == abi::async_sync);
    CHECK(f.rc == -1);
    CHECK(the_lookup.calls == 2);
    CHECK(seen.back() == "failed");
    CHECK(core().logged(l_err, "db_url: run a raw query failed"));

    auto t = h.call_async("p_throw", msg, {lit("SELECT caller FROM greetings")});  // the rows are still freed
    CHECK(t.async_status == abi::async_sync);
    CHECK(t.rc == -1);
    CHECK(core().logged(l_err,
                        "db_url: raw query (async, run at once): the callback failed: exception: callback "
                        "exploded"));

    auto again = h.call_async("p_done", msg, {lit("SELECT caller FROM greetings")});  // the connection is free
    CHECK(again.rc == 1);
  }
  CHECK(lc.clean());
}

TEST_CASE("a timeout (backends with async_timeout, 3.5+): the backend gives up, the callback sees a failure") {
  temp_db file;
  leak_check lc;
  {
    host h = on_backend(async_db_mod, "db_sqlite_async", file);
    REQUIRE(h.start());
    auto msg = options();
    auto r = h.call_async("q_rows", msg, {lit("SELECT caller FROM greetings")}, 5);
    REQUIRE(r.async_status >= 0);
    if constexpr (requires(modsdk::detail::db_func f) { f.async_timeout; }) {
      REQUIRE(r.ctx.timeout_f != nullptr);
      CHECK(r.ctx.timeout_s == 5);
      CHECK(modsdk::testing::resume(r, msg, true) == -1);
      CHECK(seen == std::vector<std::string>{"failed"});
      CHECK(core().logged(l_err, "db_url: async raw query timed out"));
    } else {  // 3.4: db_func_t has no async_timeout, so no timeout callback
      CHECK(r.ctx.timeout_f == nullptr);
      CHECK(modsdk::testing::resume(r, msg) == 11);
    }
    CHECK(the_lookup.calls == 1);
  }
  CHECK(lc.clean());
}

TEST_CASE("no connection in this process: false and a line, nothing started") {
  temp_db file;
  leak_check lc;
  {
    host h = on_backend(async_db_mod, "db_sqlite_async", file);
    REQUIRE(h.init());  // mod_init only: no child_init, no connection
    auto msg = options();
    auto r = h.call_async("q_rows", msg, {lit("SELECT caller FROM greetings")});
    CHECK(r.rc == -1);
    CHECK(r.ctx.resume_f == nullptr);
    CHECK(core().logged(l_err, "db_url: run (async) a raw query: no connection in this process"));
  }
  CHECK(lc.clean());
}
