// SPDX-License-Identifier: MIT
/// @file The pieces of a typed statement (modsdk/db.hpp):
///
///     db.select("greetings", db::columns("greeting"), db::col("caller") == caller, db::order_by("id"));
///     db.update("greetings", db::col("caller") == caller, db::set("greeting", text));
///     db.delete_from("greetings", db::col("created") < cutoff);
///
/// db::col(name) compared with a value (==, !=, <, >, <=, >=) is a condition; several conditions all
/// apply (AND). db::set(name, value) gives a column its value (insert, update, replace, insert_update).
/// db::columns(...) picks the columns a select returns (all when absent); db::order_by(name) sorts;
/// db::chunks_of(n) fetches a large result n rows at a time when the backend can (DB_CAP_FETCH).
///
/// Values are int, std::int64_t (and the other integers up to 64 bits, signed, or unsigned below),
/// bool (0/1), double, text (std::string_view, std::string, a literal), bytes (std::span<const std::byte>,
/// a BLOB), a std::chrono::system_clock time point (DATETIME, whole seconds), db::bitmap, std::optional<T>
/// (empty: NULL) and db::null. They reach the backend as typed values next to the statement, never
/// pasted into SQL text: no value can change the statement. Table and column names are identifiers
/// (letters, digits, `_`, `.`, `$`): a literal table name is checked while compiling (db::table_name),
/// the other names before every statement (the optimiser folds the check of a literal column name).
/// A condition or value views the text it was given: write it inside the statement call (a temporary
/// lives until the call returns).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/db.hpp>
#include <modsdk/detail/db_value.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {
/// Whether `s` may be pasted by a backend as a table or column name.
constexpr bool db_identifier(std::string_view s) noexcept {
  if (s.empty() || s.size() > 64 * 2 + 1) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
          c == '$'))
      return false;
  return true;
}
/// Not constexpr: called while compiling, it is the error (its name says what is wrong).
void db_table_name_literal_must_be_letters_digits_underscore_dot_dollar();
}  // namespace detail

namespace db {

/// The table a statement names. A literal (`db.select("greetings", ...)`) is checked while compiling (a
/// literal that is not an identifier does not compile) and lives as long as the module: the statement
/// checks nothing more per call and a result keeps the text for its messages without a copy. Other text
/// (std::string_view, std::string, a modparam's value; a char buffer: pass `std::string_view(buf)`) is
/// checked before every statement.
class table_name {
 public:
  constexpr table_name() noexcept = default;
  template <std::size_t N>
  consteval table_name(const char (&literal)[N]) noexcept  // NOLINT(google-explicit-constructor): a table is text
      : text_(literal), literal_(true) {
    if (!detail::db_identifier(text_)) detail::db_table_name_literal_must_be_letters_digits_underscore_dot_dollar();
  }
  template <class S>
  requires(!std::is_array_v<S> && std::is_convertible_v<const S&, std::string_view>) constexpr table_name(
      const S& text) noexcept  // NOLINT(google-explicit-constructor): a table is text
      : text_(text) {}

  constexpr std::string_view view() const noexcept { return text_; }
  /// A literal: checked while compiling, lives as long as the module.
  constexpr bool literal() const noexcept { return literal_; }

 private:
  std::string_view text_;
  bool literal_ = false;
};

/// `column <op> value`: one condition of a select, update or delete.
template <class V>
struct condition {
  std::string_view column;
  abi::db_op op;
  V value;
};

/// `column = value`: one value of an insert, update, replace or insert_update.
template <class V>
struct assignment {
  std::string_view column;
  V value;
};

/// The columns a select returns.
template <std::size_t N>
struct column_list {
  std::array<std::string_view, N> names;
};

/// The column a select sorts by (ascending).
struct order {
  std::string_view column;
};

/// Fetch a select's rows `rows` at a time (when the backend has DB_CAP_FETCH; at once otherwise).
struct chunked {
  int rows;
};

}  // namespace db

namespace detail {
template <class T>
constexpr bool db_check_value() {
  static_assert(db_writable<T>,
                "modsdk: this value cannot go to the database: values are int, std::int64_t, bool, double, text "
                "(std::string_view, std::string, a literal), bytes (std::span<const std::byte>), a "
                "std::chrono::system_clock time point, modsdk::db::bitmap, std::optional<T> or modsdk::db::null "
                "(see docs/howto/database.md)");
  return true;
}
inline constexpr const char* op_is = " is ";
inline constexpr const char* op_is_not = " is not ";
}  // namespace detail

namespace db {

/// A column of a condition: `db::col("caller") == caller`.
class column {
 public:
  constexpr explicit column(std::string_view name) noexcept : name_(name) {}
  constexpr std::string_view name() const noexcept { return name_; }

  // clang-format off
  template <class T> constexpr auto operator==(const T& v) const { return make(abi::op_eq, v); }
  template <class T> constexpr auto operator!=(const T& v) const { return make(abi::op_neq, v); }
  template <class T> constexpr auto operator<(const T& v) const { return make(abi::op_lt, v); }
  template <class T> constexpr auto operator>(const T& v) const { return make(abi::op_gt, v); }
  template <class T> constexpr auto operator<=(const T& v) const { return make(abi::op_leq, v); }
  template <class T> constexpr auto operator>=(const T& v) const { return make(abi::op_geq, v); }
  // clang-format on
  /// `column IS NULL` (comparing with NULL never matches in SQL).
  constexpr condition<std::nullopt_t> is_null() const noexcept { return {name_, detail::op_is, std::nullopt}; }
  /// `column IS NOT NULL`.
  constexpr condition<std::nullopt_t> is_not_null() const noexcept { return {name_, detail::op_is_not, std::nullopt}; }

