// SPDX-License-Identifier: MIT
// select<T> takes the column names from MODSDK_FIELDS: an aggregate without it is refused with the fix.
// expect: name T's fields with MODSDK_FIELDS(T, field1, field2, ...)
#include <string>

#include <modsdk/db.hpp>

namespace app {
struct greeting {
  std::string caller;
};
#ifdef MODSDK_CONTROL
MODSDK_FIELDS(greeting, caller);
#endif
}  // namespace app

namespace {
modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
}  // namespace

bool has_greetings() { return static_cast<bool>(store.select<app::greeting>("greetings")); }
int main() { return 0; }
