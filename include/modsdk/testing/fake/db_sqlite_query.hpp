// SPDX-License-Identifier: MIT
// Test kit fake core: db_sqlite's queries and results (modules/db_sqlite: dbase.c, res.c, row.c) and the
// module itself (its db_bind_api), made available by `core().load_module("db_sqlite")`.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <sqlite3.h>
#include <modsdk/config.hpp>

#include <cctype>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/db_sqlite.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// db_sqlite's type for a declared column type: its first four letters, lower-cased.
inline abi::db_type sqlite_decl_type(const char* decl) noexcept {
  char w[5] = {};
  for (int i = 0; i < 4 && decl[i]; ++i) w[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(decl[i])));
  const std::string_view k(w, std::strlen(w));
  for (const char* i : {"int", "inte", "tiny", "smal", "medi", "unsi", "int2", "int8", "nume", "bool", "deci"})
    if (k == i) return abi::db_int;
  if (k == "bigi") return abi::db_bigint;
  for (const char* s : {"char", "varc", "vary", "ncha", "nati", "nvar", "text", "clob"})
    if (k == s) return abi::db_string;
  if (k == "blob") return abi::db_blob;
  if (k == "real" || k == "doub" || k == "floa") return abi::db_double;
  if (k == "date") return abi::db_datetime;
  if (k.substr(0, 3) == "int") return abi::db_int;
  return -1;
}

inline void sqlite_free_columns(abi::db_res* r) noexcept {
  counted_pkg_free(r->col.names, "db_free_columns");
  counted_pkg_free(r->col.types, "db_free_columns");
  r->col.names = nullptr;
  r->col.types = nullptr;
  r->col.n = 0;
}

inline void sqlite_free_rows(abi::db_res* r) noexcept {
  if (r->rows) {
    for (int i = 0; i < r->n; ++i)
      for (int j = 0; j < r->col.n; ++j) {
        abi::db_val& v = r->rows[i].values[j];
        if (v.nul || !v.free) continue;
        if (v.type == abi::db_string || v.type == abi::db_str || v.type == abi::db_blob)
          counted_pkg_free(const_cast<char*>(v.val.string_val), "db_sqlite_free_result");  // one pointer, one place
      }
    counted_pkg_free(r->rows[0].values, "db_sqlite_free_result");
    counted_pkg_free(r->rows, "db_sqlite_free_result");
  }
  r->rows = nullptr;
  r->n = 0;
}

/// The result's column names and types, from the statement (and the table's metadata unless `raw`).
inline bool sqlite_columns(const abi::db_con* h, sqlite3_stmt* s, bool raw, abi::db_res* r) {
  const int n = sqlite3_column_count(s);
  if (n <= 0) {
    sqlite_log(abi::l_err, "db_sqlite_get_columns", "no columns returned from the query");
    return false;
  }
  std::size_t text = 0;
  for (int i = 0; i < n; ++i) text += std::strlen(sqlite3_column_name(s, i)) + 1;
  // one block: n db_key (str*) pointers, then the n str they point at, then the names' text
  const std::size_t block =
      std::size_t(n) * (sizeof(abi::str*) + sizeof(abi::str)) + text;  // NOLINT(bugprone-sizeof-expression)
  auto* names = static_cast<abi::db_key*>(counted_pkg_malloc(block, "db_allocate_columns"));
  auto* types =
      static_cast<abi::db_type*>(counted_pkg_malloc(std::size_t(n) * sizeof(abi::db_type), "db_allocate_columns"));
  r->col.names = names;
  r->col.types = types;
  if (!names || !types) return false;
  r->col.n = n;
  auto* strs = reinterpret_cast<abi::str*>(names + n);
  char* at = reinterpret_cast<char*>(strs + n);
  const std::string table = raw || !h->table ? std::string() : std::string(view_of(*h->table));
  for (int i = 0; i < n; ++i) {
    const char* name = sqlite3_column_name(s, i);
    const std::size_t len = std::strlen(name);
    std::memcpy(at, name, len + 1);
    strs[i] = {at, static_cast<int>(len)};
    names[i] = &strs[i];
    at += len + 1;
    if (!raw) {
      int autoinc = 0;
      if (sqlite3_table_column_metadata(pool_of(h)->db, nullptr, table.c_str(), name, nullptr, nullptr, nullptr,
                                        nullptr, &autoinc) != SQLITE_OK) {
        sqlite_log(abi::l_err, "db_sqlite_get_columns", "failed to fetch metadata for column [%s]", name);
        return false;
      }
      if (autoinc) {  // db_sqlite marks PRIMARY KEY AUTOINCREMENT columns with the unused DB_BITMAP
        types[i] = abi::db_bitmap;
        continue;
      }
    }
    const char* decl = sqlite3_column_decltype(s, i);
    if (!decl) {
      sqlite_log(abi::l_err, "db_sqlite_get_columns",
                 "column [%s] has no declared type (an expression): the real db_sqlite crashes here; select a table "
                 "column or CAST(... AS <type>)",
                 name);
      return false;
    }
    types[i] = sqlite_decl_type(decl);
    if (types[i] < 0)
      sqlite_log(abi::l_crit, "get_type_from_decltype",
                 "invalid datatype! this should not happen since all sqlite datatypes are defined here! [%s]", decl);
  }
  return true;
}

