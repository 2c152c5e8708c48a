// SPDX-License-Identifier: MIT
// db.async_raw_query<&done>: the completion callback takes the message and the rows (and the param, if
// any); a callback of another shape is refused naming the one it must have.
// expect: modsdk: db.async_raw_query<&done>(ctx, sql[, param]): done must be
#include <modsdk/async_context.hpp>
#include <modsdk/db.hpp>

modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};

#ifdef MODSDK_CONTROL
int done(modsdk::message&, modsdk::db::result& rows) { return rows ? 1 : -1; }
#else
int done(modsdk::db::result& rows) { return rows ? 1 : -1; }  // no message parameter
#endif

bool start(modsdk::async_context& ctx) { return store.async_raw_query<&done>(ctx, "SELECT 1 FROM t"); }
int main() { return 0; }
