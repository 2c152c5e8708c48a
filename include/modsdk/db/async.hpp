// SPDX-License-Identifier: MIT
/// @file Async raw queries (modsdk/db.hpp): an async script function starts a query and returns; the
/// core waits on the backend's socket and, when the answer is there, calls a typed completion callback
/// with the rows, then runs the script's resume route with the callback's code as `$rc`:
///
///     int on_rows(modsdk::message&, db::result& rows, lookup* l) {   // rows: false when the query failed
///       const int n = rows ? static_cast<int>(rows.size()) : -1;
///       modsdk::pkg::free(l);                                          // your state, yours to free
///       return n;                                                      // $rc of the resume route
///     }
///     // async(count_async("$fU"), after_count);
///     bool count_async(modsdk::message&, modsdk::async_context& ctx, std::string_view user) {
///       return store.async_raw_query<&on_rows>(ctx, "SELECT caller FROM greetings", new_lookup(user));
///     }
///
/// The callback is `R cb(modsdk::message&, modsdk::db::result&, P*)` or `R cb(modsdk::message&,
/// modsdk::db::result&)`, R = int (the code), bool (1 / -1) or void (1). It runs exactly once when the
/// query was started (async_raw_query returned true) - with the rows, with a failed result (the backend
/// reported an error, logged), or with a failed result on a timeout (backends with `async_timeout`, 3.5+:
/// db_mysql) - and never when async_raw_query returned false (nothing started, logged; the parameter is
/// still yours). The result frees the backend's rows when it goes out of scope (the backend's
/// async_free_result). Backends with DB_CAP_ASYNC_RAW_QUERY (of the stock backends: db_mysql and
/// db_postgres) answer asynchronously. On a backend without it but with raw queries (db_sqlite,
/// db_unixodbc ...) the query runs synchronously in the call, the callback gets the rows at once, and
/// the resume route runs right away with the callback's code as `$rc` (the core's ASYNC_SYNC path): the
/// same script and callback work on every backend. Declare `db::cap::async_raw_query` in the database's
/// `.needs` only to insist on a truly asynchronous backend (one without it then stops the start). The
/// SQL text is yours (never paste a value into it) and is copied, so it need not outlive the call.
#pragma once
#include <cstring>
#include <exception>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/async_context.hpp>
#include <modsdk/db/result.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// What a completion callback looks like: `R (message&, db::result&[, P*])`, R = int, bool or void.
template <class F>
struct db_done_traits {
  static constexpr bool valid = false;
};
template <class R, class P>
struct db_done_traits<R (*)(message&, db::result&, P*)> {
  static constexpr bool valid = std::is_same_v<R, int> || std::is_same_v<R, bool> || std::is_void_v<R>;
  static constexpr bool with_param = true;
  using param = P;
};
template <class R, class P>
struct db_done_traits<R (*)(message&, db::result&, P*) noexcept> : db_done_traits<R (*)(message&, db::result&, P*)> {};
template <class R>
struct db_done_traits<R (*)(message&, db::result&)> {
  static constexpr bool valid = std::is_same_v<R, int> || std::is_same_v<R, bool> || std::is_void_v<R>;
  static constexpr bool with_param = false;
  using param = void;
};
template <class R>
struct db_done_traits<R (*)(message&, db::result&) noexcept> : db_done_traits<R (*)(message&, db::result&)> {};

template <auto Done>
concept db_done_callback = db_done_traits<decltype(Done)>::valid;

/// One async query between its start and its completion (pkg memory, freed when it completes). The
/// query text follows it (the backends hand it to their client library as a C string).
template <class DbFunc>
struct db_async_job {
  const DbFunc* dbf;
  abi::db_con* con;
  db_session* session;  ///< the connection's (its async_free_result frees the rows)
  void* priv;           ///< the backend's: which of its connections runs the query
  void* param;          ///< the callback's
  std::string_view label;
};

/// Frees the job however the callback leaves (it may throw).
template <class DbFunc>
struct db_job_release {
  db_async_job<DbFunc>* job;
  ~db_job_release() { pkg::free(job); }
};

template <auto Done>
int db_async_call(message& msg, db::result& rows, void* param) {
  using traits = db_done_traits<decltype(Done)>;
  auto call = [&] {
    if constexpr (traits::with_param)
      return Done(msg, rows, static_cast<typename traits::param*>(param));
    else
      return Done(msg, rows);
  };
  if constexpr (std::is_void_v<decltype(call())>) {
    call();
    return 1;
  } else if constexpr (std::is_same_v<decltype(call()), bool>) {
    return call() ? 1 : -1;
  } else {
    return call();
  }
}

