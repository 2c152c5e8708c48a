// SPDX-License-Identifier: MIT
// modsdk/db.hpp on the fake core's db_sqlite, a real SQLite engine: the URL parameter, binding and its
// failures at startup, one connection per process, every statement with every value type on a schema
// the test makes (NULLs, BLOBs, datetimes, unicode, 10k rows in chunks), rows into aggregates, and bad
// input (bad URL, missing table, wrong column type, bad names) - each checked for pkg/shm leaks.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/db.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace db = modsdk::db;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::lit;
using modsdk::testing::sip_message;

namespace app {
struct greeting_row {
  std::string caller;
  std::optional<std::string> greeting;
  std::optional<int> uses;
};
MODSDK_FIELDS(greeting_row, caller, greeting, uses);

struct viewing_row {
  std::string_view caller;
};
MODSDK_FIELDS(viewing_row, caller);
}  // namespace app

namespace {

constexpr int l_err = -1, l_info = 3;

/// A database file of its own, with the test's schema.
struct temp_db {
  std::string path, url;
  explicit temp_db(const char* schema = nullptr) {
    static int n = 0;
    path = "/tmp/modsdk_test_db_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".sqlite";
    std::remove(path.c_str());
    url = "sqlite://" + path;
    exec(
        "CREATE TABLE version (table_name VARCHAR(32) NOT NULL PRIMARY KEY, table_version INTEGER DEFAULT 0 NOT NULL);"
        "INSERT INTO version VALUES ('greetings', 1);"
        "CREATE TABLE greetings (id INTEGER PRIMARY KEY AUTOINCREMENT, caller VARCHAR(64) NOT NULL UNIQUE,"
        " greeting TEXT, uses INT, score DOUBLE, big BIGINT, flag INT, seen DATETIME, photo BLOB, bits INT);");
    if (schema) exec(schema);
  }
  ~temp_db() { std::remove(path.c_str()); }
  void exec(const char* sql) const {
    sqlite3* d = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &d) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(d, sql, nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(d);
    REQUIRE(rc == SQLITE_OK);
  }
};

bool logged_secret() {
  for (const auto& e : core().logs())
    if (e.text.find("secret") != std::string::npos) return true;
  return false;
}

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
constexpr db::cap all_sqlite_caps = db::cap::query | db::cap::raw_query | db::cap::insert | db::cap::delete_ |
                                    db::cap::update | db::cap::replace | db::cap::fetch | db::cap::last_inserted_id |
                                    db::cap::insert_update;

modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url, {.needs = all_sqlite_caps}};

/// Reads a text column as an int on purpose: the script function fails with the getter's line.
int uses_of(modsdk::message&, std::string_view caller) {
  auto r = store.select("greetings", db::columns("greeting"), db::col("caller") == caller);
  if (!r) return -2;
  auto row = r.first();
  return row ? row->get<int>("greeting") : -3;
}

modsdk::param<db::url> versioned_url{"db_url"};
db::database versioned{versioned_url, {.tables = {{"greetings", 2}}}};

modsdk::param<db::url> optional_url{"db_url"};
db::database maybe{optional_url, {.optional = true}};

modsdk::param<db::url> needy_url{"db_url"};
db::database needy{needy_url, {.needs = db::cap::query | db::cap::async_raw_query | db::cap::multiple_insert}};

modsdk::param<db::url> init_url{"db_url", "sqlite:///tmp/modsdk_test_db_unused.sqlite"};
db::database at_init{init_url};
long rows_at_init = -1;
bool select_without_connection_failed = false;
}  // namespace

MODSDK_DEFINE_MODULE(db_mod, db_test, modsdk::params(db_url), modsdk::databases(store),
                     modsdk::functions(MODSDK_FN(uses_of)));
MODSDK_DEFINE_MODULE(versioned_mod, db_versioned, modsdk::params(versioned_url), modsdk::databases(versioned));
MODSDK_DEFINE_MODULE(optional_mod, db_optional, modsdk::params(optional_url), modsdk::databases(maybe));
MODSDK_DEFINE_MODULE(needy_mod, db_needy, modsdk::params(needy_url), modsdk::databases(needy));
MODSDK_DEFINE_MODULE(init_mod, db_at_init, modsdk::params(init_url), modsdk::databases(at_init), modsdk::on_init([] {
                       select_without_connection_failed = !at_init.select("greetings");
                       auto c = at_init.connect();
                       auto r = c.select("greetings");
                       rows_at_init = r ? static_cast<long>(r.size()) : -1;
                       return static_cast<bool>(c);
                     }));

