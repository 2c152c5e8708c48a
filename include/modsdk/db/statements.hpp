// SPDX-License-Identifier: MIT
/// @file The typed statements of a database connection (modsdk/db.hpp), the same on a module's
/// modsdk::db::database and on a scoped modsdk::db::connection:
///
///     db::result r      = db.select("greetings", db::columns("greeting"), db::col("caller") == who);
///     db::rows_of<row>  = db.select<row>("greetings", db::col("caller") == who, db::chunks_of(500));
///     bool ok           = db.insert("greetings", db::set("caller", who), db::set("greeting", text));
///     ok                = db.update("greetings", db::col("caller") == who, db::set("greeting", text));
///     ok                = db.delete_from("greetings", db::col("caller") == who);
///     ok                = db.replace(...) / db.insert_update(...)      // same arguments as insert
///     std::optional<long long> id = db.last_inserted_id();
///     db::result raw    = db.raw_query("SELECT caller, count(*) FROM greetings GROUP BY caller");
///
/// Each statement needs the backend capability it uses (select: DB_CAP_QUERY, insert: DB_CAP_INSERT,
/// ...; declare them in the database so a backend without them stops the start). A failure - no
/// connection in this process, a capability missing, a name that is not an identifier, the backend
/// refusing the statement (it logs why, e.g. a missing table) - logs one line naming the parameter, the
/// statement and the table, and returns false / a false result. raw_query's text is yours: it goes to
/// the backend as written, so never paste a value into it (use the typed statements for values).
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/db.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/db/options.hpp>
#include <modsdk/db/prepared.hpp>
#include <modsdk/db/query.hpp>
#include <modsdk/db/result.hpp>
#include <modsdk/db/rows_of.hpp>
#include <modsdk/db/select_by.hpp>
#include <modsdk/detail/db_value.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The target core's db_func_t.
using db_func = typename abi::for_profile_t<target.profile>::db_func;

/// A connection as the statements use it: the backend's functions and the connection's session (whose
/// `deny` bits say whether a statement may run, and `missing` why there is no connection).
struct db_handle {
  const db_func* dbf = nullptr;
  db_session* session = nullptr;
  db::prepared* ps = nullptr;  ///< the statement to prepare (db.with(p)), or none
};

inline std::string_view db_view(const abi::str& s) noexcept { return {s.s, static_cast<std::size_t>(s.len)}; }

/// The db_session::deny bits a statement refuses to run with: the capability it uses, no connection,
/// a connection that is the parent process's, a result alive (`starts_result`: the statement makes one)
/// or a streaming one (every statement).
constexpr unsigned db_deny_for(unsigned cap, bool starts_result) noexcept {
  return cap | db_no_connection | db_foreign | db_busy_streaming | (starts_result ? db_busy_result : 0u);
}

/// Why a statement was refused (`mask`: the deny bits it cares about): logs it; false.
[[gnu::cold, gnu::noinline]] inline bool db_refused(const db_handle& h, std::string_view what, std::string_view table,
                                                    unsigned mask) noexcept {
  const std::string_view on = table.empty() ? std::string_view("a raw query") : table;
  const db_session& s = *h.session;
  const unsigned deny = s.deny & mask;
  if (deny & db_no_connection) {
    log::write_for(log::level::error, "db", "{}: {} {}: {}", s.label, what, on,
                   s.missing ? s.missing : "no database connection");
  } else if (deny & db_foreign) {
    log::write_for(log::level::error, "db",
                   "{}: {} {}: no connection in this process (its connection is the parent process's; connections "
                   "open in child_init; in mod_init or a process without child_init use `auto c = db.connect();`)",
                   s.label, what, on);
  } else if (deny & db_caps_mask) {
    log::write_for(log::level::error, "db", "{}: {} {}: the backend cannot {}", s.label, what, on,
                   db_cap_name(deny & db_caps_mask));
  } else {
    log::write_for(log::level::error, "db",
                   "{}: {} {}: a result of this connection is still alive{}; let it go out of scope first (or read "
                   "what you need into values, e.g. select<T>(...).all())",
                   s.label, what, on, (deny & db_busy_streaming) ? " and being fetched in chunks" : "");
  }
  return false;
}

