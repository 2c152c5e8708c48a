// SPDX-License-Identifier: MIT
// A literal table name that is not an identifier (here SQL pasted after it) does not compile: a literal is
// checked while compiling (text known only at run time is checked before every statement).
// expect: db_table_name_literal_must_be_letters_digits_underscore_dot_dollar
#include <modsdk/db.hpp>

namespace db = modsdk::db;
modsdk::param<db::url> db_url{"db_url"};
db::database store{db_url, {.needs = db::cap::query}};

bool lookup(std::string_view caller) {
#ifdef MODSDK_CONTROL
  return static_cast<bool>(store.select("greetings", db::col("caller") == caller));
#else
  return static_cast<bool>(store.select("greetings; DROP TABLE version", db::col("caller") == caller));
#endif
}
int main() { return lookup("alice") ? 1 : 0; }