namespace {
/// db_mod started on `t` (db_sqlite loaded), logs cleared.
host started(const temp_db& t) {
  core().reset();
  core().load_module("db_sqlite");
  host h{db_mod};
  REQUIRE(h.loaded());
  REQUIRE(h.modparam("db_url", t.url));
  REQUIRE(h.start());
  core().clear_logs();
  return h;
}
}  // namespace

// ---- the URL --------------------------------------------------------------------------------------------

TEST_CASE("db::url: the shape every backend shares, and the password masked wherever it is printed") {
  constexpr db::url lit_url = "mysql://opensips:secret@db1:3306/opensips";  // checked at compile time
  static_assert(lit_url.scheme() == "mysql" && !lit_url.problem());
  CHECK(lit_url.masked().view() == "mysql://opensips:***@db1:3306/opensips");
  CHECK(db::url("sqlite:///var/lib/x.db").masked().view() == "sqlite:///var/lib/x.db");
  CHECK(db::url("postgres://user@host/db").masked().view() == "postgres://user@host/db");  // no password
  CHECK(db::url("mysql://u:p@ss/w0rd@host/db").masked().view() == "mysql://u:***@ss/w0rd@host/db");
  CHECK(db::url::from_text("mysql:/u:secret@h/db").masked().view() == "mysql:***@h/db");  // malformed: still masked

  CHECK(db::url().problem() == nullptr);
  CHECK(std::string_view(db::url::from_text("nonsense").problem()) == "has no scheme (scheme://...)");
  CHECK(std::string_view(db::url::from_text("my sql://x/y").problem()).starts_with("has a scheme that is not"));
  CHECK(std::string_view(db::url::from_text("mysql://").problem()) == "has nothing after scheme://");
  CHECK(std::string_view(db::url::from_text(std::string(300, 'a').insert(0, "s://")).problem()) ==
        "is longer than 255 characters");
  CHECK(modsdk::convert<db::url>::from_string("anything at all").has_value());  // checked at mod_init instead

  core().reset();
  modsdk::log::info("using {} and {:?}", lit_url, lit_url);
  REQUIRE(!core().logs().empty());
  CHECK(core().logs().back().text ==
        "using mysql://opensips:***@db1:3306/opensips and \"mysql://opensips:***@db1:3306/opensips\"");
}

// ---- binding at startup ----------------------------------------------------------------------------------

TEST_CASE("mod_init fails with one line naming module, parameter, masked URL and what is missing") {
  leak_check lc;
  core().reset();
  SECTION("an unknown scheme / a backend module that is not loaded") {
    host h{db_mod};
    REQUIRE(h.modparam("db_url", "mysql://opensips:secret@db1/opensips"));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err,
                        "modparam db_test.db_url: \"mysql://opensips:***@db1/opensips\": no database backend "
                        "for \"mysql://\" (is module db_mysql loaded?)"));
    CHECK(core().logged(l_err, "module db_mysql does not export db_use_table function"));  // the core's own line
  }
  SECTION("db_sqlite not loaded either") {
    temp_db t;
    host h{db_mod};
    REQUIRE(h.modparam("db_url", t.url));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "(is module db_sqlite loaded?)"));
  }
  SECTION("a malformed URL, masked") {
    host h{db_mod};
    REQUIRE(h.modparam("db_url", "mysql:/opensips:secret@db1/opensips"));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "modparam db_test.db_url: \"mysql:***@db1/opensips\" has no scheme (scheme://...)"));
  }
  SECTION("a required URL not set") {
    host h{db_mod};
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "modparam db_test.db_url is not set: the module needs a database URL"));
  }
  SECTION("a capability the module declared and the backend lacks") {
    core().load_module("db_sqlite");
    temp_db t;
    host h{needy_mod};
    REQUIRE(h.modparam("db_url", "sqlite://" + t.path));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "modparam db_needy.db_url: \"sqlite://" + t.path +
                                   "\": the backend db_sqlite cannot async raw query (DB_CAP_ASYNC_RAW_QUERY), "
                                   "multiple insert (DB_CAP_MULTIPLE_INSERT)"));
  }
  CHECK_FALSE(logged_secret());
  lc.expect_clean();
}

