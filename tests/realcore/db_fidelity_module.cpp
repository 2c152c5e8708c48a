// SPDX-License-Identifier: MIT
// db_fidelity: one script function, db_battery(), that runs a fixed series of statements on the table `t`
// (made by run_database.sh) and logs what came back - the values' db_type_t, NULL flags and contents,
// the chunk sizes of a chunked select, the failures - one "DBF ..." line per step. run_database.sh runs it
// in a real core with the stock db_sqlite and in the fake core (db_fidelity_fake.cpp, the same .so) and
// compares the lines: the fake's db_sqlite must behave like the real one.
#include <modsdk/modsdk.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace {
namespace db = modsdk::db;

modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url,
                   {.needs = db::cap::query | db::cap::insert | db::cap::update | db::cap::delete_ | db::cap::replace |
                             db::cap::insert_update | db::cap::last_inserted_id | db::cap::raw_query | db::cap::fetch}};

std::string show(const db::row& r, std::size_t i) {
  const modsdk::abi::db_val& v = r.value(i);
  std::string s = std::to_string(v.type) + (v.nul ? ":NULL" : ":");
  if (v.nul) return s;
  char buf[64];
  switch (v.type) {
    case modsdk::abi::db_int:
      return s + std::to_string(v.val.int_val);
    case modsdk::abi::db_bigint:
      return s + std::to_string(v.val.bigint_val);
    case modsdk::abi::db_double:
      std::snprintf(buf, sizeof buf, "%.6f", v.val.double_val);
      return s + buf;
    case modsdk::abi::db_datetime:
      return s + std::to_string(static_cast<long long>(v.val.time_val));
    case modsdk::abi::db_bitmap:
      return s + std::to_string(v.val.bitmap_val);
    case modsdk::abi::db_blob:
    case modsdk::abi::db_str:
    case modsdk::abi::db_string: {
      const auto bytes = r.get<std::span<const std::byte>>(i);
      s += std::to_string(bytes.size()) + "/";
      for (std::byte b : bytes) {
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(b));
        s += buf;
      }
      return s;
    }
    default:
      return s + "?";
  }
}

void dump(std::string_view step, db::result& r) {
  if (!r) {
    modsdk::log::info("DBF {}: failed", step);
    return;
  }
  modsdk::log::info("DBF {}: {} rows, {} columns", step, r.size(), r.columns());
  for (db::row row : r) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) line += std::string(r.column_name(i)) + "=" + show(row, i) + " ";
    modsdk::log::info("DBF {}: {}", step, line);
  }
}

bool db_battery(modsdk::request&) {
  using namespace std::chrono;
  const sys_seconds when{seconds{1714979289}};
  const std::byte data[] = {std::byte{0}, std::byte{0xff}, std::byte{'\''}, std::byte{0}, std::byte{7}};
  modsdk::log::info(
      "DBF insert alice: {}",
      store.insert("t", db::set("name", "alice"), db::set("n", 42), db::set("big", std::int64_t{1} << 40),
                   db::set("d", 3.14159), db::set("when_", when), db::set("data", std::span<const std::byte>(data)),
                   db::set("flags", db::bitmap{0xFFFFFFFFu}), db::set("txt", "Grüß 'q' \"dq\"")));
  modsdk::log::info("DBF last id: {}", store.last_inserted_id().value_or(-99));
  modsdk::log::info("DBF insert bob: {}",
                    store.insert("t", db::set("name", "bob"), db::set("n", std::optional<int>()), db::set("d", -1.005),
                                 db::set("txt", std::string_view("a\0b", 3))));
  {
    auto r = store.select("t", db::col("name") == "alice");
    dump("alice", r);
    try {
      (void)r[0].get<int>("name");
    } catch (const db::error& e) {
      modsdk::log::info("DBF get<int>(name): {}", e.what());
    }
  }
  {
    auto r = store.select("t", db::columns("name", "n", "d", "txt"), db::col("name") == "bob");
    dump("bob", r);
  }
  modsdk::log::info("DBF update: {}", store.update("t", db::col("name") == "bob", db::set("n", 7)));
  modsdk::log::info("DBF replace: {}",
                    store.replace("t", db::set("id", 1), db::set("name", "alice2"), db::set("n", 1)));
  modsdk::log::info("DBF insert_update: {}", store.insert_update("t", db::set("name", "carol"), db::set("n", 3)));
  {
    auto r = store.select("t", db::columns("id", "name", "n", "d"), db::order_by("name"));
    dump("all", r);
  }
  {
    auto r = store.select("t", db::columns("name"), db::col("d").is_null());
    dump("d is null", r);
  }
  modsdk::log::info("DBF delete: {}", store.delete_from("t", db::col("n") < 5));
  {
    auto r = store.raw_query("SELECT name, n FROM t ORDER BY name");
    dump("raw select", r);
  }
  modsdk::log::info("DBF raw select 1: {}", static_cast<bool>(store.raw_query("SELECT 1")));
  modsdk::log::info("DBF raw update: {}", static_cast<bool>(store.raw_query("UPDATE t SET n = 8 WHERE name = 'bob'")));
  modsdk::log::info("DBF missing table: {}", static_cast<bool>(store.select("nope")));
  modsdk::log::info("DBF begin: {}", static_cast<bool>(store.raw_query("BEGIN")));  // db_sqlite: a "select"
  modsdk::log::info("DBF begin transaction: {}", static_cast<bool>(store.raw_query("BEGIN TRANSACTION")));
  for (int i = 0; i < 2503; ++i) (void)store.insert("t", db::set("name", "r" + std::to_string(i)), db::set("n", i));
  modsdk::log::info("DBF commit: {}", static_cast<bool>(store.raw_query("COMMIT")));
  {
    auto r = store.select("t", db::columns("n"), db::col("name") != "bob", db::chunks_of(1000));
    std::string chunks;
    long long sum = 0, rows = 0;
    std::size_t at = 0;
    for (db::row row : r) {
      if (at == 0) chunks += std::to_string(r.size()) + " ";
      at = (at + 1) % r.size();
      sum += row.get<int>(0);
      ++rows;
    }
    modsdk::log::info("DBF chunks: {} rows, sum {}, chunks {}", rows, sum, chunks);
  }
  return true;
}
}  // namespace

MODSDK_MODULE(db_fidelity, modsdk::params(db_url), modsdk::databases(store), modsdk::functions(MODSDK_FN(db_battery)));
