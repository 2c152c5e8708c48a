// SPDX-License-Identifier: MIT
// A select takes conditions, not values: db::set(...) belongs to insert/update/replace.
// expect: modsdk: db.select(table, ...) takes db::col(...) conditions
#include <modsdk/db.hpp>

namespace db = modsdk::db;
namespace {
modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url};
}  // namespace

bool find(int uses) {
#ifdef MODSDK_CONTROL
  return static_cast<bool>(store.select("greetings", db::col("uses") == uses));
#else
  return static_cast<bool>(store.select("greetings", db::set("uses", uses)));
#endif
}
int main() { return 0; }
