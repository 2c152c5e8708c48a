// SPDX-License-Identifier: MIT
// modsdk/db/prepared.hpp on the fake core's db_sqlite (a backend without prepared statements, like the
// real db_sqlite: it ignores the handle): the statements run through db.with(p) give what they give
// without it, the connection is pointed at p's handle only during the backend call, a db::prepared used
// for another statement fails with a line instead of running, a handle made on another connection is
// dropped, chunked selects run unprepared - each checked for pkg/shm leaks. (db_mysql, which prepares:
// realcore: database: mysql counts Com_stmt_prepare on the server.)
#include <sqlite3.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/db.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace db = modsdk::db;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;

namespace app {
struct greeting_row {
  std::string caller;
  std::optional<std::string> greeting;
};
MODSDK_FIELDS(greeting_row, caller, greeting);
}  // namespace app

namespace {
constexpr int l_err = -1;

struct temp_db {
  std::string path, url;
  temp_db() {
    static int n = 0;
    path = "/tmp/modsdk_test_db_prepared_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".sqlite";
    std::remove(path.c_str());
    url = "sqlite://" + path;
    sqlite3* d = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &d) == SQLITE_OK);
    REQUIRE(sqlite3_exec(d,
                         "CREATE TABLE greetings (id INTEGER PRIMARY KEY AUTOINCREMENT, caller VARCHAR(64) NOT NULL "
                         "UNIQUE, greeting TEXT, uses INT);"
                         "INSERT INTO greetings (caller, greeting, uses) VALUES ('alice', 'Bonjour', 1), "
                         "('bob', 'Hello', 2);",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(d);
  }
  ~temp_db() { std::remove(path.c_str()); }
};

modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url, {.needs = db::cap::query | db::cap::insert | db::cap::update | db::cap::delete_}};

db::prepared by_caller, add_row, set_uses, drop_row, by_uses_chunked;

MODSDK_DEFINE_MODULE(prepared_mod, db_prepared_test, modsdk::params(db_url), modsdk::databases(store));

/// Every process starts with the handles of its parent: a fresh test starts from zero.
void forget(db::prepared& p) {
  p.handle_ = nullptr;
  p.serial_ = 0;
  p.shape_ = 0;
}

host started(const temp_db& file) {
  core().reset();
  for (db::prepared* p : {&by_caller, &add_row, &set_uses, &drop_row, &by_uses_chunked}) forget(*p);
  REQUIRE(core().load_module("db_sqlite"));
  host h{prepared_mod};
  REQUIRE(h.modparam("db_url", file.url));
  REQUIRE(h.start());
  return h;
}

std::optional<std::string> greeting_of(std::string_view caller) {
  auto r = store.with(by_caller).select<app::greeting_row>("greetings", db::col("caller") == caller);
  REQUIRE(r);
  auto row = r.first();
  return row ? row->greeting : std::nullopt;
}
}  // namespace

TEST_CASE("db.with(p): every statement runs as without it on a backend without prepared statements") {
  temp_db file;
  leak_check lc;
  {
    host h = started(file);
    REQUIRE(store.connected());
    for (int i = 0; i < 50; ++i) {  // one statement, many calls, new values each time
      CHECK(greeting_of(i % 2 ? "alice" : "bob") == (i % 2 ? "Bonjour" : "Hello"));
      CHECK_FALSE(greeting_of("carol" + std::to_string(i)).has_value());
    }
    CHECK_FALSE(by_caller.is_prepared());  // db_sqlite ignores the handle
    CHECK(by_caller.serial_ != 0);         // but it belongs to this connection now

    for (int i = 0; i < 5; ++i)
      CHECK(store.with(add_row).insert("greetings", db::set("caller", "c" + std::to_string(i)),
                                       db::set("greeting", std::optional<std::string_view>{})));
    CHECK(store.with(set_uses).update("greetings", db::col("caller") == "c3", db::set("uses", 33)));
    CHECK(store.with(drop_row).delete_from("greetings", db::col("caller") == "c4"));
    auto all = store.select<app::greeting_row>("greetings", db::col("caller") != "", db::order_by("id")).all();
    REQUIRE(all.size() == 6);  // alice, bob, c0..c3
    CHECK(all[5].caller == "c3");
    CHECK_FALSE(all[5].greeting.has_value());
    {
      auto uses = store.select("greetings", db::columns("uses"), db::col("caller") == "c3");
      REQUIRE(uses);
      CHECK(uses.first()->get<int>("uses") == 33);
    }  // the connection holds one result at a time

    // a select in chunks runs unprepared, and still reads every row
    int n = 0;
    for (db::row r : store.with(by_uses_chunked).select("greetings", db::columns("caller"), db::chunks_of(2))) {
      (void)r;
      ++n;
    }
    CHECK(n == 6);
    CHECK(by_uses_chunked.shape_ == 0);     // never armed
    CHECK_FALSE(core().logged(l_err, ""));  // not one error line
  }
  CHECK(lc.clean());
}