TEST_CASE("mod_init checks the declared table versions") {
  leak_check lc;
  core().reset();
  core().load_module("db_sqlite");
  temp_db t;
  {
    host h{versioned_mod};
    REQUIRE(h.modparam("db_url", t.url));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "db_versioned: table greetings must be version 2, found version 1"));
    CHECK(core().logged(l_err, "invalid version 1 for table greetings found, expected 2"));  // the core's line
  }
  t.exec("UPDATE version SET table_version = 2 WHERE table_name = 'greetings'");
  {
    host h{versioned_mod};
    REQUIRE(h.modparam("db_url", t.url));
    CHECK(h.start());
  }
  t.exec("DELETE FROM version");
  {
    core().clear_logs();
    host h{versioned_mod};
    REQUIRE(h.modparam("db_url", t.url));
    CHECK_FALSE(h.start());
    CHECK(core().logged(l_err, "table greetings must be version 2, but the version table has no row for it"));
  }
  lc.expect_clean();
}

TEST_CASE("an optional database left unset: the module runs, statements fail with a line") {
  leak_check lc;
  core().reset();
  host h{optional_mod};
  REQUIRE(h.start());
  CHECK(core().logged(l_info, "modparam db_optional.db_url is not set: running without a database"));
  CHECK_FALSE(maybe.enabled());
  CHECK_FALSE(maybe.select("greetings"));
  CHECK(core().logged(l_err, "db_url: select from greetings: not set: the module runs without a database"));
  h.stop();
  lc.expect_clean();
}

TEST_CASE("a connection per process: opened in child_init, closed in destroy; mod_init uses a scoped one") {
  temp_db t;
  leak_check lc;
  {
    core().reset();
    core().load_module("db_sqlite");
    host h{db_mod};
    REQUIRE(h.modparam("db_url", t.url));
    REQUIRE(h.init());
    CHECK(store.enabled());
    CHECK(db::has(store.capabilities(), all_sqlite_caps));
    CHECK_FALSE(store.connected());  // mod_init opens none
    CHECK(lc.pkg_delta() == 0);
    REQUIRE(h.child_init(1));
    CHECK(store.connected());
    CHECK(lc.pkg_delta() > 0);                                    // the handle and the pooled connection live in pkg
    CHECK(h.child_init(modsdk::process_rank::tcp_main().raw()));  // runs no script: no connection of its own
    h.stop();
    CHECK_FALSE(store.connected());
  }
  lc.expect_clean();
  {
    core().reset();
    core().load_module("db_sqlite");
    t.exec("INSERT INTO greetings (caller) VALUES ('a'), ('b')");
    host h{init_mod};
    REQUIRE(h.modparam("db_url", t.url));
    REQUIRE(h.init());
    CHECK(select_without_connection_failed);
    CHECK(core().logged(l_err, "db_url: select from greetings: no connection in this process"));
    CHECK(rows_at_init == 2);
    CHECK(lc.clean());  // the scoped connection is closed before the workers fork
    h.stop();
  }
  lc.expect_clean();
}

// ---- statements ------------------------------------------------------------------------------------------