/// One value, as db_sqlite_convert_row reads it.
inline bool sqlite_value(sqlite3_stmt* s, int col, abi::db_type t, abi::db_val& v) {
  std::memset(&v, 0, sizeof v);
  if (sqlite3_column_type(s, col) == SQLITE_NULL) {
    v.nul = 1;
    v.type = t;
    return true;
  }
  switch (t) {
    case abi::db_bitmap:  // the autoincrement key: an int stored in all 64 bits
    case abi::db_int:
      v.val.bigint_val = sqlite3_column_int64(s, col);
      v.type = abi::db_int;
      return true;
    case abi::db_bigint:
      v.val.bigint_val = sqlite3_column_int64(s, col);
      v.type = abi::db_bigint;
      return true;
    case abi::db_double:
      v.val.double_val = sqlite3_column_double(s, col);
      v.type = abi::db_double;
      return true;
    case abi::db_datetime: {
      const char* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
      std::tm tm{};
      if (!text || (!strptime(text, "%Y-%m-%d %H:%M:%S", &tm) && !strptime(text, "%Y-%m-%d", &tm))) {
        sqlite_log(abi::l_err, "db_sqlite_convert_row", "error while converting datetime value from string");
        return false;
      }
      tm.tm_isdst = -1;
      v.val.time_val = std::mktime(&tm);
      v.type = abi::db_datetime;
      return true;
    }
    case abi::db_blob:
    case abi::db_string: {
      const void* data = t == abi::db_blob ? sqlite3_column_blob(s, col) : sqlite3_column_text(s, col);
      const int len = sqlite3_column_bytes(s, col);
      auto* p = static_cast<char*>(counted_pkg_malloc(std::size_t(len) + 1, "db_sqlite_convert_row"));
      if (!p) return false;
      if (len) std::memcpy(p, data, std::size_t(len));
      p[len] = '\0';
      if (t == abi::db_blob)
        v.val.blob_val = {p, len};
      else
        v.val.string_val = p;
      v.type = t;
      v.free = 1;
      return true;
    }
    default:
      sqlite_log(abi::l_err, "db_sqlite_convert_row", "invalid type for sqlite!");
      return false;
  }
}

