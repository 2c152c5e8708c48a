// SPDX-License-Identifier: MIT
/// @file Databases through the core's DB API: the operator's `db_url` picks the backend module
/// (db_mysql, db_postgres, db_sqlite, db_text, db_unixodbc ...), the module reads and writes typed values.
///
///     namespace db = modsdk::db;
///     struct greeting_row {
///       std::string greeting;
///     };
///     MODSDK_FIELDS(greeting_row, greeting);
///
///     modsdk::param<db::url> db_url{"db_url", "sqlite:///var/lib/opensips/new_module.sqlite"};
///     db::database store{db_url, {.needs = db::cap::query | db::cap::insert, .tables = {{"greetings", 1}}}};
///
///     bool greet(modsdk::request&, std::string_view caller, modsdk::writable_variable out) {
///       auto r = store.select<greeting_row>("greetings", db::col("caller") == caller);
///       if (!r) return false;                                  // the statement failed (logged)
///       if (auto g = r.first()) return out.set(g->greeting);
///       return store.insert("greetings", db::set("caller", caller), db::set("greeting", "Hello"));
///     }
///
///     MODSDK_MODULE(new_module, modsdk::params(db_url), modsdk::databases(store),
///                   modsdk::functions(MODSDK_FN(greet)));
///
/// What modsdk::databases(store) does with the module's lifecycle:
///   - mod_init: checks the URL's shape, binds its backend (db_bind_mod), checks the capabilities
///     declared in `.needs` and the `.tables` versions (db_check_table_version, on a connection opened
///     and closed there). Any failure stops the start with one line naming module, parameter, the URL
///     with its password masked, and what is wrong:
///       ERROR:new_module:mod_init: modparam new_module.db_url: "mysql://opensips:***@db1/opensips": no
///       database backend for "mysql://" (is module db_mysql loaded?)
///   - child_init: each process that runs script (SIP workers, timers, module processes) opens its own
///     connection; a connection is never shared across fork. destroy closes it.
///   - With `.optional = true` an unset URL means "no database": enabled() is false, statements fail.
/// In mod_init (an on_init hook: the databases are bound before hooks run) a scoped connection does the
/// work and is closed before the core forks: `auto c = store.connect(); c.select(...);`.
///
/// Prepared statements: `db::prepared p;` at module level, `db.with(p).select(...)` (modsdk/db/prepared.hpp).
/// Statements (modsdk/db/statements.hpp), values and conditions (modsdk/db/query.hpp), results and
/// typed getters (modsdk/db/result.hpp), rows into aggregates (modsdk/db/rows_of.hpp). Declare the SQL
/// driver dependency too: `modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb))` makes
/// the core initialise the backend first. docs/howto/database.md has the whole story.
#pragma once
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/db.hpp>
#include <modsdk/async_context.hpp>
#include <modsdk/db/async.hpp>
#include <modsdk/db/options.hpp>
#include <modsdk/db/prepared.hpp>
#include <modsdk/db/query.hpp>
#include <modsdk/db/result.hpp>
#include <modsdk/db/rows_of.hpp>
#include <modsdk/db/select_by.hpp>
#include <modsdk/db/statements.hpp>
#include <modsdk/db/url.hpp>
#include <modsdk/impl/db.hpp>
#include <modsdk/log.hpp>
#include <modsdk/params.hpp>
#include <modsdk/params_group.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {

class database;

/// The statements of `Owner` (a database or a connection) run as the prepared statement `p` (see
/// modsdk/db/prepared.hpp): from `db.with(p)`, used at once (`db.with(p).select(...)`).
template <class Owner>
class prepared_statements : public statements<prepared_statements<Owner>> {
 public:
  static constexpr bool prepared_view = true;
  prepared_statements(Owner& o, prepared& p) noexcept : owner_(&o), ps_(&p) {}

  // ---- for the statements (modsdk internals) ----
  detail::db_handle statement_handle() noexcept {
    detail::db_handle h = owner_->statement_handle();
    if (h.session->con) h.ps = ps_;
    return h;
  }

 private:
  Owner* owner_;
  prepared* ps_;
};

/// A connection of its own, closed when it goes out of scope (from database::connect()). Its results
/// must not outlive it. Not copyable or movable: use it where it was made.
class connection : public statements<connection> {
 public:
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection() {
    if (con_) dbf_->close(con_);
  }
  /// Whether it is open (false: connecting failed, logged; statements fail).
  explicit operator bool() const noexcept { return con_ != nullptr; }
  /// The statements, run as the prepared statement `p` (a module-level or static db::prepared).
  prepared_statements<connection> with(prepared& p) noexcept { return {*this, p}; }
  /// A temporary would be prepared anew (and kept by the backend) on every call: a compile error.
  template <class T = void>
  prepared_statements<connection> with(prepared&& p) noexcept {
    static_assert(!std::is_void_v<T>,
                  "modsdk: db.with(p): p must be a db::prepared that lives on (module level or static), not a "
                  "temporary");
    return with(p);
  }

  // ---- for the statements (modsdk internals) ----
  detail::db_handle statement_handle() noexcept { return {dbf_, &session_}; }

 private:
  friend class database;
  connection(const detail::db_func* dbf, abi::db_con* con, std::string_view label) noexcept
      : dbf_(dbf), con_(con), session_(detail::db_session_of(*dbf, con, label, "the connection could not be opened")) {}
  const detail::db_func* dbf_;
  abi::db_con* con_;
  detail::db_session session_{};
};

