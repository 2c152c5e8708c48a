// SPDX-License-Identifier: MIT
/// @file Prepared statements (modsdk/db.hpp): a statement the backend parses once per process and
/// connection, then runs again with new values.
///
///     db::prepared by_caller;                                  // module level: one per statement
///     bool greet(modsdk::request&, std::string_view caller, modsdk::writable_variable out) {
///       auto r = store.with(by_caller).select<greeting_row>("greetings", db::col("caller") == caller);
///       ...
///     }
///
/// `store.with(p)` offers the same statements (select, insert, update, delete_from, replace,
/// insert_update); before the statement goes to the backend the connection is told to use `p` (the
/// core's db_ps_t, as C modules do with CON_SET_CURR_PS), and afterwards to forget it. A backend with
/// prepared statements (db_mysql: DB_CAP_PREPARED_STMT from 3.5, the same code in 3.4) prepares the
/// statement on the first call and only binds the values on the next ones; the others (db_sqlite,
/// db_postgres, db_text ...) ignore it and run the statement as usual: the code is the same everywhere.
///
/// The rules, checked at run time:
///   - one `db::prepared` is one statement: the same kind, table, columns, condition names, operators
///     and value types on every call (the values change). Another shape fails with a log line naming it,
///     instead of running the statement prepared for the first (the backend would: wrong rows).
///   - the handle belongs to one connection of one process: a module-level `db::prepared` is copied
///     into each process by fork, and a handle made on another connection (mod_init's, a scoped one, the
///     parent's) is dropped and the statement prepared again. The backend frees its statements when the
///     connection closes.
///   - a select read in chunks (db::chunks_of) runs unprepared; raw queries cannot be prepared (a
///     compile error on `with(p).raw_query(...)`).
#pragma once
#include <cstddef>
#include <cstdint>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/db.hpp>
#include <modsdk/db/result.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {

/// The handle of one prepared statement (the core's db_ps_t), kept per process: declare it at module
/// level (or static) and pass it to `db.with(p)` for that one statement. Not copyable.
class prepared {
 public:
  constexpr prepared() noexcept = default;
  prepared(const prepared&) = delete;
  prepared& operator=(const prepared&) = delete;
  ~prepared() = default;

  /// Whether the backend holds a prepared statement for it on the connection it was last used on
  /// (false on backends without prepared statements).
  bool is_prepared() const noexcept { return handle_ != nullptr; }

  // ---- for the statements (modsdk internals) ----
  void* handle_ = nullptr;   ///< db_ps_t: the backend's, on connection `serial_`
  unsigned serial_ = 0;      ///< detail::db_session::serial of that connection
  std::uint64_t shape_ = 0;  ///< the statement's fingerprint (0: not used yet)
  std::string_view kind_{};  ///< "select from" ...: for the line when another shape comes
};

}  // namespace db

namespace detail {

/// A statement's shape, fingerprinted (FNV-1a): kind, table, names, operators, value types, counts.
class db_shape {
 public:
  constexpr void add(std::string_view s) noexcept {
    for (char c : s) mix(static_cast<unsigned char>(c));
    mix(0xff);
  }
  constexpr void add(int v) noexcept {
    for (int i = 0; i < 4; ++i) mix(static_cast<unsigned char>(static_cast<unsigned>(v) >> (8 * i)));
  }
  void add_keys(const abi::db_key* keys, int n) noexcept {
    add(n);
    for (int i = 0; keys && i < n; ++i) add(std::string_view(keys[i]->s, static_cast<std::size_t>(keys[i]->len)));
  }
  void add_ops(const abi::db_op* ops, int n) noexcept {
    for (int i = 0; i < n; ++i) add(ops ? std::string_view(ops[i]) : std::string_view("="));
  }
  void add_types(const abi::db_val* vals, int n) noexcept {
    for (int i = 0; vals && i < n; ++i) add(vals[i].type);
  }
  constexpr std::uint64_t value() const noexcept { return h_ ? h_ : 1; }

 private:
  constexpr void mix(unsigned char c) noexcept { h_ = (h_ ^ c) * 0x100000001b3ull; }
  std::uint64_t h_ = 0xcbf29ce484222325ull;
};

/// Points the connection at `p` for the next statement; false (logged) when `p` was used for another one.
inline bool db_arm_prepared(db::prepared& p, abi::db_con* con, const db_session& s, std::string_view what,
                            std::string_view table, std::uint64_t shape) noexcept {
  if (p.shape_ != shape) {
    if (p.shape_ != 0) [[unlikely]] {
      log::write_for(log::level::error, "db",
                     "{}: {} {}: this db::prepared was first used for another statement ({} with other names, "
                     "operators or value types): use one db::prepared per statement",
                     s.label, what, table, p.kind_);
      return false;
    }
    p.shape_ = shape;
    p.kind_ = what;
  }
  if (p.serial_ != s.serial) {  // made on another connection (or in the parent): the backend's is not ours
    p.handle_ = nullptr;
    p.serial_ = s.serial;
  }
  con->curr_ps = &p.handle_;
  return true;
}

/// The connection forgets the prepared statement (the backends reset it too; a failed prologue may not).
inline void db_disarm_prepared(abi::db_con* con) noexcept { con->curr_ps = nullptr; }

/// Points the connection at the prepared statement `ps` for the backend call that follows (if any).
inline void db_use_prepared(db::prepared* ps, abi::db_con* con) noexcept {
  if (ps) [[unlikely]]
    con->curr_ps = &ps->handle_;
}
/// After the backend call: the connection forgets it.
inline void db_done_prepared(db::prepared* ps, abi::db_con* con) noexcept {
  if (ps) [[unlikely]]
    db_disarm_prepared(con);
}

}  // namespace detail
MODSDK_END_NAMESPACE
