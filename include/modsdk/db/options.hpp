// SPDX-License-Identifier: MIT
/// @file What a module declares about its database (modsdk/db.hpp): the backend capabilities its
/// statements need and the table versions it was written for, checked when the module starts.
///
///     modsdk::db::database db{db_url, {.needs = db::cap::query | db::cap::insert,
///                                      .tables = {{"greetings", 1}}}};
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/db.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {

/// Backend capabilities (the core's DB_CAP_*), combined with `|`.
enum class cap : unsigned {
  none = 0,
  query = abi::db_cap_query,                        ///< select
  raw_query = abi::db_cap_raw_query,                ///< raw_query
  insert = abi::db_cap_insert,                      ///< insert
  delete_ = abi::db_cap_delete,                     ///< delete_from
  update = abi::db_cap_update,                      ///< update
  replace = abi::db_cap_replace,                    ///< replace
  fetch = abi::db_cap_fetch,                        ///< select with db::chunks_of(n) fetches in chunks
  last_inserted_id = abi::db_cap_last_inserted_id,  ///< last_inserted_id
  insert_update = abi::db_cap_insert_update,        ///< insert_update
  async_raw_query = abi::db_cap_async_raw_query,
  multiple_insert = abi::db_cap_multiple_insert,
};
constexpr cap operator|(cap a, cap b) noexcept { return cap(unsigned(a) | unsigned(b)); }
constexpr bool has(cap set, cap c) noexcept { return (unsigned(set) & unsigned(c)) == unsigned(c); }

/// A table and the `table_version` its rows in the core's `version` table must have.
struct table_version {
  std::string_view table;
  unsigned version = 0;
};

inline constexpr std::size_t max_checked_tables = 8;

/// How a module uses its database (all optional).
struct options {
  /// Capabilities the backend must have, or the start fails naming what is missing.
  cap needs = cap::none;
  /// Tables whose version is checked in mod_init (db_check_table_version), up to 8.
  table_version tables[max_checked_tables] = {};
  /// With an empty URL (the parameter not set) the module runs without a database instead of failing:
  /// statements then fail with a log line, and enabled() is false.
  bool optional = false;
};

}  // namespace db

namespace detail {
/// A capability's name in messages: what it does and the core's DB_CAP_* name.
constexpr std::string_view db_cap_name(unsigned cap) noexcept {
  switch (cap) {
    case abi::db_cap_query:
      return "query (DB_CAP_QUERY)";
    case abi::db_cap_raw_query:
      return "raw query (DB_CAP_RAW_QUERY)";
    case abi::db_cap_insert:
      return "insert (DB_CAP_INSERT)";
    case abi::db_cap_delete:
      return "delete (DB_CAP_DELETE)";
    case abi::db_cap_update:
      return "update (DB_CAP_UPDATE)";
    case abi::db_cap_replace:
      return "replace (DB_CAP_REPLACE)";
    case abi::db_cap_fetch:
      return "fetch (DB_CAP_FETCH)";
    case abi::db_cap_last_inserted_id:
      return "last inserted id (DB_CAP_LAST_INSERTED_ID)";
    case abi::db_cap_insert_update:
      return "insert-update (DB_CAP_INSERT_UPDATE)";
    case abi::db_cap_async_raw_query:
      return "async raw query (DB_CAP_ASYNC_RAW_QUERY)";
    case abi::db_cap_multiple_insert:
      return "multiple insert (DB_CAP_MULTIPLE_INSERT)";
    case abi::db_cap_prepared_stmt:
      return "prepared statements (DB_CAP_PREPARED_STMT)";
    default:
      return "an unknown capability";
  }
}
}  // namespace detail
MODSDK_END_NAMESPACE
