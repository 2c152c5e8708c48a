// SPDX-License-Identifier: MIT
// Test kit fake core: the stock backend db_sqlite (modules/db_sqlite) on a real SQLite engine - its
// connections, values and writes here, its queries and results in db_sqlite_query.hpp. It keeps
// what a module can observe of the real one: the URL form (`sqlite://` + a path), connections pooled per
// URL and process, one statement per pooled connection kept for fetch_result (and ended by any
// free_result), the column types read from the declared type (INT..., BIGINT, CHAR/VARCHAR/TEXT/CLOB,
// BLOB, REAL/DOUBLE/FLOAT, DATE/DATETIME; an autoincrement key reads as DB_BITMAP in the column types,
// its values as DB_INT), values as the generic SQL printer writes them (doubles with 2 decimals,
// datetimes as local "YYYY-MM-DD HH:MM:SS", text cut at a NUL byte, bitmaps as signed ints), a raw
// SELECT needing a FROM (and any raw text shorter than "select" taken for one), and the capabilities the core computes
// for its functions (no async, no prepared statements). Values are bound rather than printed: the stored result is the
// same. Where the real module crashes (a raw SELECT of an expression, whose column has no declared type) the fake fails
// the query with a log line. Memory it hands the module is pkg, counted.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <sqlite3.h>
#include <modsdk/config.hpp>

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/db/statements.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

using fake_db_func = modsdk::detail::db_func;

[[gnu::format(printf, 3, 4)]] inline void sqlite_log(int level, const char* func, const char* fmt, ...) noexcept {
  if (g_log_level < level) return;
  try {
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (st().echo) std::fprintf(stderr, "[fake core] %s:db_sqlite:%s: %s\n", level_name(level), func, buf);
    record_log(level, "db_sqlite", func, buf);
  } catch (...) {
  }
}

/// The pooled connection (db_sqlite's sqlite_con): one per URL per process, shared by every handle.
struct sqlite_pool_con {
  char* url;
  sqlite3* db;
  int refs;
  sqlite3_stmt* stmt;  // the statement kept for fetch_result (CON_SQLITE_PS)
  bool raw;            // that statement came from a raw query (no table metadata)
  sqlite_pool_con* next;
};
inline sqlite_pool_con* g_sqlite_pool = nullptr;

inline sqlite_pool_con* pool_of(const abi::db_con* h) noexcept {
  return reinterpret_cast<sqlite_pool_con*>(h->tail);  // NOLINT(performance-no-int-to-ptr): the core's `tail`
}
inline std::string_view view_of(const abi::str& s) noexcept { return {s.s, static_cast<std::size_t>(s.len)}; }

inline void sqlite_end_statement(sqlite_pool_con* p) noexcept {
  if (p->stmt) sqlite3_finalize(p->stmt);
  p->stmt = nullptr;
}

// ---- connections (db_do_init / db_do_close with db_sqlite's connection) ----------------------------------
inline abi::db_con* sqlite_init(const abi::str* url) {
  if (!url || !url->s || url->len < 7 || view_of(*url).find("://") == std::string_view::npos) {
    core_log(abi::l_err, "db_do_init", "cannot parse URL '%.*s'", url && url->s ? url->len : 0,
             url && url->s ? url->s : "");
    return nullptr;
  }
  const std::string_view u = view_of(*url);
  sqlite_pool_con* p = g_sqlite_pool;
  while (p && u != p->url) p = p->next;
  if (p) {
    ++p->refs;
  } else {
    const std::string path(u.substr(u.find("://") + 2));  // db_sqlite opens what follows "sqlite:/"
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
      sqlite_log(abi::l_err, "db_sqlite_connect", "Can't open database: %s", db ? sqlite3_errmsg(db) : "out of memory");
      sqlite3_close(db);
      sqlite_log(abi::l_err, "db_sqlite_new_connection", "initial connect failed");
      core_log(abi::l_err, "db_do_init", "could not add connection to the pool");
      return nullptr;
    }
    sqlite3_busy_timeout(db, 500);
    p = static_cast<sqlite_pool_con*>(
        counted_pkg_malloc(sizeof(sqlite_pool_con) + u.size() + 1, "db_sqlite_new_connection"));
    if (!p) {
      sqlite3_close(db);
      return nullptr;
    }
    p->url = reinterpret_cast<char*>(p + 1);
    std::memcpy(p->url, u.data(), u.size());
    p->url[u.size()] = '\0';
    *p = {p->url, db, 1, nullptr, false, g_sqlite_pool};
    g_sqlite_pool = p;
  }
  auto* h = static_cast<abi::db_con*>(counted_pkg_malloc(sizeof(abi::db_con) + sizeof(void*) + u.size(), "db_do_init"));
  if (!h) return nullptr;
  std::memset(h, 0, sizeof(abi::db_con));
  h->url.s = reinterpret_cast<char*>(h) + sizeof(abi::db_con) + sizeof(void*);
  h->url.len = url->len;
  std::memcpy(h->url.s, u.data(), u.size());
  h->tail = reinterpret_cast<unsigned long>(p);
  return h;
}

