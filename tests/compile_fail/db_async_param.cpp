// SPDX-License-Identifier: MIT
// db.async_raw_query<&done>(ctx, sql, param): the param is the P* the callback takes, never another type.
// expect: modsdk: db.async_raw_query<&done>(ctx, sql, param): param must be the P* that done takes
#include <modsdk/async_context.hpp>
#include <modsdk/db.hpp>

modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
struct job {
  int n;
};
int done(modsdk::message&, modsdk::db::result&, job* j) { return j->n; }

bool start(modsdk::async_context& ctx, job* j, int* other) {
#ifdef MODSDK_CONTROL
  (void)other;
  return store.async_raw_query<&done>(ctx, "SELECT 1 FROM t", j);
#else
  (void)j;
  return store.async_raw_query<&done>(ctx, "SELECT 1 FROM t", other);
#endif
}
int main() { return 0; }