/// Reads up to `max` rows (all when max < 0) of `s` into `*r` (made, with its columns, when null);
/// the previous rows of `*r` are freed first. `done` tells whether the statement ran out.
inline int sqlite_read(const abi::db_con* h, sqlite3_stmt* s, bool raw, abi::db_res** r, int max, bool& done) {
  if (!*r) {
    *r = static_cast<abi::db_res*>(counted_pkg_malloc(sizeof(abi::db_res), "db_new_result"));
    if (!*r) return -2;
    std::memset(*r, 0, sizeof(abi::db_res));
    if (!sqlite_columns(h, s, raw, *r)) return -4;
  } else {
    sqlite_free_rows(*r);
  }
  abi::db_res& res = **r;
  std::vector<abi::db_val> vals;
  int rows = 0;
  done = false;
  bool ok = true;
  while (max < 0 || rows < max) {
    const int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
      done = true;
      break;
    }
    if (rc != SQLITE_ROW) {
      sqlite_log(abi::l_err, "db_sqlite_fetch_result", "step failed: %s", sqlite3_errmsg(pool_of(h)->db));
      ok = false;
      break;
    }
    for (int c = 0; c < res.col.n; ++c) {
      vals.emplace_back();
      if (!sqlite_value(s, c, res.col.types[c], vals.back())) {
        vals.pop_back();
        ok = false;
        break;
      }
    }
    if (!ok) break;
    ++rows;
  }
  if (!ok) {  // nothing of this chunk is kept
    for (abi::db_val& x : vals)
      if (x.free && !x.nul) counted_pkg_free(const_cast<char*>(x.val.string_val), "db_sqlite_convert_row");
    return -4;
  }
  if (rows > 0) {
    res.rows = static_cast<abi::db_row*>(
        counted_pkg_malloc(std::size_t(rows) * sizeof(abi::db_row), "db_sqlite_allocate_rows"));
    auto* block =
        static_cast<abi::db_val*>(counted_pkg_malloc(vals.size() * sizeof(abi::db_val), "db_sqlite_allocate_rows"));
    if (!res.rows || !block) return -5;
    std::memcpy(block, vals.data(), vals.size() * sizeof(abi::db_val));
    for (int i = 0; i < rows; ++i) res.rows[i] = {block + std::size_t(i) * std::size_t(res.col.n), res.col.n};
  }
  res.n = rows;
  res.res_rows += rows;
  res.last_row = res.res_rows;
  return rows;
}

inline int sqlite_free_result(abi::db_con* h, abi::db_res* r) {
  if (!h) {
    sqlite_log(abi::l_err, "db_sqlite_free_result", "invalid database handle");
    return -1;
  }
  sqlite_end_statement(pool_of(h));  // as db_sqlite: freeing any result ends the statement kept for fetching
  if (!r) return 0;
  sqlite_free_rows(r);
  sqlite_free_columns(r);
  counted_pkg_free(r, "db_free_result");
  return 0;
}

/// Runs a prepared SELECT: every row into `*r`, or (r null) kept on the connection for fetch_result.
inline int sqlite_select(const abi::db_con* h, sqlite3_stmt* s, bool raw, abi::db_res** r) {
  sqlite_pool_con* p = pool_of(h);
  if (!r) {
    p->stmt = s;
    p->raw = raw;
    return 0;
  }
  *r = nullptr;
  bool done = false;
  const int rc = sqlite_read(h, s, raw, r, -1, done);
  sqlite3_finalize(s);
  if (rc < 0) {
    sqlite_free_result(const_cast<abi::db_con*>(h), *r);
    *r = nullptr;
    return rc;
  }
  return 0;
}

inline int sqlite_query(const abi::db_con* h, const abi::db_key* k, const abi::db_op* o, const abi::db_val* v,
                        const abi::db_key* c, int n, int nc, abi::db_key order, abi::db_res** r) {
  if (!h || !h->table) {
    core_log(abi::l_err, "db_do_query", "invalid parameter value");
    return -1;
  }
  std::string sql =
      "select " + (c ? sqlite_columns_list(c, nc) : std::string("*")) + " from " + std::string(view_of(*h->table));
  if (n) {
    sql += " where ";
    sqlite_where(sql, h, k, o, n);
  }
  if (order) sql += " order by " + std::string(view_of(*order));
  const_cast<abi::db_con*>(h)->flags &= ~abi::con_or_operator;  // CON_OR_RESET: the OR applies to one query
  sqlite_end_statement(pool_of(h));
  sqlite3_stmt* s = sqlite_prepare(h, sql, v, n);
  if (!s) {
    if (r) *r = nullptr;
    return -1;
  }
  return sqlite_select(h, s, false, r);
}