TEST_CASE("every value type goes in and comes back: NULLs, unicode, BLOBs, datetimes, bitmaps") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    using namespace std::chrono;
    const auto seen = floor<seconds>(system_clock::now());
    const std::byte photo[] = {std::byte{0}, std::byte{0xff}, std::byte{'\''}, std::byte{0}, std::byte{7}};
    const std::string unicode = "Grüß dich, O'Brien 😀 \"quoted\"";
    REQUIRE(store.insert("greetings", db::set("caller", "alice"), db::set("greeting", unicode), db::set("uses", 3),
                         db::set("score", 2.5), db::set("big", std::int64_t{1} << 40), db::set("flag", true),
                         db::set("seen", seen), db::set("photo", std::span<const std::byte>(photo)),
                         db::set("bits", db::bitmap{0x0Fu})));
    const std::optional<int> no_uses;
    REQUIRE(store.insert("greetings", db::set("caller", std::string("bob")), db::set("greeting", db::null),
                         db::set("uses", no_uses)));
    const auto alice_id = store.last_inserted_id();
    REQUIRE(alice_id);
    CHECK(*alice_id == 2);

    {
      db::result r = store.select("greetings", db::col("caller") == "alice");
      REQUIRE(r);
      REQUIRE(r.size() == 1);
      CHECK(r.columns() == 10);
      CHECK(r.column_name(1) == "caller");
      CHECK(r.table() == "greetings");
      db::row row = *r.first();
      CHECK(row.get<int>("id") == 1);  // the autoincrement key (DB_BITMAP column type, DB_INT values in db_sqlite)
      CHECK(row.get<std::string_view>("CALLER") == "alice");  // names are case-insensitive
      CHECK(row.get<std::string>("greeting") == unicode);
      CHECK(row.get<int>("uses") == 3);
      CHECK(row.get<long>("uses") == 3);
      CHECK(row.get<double>("score") == 2.5);
      CHECK(row.get<std::int64_t>("big") == std::int64_t{1} << 40);
      CHECK(row.get<bool>("flag"));
      CHECK(row.get<system_clock::time_point>("seen") == seen);
      CHECK(row.get<sys_seconds>("seen") == seen);
      const auto bytes = row.get<std::span<const std::byte>>("photo");
      CHECK(std::vector<std::byte>(bytes.begin(), bytes.end()) ==
            std::vector<std::byte>(std::begin(photo), std::end(photo)));
      CHECK(row.get<std::vector<std::byte>>("photo").size() == 5);
      CHECK(row.get<db::bitmap>("bits") == db::bitmap{0x0Fu});
      CHECK(row.get<std::optional<int>>(3) == 3);
      CHECK(row.value(3).type == modsdk::abi::db_int);
    }  // one result per connection at a time: this one goes before the next select

    db::result nulls = store.select("greetings", db::columns("greeting", "uses"), db::col("caller") == "bob");
    REQUIRE(nulls.size() == 1);
    CHECK(nulls[0].is_null("greeting"));
    CHECK(nulls[0].get<std::optional<std::string_view>>("greeting") == std::nullopt);
    CHECK(nulls[0].get<std::optional<int>>(1) == std::nullopt);
  }
  lc.expect_clean();
}

TEST_CASE("conditions, columns, order, update, delete, replace, insert_update, raw queries") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    for (int i = 1; i <= 5; ++i)
      REQUIRE(store.insert("greetings", db::set("caller", "c" + std::to_string(i)), db::set("uses", i * 10)));
    {
      auto r = store.select("greetings", db::columns("caller", "uses"), db::col("uses") > 15, db::col("uses") <= 40,
                            db::col("caller") != "c3", db::order_by("uses"));
      REQUIRE(r.size() == 2);
      CHECK(r[0].get<std::string_view>(0) == "c2");
      CHECK(r[1].get<int>("uses") == 40);
    }
    REQUIRE(store.update("greetings", db::col("caller") == "c1", db::set("greeting", "hi"), db::set("uses", db::null)));
    {
      auto r = store.select<app::greeting_row>("greetings", db::col("uses").is_null()).all();  // copied out
      REQUIRE(r.size() == 1);
      CHECK(r[0].caller == "c1");
      auto n = store.select("greetings", db::columns("caller"), db::col("uses").is_not_null());
      CHECK(n.size() == 4);
    }
    REQUIRE(store.delete_from("greetings", db::col("uses") >= 40));
    CHECK(store.select("greetings").size() == 3);
    REQUIRE(store.replace("greetings", db::set("id", 1), db::set("caller", "c1"), db::set("greeting", "replaced")));
    REQUIRE(store.insert_update("greetings", db::set("caller", "c9"), db::set("greeting", "new")));
    {
      auto r = store.select("greetings", db::columns("greeting"), db::col("caller") == "c1");
      CHECK(r.first()->get<std::string_view>(0) == "replaced");
    }
    REQUIRE(store.raw_query("UPDATE greetings SET uses = 7 WHERE caller = 'c9'"));
    {
      auto r = store.raw_query("SELECT caller, uses FROM greetings WHERE uses = 7");
      REQUIRE(r.size() == 1);
      CHECK(r[0].get<int>("uses") == 7);
      CHECK(r.table().empty());
      CHECK_THROWS_WITH(r[0].get<int>("caller"), "db: raw query, column \"caller\": found string, wanted int");
    }
    REQUIRE(store.delete_from("greetings"));  // no condition: every row
    CHECK(store.select("greetings").empty());
  }
  lc.expect_clean();
}

