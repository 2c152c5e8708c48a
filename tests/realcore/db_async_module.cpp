// SPDX-License-Identifier: MIT
// db_async: one async script function, db_async_query(sql), that runs `sql` as an async raw query
// (modsdk::db::database::async_raw_query) and logs what the completion callback got - "DBA rows <n>:
// <first column of each row>," or "DBA failed" - then returns the row count + 10 (or -1) as the resume
// route's $rc, and "DBA mode waiting" (the backend answers asynchronously) or "DBA mode at once" (a backend
// without async raw queries: the query ran in the call, the resume route follows at once). run_database.sh
// loads it with tm and db_postgres / db_mysql (which have async raw queries) and checks the lines; with
// db_sqlite (no async) the start must stop, naming the missing capability. Built with DB_ASYNC_ANY (as
// db_async_any) it does not insist on async: with db_sqlite the same script runs, each query at once.
#include <modsdk/modsdk.hpp>

#include <string>
#include <string_view>

namespace {
namespace db = modsdk::db;

modsdk::param<db::url> db_url{"db_url"};
#ifdef DB_ASYNC_ANY
db::database store{db_url, {.needs = db::cap::raw_query}};
#else
db::database store{db_url, {.needs = db::cap::raw_query | db::cap::async_raw_query}};
#endif

int on_rows(modsdk::message&, db::result& rows) {
  if (!rows) {
    modsdk::log::info("DBA failed");
    return -1;
  }
  std::string list;
  for (db::row r : rows) list += std::string(r.get<std::string_view>(0)) + ",";
  modsdk::log::info("DBA rows {}: {}", rows.size(), list);
  return static_cast<int>(rows.size()) + 10;
}

bool db_async_query(modsdk::message&, modsdk::async_context& ctx, std::string_view sql) {
  const bool started = store.async_raw_query<&on_rows>(ctx, sql);
  modsdk::log::info("DBA mode {}", ctx.has_resume() ? "waiting" : "at once");
  return started;
}
}  // namespace

#ifdef DB_ASYNC_ANY  // the module's name is stringified as written: one invocation per name
MODSDK_MODULE(db_async_any, modsdk::params(db_url), modsdk::databases(store),
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)),
              modsdk::async_functions(MODSDK_FN(db_async_query)));
#else
MODSDK_MODULE(db_async, modsdk::params(db_url), modsdk::databases(store),
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)),
              modsdk::async_functions(MODSDK_FN(db_async_query)));
#endif
