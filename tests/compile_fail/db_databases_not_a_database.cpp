// SPDX-License-Identifier: MIT
// modsdk::databases(...) registers database objects, nothing else.
// expect: modsdk: databases(...) takes modsdk::db::database objects
#include <modsdk/db.hpp>

namespace {
modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
}  // namespace

int main() {
#ifdef MODSDK_CONTROL
  auto s = modsdk::databases(store);
#else
  auto s = modsdk::databases(db_url);
#endif
  (void)s;
  return 0;
}
