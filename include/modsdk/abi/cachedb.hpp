// SPDX-License-Identifier: MIT
// ABI layer: the core's key-value cache API (cachedb/), as a module sees it: the connection handle, the
// function table an engine registers (cachedb_funcs, which gained `iter_keys` after `sub` in 3.6:
// cachedb_funcs_3_4 and cachedb_funcs_3_6, picked per version in v3_4.hpp / v3_6.hpp), the CACHEDB_CAP_*
// bits and the core's binding function. Declared in modsdk's own words from the measured facts
// (abi-facts, keys cachedb_* / CACHEDB_CAP_*) and checked by tests/static/abi_cachedb.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `cachedb_con`: a connection handle (the engine's state hangs off `data`).
struct cachedb_con {
  str url;
  void* data;
};

// ---- the functions modsdk calls; the others are opaque slots -----------------------------------------
using cachedb_init_f = cachedb_con* (*)(str* url);
using cachedb_destroy_f = void (*)(cachedb_con* con);
/// 0 or 1: found (`val->s` is pkg memory the caller frees); -2: no such key; other < 0: error.
using cachedb_get_f = int (*)(cachedb_con* con, str* attr, str* val);
/// 0 or 1: found; -2: no such key; other < 0: error (cachedb_local: -3 when the value is not an integer).
using cachedb_get_counter_f = int (*)(cachedb_con* con, str* attr, int* val);
/// `expires` in seconds, 0 = never.
using cachedb_set_f = int (*)(cachedb_con* con, str* attr, str* val, int expires);
using cachedb_remove_f = int (*)(cachedb_con* con, str* attr);
/// add/sub: creates the key with `val` when missing; `*new_val` gets the result.
using cachedb_add_f = int (*)(cachedb_con* con, str* attr, int val, int expires, int* new_val);

/// `cachedb_funcs` up to 3.5 (184 bytes).
struct cachedb_funcs_3_4 {
  cachedb_init_f init;
  cachedb_destroy_f destroy;
  cachedb_get_f get;
  cachedb_get_counter_f get_counter;
  cachedb_set_f set;
  cachedb_remove_f remove;
  any_fn remove_key;  ///< `_remove`
  cachedb_add_f add;
  cachedb_add_f sub;
  any_fn raw_query, truncate;
  any_fn db_query_trans, db_free_trans, db_insert_trans, db_delete_trans, db_update_trans;
  any_fn query, update;
  any_fn map_get, map_set, map_remove;
  any_fn is_replicated;
  int capability;
};

/// `cachedb_funcs` from 3.6 (192 bytes): iter_keys inserted after sub.
struct cachedb_funcs_3_6 {
  cachedb_init_f init;
  cachedb_destroy_f destroy;
  cachedb_get_f get;
  cachedb_get_counter_f get_counter;
  cachedb_set_f set;
  cachedb_remove_f remove;
  any_fn remove_key;  ///< `_remove`
  cachedb_add_f add;
  cachedb_add_f sub;
  any_fn iter_keys;
  any_fn raw_query, truncate;
  any_fn db_query_trans, db_free_trans, db_insert_trans, db_delete_trans, db_update_trans;
  any_fn query, update;
  any_fn map_get, map_set, map_remove;
  any_fn is_replicated;
  int capability;
};

// ---- cachedb_cap: the same values in every version up to TRUNCATE; the bits after it moved in 3.6 -----
inline constexpr unsigned cachedb_cap_get = 1u << 0, cachedb_cap_set = 1u << 1, cachedb_cap_remove = 1u << 2,
                          cachedb_cap_add = 1u << 3, cachedb_cap_sub = 1u << 4, cachedb_cap_binary_value = 1u << 5,
                          cachedb_cap_raw = 1u << 6, cachedb_cap_truncate = 1u << 7;

// ---- the core's function (cachedb/cachedb.c), in every supported version ------------------------------
extern "C" {
/// Fills `funcs` (the version's cachedb_funcs) from the engine the URL names (`local://` -> the engine
/// "local" that cachedb_local registered); 0 = bound, < 0 = no such engine (the core logs it).
MODSDK_CORE_SYMBOL int cachedb_bind_mod(str* url, void* funcs);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
