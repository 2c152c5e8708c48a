// SPDX-License-Identifier: MIT
// `column = NULL` never matches in SQL: the API points to is_null().
// expect: use db::col(name).is_null() or .is_not_null()
#include <modsdk/db.hpp>

namespace db = modsdk::db;
int main() {
#ifdef MODSDK_CONTROL
  auto c = db::col("greeting").is_null();
#else
  auto c = db::col("greeting") == db::null;
#endif
  return c.column.empty() ? 1 : 0;
}
