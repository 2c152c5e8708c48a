// SPDX-License-Identifier: MIT
// db.with(p).raw_query(sql): a raw query cannot be prepared (its text is the user's, not a statement shape).
// expect: modsdk: db.with(p).raw_query(sql): raw queries cannot be prepared, call db.raw_query(sql)
#include <modsdk/db.hpp>

modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
modsdk::db::prepared counted;

bool run() {
#ifdef MODSDK_CONTROL
  return static_cast<bool>(store.raw_query("SELECT count(*) FROM greetings")) &&
         static_cast<bool>(store.with(counted).select("greetings", modsdk::db::col("caller") == "alice"));
#else
  return static_cast<bool>(store.with(counted).raw_query("SELECT count(*) FROM greetings"));
#endif
}
int main() { return 0; }
