// SPDX-License-Identifier: MIT
/// @file A select by key whose table, columns and key columns are fixed at compile time (modsdk/db.hpp):
///
///     namespace db = modsdk::db;
///     constexpr auto greeting_of = db::select_by("greetings", db::columns("greeting"), db::keys("caller"));
///
///     bool greet(std::string_view caller) {
///       const db::result r = store.select<greeting_of>(caller);  // one value per key, in order
///       if (auto row = r.first()) return use(row->get<std::string_view>(0));
///       return false;
///     }
///
/// What a careful C module does with static `str` keys: the names are checked while compiling (a name
/// that is not an identifier does not compile) and laid out once, as the core's `str` and `db_key_t`
/// arrays, in the module's data; a call fills only the values and runs use_table + query. The keys
/// compare with `=` (AND); for other operators, db::order_by or db::chunks_of use the ad-hoc
/// `db.select(table, ...)`. The result is the same db::result, freed at the end of its scope; its table
/// name is the statement's (no copy, no lifetime to watch: it lives as long as the module).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/db.hpp>
#include <modsdk/db/query.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The longest name db_identifier accepts ("schema.table", 64 each).
inline constexpr std::size_t db_max_name = 64 * 2 + 1;

/// A name held by value, so that a statement can be a template argument.
struct db_fixed_name {
  char text[db_max_name + 1]{};  // NOLINT(*-avoid-c-arrays): a template argument's member must be structural
  int len = 0;
  constexpr std::string_view view() const noexcept { return {text, static_cast<std::size_t>(len)}; }
};

/// Not constexpr on purpose: a consteval select_by(...) that reaches it does not compile, and the
/// compiler's message names it.
void db_select_by_name_is_not_an_identifier();

constexpr db_fixed_name db_fix_name(std::string_view s) {
  if (!db_identifier(s)) db_select_by_name_is_not_an_identifier();
  db_fixed_name n;
  for (std::size_t i = 0; i < s.size(); ++i) n.text[i] = s[i];
  n.len = static_cast<int>(s.size());
  return n;
}

}  // namespace detail

namespace db {

/// The key columns of a db::select_by (each compared with `=`).
template <std::size_t N>
struct key_list {
  std::array<std::string_view, N> names;
};

/// The key columns of a db::select_by, in the order select<statement>(values...) takes their values.
template <class... S>
constexpr key_list<sizeof...(S)> keys(const S&... names) {
  static_assert(sizeof...(S) > 0, "modsdk: db::keys(...) needs at least one column name");
  static_assert((std::is_convertible_v<const S&, std::string_view> && ...),
                "modsdk: db::keys(...) takes column names (text)");
  return {{std::string_view(names)...}};
}

/// A select by key fixed at compile time: made by db::select_by, run by `db.select<statement>(values...)`.
/// NC columns (0: all of them), NK keys.
template <std::size_t NC, std::size_t NK>
struct select_statement {
  detail::db_fixed_name table;
  std::array<detail::db_fixed_name, NC> columns;
  std::array<detail::db_fixed_name, NK> keys;
};

/// `SELECT columns FROM table WHERE key1 = ? AND ...`, fixed at compile time (declare it constexpr;
/// every name must be an identifier: letters, digits, `_`, `.`, `$`).
template <std::size_t NC, std::size_t NK>
consteval select_statement<NC, NK> select_by(std::string_view table, const column_list<NC>& columns,
                                             const key_list<NK>& keys) {
  select_statement<NC, NK> s{detail::db_fix_name(table), {}, {}};
  for (std::size_t i = 0; i < NC; ++i) s.columns[i] = detail::db_fix_name(columns.names[i]);
  for (std::size_t i = 0; i < NK; ++i) s.keys[i] = detail::db_fix_name(keys.names[i]);
  return s;
}
/// The same, every column of the table.
template <std::size_t NK>
consteval select_statement<0, NK> select_by(std::string_view table, const key_list<NK>& keys) {
  return select_by(table, column_list<0>{}, keys);
}

}  // namespace db

namespace detail {
template <class T>
struct is_db_select_statement : std::false_type {};
template <std::size_t NC, std::size_t NK>
struct is_db_select_statement<db::select_statement<NC, NK>> : std::true_type {};

constexpr abi::str db_static_str(const db_fixed_name& n) noexcept {
  return {const_cast<char*>(n.text), n.len};  // the core's str is not const; backends only read
}

/// A statement's names as the core's arrays, in the module's data (constant-initialised, once per
/// statement): what a C module writes as static `str` keys.
template <auto S>
struct db_statement_names {
  static constexpr std::size_t nc = S.columns.size(), nk = S.keys.size();
  template <std::size_t N>
  static constexpr std::array<abi::str, N ? N : 1> strs(const std::array<db_fixed_name, N>& names) noexcept {
    std::array<abi::str, N ? N : 1> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = db_static_str(names[i]);
    return out;
  }
  template <std::size_t N>
  static constexpr std::array<abi::db_key, N ? N : 1> ptrs(std::array<abi::str, N ? N : 1>& names) noexcept {
    std::array<abi::db_key, N ? N : 1> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = &names[i];
    return out;
  }
  static inline constinit abi::str table = db_static_str(S.table);
  static inline constinit std::array<abi::str, nc ? nc : 1> column_names = strs(S.columns);
  static inline constinit std::array<abi::str, nk ? nk : 1> key_names = strs(S.keys);
  static inline constinit std::array<abi::db_key, nc ? nc : 1> columns = ptrs<nc>(column_names);
  static inline constinit std::array<abi::db_key, nk ? nk : 1> keys = ptrs<nk>(key_names);
};

}  // namespace detail
MODSDK_END_NAMESPACE