 private:
  template <class T>
  constexpr auto make(abi::db_op op, const T& v) const {
    static_assert(detail::db_check_value<T>());
    static_assert(!std::is_same_v<T, std::nullopt_t>,
                  "modsdk: db::col(name) compared with db::null never matches (NULL = NULL is not true in SQL); "
                  "use db::col(name).is_null() or .is_not_null()");
    return condition<detail::db_held_t<T>>{name_, op, detail::db_hold(v)};
  }
  std::string_view name_;
};

/// The column `name`, to compare with a value.
constexpr column col(std::string_view name) noexcept { return column(name); }

/// Column `name` takes `value` (insert, update, replace, insert_update).
template <class T>
constexpr auto set(std::string_view name, const T& value) {
  static_assert(detail::db_check_value<T>());
  return assignment<detail::db_held_t<T>>{name, detail::db_hold(value)};
}

/// The columns a select returns, in this order: `db::columns("id", "greeting")`.
template <class... S>
constexpr column_list<sizeof...(S)> columns(const S&... names) {
  static_assert(sizeof...(S) > 0, "modsdk: db::columns(...) needs at least one column name");
  static_assert((std::is_convertible_v<const S&, std::string_view> && ...),
                "modsdk: db::columns(...) takes column names (text)");
  return {{std::string_view(names)...}};
}

/// Sort a select by `name`, ascending.
constexpr order order_by(std::string_view name) noexcept { return {name}; }

/// Fetch a select's rows `rows` at a time (rows > 0), when the backend can.
constexpr chunked chunks_of(int rows) noexcept { return {rows}; }

}  // namespace db

namespace detail {
template <class T>
struct is_db_condition : std::false_type {};
template <class V>
struct is_db_condition<db::condition<V>> : std::true_type {};
template <class T>
struct is_db_assignment : std::false_type {};
template <class V>
struct is_db_assignment<db::assignment<V>> : std::true_type {};
template <class T>
struct is_db_columns : std::false_type {};
template <std::size_t N>
struct is_db_columns<db::column_list<N>> : std::true_type {};

template <class... A>
inline constexpr std::size_t db_conditions = (std::size_t{0} + ... + (is_db_condition<A>::value ? 1 : 0));
template <class... A>
inline constexpr std::size_t db_assignments = (std::size_t{0} + ... + (is_db_assignment<A>::value ? 1 : 0));
template <class... A>
inline constexpr std::size_t db_column_lists = (std::size_t{0} + ... + (is_db_columns<A>::value ? 1 : 0));
template <class T, class... A>
inline constexpr std::size_t db_count = (std::size_t{0} + ... + (std::is_same_v<A, T> ? 1 : 0));

/// Keys, operators and values of N conditions or assignments, as the core's arrays (at least one
/// element each: a zero-length array is not C++).
/// The arrays are left uninitialised (the collectors fill all N entries, and nothing reads past `filled`):
/// zeroing them first was a dozen stores per statement on the hot path.
template <std::size_t N>
struct db_pairs {
  static constexpr std::size_t size = N;
  std::array<abi::str, N ? N : 1> names;    // NOLINT(cppcoreguidelines-pro-type-member-init): see above
  std::array<abi::db_key, N ? N : 1> keys;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  std::array<abi::db_op, N ? N : 1> ops;    // NOLINT(cppcoreguidelines-pro-type-member-init)
  std::array<abi::db_val, N ? N : 1> vals;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  std::size_t filled = 0;
  bool all_eq = true;  ///< every operator is "=": the core's arrays take NULL for that (as C modules pass)

  void add(std::string_view column, abi::db_op op, const auto& value) noexcept {
    names[filled] = db_text(column);
    keys[filled] = &names[filled];
    ops[filled] = op;
    all_eq = all_eq && op == abi::op_eq;
    db_bind(vals[filled], value);
    ++filled;
  }
  const abi::db_key* key_ptr() const noexcept { return N ? keys.data() : nullptr; }
  /// NULL when every operator is "=" (the backends read a NULL operator array as "=" for every key).
  const abi::db_op* op_ptr() const noexcept { return N && !all_eq ? ops.data() : nullptr; }
  const abi::db_val* val_ptr() const noexcept { return N ? vals.data() : nullptr; }
  /// The first name that is not an identifier, or nullptr.
  const abi::str* bad_name() const noexcept;
};

template <std::size_t N>
const abi::str* db_pairs<N>::bad_name() const noexcept {
  for (std::size_t i = 0; i < filled; ++i)
    if (!db_identifier(std::string_view(names[i].s, static_cast<std::size_t>(names[i].len)))) return &names[i];
  return nullptr;
}

/// The conditions among `args`, in order.
template <class... A>
db_pairs<db_conditions<A...>> db_collect_conditions(const A&... args) noexcept {
  db_pairs<db_conditions<A...>> p;
  (
      [&] {
        if constexpr (is_db_condition<A>::value) p.add(args.column, args.op, args.value);
      }(),
      ...);
  return p;
}
/// The assignments among `args`, in order.
template <class... A>
db_pairs<db_assignments<A...>> db_collect_assignments(const A&... args) noexcept {
  db_pairs<db_assignments<A...>> p;
  (
      [&] {
        if constexpr (is_db_assignment<A>::value) p.add(args.column, abi::op_eq, args.value);
      }(),
      ...);
  return p;
}

}  // namespace detail
MODSDK_END_NAMESPACE
