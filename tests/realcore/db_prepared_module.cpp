// SPDX-License-Identifier: MIT
// db_prepared: one script function, ps_greet(caller), that reads the caller's greeting through a prepared
// statement (db.with(by_caller).select<row>(...), modsdk/db/prepared.hpp) and logs "DBP <caller>: <greeting>
// prepared=<0|1>" (1: the backend holds a prepared statement for it). run_database.sh calls it many times:
// with db_mysql the server must count one Com_stmt_prepare for all of them; with db_sqlite (no prepared
// statements) the same code answers the same.
#include <modsdk/modsdk.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace {
namespace db = modsdk::db;

struct greeting_row {
  std::string greeting;
};
MODSDK_FIELDS(greeting_row, greeting);  // in the row type's namespace

modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url, {.needs = db::cap::query}};
db::prepared by_caller;

bool ps_greet(modsdk::message&, std::string_view caller) {
  auto r = store.with(by_caller).select<greeting_row>("greetings", db::col("caller") == caller);
  if (!r) {
    modsdk::log::info("DBP {}: failed", caller);
    return false;
  }
  const auto row = r.first();
  modsdk::log::info("DBP {}: {} prepared={}", caller, row ? row->greeting : std::string("none"),
                    by_caller.is_prepared() ? 1 : 0);
  return true;
}
}  // namespace

MODSDK_MODULE(db_prepared, modsdk::params(db_url), modsdk::databases(store),
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)),
              modsdk::functions(MODSDK_FN(ps_greet)));