/// The resume callback: the backend reads what arrived on `fd`; when the answer is complete the
/// completion callback gets the rows (or a failed result), and the resume route runs with its code.
template <auto Done, class DbFunc>
resume_result db_async_resume(int fd, message& msg, db_async_job<DbFunc>* j) {
  abi::db_res* res = nullptr;
  const int rc = j->dbf->async_resume(j->con, fd, &res, j->priv);
  if (abi::async_status == abi::async_continue) return resume_result::wait_more();
  if (abi::async_status == abi::async_change_fd) return resume_result::change_fd(rc);
  const db_job_release<DbFunc> release{j};
  if (rc != 0 || !res) {  // the backend's rows (if any) and its connection go back now
    j->dbf->async_free_result(j->con, res, j->priv);
    if (rc != 0) {
      log::write_for(log::level::error, "db", "{}: async raw query failed (the backend returned {})", j->label, rc);
      db::result failed;
      return resume_result::done(db_async_call<Done>(msg, failed, j->param));
    }
  }
  db::result rows(res ? j->session : nullptr, res, j->priv);
  return resume_result::done(db_async_call<Done>(msg, rows, j->param));
}

/// The timeout callback (backends with async_timeout): the backend gives up the query, the completion
/// callback gets a failed result.
template <auto Done, class DbFunc>
resume_result db_async_timeout(int fd, message& msg, db_async_job<DbFunc>* j) {
  const db_job_release<DbFunc> release{j};
  if constexpr (requires { j->dbf->async_timeout; }) j->dbf->async_timeout(j->con, fd, j->priv);
  log::write_for(log::level::error, "db", "{}: async raw query timed out", j->label);
  db::result failed;
  return resume_result::done(db_async_call<Done>(msg, failed, j->param));
}

/// Starts `sql` on the backend's async path; false (logged) when nothing was started.
template <auto Done, class DbFunc>
bool db_start_async(const DbFunc* dbf, abi::db_con* con, db_session* session, std::string_view label,
                    async_context& ctx, std::string_view sql, void* param) noexcept {
  auto* j = static_cast<db_async_job<DbFunc>*>(pkg::malloc(sizeof(db_async_job<DbFunc>) + sql.size() + 1));
  if (!j) {
    log::write_for(log::level::error, "db", "{}: run (async) a raw query: out of pkg memory", label);
    return false;
  }
  char* text = reinterpret_cast<char*>(j + 1);
  if (!sql.empty()) std::memcpy(text, sql.data(), sql.size());
  text[sql.size()] = '\0';
  const abi::str q{text, static_cast<int>(sql.size())};
  void* priv = nullptr;
  const int fd = dbf->async_raw_query(con, &q, &priv);
  if (fd < 0) {
    pkg::free(j);
    log::write_for(log::level::error, "db", "{}: run (async) a raw query failed (the backend returned {})", label, fd);
    return false;
  }
  *j = db_async_job<DbFunc>{dbf, con, session, priv, param, label};
  ctx.on_resume<&db_async_resume<Done, DbFunc>>(j);
  if constexpr (requires { dbf->async_timeout; })
    if (dbf->async_timeout) ctx.on_timeout<&db_async_timeout<Done, DbFunc>>(ctx.script_timeout());
  ctx.wait_for_fd(fd);
  return true;
}

/// The fallback on a backend without async raw queries: `rows` (the query, run synchronously) go to the
/// completion callback at once, and the resume route runs now with its code (ASYNC_SYNC, as tm does for
/// an async function that completed without waiting). The callback's exceptions are logged, $rc -1.
template <auto Done>
bool db_complete_sync(async_context& ctx, db::result& rows, std::string_view label, void* param) noexcept {
  int code = -1;
  try {
    message msg(ctx.raw_message());
    code = db_async_call<Done>(msg, rows, param);
  } catch (const std::exception& e) {
    log::write_for(log::level::error, "db", "{}: raw query (async, run at once): the callback failed: exception: {}",
                   label, e.what());
  } catch (...) {
    log::write_for(log::level::error, "db",
                   "{}: raw query (async, run at once): the callback failed: unknown exception", label);
  }
  ctx.completed_sync(code);
  return true;
}

}  // namespace detail
MODSDK_END_NAMESPACE