[[gnu::cold, gnu::noinline]] inline bool db_bad_table(const db_handle& h, std::string_view what,
                                                      std::string_view table) noexcept {
  log::write_for(log::level::error, "db", "{}: {}: {:?} is not a table name (letters, digits, _ . $)", h.session->label,
                 what, table);
  return false;
}

/// Everything a statement checks before it reaches the backend (one test of the session's deny bits,
/// and the table name unless it is a literal, checked while compiling); logs the reason and returns
/// false. `starts_result`: the statement makes a result (none may be alive on the connection).
[[gnu::always_inline]] inline bool db_prologue(const db_handle& h, std::string_view what, db::table_name table,
                                               unsigned cap, bool starts_result) noexcept {
  // one test of the session (the cold path reads the bits itself: no register kept for them)
  if (h.session->deny & db_deny_for(cap, starts_result)) [[unlikely]]
    return db_refused(h, what, table.view(), db_deny_for(cap, starts_result));
  if (!table.literal() && !table.view().empty() && !db_identifier(table.view())) [[unlikely]]
    return db_bad_table(h, what, table.view());
  return true;
}

inline bool db_names_ok(const db_handle& h, std::string_view what, std::string_view table,
                        const abi::str* bad) noexcept {
  if (!bad) return true;
  log::write_for(log::level::error, "db", "{}: {} {}: {:?} is not a column name (letters, digits, _ . $)",
                 h.session->label, what, table, db_view(*bad));
  return false;
}

[[gnu::cold, gnu::noinline]] inline void db_failed(const db_handle& h, std::string_view what, std::string_view table,
                                                   int rc) noexcept {
  log::write_for(log::level::error, "db", "{}: {} {} failed (the backend returned {})", h.session->label, what,
                 table.empty() ? std::string_view("a raw query") : table, rc);
}

/// The session of a connection `con` of a backend `dbf` (what its statements and results use);
/// `missing`: why there is no connection when `con` is null.
template <class DbFunc>
db_session db_session_of(const DbFunc& dbf, abi::db_con* con, std::string_view label, const char* missing) noexcept {
  db_session s;
  s.deny = (~dbf.cap & db_caps_mask) | (con ? 0u : db_no_connection);
  s.fetch = dbf.fetch_result;
  s.free = dbf.free_result;
  s.async_free = dbf.async_free_result;
  s.con = con;
  s.label = label;
  s.missing = missing;
  s.serial = ++db_session_serial;
  return s;
}

/// With db.with(p): checks that `p` is used for this statement only and belongs to this connection
/// (see db/prepared.hpp); false (logged) otherwise. Without: true.
inline bool db_prepared_ok(const db_handle& h, std::string_view what, std::string_view table, const abi::db_key* keys,
                           const abi::db_op* ops, const abi::db_val* vals, int n, const abi::db_key* cols = nullptr,
                           int nc = 0, abi::db_key order = nullptr) noexcept {
  if (!h.ps) [[likely]]
    return true;
  db_shape shape;
  shape.add(what);
  shape.add(table);
  shape.add_keys(keys, n);
  shape.add_ops(ops, n);
  shape.add_types(vals, n);
  shape.add_keys(cols, nc);
  shape.add(order ? db_view(*order) : std::string_view());
  return db_arm_prepared(*h.ps, h.session->con, *h.session, what, table, shape.value());
}

