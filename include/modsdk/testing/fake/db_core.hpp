// SPDX-License-Identifier: MIT
// Test kit fake core: the core's generic database support (db/db.c): binding a backend by the URL's
// scheme (`mysql://` -> the module db_mysql's db_bind_api, found like find_mod_export does), the
// capabilities computed from the functions a backend fills, and the `version` table checks.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/db_sqlite_query.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// db_check_api(): every backend needs use_table, init and close; each other function it fills adds its
/// capability (a backend may also fill `cap` itself, which the core then keeps).
inline int db_check_api(fake_db_func& f, const char* module) {
  for (auto [fn, name] :
       {std::pair{reinterpret_cast<void*>(f.use_table), "db_use_table"},
        std::pair{reinterpret_cast<void*>(f.init), "db_init"}, std::pair{reinterpret_cast<void*>(f.close), "db_close"}})
    if (!fn) {
      core_log(abi::l_err, "db_check_api", "module %s does not export %s function", module, name);
      return -1;
    }
  if (f.query) f.cap |= abi::db_cap_query;
  if (f.fetch_result) f.cap |= abi::db_cap_fetch;
  if (f.raw_query) f.cap |= abi::db_cap_raw_query;
  if ((f.cap & (abi::db_cap_query | abi::db_cap_raw_query)) && !f.free_result) {
    core_log(abi::l_err, "db_check_api", "module %s supports queries but does not export free_result", module);
    return -1;
  }
  if (f.insert) f.cap |= abi::db_cap_insert;
  if (f.delete_) f.cap |= abi::db_cap_delete;
  if (f.update) f.cap |= abi::db_cap_update;
  if (f.replace) f.cap |= abi::db_cap_replace;
  if (f.last_inserted_id) f.cap |= abi::db_cap_last_inserted_id;
  if (f.insert_update) f.cap |= abi::db_cap_insert_update;
  if (f.async_raw_query || f.async_resume || f.async_free_result) {
    if (!f.async_raw_query || !f.async_resume || !f.async_free_result) {
      core_log(abi::l_crit, "db_check_api", "NULL async raw_query | resume | free_result in %s", module);
      return -1;
    }
    f.cap |= abi::db_cap_async_raw_query;
  }
  return 0;
}

inline const char* g_db_version_table = "version";

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: database support ------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int db_bind_mod(const str* url, void* dbf) {
  namespace d = testing::detail;
  if (!url || !url->s) {
    d::core_log(l_crit, "db_bind_mod", "null database module name");
    return -1;
  }
  if (!dbf) {
    d::core_log(l_crit, "db_bind_mod", "null dbf parameter");
    return -1;
  }
  if (url->len > 255) {  // the core returns "success" here without binding anything
    d::core_log(l_err, "db_bind_mod", "SQL URL too long");
    return 0;
  }
  std::memset(dbf, 0, sizeof(d::fake_db_func));
  const std::string_view u(url->s, static_cast<std::size_t>(url->len));
  const std::string module = "db_" + std::string(u.substr(0, u.find(':')));
  d::fake_db_func f{};
  using bind_api = int (*)(const str*, d::fake_db_func*);
  if (auto bind =
          reinterpret_cast<bind_api>(reinterpret_cast<void*>(find_mod_export(module.c_str(), "db_bind_api", 0)))) {
    if (bind(url, &f) < 0) {
      d::core_log(l_err, "db_bind_mod", "db_bind_api returned error for module %s", module.c_str());
      return -1;
    }
  }
  // (no db_bind_api: the core looks for the old per-function exports, which no fake module has)
  if (!(f.cap & db_cap_insert) && d::db_check_api(f, module.c_str()) != 0) return -1;
  std::memcpy(dbf, &f, sizeof f);
  return 0;
}

int db_table_version(const void* dbf, db_con* con, const str* table) {
  namespace d = testing::detail;
  const auto* f = static_cast<const d::fake_db_func*>(dbf);
  if (!f || !con || !table || !table->s) {
    d::core_log(l_crit, "db_table_version", "invalid parameter value");
    return -1;
  }
  str version_table{const_cast<char*>(d::g_db_version_table), static_cast<int>(std::strlen(d::g_db_version_table))};
  if (f->use_table(con, &version_table) < 0) {
    d::core_log(l_err, "db_table_version", "error while changing table");
    return -1;
  }
  char name_col[] = "table_name", ver_col[] = "table_version";
  str k{name_col, sizeof name_col - 1}, c{ver_col, sizeof ver_col - 1};
  db_key key = &k, col = &c;
  db_val val{};
  val.type = db_str;
  val.val.str_val = *table;
  db_res* res = nullptr;
  if (f->query(con, &key, nullptr, &val, &col, 1, 1, nullptr, &res) < 0) {
    d::core_log(l_err, "db_table_version", "error in db_query");
    return -1;
  }
  int ret;
  if (res->n == 0) {
    d::core_log(l_dbg, "db_table_version", "no row for table %.*s found", table->len, table->s);
    ret = -2;
  } else if (res->n != 1) {
    d::core_log(l_err, "db_table_version", "invalid number of rows received: %d, %.*s", res->n, table->len, table->s);
    ret = -1;
  } else {
    const db_val& v = res->rows[0].values[0];
    if ((v.type != db_int && v.type != db_bigint) || v.nul) {
      d::core_log(l_err, "db_table_version", "invalid type (%d) or nul (%d) version columns for %.*s", v.type, v.nul,
                  table->len, table->s);
      ret = -1;
    } else {
      ret = v.type == db_int ? v.val.int_val : static_cast<int>(v.val.bigint_val);
    }
  }
  f->free_result(con, res);  // (the core leaks the result when the row is missing; the fake does not)
  return ret;
}

int db_check_table_version(void* dbf, db_con* con, const str* table, unsigned int version) {
  namespace d = testing::detail;
  const auto* f = static_cast<const d::fake_db_func*>(dbf);
  if (!(f->cap & db_cap_query)) return 0;
  const int ver = db_table_version(dbf, con, table);
  if (ver == -2) {
    d::core_log(l_err, "db_check_table_version", "'%.*s' record not found in '%s' table, expected ver %u", table->len,
                table->s, d::g_db_version_table, version);
    return -2;
  }
  if (ver < 0) {
    d::core_log(l_err, "db_check_table_version", "querying version for table %.*s", table->len, table->s);
    return -1;
  }
  if (static_cast<unsigned>(ver) != version) {
    d::core_log(l_err, "db_check_table_version", "invalid version %d for table %.*s found, expected %u", ver,
                table->len, table->s, version);
    return -1;
  }
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