TEST_CASE("db.with(p): the connection holds p's handle only during the backend call") {
  temp_db file;
  leak_check lc;
  {
    host h = started(file);
    auto handle = store.statement_handle();
    REQUIRE(handle.session->con != nullptr);
    CHECK(handle.session->con->curr_ps == nullptr);
    CHECK(greeting_of("alice") == "Bonjour");
    CHECK(handle.session->con->curr_ps == nullptr);  // forgotten after the statement
    CHECK(store.with(drop_row).delete_from("no_such_table", db::col("caller") == "x") == false);  // backend fails
    CHECK(handle.session->con->curr_ps == nullptr);
    CHECK(core().logged(l_err, "db_url: delete from no_such_table failed"));
  }
  CHECK(lc.clean());
}

TEST_CASE("one db::prepared is one statement: another shape fails with a line and runs nothing") {
  temp_db file;
  leak_check lc;
  {
    host h = started(file);
    CHECK(greeting_of("alice") == "Bonjour");
    // the same db::prepared for a select on another column: refused, nothing runs
    auto other = store.with(by_caller).select("greetings", db::columns("greeting"), db::col("uses") == 1);
    CHECK_FALSE(other);
    CHECK(core().logged(l_err,
                        "db_url: select from greetings: this db::prepared was first used for another statement (select "
                        "from with other names, operators or value types): use one db::prepared per statement"));
    // another operator, another value type: refused too
    CHECK_FALSE(store.with(by_caller).select<app::greeting_row>("greetings", db::col("caller") != "alice"));
    CHECK_FALSE(store.with(by_caller).select<app::greeting_row>("greetings", db::col("caller") == 7));
    // another kind of statement on the same table and names
    CHECK_FALSE(store.with(by_caller).delete_from("greetings", db::col("caller") == "alice"));
    CHECK(core().logged(l_err,
                        "db_url: delete from greetings: this db::prepared was first used for another "
                        "statement (select from"));
    CHECK(greeting_of("alice") == "Bonjour");  // its own statement still runs, alice still there
  }
  CHECK(lc.clean());
}

TEST_CASE("a handle made on another connection is dropped, never used there") {
  temp_db file;
  leak_check lc;
  {
    host h = started(file);
    CHECK(greeting_of("bob") == "Hello");
    const unsigned mine = by_caller.serial_;
    by_caller.handle_ = &by_caller;  // as if the backend had prepared it on this connection
    {
      auto c = store.connect();  // a scoped connection: another one
      REQUIRE(c);
      auto r = c.with(by_caller).select<app::greeting_row>("greetings", db::col("caller") == "alice");
      REQUIRE(r);
      CHECK(r.first()->greeting == "Bonjour");
      CHECK(by_caller.serial_ != mine);     // now the scoped connection's
      CHECK(by_caller.handle_ == nullptr);  // the other connection's handle was dropped, not handed over
    }
    CHECK(greeting_of("bob") == "Hello");  // back on the module's connection: dropped again, prepared anew
    CHECK(by_caller.serial_ == store.statement_handle().session->serial);
  }
  CHECK(lc.clean());
}