/// The select every typed select comes down to.
inline db::result db_run_select(const db_handle& h, db::table_name tn, const abi::db_key* keys, const abi::db_op* ops,
                                const abi::db_val* vals, int n, const abi::db_key* cols, int nc,
                                const abi::str* bad_name, abi::db_key order, int chunk) noexcept {
  const std::string_view table = tn.view();
  if (!db_prologue(h, "select from", tn, abi::db_cap_query, true) || !db_names_ok(h, "select from", table, bad_name))
    return {};
  if (chunk <= 0 && chunk != -1) {
    log::write_for(log::level::error, "db", "{}: select from {}: db::chunks_of({}) needs a positive number of rows",
                   h.session->label, table, chunk);
    return {};
  }
  const bool stream = chunk > 0 && (h.dbf->cap & abi::db_cap_fetch) && h.dbf->fetch_result;
  db::prepared* const ps = stream ? nullptr : h.ps;  // read in chunks: unprepared (see db/prepared.hpp)
  if (ps && !db_prepared_ok(h, "select from", table, keys, ops, vals, n, cols, nc, order)) [[unlikely]]
    return {};
  abi::str t = db_text(table);
  if (h.dbf->use_table(h.session->con, &t) < 0) {
    db_failed(h, "select from", table, -1);
    return {};
  }
  abi::db_res* res = nullptr;
  db_use_prepared(ps, h.session->con);
  int rc = h.dbf->query(h.session->con, keys, ops, vals, cols, n, nc, order, stream ? nullptr : &res);
  db_done_prepared(ps, h.session->con);
  if (rc >= 0 && stream) {  // success is >= 0: 3.5's db_sqlite returns the row count here
    rc = h.dbf->fetch_result(h.session->con, &res, chunk);  // a failed fetch frees what it made (db_sqlite, db_mysql)
  }
  if (rc < 0) {
    db_failed(h, "select from", table, rc);
    return {};
  }
  return db::result(h.session, res, table, stream ? chunk : 0, tn.literal());
}

/// A select fixed at compile time (db::select_by): the names are the module's static arrays; what is
/// left per call is the one test of the session, use_table and query, as in C.
/// `name` is `table`'s text, known at compile time (the result keeps it for its messages: no copy).
[[gnu::always_inline]] inline db::result db_run_prepared_select(const db_handle& h, abi::str* table,
                                                                std::string_view name, const abi::db_key* keys,
                                                                const abi::db_val* vals, int n, const abi::db_key* cols,
                                                                int nc) noexcept {
  if (h.session->deny & db_deny_for(abi::db_cap_query, true)) [[unlikely]] {
    db_refused(h, "select from", name, db_deny_for(abi::db_cap_query, true));
    return db::result::failed_on_static(name);
  }
  abi::db_con* const con = h.session->con;
  if (h.dbf->use_table(con, table) < 0) [[unlikely]] {
    db_failed(h, "select from", name, -1);
    return db::result::failed_on_static(name);
  }
  abi::db_res* res = nullptr;
  const int rc = h.dbf->query(con, keys, nullptr, vals, cols, n, nc, nullptr, &res);
  if (rc < 0) [[unlikely]] {
    db_failed(h, "select from", name, rc);
    return db::result::failed_on_static(name);
  }
  return db::result(h.session, res, name, 0, true);
}

/// insert / replace / insert_update: `fn` is the backend's function of that shape.
inline bool db_run_write(const db_handle& h, std::string_view what, db::table_name tn, unsigned cap,
                         abi::db_insert_f fn, const abi::db_key* keys, const abi::db_val* vals, int n,
                         const abi::str* bad_name) noexcept {
  const std::string_view table = tn.view();
  if (!db_prologue(h, what, tn, cap, false) || !db_names_ok(h, what, table, bad_name) ||
      !db_prepared_ok(h, what, table, keys, nullptr, vals, n))
    return false;
  abi::str t = db_text(table);
  int rc = h.dbf->use_table(h.session->con, &t);
  if (rc >= 0) {
    db_use_prepared(h.ps, h.session->con);
    rc = fn(h.session->con, keys, vals, n);
    db_done_prepared(h.ps, h.session->con);
  }
  if (rc < 0) db_failed(h, what, table, rc);
  return rc >= 0;
}

