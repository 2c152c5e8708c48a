// SPDX-License-Identifier: MIT
// ABI layer: the cachedb API (abi/cachedb.hpp) against the values printed by probes compiled against the real
// OpenSIPS headers (shared research, abi-facts/opensips-<version>.txt, keys cachedb_* and CACHEDB_CAP_*).
#include <cstddef>

#include <modsdk/abi/cachedb.hpp>
#include <modsdk/abi/select.hpp>

namespace abi = modsdk::abi;
using modsdk::profile;

// ---- identical in 3.4.18, 3.5.9, 3.6.8, 4.0.1 -------------------------------------------------------
static_assert(sizeof(abi::cachedb_con) == 24);
static_assert(offsetof(abi::cachedb_con, url) == 0);
static_assert(offsetof(abi::cachedb_con, data) == 16);
static_assert(abi::cachedb_cap_get == 1u);
static_assert(abi::cachedb_cap_set == 2u);
static_assert(abi::cachedb_cap_remove == 4u);
static_assert(abi::cachedb_cap_add == 8u);
static_assert(abi::cachedb_cap_sub == 16u);
static_assert(abi::cachedb_cap_binary_value == 32u);
static_assert(abi::cachedb_cap_raw == 64u);
static_assert(abi::cachedb_cap_truncate == 128u);

// ---- cachedb_funcs in 3.4.18 and 3.5.9 ---------------------------------------------------------------
static_assert(sizeof(abi::cachedb_funcs_3_4) == 184);
static_assert(offsetof(abi::cachedb_funcs_3_4, init) == 0);
static_assert(offsetof(abi::cachedb_funcs_3_4, destroy) == 8);
static_assert(offsetof(abi::cachedb_funcs_3_4, get) == 16);
static_assert(offsetof(abi::cachedb_funcs_3_4, get_counter) == 24);
static_assert(offsetof(abi::cachedb_funcs_3_4, set) == 32);
static_assert(offsetof(abi::cachedb_funcs_3_4, remove) == 40);
static_assert(offsetof(abi::cachedb_funcs_3_4, remove_key) == 48);
static_assert(offsetof(abi::cachedb_funcs_3_4, add) == 56);
static_assert(offsetof(abi::cachedb_funcs_3_4, sub) == 64);
static_assert(offsetof(abi::cachedb_funcs_3_4, raw_query) == 72);
static_assert(offsetof(abi::cachedb_funcs_3_4, truncate) == 80);
static_assert(offsetof(abi::cachedb_funcs_3_4, db_query_trans) == 88);
static_assert(offsetof(abi::cachedb_funcs_3_4, db_free_trans) == 96);
static_assert(offsetof(abi::cachedb_funcs_3_4, db_insert_trans) == 104);
static_assert(offsetof(abi::cachedb_funcs_3_4, db_delete_trans) == 112);
static_assert(offsetof(abi::cachedb_funcs_3_4, db_update_trans) == 120);
static_assert(offsetof(abi::cachedb_funcs_3_4, query) == 128);
static_assert(offsetof(abi::cachedb_funcs_3_4, update) == 136);
static_assert(offsetof(abi::cachedb_funcs_3_4, map_get) == 144);
static_assert(offsetof(abi::cachedb_funcs_3_4, map_set) == 152);
static_assert(offsetof(abi::cachedb_funcs_3_4, map_remove) == 160);
static_assert(offsetof(abi::cachedb_funcs_3_4, is_replicated) == 168);
static_assert(offsetof(abi::cachedb_funcs_3_4, capability) == 176);

// ---- cachedb_funcs in 3.6.8 and 4.0.1 ---------------------------------------------------------------
static_assert(sizeof(abi::cachedb_funcs_3_6) == 192);
static_assert(offsetof(abi::cachedb_funcs_3_6, init) == 0);
static_assert(offsetof(abi::cachedb_funcs_3_6, destroy) == 8);
static_assert(offsetof(abi::cachedb_funcs_3_6, get) == 16);
static_assert(offsetof(abi::cachedb_funcs_3_6, get_counter) == 24);
static_assert(offsetof(abi::cachedb_funcs_3_6, set) == 32);
static_assert(offsetof(abi::cachedb_funcs_3_6, remove) == 40);
static_assert(offsetof(abi::cachedb_funcs_3_6, remove_key) == 48);
static_assert(offsetof(abi::cachedb_funcs_3_6, add) == 56);
static_assert(offsetof(abi::cachedb_funcs_3_6, sub) == 64);
static_assert(offsetof(abi::cachedb_funcs_3_6, iter_keys) == 72);
static_assert(offsetof(abi::cachedb_funcs_3_6, raw_query) == 80);
static_assert(offsetof(abi::cachedb_funcs_3_6, truncate) == 88);
static_assert(offsetof(abi::cachedb_funcs_3_6, db_query_trans) == 96);
static_assert(offsetof(abi::cachedb_funcs_3_6, db_free_trans) == 104);
static_assert(offsetof(abi::cachedb_funcs_3_6, db_insert_trans) == 112);
static_assert(offsetof(abi::cachedb_funcs_3_6, db_delete_trans) == 120);
static_assert(offsetof(abi::cachedb_funcs_3_6, db_update_trans) == 128);
static_assert(offsetof(abi::cachedb_funcs_3_6, query) == 136);
static_assert(offsetof(abi::cachedb_funcs_3_6, update) == 144);
static_assert(offsetof(abi::cachedb_funcs_3_6, map_get) == 152);
static_assert(offsetof(abi::cachedb_funcs_3_6, map_set) == 160);
static_assert(offsetof(abi::cachedb_funcs_3_6, map_remove) == 168);
static_assert(offsetof(abi::cachedb_funcs_3_6, is_replicated) == 176);
static_assert(offsetof(abi::cachedb_funcs_3_6, capability) == 184);

// ---- the layout each profile picks ---------------------------------------------------------------
static_assert(sizeof(abi::for_profile_t<profile::v3_4>::cachedb_funcs) == 184);
static_assert(sizeof(abi::for_profile_t<profile::v3_5>::cachedb_funcs) == 184);
static_assert(sizeof(abi::for_profile_t<profile::v3_6>::cachedb_funcs) == 192);
static_assert(sizeof(abi::for_profile_t<profile::v3_6_7>::cachedb_funcs) == 192);
static_assert(sizeof(abi::for_profile_t<profile::v4_0>::cachedb_funcs) == 192);
static_assert(sizeof(abi::for_profile_t<profile::master>::cachedb_funcs) == 192);

int main() { return 0; }