/// A module's database: the URL parameter it uses and what the module needs from the backend.
/// A module-level object (constant-initialised, trivially destructible), listed in modsdk::databases(...).
class database : public statements<database> {
 public:
  /// The database `url` names; `opts` says what the module needs (see db::options).
  constexpr database(const param<url>& u, const options& opts = {}) noexcept : b_(u, opts) {}

  /// Whether it is bound to a backend (after mod_init; false for an optional database left unset).
  bool enabled() const noexcept { return b_.bound(); }
  /// The backend's capabilities (after mod_init).
  cap capabilities() const noexcept { return cap(b_.caps()); }
  bool can(cap c) const noexcept { return has(capabilities(), c); }
  /// The URL (print it: it logs masked).
  const db::url& url() const noexcept { return b_.url(); }
  /// Whether this process has its connection.
  bool connected() noexcept { return !(b_.handle().session->deny & (detail::db_no_connection | detail::db_foreign)); }
  /// The statements, run as the prepared statement `p` (a module-level or static db::prepared: its
  /// handle is kept per process). On backends without prepared statements they run as usual.
  prepared_statements<database> with(prepared& p) noexcept { return {*this, p}; }
  /// A temporary would be prepared anew (and kept by the backend) on every call: a compile error.
  template <class T = void>
  prepared_statements<database> with(prepared&& p) noexcept {
    static_assert(!std::is_void_v<T>,
                  "modsdk: db.with(p): p must be a db::prepared that lives on (module level or static), not a "
                  "temporary");
    return with(p);
  }
  /// A connection of its own, closed at the end of its scope: for mod_init, or a process without one.
  connection connect() {
    abi::db_con* c = b_.open();
    if (!c && b_.bound())
      log::write_for(log::level::error, "db", "{} {:?}: cannot connect", b_.label(), b_.url());
    else if (!b_.bound())
      log::write_for(log::level::error, "db", "{}: cannot connect: the database is not bound", b_.label());
    return connection(&b_.functions(), c, b_.label());
  }

  /// Starts `sql` (yours: never paste a value into it) as an async raw query from an async script
  /// function: the core waits on the backend's socket, then calls `Done(msg, rows, param)` and runs the
  /// resume route with its code as `$rc` (see modsdk/db/async.hpp). A backend without async raw queries
  /// runs it synchronously instead: `Done` gets the rows at once and the resume route follows right away
  /// with its code (true). False - logged, nothing started, `Done` never called, `param` still yours -
  /// when there is no connection in this process, the backend has no raw query at all or refuses the
  /// query. Only on the module's database (its connection outlives the wait), not on a scoped connection.
  /// `Done` is `R done(modsdk::message&, db::result&, P*)` with a `param`, or `R done(modsdk::message&,
  /// db::result&)` without; R is int, bool or void.
  template <auto Done, class... P>
  bool async_raw_query(async_context& ctx, std::string_view sql, P*... param) noexcept {
    using traits = detail::db_done_traits<decltype(Done)>;
    static_assert(detail::db_done_callback<Done>,
                  "modsdk: db.async_raw_query<&done>(ctx, sql[, param]): done must be `R done(modsdk::message&, "
                  "modsdk::db::result&[, P*])` with R int, bool or void");
    if constexpr (detail::db_done_callback<Done>) {
      static_assert(sizeof...(P) == (traits::with_param ? 1 : 0),
                    "modsdk: db.async_raw_query<&done>(ctx, sql[, param]): pass a param exactly when done takes one");
      if constexpr (sizeof...(P) == 1) {
        static_assert((std::is_same_v<typename traits::param, P> && ...),
                      "modsdk: db.async_raw_query<&done>(ctx, sql, param): param must be the P* that done takes");
        return start_async<Done>(ctx, sql, static_cast<void*>(param)...);
      } else {
        return start_async<Done>(ctx, sql, nullptr);
      }
    } else {
      return false;
    }
  }

  // ---- for modsdk::databases and the statements (modsdk internals) ----
  detail::db_binding<param<db::url>>& db_lifecycle() noexcept { return b_; }
  detail::db_handle statement_handle() noexcept { return b_.handle(); }

 private:
  template <auto Done>
  bool start_async(async_context& ctx, std::string_view sql, void* param) noexcept {
    const detail::db_handle h = b_.handle();
    if (h.session->con && !(h.dbf->cap & abi::db_cap_async_raw_query) && (h.dbf->cap & abi::db_cap_raw_query) &&
        ctx.raw_message()) {  // no async on this backend: run it now, resume at once (ASYNC_SYNC)
      try {
        db::result rows = raw_query(sql);
        return detail::db_complete_sync<Done>(ctx, rows, h.session->label, param);
      } catch (...) {  // out of memory copying the text: nothing ran
        log::write_for(log::level::error, "db", "{}: run (async, at once) a raw query: out of memory",
                       h.session->label);
        return false;
      }
    }
    if (!detail::db_prologue(h, "run (async)", {}, abi::db_cap_async_raw_query, false)) return false;
    return detail::db_start_async<Done>(h.dbf, h.session->con, h.session, h.session->label, ctx, sql, param);
  }

  detail::db_binding<param<db::url>> b_;
};

}  // namespace db

/// The module's databases: bound in mod_init, connected in child_init, closed in destroy (see above).
template <class... D>
constexpr auto databases(D&... d) {
  static_assert(sizeof...(D) > 0 && (std::is_same_v<D, db::database> && ...),
                "modsdk: databases(...) takes modsdk::db::database objects (module-level variables)");
  return detail::databases_section<D...>{{&d...}};
}

MODSDK_END_NAMESPACE