template <class... A>
constexpr bool db_only_assignments() {
  return sizeof...(A) > 0 && (is_db_assignment<A>::value && ...);
}
inline constexpr const char* db_write_args =
    "modsdk: db.insert/replace/insert_update(table, ...) take db::set(column, value) values, at least one";

}  // namespace detail

namespace db {

/// The statements of a connection; `Self` provides `detail::db_handle statement_handle()`.
template <class Self>
class statements {
 public:
  /// SELECT: conditions (db::col(...) == v ...), optional db::columns(...), db::order_by(...),
  /// db::chunks_of(n). With a type, `select<T>(...)` reads T's fields (MODSDK_FIELDS) as the columns.
  template <class T = void, class... A>
  auto select(db::table_name table, const A&... args) {
    static_assert(((detail::is_db_condition<A>::value || detail::is_db_columns<A>::value ||
                    std::is_same_v<A, db::order> || std::is_same_v<A, db::chunked>)&&...),
                  "modsdk: db.select(table, ...) takes db::col(...) conditions, db::columns(...), db::order_by(...) "
                  "and db::chunks_of(n); db::set(...) values belong to insert/update/replace");
    static_assert(detail::db_column_lists<A...> <= 1 && detail::db_count<db::order, A...> <= 1 &&
                      detail::db_count<db::chunked, A...> <= 1,
                  "modsdk: db.select(...) takes db::columns(...), db::order_by(...) and db::chunks_of(n) once each");
    auto conds = detail::db_collect_conditions(args...);
    [[maybe_unused]] abi::str order_name{};  // read through order_key
    abi::db_key order_key = nullptr;
    int chunk = -1;
    const abi::str* bad = conds.bad_name();
    (
        [&] {
          if constexpr (std::is_same_v<A, db::order>) {
            order_name = detail::db_text(args.column);
            order_key = &order_name;
            if (!bad && !detail::db_identifier(args.column)) bad = &order_name;
          } else if constexpr (std::is_same_v<A, db::chunked>) {
            chunk = args.rows;
          }
        }(),
        ...);
    if constexpr (std::is_void_v<T>) {
      constexpr std::size_t nc = column_count<A...>();
      std::array<abi::str, nc ? nc : 1> names;    // NOLINT(cppcoreguidelines-pro-type-member-init): nc filled below
      std::array<abi::db_key, nc ? nc : 1> cols;  // NOLINT(cppcoreguidelines-pro-type-member-init)
      (
          [&] {
            if constexpr (detail::is_db_columns<A>::value)
              for (std::size_t i = 0; i < nc; ++i) names[i] = detail::db_text(args.names[i]);
          }(),
          ...);
      for (std::size_t i = 0; i < nc; ++i) {
        cols[i] = &names[i];
        if (!bad && !detail::db_identifier(detail::db_view(names[i]))) bad = &names[i];
      }
      return detail::db_run_select(handle(), table, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(),
                                   static_cast<int>(conds.filled), nc ? cols.data() : nullptr, static_cast<int>(nc),
                                   bad, order_key, chunk);
    } else {
      static_assert(detail::db_column_lists<A...> == 0,
                    "modsdk: db.select<T>(...) asks for T's fields as its columns: drop db::columns(...)");
      static_assert(detail::db_check_row_type<T>());
      static constexpr auto fields = detail::db_field_names<T>();
      std::array<abi::str, fields.size()> names{};
      std::array<abi::db_key, fields.size()> cols{};
      for (std::size_t i = 0; i < fields.size(); ++i) {
        names[i] = detail::db_text(fields[i]);
        cols[i] = &names[i];
      }
      return db::rows_of<T>(detail::db_run_select(handle(), table, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(),
                                                  static_cast<int>(conds.filled), cols.data(),
                                                  static_cast<int>(fields.size()), bad, order_key, chunk));
    }
  }

