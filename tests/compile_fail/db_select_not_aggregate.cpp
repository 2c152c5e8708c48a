// SPDX-License-Identifier: MIT
// select<T> reads rows into an aggregate (fields = columns): a class with a constructor is refused.
// expect: modsdk: db.select<T>(...): T must be an aggregate struct
#include <string>

#include <modsdk/db.hpp>

namespace app {
#ifdef MODSDK_CONTROL
struct greeting {
  std::string caller;
};
MODSDK_FIELDS(greeting, caller);
#else
class greeting {
 public:
  explicit greeting(std::string c) : caller(std::move(c)) {}
  std::string caller;
};
#endif
}  // namespace app

namespace {
modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url};
}  // namespace

bool has_greetings() { return static_cast<bool>(store.select<app::greeting>("greetings")); }
int main() { return 0; }
