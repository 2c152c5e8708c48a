// SPDX-License-Identifier: MIT
// db.with(p): p keeps the backend's handle between calls, so it must outlive the call (module level or
// static), never a temporary that would be prepared anew (and leaked on the connection) every time.
// expect: modsdk: db.with(p): p must be a db::prepared that lives on (module level or static), not a temporary
#include <modsdk/db.hpp>

modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};

bool run() {
#ifdef MODSDK_CONTROL
  static modsdk::db::prepared by_caller;
  return static_cast<bool>(store.with(by_caller).select("greetings", modsdk::db::col("caller") == "alice"));
#else
  return static_cast<bool>(
      store.with(modsdk::db::prepared{}).select("greetings", modsdk::db::col("caller") == "alice"));
#endif
}
int main() { return 0; }