TEST_CASE("values are bound, never pasted: a value cannot change the statement") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    const std::string evil = "x'; DROP TABLE greetings; --";
    REQUIRE(store.insert("greetings", db::set("caller", evil)));
    {
      auto r = store.select("greetings", db::columns("caller"), db::col("caller") == evil);
      REQUIRE(r.size() == 1);
      CHECK(r[0].get<std::string_view>(0) == evil);
    }
    // a literal table name is checked while compiling (tests/compile_fail/db_table_literal_bad_name.cpp);
    // text known at run time (a modparam, a string) before every statement
    const std::string bad_table = "greetings; DROP TABLE version";
    CHECK_FALSE(store.select(bad_table));
    CHECK(core().logged(l_err, "db_url: select from: \"greetings; DROP TABLE version\" is not a table name"));
    CHECK_FALSE(store.insert(bad_table, db::set("caller", "x")));
    CHECK(core().logged(l_err, "db_url: insert into: \"greetings; DROP TABLE version\" is not a table name"));
    CHECK_FALSE(store.update(std::string_view(bad_table), db::col("caller") == "x", db::set("uses", 2)));
    CHECK(core().logged(l_err, "db_url: update: \"greetings; DROP TABLE version\" is not a table name"));
    CHECK_FALSE(store.delete_from(bad_table, db::col("caller") == "x"));
    CHECK(core().logged(l_err, "db_url: delete from: \"greetings; DROP TABLE version\" is not a table name"));
    {
      std::string table = "greetings";  // a run-time name: checked, and the result keeps its own copy
      auto r = store.select(table, db::columns("caller"), db::col("caller") == evil);
      table = "overwritten";
      REQUIRE(r.size() == 1);
      CHECK(r.table() == "greetings");
    }
    CHECK_FALSE(store.select("greetings", db::columns("caller FROM version --")));
    CHECK(core().logged(l_err, "\"caller FROM version --\" is not a column name"));
    CHECK_FALSE(store.update("greetings", db::col("caller") == "x", db::set("uses=1,caller", 2)));
    CHECK(store.select("version").size() == 1);
  }
  lc.expect_clean();
}

TEST_CASE("db_sqlite writes doubles with 2 decimals (the core's SQL printer), and reads them back as written") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    REQUIRE(store.insert("greetings", db::set("caller", "pi"), db::set("score", 3.14159)));
    auto r = store.select("greetings", db::columns("score"));
    CHECK(r[0].get<double>(0) == 3.14);
  }
  lc.expect_clean();
}

TEST_CASE("10k rows, fetched 1000 at a time") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    CHECK_FALSE(store.raw_query("BEGIN"));  // db_sqlite takes text shorter than "select" for a select
    REQUIRE(store.raw_query("BEGIN TRANSACTION"));
    for (int i = 0; i < 10000; ++i)
      REQUIRE(store.insert("greetings", db::set("caller", "caller" + std::to_string(i)), db::set("uses", i)));
    REQUIRE(store.raw_query("COMMIT"));
    core().clear_logs();
    long long sum = 0;
    std::size_t rows = 0, biggest_chunk = 0;
    {
      db::result r = store.select("greetings", db::columns("uses"), db::chunks_of(1000));
      REQUIRE(r);
      for (db::row row : r) {
        sum += row.get<int>(0);
        ++rows;
        biggest_chunk = std::max(biggest_chunk, r.size());
      }
      CHECK_FALSE(store.select("greetings"));  // still alive: one result per connection
      CHECK(core().logged(l_err, "a result of this connection is still alive and being fetched in chunks"));
    }
    CHECK(rows == 10000);
    CHECK(sum == 10000LL * 9999 / 2);
    CHECK(biggest_chunk == 1000);

    std::size_t typed = 0;
    auto all = store.select<app::greeting_row>("greetings", db::col("uses") < 2500, db::chunks_of(300));
    for (const app::greeting_row& g : all) {
      CHECK(g.caller.starts_with("caller"));
      ++typed;
    }
    CHECK(typed == 2500);
  }
  lc.expect_clean();
}

