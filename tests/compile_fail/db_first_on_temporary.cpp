// SPDX-License-Identifier: MIT
// A string_view field would view rows freed at the end of the statement: first() on a temporary refuses it.
// expect: modsdk: select<T>(...).first() on a temporary result
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/db.hpp>

namespace app {
struct greeting {
#ifdef MODSDK_CONTROL
  std::string caller;
#else
  std::string_view caller;
#endif
};
MODSDK_FIELDS(greeting, caller);
}  // namespace app

namespace {
modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
}  // namespace

std::optional<app::greeting> first_greeting() { return store.select<app::greeting>("greetings").first(); }
int main() { return 0; }
