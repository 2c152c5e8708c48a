// SPDX-License-Identifier: MIT
// A condition's value follows the same rules as any value: an unsigned 64-bit number may not fit a BIGINT.
// expect: modsdk: this value cannot go to the database
#include <cstdint>

#include <modsdk/db.hpp>

namespace db = modsdk::db;
int main() {
#ifdef MODSDK_CONTROL
  auto c = db::col("id") == std::int64_t{7};
#else
  auto c = db::col("id") == std::uint64_t{7};
#endif
  return c.column.size() == 2 ? 0 : 1;
}
