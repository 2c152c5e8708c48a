// SPDX-License-Identifier: MIT
// db.select<statement>(values...) takes one value per key of its db::select_by.
// expect: takes one value per key of db::select_by(...), in order
#include <modsdk/db.hpp>

namespace db = modsdk::db;
modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url};
constexpr auto by_caller = db::select_by("greetings", db::columns("greeting"), db::keys("caller", "domain"));
int main() {
#ifdef MODSDK_CONTROL
  const db::result r = store.select<by_caller>("alice", "example.com");
#else
  const db::result r = store.select<by_caller>("alice");
#endif
  return r ? 0 : 1;
}