inline void sqlite_close(abi::db_con* h) {
  if (!h) {
    core_log(abi::l_err, "db_do_close", "invalid parameter value");
    return;
  }
  sqlite_pool_con* p = pool_of(h);
  if (--p->refs == 0) {
    sqlite_end_statement(p);
    for (sqlite_pool_con** at = &g_sqlite_pool; *at; at = &(*at)->next)
      if (*at == p) {
        *at = p->next;
        break;
      }
    if (sqlite3_close(p->db) != SQLITE_OK)
      sqlite_log(abi::l_err, "db_sqlite_free_connection", "closing left the database open: %s", sqlite3_errmsg(p->db));
    counted_pkg_free(p, "db_sqlite_free_connection");
  }
  counted_pkg_free(h, "db_do_close");
}

inline int sqlite_use_table(abi::db_con* h, const abi::str* t) {
  if (!h || !t || !t->s) {
    core_log(abi::l_err, "db_use_table", "invalid parameter value");
    return -1;
  }
  h->table = t;
  return 0;
}

// ---- values: bound as the generic SQL printer (db_ut.c) would have written them ----------------------
inline bool sqlite_bind(sqlite3_stmt* s, int at, const abi::db_val& v) {
  if (v.nul) return sqlite3_bind_null(s, at) == SQLITE_OK;
  switch (v.type) {
    case abi::db_int:
      return sqlite3_bind_int(s, at, v.val.int_val) == SQLITE_OK;
    case abi::db_bigint:
      return sqlite3_bind_int64(s, at, v.val.bigint_val) == SQLITE_OK;
    case abi::db_bitmap:
      return sqlite3_bind_int(s, at, static_cast<int>(v.val.bitmap_val)) == SQLITE_OK;
    case abi::db_double: {
      char text[64];
      std::snprintf(text, sizeof text, "%.2f", v.val.double_val);  // db_double2str: "%-10.2f"
      return sqlite3_bind_double(s, at, std::strtod(text, nullptr)) == SQLITE_OK;
    }
    case abi::db_string:
      return sqlite3_bind_text(s, at, v.val.string_val ? v.val.string_val : "", -1, SQLITE_TRANSIENT) == SQLITE_OK;
    case abi::db_str: {
      std::string_view t = v.val.str_val.s ? view_of(v.val.str_val) : std::string_view();
      t = t.substr(0, t.find('\0'));  // %.*q stops at a NUL
      return sqlite3_bind_text(s, at, t.data() ? t.data() : "", static_cast<int>(t.size()), SQLITE_TRANSIENT) ==
             SQLITE_OK;
    }
    case abi::db_datetime: {
      std::tm tm{};
      const std::time_t t = v.val.time_val;
      localtime_r(&t, &tm);
      char text[32];
      const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
      return sqlite3_bind_text(s, at, text, static_cast<int>(n), SQLITE_TRANSIENT) == SQLITE_OK;
    }
    case abi::db_blob:
      return sqlite3_bind_blob(s, at, v.val.blob_val.s ? v.val.blob_val.s : "", v.val.blob_val.len, SQLITE_TRANSIENT) ==
             SQLITE_OK;
    default:
      sqlite_log(abi::l_dbg, "db_sqlite_val2str", "unknown data type");
      return false;
  }
}

/// `k1<op>? AND k2<op>? ...` (OR with CON_OR_OPERATOR), as db_print_where prints it.
inline void sqlite_where(std::string& sql, const abi::db_con* h, const abi::db_key* k, const abi::db_op* o, int n) {
  for (int i = 0; i < n; ++i) {
    if (i) sql += (h->flags & abi::con_or_operator) ? " OR " : " AND ";
    sql += view_of(*k[i]);
    sql += o ? o[i] : "=";
    sql += '?';
  }
}

