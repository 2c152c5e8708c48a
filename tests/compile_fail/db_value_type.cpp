// SPDX-License-Identifier: MIT
// A value the database API has no db_val_t type for (a container) is refused where it is written.
// expect: modsdk: this value cannot go to the database
#include <vector>

#include <modsdk/db.hpp>

namespace db = modsdk::db;
int main() {
#ifdef MODSDK_CONTROL
  auto v = db::set("uses", 3);
#else
  auto v = db::set("uses", std::vector<int>{1, 2});
#endif
  return v.column.size() == 4 ? 0 : 1;
}