TEST_CASE("select<T> reads rows into an aggregate named with MODSDK_FIELDS") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    REQUIRE(store.insert("greetings", db::set("caller", "alice"), db::set("greeting", "Hi Alice"), db::set("uses", 2)));
    REQUIRE(store.insert("greetings", db::set("caller", "bob")));
    auto alice = store.select<app::greeting_row>("greetings", db::col("caller") == "alice").first();
    REQUIRE(alice);
    CHECK(alice->greeting == "Hi Alice");
    CHECK(alice->uses == 2);
    const std::vector<app::greeting_row> rows =
        store.select<app::greeting_row>("greetings", db::order_by("caller")).all();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].caller == "bob");
    CHECK_FALSE(rows[1].greeting);
    auto r = store.select<app::viewing_row>("greetings", db::order_by("caller"));  // views: keep the result
    CHECK(r.first()->caller == "alice");
  }
  lc.expect_clean();
}

TEST_CASE("bad input fails cleanly: missing table, wrong column type, NULL, unknown column, misuse") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    REQUIRE(store.insert("greetings", db::set("caller", "alice"), db::set("greeting", "Hello")));

    CHECK_FALSE(store.select("nope"));
    CHECK(core().logged(l_err, "db_url: select from nope failed"));
    CHECK(core().logged(l_err, "no such table: nope"));  // db_sqlite's own line
    CHECK_FALSE(store.insert("nope", db::set("a", 1)));
    CHECK(core().logged(l_err, "db_url: insert into nope failed"));
    CHECK_FALSE(store.select("greetings", db::columns("no_such_column")));
    CHECK_FALSE(store.raw_query("SELECT 1"));                        // db_sqlite needs a FROM in a raw select
    CHECK_FALSE(store.raw_query("SELECT count(*) FROM greetings"));  // an expression: the real module crashes
    CHECK(core().logged(l_err, "has no declared type"));
    CHECK_FALSE(store.raw_query("CREATE TABLE greetings (x INT)"));
    CHECK_FALSE(store.select("greetings", db::chunks_of(0)));

    {
      auto r = store.select("greetings", db::columns("caller", "greeting", "uses"));
      REQUIRE(r.size() == 1);
      db::row row = r[0];
      CHECK_THROWS_WITH(row.get<int>("greeting"),
                        "db: table \"greetings\", column \"greeting\": found string, wanted int");
      CHECK_THROWS_WITH(
          row.get<int>("uses"),
          "db: table \"greetings\", column \"uses\": found NULL, wanted int (read it as std::optional<int>)");
      CHECK_THROWS_WITH(row.get<int>("nope"), "db: table \"greetings\" has no column \"nope\" in this result");
      CHECK_THROWS_WITH(row.get<int>(7), "db: table \"greetings\", column 7: no such column");
      CHECK_THROWS_AS(row.get<std::chrono::system_clock::time_point>("caller"), db::error);
      CHECK_FALSE(store.select("greetings"));  // a result is alive on this connection
      CHECK(core().logged(l_err,
                          "db_url: select from greetings: a result of this connection is still alive; let it "
                          "go out of scope first"));
      CHECK(store.insert("greetings", db::set("caller", "carol")));  // a write is fine meanwhile
    }

    // a script function that lets the error escape: -1 and one line naming function, table, column, types
    core().clear_logs();
    auto msg = options();
    CHECK(h.call("uses_of", msg, {lit("alice")}) == -1);
    CHECK(core().logged(l_err,
                        "uses_of() failed: exception: db: table \"greetings\", column \"greeting\": found "
                        "string, wanted int"));
  }
  lc.expect_clean();
}

