// SPDX-License-Identifier: MIT
// Test kit fake core: "db_sqlite_async", the fake db_sqlite (`sqlite_async://` + a path) plus async raw
// queries the way db_postgres offers them, so that a module's async path runs on a real SQL engine. The stock
// db_sqlite has no async; this module exists only in the fake core. async_raw_query runs the query at once
// and returns an fd (an eventfd) that is already readable; the answer then comes in two reads, as from a
// socket: the first async_resume finds it incomplete (ASYNC_CONTINUE), the second returns the rows (0) or the
// query's failure (-2, like db_postgres's failed store). async_free_result frees the rows and closes the fd;
// so does async_timeout (the 3.5+ layout), which gives the query up. Everything lives in pkg, counted.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/testing/fake/db_sqlite.hpp>
#include <modsdk/testing/fake/db_sqlite_query.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// One async query of the fake: its answer, computed when it was sent, and the fd it is "read" from.
struct sqlite_async_job {
  abi::db_res* res;
  int rc;
  int fd;
  int reads;
};

inline void sqlite_async_end(abi::db_con* h, sqlite_async_job* j) {
  if (j->res) sqlite_free_result(h, j->res);
  if (j->fd >= 0) ::close(j->fd);
  counted_pkg_free(j, "db_sqlite_async_free_result");
}

inline int sqlite_async_raw_query(abi::db_con* h, const abi::str* q, void** priv) {
  if (!h || !q || !q->s || !priv) {
    sqlite_log(abi::l_err, "db_sqlite_async_raw_query", "invalid parameter value");
    return -1;
  }
  const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (fd < 0) return -1;
  auto* j = static_cast<sqlite_async_job*>(counted_pkg_malloc(sizeof(sqlite_async_job), "db_sqlite_async_raw_query"));
  if (!j) {
    ::close(fd);
    return -1;
  }
  *j = {nullptr, 0, fd, 0};
  j->rc = sqlite_raw_query(h, q, &j->res);
  const std::uint64_t one = 1;
  if (::write(fd, &one, sizeof one) != sizeof one) {
    sqlite_async_end(h, j);
    return -1;
  }
  *priv = j;
  return fd;
}

inline int sqlite_async_resume(abi::db_con* h, int fd, abi::db_res** r, void* priv) {
  auto* j = static_cast<sqlite_async_job*>(priv);
  if (!h || !j || fd != j->fd) {
    sqlite_log(abi::l_err, "db_sqlite_async_resume", "no async query on fd %d", fd);
    return -1;
  }
  if (j->reads++ == 0) {  // the first read finds the answer incomplete
    abi::async_status = abi::async_continue;
    return 1;
  }
  if (j->rc < 0) {
    sqlite_log(abi::l_err, "db_sqlite_async_resume", "failed to store result");
    return -2;
  }
  if (r) *r = j->res;
  j->res = nullptr;
  return 0;
}

inline int sqlite_async_free_result(abi::db_con* h, abi::db_res* r, void* priv) {
  if (r) sqlite_free_result(h, r);
  if (priv) sqlite_async_end(h, static_cast<sqlite_async_job*>(priv));
  return 0;
}

inline void sqlite_async_timeout(abi::db_con* h, int, void* priv) {
  sqlite_log(abi::l_err, "db_sqlite_async_timeout", "the async query timed out");
  if (priv) sqlite_async_end(h, static_cast<sqlite_async_job*>(priv));
}

/// async_timeout exists from 3.5 (a template, so that its absence in 3.4's db_func is not an error).
template <class DbFunc>
void set_sqlite_async_timeout(DbFunc* dbb) {
  if constexpr (requires { dbb->async_timeout; }) dbb->async_timeout = &sqlite_async_timeout;
}

inline int fake_db_sqlite_async_bind_api(const abi::str* url, fake_db_func* dbb) {
  if (fake_db_sqlite_bind_api(url, dbb) < 0) return -1;
  dbb->async_raw_query = &sqlite_async_raw_query;
  dbb->async_resume = &sqlite_async_resume;
  dbb->async_free_result = &sqlite_async_free_result;
  set_sqlite_async_timeout(dbb);
  return 0;
}

inline fake_db_module& fake_db_sqlite_async_module() {
  static fake_db_module m = [] {
    fake_db_module x{};
    x.cmds[0].name = "db_bind_api";
    x.cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_db_sqlite_async_bind_api));
    x.exp.name = "db_sqlite_async";
    x.exp.type = abi::mod_type_sqldb;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