inline sqlite3_stmt* sqlite_prepare(const abi::db_con* h, const std::string& sql, const abi::db_val* v, int n,
                                    const abi::db_val* v2 = nullptr, int n2 = 0) {
  sqlite3* db = pool_of(h)->db;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK) {
    sqlite_log(abi::l_err, "db_sqlite_prepare", "failed to prepare: (%s)", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return nullptr;
  }
  for (int i = 0; i < n2; ++i)
    if (!sqlite_bind(s, i + 1, v2[i])) goto bad;
  for (int i = 0; i < n; ++i)
    if (!sqlite_bind(s, n2 + i + 1, v[i])) goto bad;
  return s;
bad:
  sqlite_log(abi::l_err, "db_sqlite_prepare", "failed to bind values");
  sqlite3_finalize(s);
  return nullptr;
}

inline int sqlite_run(const abi::db_con* h, const std::string& sql, const abi::db_val* v, int n,
                      const abi::db_val* v2 = nullptr, int n2 = 0) {
  sqlite3_stmt* s = sqlite_prepare(h, sql, v, n, v2, n2);
  if (!s) {
    sqlite_log(abi::l_err, "db_sqlite_run", "insert query failed %s", sqlite3_errmsg(pool_of(h)->db));
    return -1;
  }
  const int rc = sqlite3_step(s);
  if (rc != SQLITE_DONE)
    sqlite_log(abi::l_err, "db_sqlite_run", "insert query failed %s", sqlite3_errmsg(pool_of(h)->db));
  sqlite3_finalize(s);
  return rc == SQLITE_DONE ? 0 : -1;
}

inline std::string sqlite_columns_list(const abi::db_key* k, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ',';
    s += view_of(*k[i]);
  }
  return s;
}
inline std::string sqlite_marks(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

// ---- statements -----------------------------------------------------------------------------------------
inline int sqlite_insert_like(const char* verb, const abi::db_con* h, const abi::db_key* k, const abi::db_val* v,
                              int n) {
  if (!h || !k || !v || !n || !h->table) {
    core_log(abi::l_err, "db_do_insert", "invalid parameter value");
    return -1;
  }
  std::string sql = std::string(verb) + " " + std::string(view_of(*h->table)) + " (" + sqlite_columns_list(k, n) +
                    ") values (" + sqlite_marks(n) + ")";
  return sqlite_run(h, sql, v, n);
}
inline int sqlite_insert(const abi::db_con* h, const abi::db_key* k, const abi::db_val* v, int n) {
  return sqlite_insert_like("insert into", h, k, v, n);
}
inline int sqlite_replace(const abi::db_con* h, const abi::db_key* k, const abi::db_val* v, int n) {
  return sqlite_insert_like("replace into", h, k, v, n);
}
inline int sqlite_insert_update(const abi::db_con* h, const abi::db_key* k, const abi::db_val* v, int n) {
  return sqlite_insert_like("insert or replace into", h, k, v, n);
}
inline int sqlite_delete(const abi::db_con* h, const abi::db_key* k, const abi::db_op* o, const abi::db_val* v, int n) {
  if (!h || !h->table) return -1;
  std::string sql = "delete from " + std::string(view_of(*h->table));
  if (n) {
    sql += " where ";
    sqlite_where(sql, h, k, o, n);
  }
  return sqlite_run(h, sql, v, n);
}
inline int sqlite_update(const abi::db_con* h, const abi::db_key* k, const abi::db_op* o, const abi::db_val* v,
                         const abi::db_key* uk, const abi::db_val* uv, int n, int un) {
  if (!h || !h->table || !uk || !uv || !un) {
    core_log(abi::l_err, "db_do_update", "invalid parameter value");
    return -1;
  }
  std::string sql = "update " + std::string(view_of(*h->table)) + " set ";
  for (int i = 0; i < un; ++i) {
    if (i) sql += ',';
    sql += view_of(*uk[i]);
    sql += "=?";
  }
  if (n) {
    sql += " where ";
    sqlite_where(sql, h, k, o, n);
  }
  return sqlite_run(h, sql, v, n, uv, un);
}
inline int sqlite_last_inserted_id(const abi::db_con* h) {
  if (!h) return -1;
  return static_cast<int>(sqlite3_last_insert_rowid(pool_of(h)->db));
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