  /// SELECT by key with a statement fixed at compile time (db::select_by, modsdk/db/select_by.hpp): one
  /// value per key, in order; the same result as the ad-hoc select.
  template <auto S, class... V>
  requires detail::is_db_select_statement<std::remove_cv_t<decltype(S)>>::value db::result select(const V&... values) {
    static_assert(sizeof...(V) == S.keys.size(),
                  "modsdk: db.select<statement>(values...) takes one value per key of db::select_by(...), in order");
    static_assert((detail::db_check_value<V>() && ...));
    static_assert(!(std::is_same_v<V, std::nullopt_t> || ...),
                  "modsdk: db.select<statement>(db::null) never matches (NULL = NULL is not true in SQL); use the "
                  "ad-hoc db.select(table, db::col(name).is_null())");
    using names = detail::db_statement_names<S>;
    constexpr std::size_t nk = S.keys.size(), nc = S.columns.size();
    std::array<abi::db_val, nk> vals;  // NOLINT(cppcoreguidelines-pro-type-member-init): every key's value is bound
    std::size_t i = 0;
    ((detail::db_bind(vals[i++], detail::db_hold(values))), ...);
    return detail::db_run_prepared_select(handle(), &names::table, S.table.view(), names::keys.data(), vals.data(),
                                          static_cast<int>(nk), nc ? names::columns.data() : nullptr,
                                          static_cast<int>(nc));
  }

  /// INSERT one row: `db::set(column, value)...`.
  template <class... A>
  bool insert(db::table_name table, const A&... values) {
    static_assert(detail::db_only_assignments<A...>(),
                  "modsdk: db.insert(table, ...) takes db::set(column, value) values, at least one");
    return write("insert into", abi::db_cap_insert, &detail::db_func::insert, table, values...);
  }
  /// REPLACE one row (insert, or overwrite the row with the same unique key).
  template <class... A>
  bool replace(db::table_name table, const A&... values) {
    static_assert(detail::db_only_assignments<A...>(),
                  "modsdk: db.replace(table, ...) takes db::set(column, value) values, at least one");
    return write("replace into", abi::db_cap_replace, &detail::db_func::replace, table, values...);
  }
  /// INSERT, or UPDATE the row whose unique key matches.
  template <class... A>
  bool insert_update(db::table_name table, const A&... values) {
    static_assert(detail::db_only_assignments<A...>(),
                  "modsdk: db.insert_update(table, ...) takes db::set(column, value) values, at least one");
    return write("insert-update into", abi::db_cap_insert_update, &detail::db_func::insert_update, table, values...);
  }

  /// UPDATE the rows matching every condition (all rows without one) with the db::set(...) values.
  template <class... A>
  bool update(db::table_name tn, const A&... args) {
    static_assert(
        ((detail::is_db_condition<A>::value || detail::is_db_assignment<A>::value) && ...) &&
            detail::db_assignments<A...> > 0,
        "modsdk: db.update(table, ...) takes db::col(...) conditions and at least one db::set(column, value)");
    auto conds = detail::db_collect_conditions(args...);
    auto sets = detail::db_collect_assignments(args...);
    const detail::db_handle h = handle();
    const std::string_view table = tn.view();
    const abi::str* bad = conds.bad_name() ? conds.bad_name() : sets.bad_name();
    if (!detail::db_prologue(h, "update", tn, abi::db_cap_update, false) ||
        !detail::db_names_ok(h, "update", table, bad) ||
        !detail::db_prepared_ok(h, "update", table, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(),
                                static_cast<int>(conds.filled), sets.key_ptr(), static_cast<int>(sets.filled)))
      return false;
    abi::str t = detail::db_text(table);
    int rc = h.dbf->use_table(h.session->con, &t);
    if (rc >= 0) {
      detail::db_use_prepared(h.ps, h.session->con);
      rc = h.dbf->update(h.session->con, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(), sets.key_ptr(),
                         sets.val_ptr(), static_cast<int>(conds.filled), static_cast<int>(sets.filled));
      detail::db_done_prepared(h.ps, h.session->con);
    }
    if (rc < 0) detail::db_failed(h, "update", table, rc);
    return rc >= 0;
  }