inline int sqlite_fetch_result(const abi::db_con* h, abi::db_res** r, int nrows) {
  if (!r) {
    sqlite_log(abi::l_err, "db_sqlite_fetch_result", "null result!");
    return -1;
  }
  if (!h || nrows < 0) {
    sqlite_log(abi::l_err, "db_sqlite_fetch_result", "Invalid parameter value");
    if (h) sqlite_free_result(const_cast<abi::db_con*>(h), *r);
    return -1;
  }
  sqlite_pool_con* p = pool_of(h);
  if (nrows == 0) {
    sqlite_free_result(const_cast<abi::db_con*>(h), *r);
    *r = nullptr;
    return 0;
  }
  if (!*r && !p->stmt) {
    sqlite_log(abi::l_err, "db_sqlite_convert_row", "conn has no prepared statement! sqlite requires one");
    return -4;
  }
  if (!p->stmt) {  // every row was fetched: an empty chunk
    sqlite_free_rows(*r);
    return 0;
  }
  bool done = false;
  const int rc = sqlite_read(h, p->stmt, p->raw, r, nrows, done);
  if (rc < 0) {
    sqlite_free_result(const_cast<abi::db_con*>(h), *r);
    *r = nullptr;
    return rc;
  }
  if (done) sqlite_end_statement(p);
  return 0;
}

inline bool sqlite_starts_with(std::string_view s, std::string_view word) noexcept {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != word[i]) return false;
  return true;
}

inline int sqlite_raw_query(const abi::db_con* h, const abi::str* q, abi::db_res** r) {
  if (!h || !q || !q->s) return -1;
  std::string_view text = view_of(*q);
  while (!text.empty() && !std::isalpha(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  sqlite_pool_con* p = pool_of(h);
  // not a select: run it, no result (db_sqlite takes any text shorter than "select" for one: "BEGIN" fails)
  if (text.size() >= 6 && !sqlite_starts_with(text, "select")) {
    char* err = nullptr;
    if (sqlite3_exec(p->db, std::string(view_of(*q)).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      sqlite_log(abi::l_err, "db_sqlite_raw_query", "query failed: %s", err ? err : "?");
      sqlite3_free(err);
      return -2;
    }
    return 0;
  }
  bool from = false;  // db_sqlite counts the rows with "select count(*)" + the text from " from " on
  for (std::size_t i = 0; !from && i + 6 <= text.size(); ++i) from = sqlite_starts_with(text.substr(i), " from ");
  if (!from) {
    sqlite_log(abi::l_err, "db_sqlite_raw_query", "failed to build count str!");
    return -1;
  }
  sqlite_end_statement(p);
  sqlite3_stmt* s = sqlite_prepare(h, std::string(view_of(*q)), nullptr, 0);
  if (!s) return -1;
  return sqlite_select(h, s, true, r);
}

inline int fake_db_sqlite_bind_api(const abi::str*, fake_db_func* dbb) {
  if (!dbb) return -1;
  *dbb = fake_db_func{};
  dbb->use_table = &sqlite_use_table;
  dbb->init = &sqlite_init;
  dbb->close = &sqlite_close;
  dbb->query = &sqlite_query;
  dbb->fetch_result = &sqlite_fetch_result;
  dbb->raw_query = &sqlite_raw_query;
  dbb->free_result = &sqlite_free_result;
  dbb->insert = &sqlite_insert;
  dbb->delete_ = &sqlite_delete;
  dbb->update = &sqlite_update;
  dbb->replace = &sqlite_replace;
  dbb->last_inserted_id = &sqlite_last_inserted_id;
  dbb->insert_update = &sqlite_insert_update;
  return 0;
}

/// The fake db_sqlite module: its only export is db_bind_api (as the real one's).
struct fake_db_module {
  abi::cmd_export cmds[2];
  abi::module_exports exp;
};
inline fake_db_module& fake_db_sqlite_module() {
  static fake_db_module m = [] {
    fake_db_module x{};
    x.cmds[0].name = "db_bind_api";
    x.cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_db_sqlite_bind_api));
    x.exp.name = "db_sqlite";
    x.exp.type = abi::mod_type_sqldb;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
