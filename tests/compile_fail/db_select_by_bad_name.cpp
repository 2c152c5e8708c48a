// SPDX-License-Identifier: MIT
// A db::select_by name that is not an identifier (here SQL pasted into a column name) does not compile.
// expect: db_select_by_name_is_not_an_identifier
#include <modsdk/db.hpp>

namespace db = modsdk::db;
#ifdef MODSDK_CONTROL
constexpr auto by_caller = db::select_by("greetings", db::columns("greeting"), db::keys("caller"));
#else
constexpr auto by_caller = db::select_by("greetings", db::columns("greeting; DROP TABLE x"), db::keys("caller"));
#endif
int main() { return by_caller.keys[0].len == 6 ? 0 : 1; }
