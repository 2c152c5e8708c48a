// SPDX-License-Identifier: MIT
// row.get<T>() reads the types a database value can be; anything else is refused with the list.
// expect: modsdk: row.get<T>: T must be int
#include <string>
#include <vector>

#include <modsdk/db.hpp>

int read(const modsdk::db::row& r) {
#ifdef MODSDK_CONTROL
  return static_cast<int>(r.get<std::string>("greeting").size());
#else
  return static_cast<int>(r.get<std::vector<int> >("greeting").size());
#endif
}
int main() { return 0; }