  /// DELETE the rows matching every condition (every row without one).
  template <class... A>
  bool delete_from(db::table_name tn, const A&... conditions) {
    static_assert((detail::is_db_condition<A>::value && ...),
                  "modsdk: db.delete_from(table, ...) takes db::col(...) conditions only");
    auto conds = detail::db_collect_conditions(conditions...);
    const detail::db_handle h = handle();
    const std::string_view table = tn.view();
    if (!detail::db_prologue(h, "delete from", tn, abi::db_cap_delete, false) ||
        !detail::db_names_ok(h, "delete from", table, conds.bad_name()) ||
        !detail::db_prepared_ok(h, "delete from", table, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(),
                                static_cast<int>(conds.filled)))
      return false;
    abi::str t = detail::db_text(table);
    int rc = h.dbf->use_table(h.session->con, &t);
    if (rc >= 0) {
      detail::db_use_prepared(h.ps, h.session->con);
      rc = h.dbf->delete_(h.session->con, conds.key_ptr(), conds.op_ptr(), conds.val_ptr(),
                          static_cast<int>(conds.filled));
      detail::db_done_prepared(h.ps, h.session->con);
    }
    if (rc < 0) detail::db_failed(h, "delete from", table, rc);
    return rc >= 0;
  }

  /// The id the last insert on this connection generated (an auto-increment column).
  std::optional<long long> last_inserted_id() {
    static_assert(
        !requires { Self::prepared_view; },
        "modsdk: db.with(p).last_inserted_id(): nothing to prepare, call db.last_inserted_id()");
    const detail::db_handle h = handle();
    if (!detail::db_prologue(h, "last inserted id of", {}, abi::db_cap_last_inserted_id, false)) return std::nullopt;
    const int id = h.dbf->last_inserted_id(h.session->con);
    if (id < 0) {
      detail::db_failed(h, "last inserted id of", {}, id);
      return std::nullopt;
    }
    return id;
  }

  /// Runs `sql` as written (yours to make safe: never paste a value into it). A SELECT returns its
  /// rows; any other statement returns an empty result that is true when it succeeded.
  db::result raw_query(std::string_view sql) {
    static_assert(
        !requires { Self::prepared_view; },
        "modsdk: db.with(p).raw_query(sql): raw queries cannot be prepared, call db.raw_query(sql)");
    const detail::db_handle h = handle();
    if (!detail::db_prologue(h, "run", {}, abi::db_cap_raw_query, true)) return {};
    // the backends read the text as a C string (db_postgres hands q.s to libpq): a NUL-terminated copy
    std::string text(sql);
    const abi::str q{text.data(), static_cast<int>(text.size())};
    abi::db_res* res = nullptr;
    const int rc = h.dbf->raw_query(h.session->con, &q, &res);
    if (rc < 0) {
      detail::db_failed(h, "run", {}, rc);
      return {};
    }
    return db::result(h.session, res, {}, 0);
  }

 private:
  detail::db_handle handle() { return static_cast<Self*>(this)->statement_handle(); }

  template <class... A>
  static constexpr std::size_t column_count() {
    std::size_t n = 0;
    ((n += column_list_size<A>()), ...);
    return n;
  }
  template <class A>
  static constexpr std::size_t column_list_size() {
    if constexpr (detail::is_db_columns<A>::value)
      return std::tuple_size_v<decltype(A::names)>;
    else
      return 0;
  }

  template <class F, class... A>
  bool write(std::string_view what, unsigned cap, F member, db::table_name table, const A&... values) {
    auto sets = detail::db_collect_assignments(values...);
    const detail::db_handle h = handle();
    return detail::db_run_write(h, what, table, cap, h.dbf ? h.dbf->*member : nullptr, sets.key_ptr(), sets.val_ptr(),
                                static_cast<int>(sets.filled), sets.bad_name());
  }
};

}  // namespace db
MODSDK_END_NAMESPACE