namespace {
constexpr auto greeting_by_caller = db::select_by("greetings", db::columns("greeting", "uses"), db::keys("caller"));
constexpr auto row_by_caller_uses = db::select_by("greetings", db::keys("caller", "uses"));
}  // namespace

TEST_CASE("select_by: a select by key fixed at compile time, with the ad-hoc select's checks and errors") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    REQUIRE(store.insert("greetings", db::set("caller", "alice"), db::set("greeting", "Hello"), db::set("uses", 3)));
    REQUIRE(store.insert("greetings", db::set("caller", "bob")));
    {
      const db::result r = store.select<greeting_by_caller>("alice");
      REQUIRE(r);
      REQUIRE(r.size() == 1);
      CHECK(r.table() == "greetings");
      CHECK(r.columns() == 2);
      auto row = r.first();
      REQUIRE(row);
      CHECK(row->get<std::string_view>(0) == "Hello");
      CHECK(row->get<int>("uses") == 3);
      CHECK_THROWS_WITH(row->get<int>(0), "db: table \"greetings\", column \"greeting\": found string, wanted int");
      CHECK_THROWS_WITH(row->get<int>(2), "db: table \"greetings\", column 2: no such column");
      // one result per connection, as for the ad-hoc select
      CHECK_FALSE(store.select<greeting_by_caller>(std::string("alice")));
      CHECK(core().logged(l_err, "db_url: select from greetings: a result of this connection is still alive"));
    }
    {
      const db::result r = store.select<greeting_by_caller>(std::string_view("bob"));
      auto row = r.first();
      REQUIRE(row);
      CHECK_FALSE(row->get<std::optional<std::string_view>>(0));
      CHECK_THROWS_WITH(row->get<int>(1),
                        "db: table \"greetings\", column \"uses\": found NULL, wanted int (read it as "
                        "std::optional<int>)");
    }
    CHECK(store.select<greeting_by_caller>("nobody").empty());  // the result of the line before is gone
    {
      const db::result r = store.select<row_by_caller_uses>("alice", 3);  // every column, two keys
      REQUIRE(r.size() == 1);
      CHECK(r.first()->get<std::string>("caller") == "alice");
    }
    CHECK(store.select<row_by_caller_uses>("alice", 4).empty());
  }
  lc.expect_clean();
  {
    // no connection: the same line as the ad-hoc select
    core().reset();
    core().load_module("db_sqlite");
    host h{db_mod};
    REQUIRE(h.modparam("db_url", t.url));
    REQUIRE(h.init());
    CHECK_FALSE(store.select<greeting_by_caller>("alice"));
    CHECK(core().logged(l_err, "db_url: select from greetings: no connection in this process"));
    h.stop();
  }
  lc.expect_clean();
}

TEST_CASE("a connection is never used by a process forked after it was opened") {
  temp_db t;
  host h = started(t);
  REQUIRE(store.insert("greetings", db::set("caller", "alice"), db::set("greeting", "Hello")));
  REQUIRE(store.connected());
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // the child runs no child_init: the parent's connection is not its own
    core().clear_logs();
    const bool refused = !store.connected() && !store.select<greeting_by_caller>("alice") &&
                         !store.select("greetings") && !store.insert("greetings", db::set("caller", "x")) &&
                         core().logged(l_err,
                                       "db_url: select from greetings: no connection in this process (its "
                                       "connection is the parent process's");
    ::_exit(refused ? 0 : 1);
  }
  int status = -1;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  // the parent's connection is untouched
  CHECK(store.connected());
  CHECK(store.select<greeting_by_caller>("alice").size() == 1);
}

TEST_CASE("a value that does not fit the C++ type is an error, not a truncation") {
  temp_db t;
  leak_check lc;
  {
    host h = started(t);
    REQUIRE(store.insert("greetings", db::set("caller", "big"), db::set("big", std::int64_t{5'000'000'000})));
    auto r = store.select("greetings", db::columns("big"));
    CHECK_THROWS_WITH(r[0].get<int>(0),
                      "db: table \"greetings\", column \"big\": found bigint 5000000000, which "
                      "does not fit in int");
    CHECK(r[0].get<std::int64_t>(0) == 5'000'000'000);
  }
  lc.expect_clean();
}
