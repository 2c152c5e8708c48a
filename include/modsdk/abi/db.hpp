// SPDX-License-Identifier: MIT
// ABI layer: the core's generic database API (db/), as a module sees it: the value, row, result and
// connection structures, the db_type_t / DB_CAP_* / CON_* values, the OP_* operator strings, the
// function table a backend fills (db_func_t, which gained `async_timeout` in 3.5: db_func_3_4 and
// db_func_3_5, picked per version in v3_4.hpp / v3_5.hpp) and the core's binding and version-check
// functions. Identical in 3.4 - 4.0 except db_func_t and DB_CAP_PREPARED_STMT (3.5+). Declared in
// modsdk's own words from the measured facts (abi-facts, keys db_*) and checked by abi_layout.cpp.
#pragma once
#include <ctime>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

// ---- db_type_t --------------------------------------------------------------------------------------
using db_type = int;
inline constexpr db_type db_int = 0,  ///< int_val
    db_bigint = 1,                    ///< bigint_val (long long)
    db_double = 2,                    ///< double_val
    db_string = 3,                    ///< string_val (NUL-terminated)
    db_str = 4,                       ///< str_val
    db_datetime = 5,                  ///< time_val (time_t)
    db_blob = 6,                      ///< blob_val (a str of bytes)
    db_bitmap = 7;                    ///< bitmap_val (32 flags)

/// `db_val_t`: one value, to or from a backend. `nul` marks SQL NULL; `free` tells the backend's
/// free_result that it allocated the text.
struct db_val {
  db_type type;
  int nul;
  int free;
  union {
    int int_val;
    long long bigint_val;
    double double_val;
    std::time_t time_val;
    const char* string_val;
    str str_val;
    str blob_val;
    unsigned int bitmap_val;
  } val;
};

/// `db_key_t` (a column name) and `db_op_t` (an operator, one of the op_* strings).
using db_key = str*;
using db_op = const char*;

inline constexpr db_op op_lt = "<", op_gt = ">", op_eq = "=", op_leq = "<=", op_geq = ">=", op_neq = "!=";

/// `db_row_t`: `n` values.
struct db_row {
  db_val* values;
  int n;
};

/// `db_res_t`: column names and types, then the rows of this chunk (`n`); `res_rows` and `last_row`
/// are the backend's bookkeeping for fetch_result.
struct db_res {
  struct {
    db_key* names;
    db_type* types;
    int n;
  } col;
  db_row* rows;
  int n;
  int res_rows;
  int last_row;
};

/// `db_con_t`: a connection handle (the backend's state hangs off `tail`). `table` points at the str
/// given to use_table: it must stay alive until the statement that follows has run.
struct db_con {
  const str* table;
  void** curr_ps;  ///< db_ps_t*
  void* ins_list;  ///< struct query_list*
  unsigned long tail;
  str url;
  int flags;
};
inline constexpr int con_instant_flush = 1, con_or_operator = 2;

// ---- db_cap_t ---------------------------------------------------------------------------------------
inline constexpr unsigned db_cap_query = 1u << 0, db_cap_raw_query = 1u << 1, db_cap_async_raw_query = 1u << 2,
                          db_cap_insert = 1u << 3, db_cap_delete = 1u << 4, db_cap_update = 1u << 5,
                          db_cap_replace = 1u << 6, db_cap_fetch = 1u << 7, db_cap_last_inserted_id = 1u << 8,
                          db_cap_insert_update = 1u << 9, db_cap_multiple_insert = 1u << 10,
                          db_cap_prepared_stmt = 1u << 11;  ///< 3.5+
inline constexpr unsigned db_cap_all = db_cap_query | db_cap_insert | db_cap_delete | db_cap_update;

// ---- db_func_t --------------------------------------------------------------------------------------
using db_use_table_f = int (*)(db_con* h, const str* table);
using db_init_f = db_con* (*)(const str* url);
using db_close_f = void (*)(db_con* h);
using db_query_f = int (*)(const db_con* h, const db_key* keys, const db_op* ops, const db_val* vals,
                           const db_key* cols, int n, int nc, db_key order, db_res** res);
using db_fetch_result_f = int (*)(const db_con* h, db_res** res, int rows);
using db_raw_query_f = int (*)(const db_con* h, const str* query, db_res** res);
using db_free_result_f = int (*)(db_con* h, db_res* res);
using db_insert_f = int (*)(const db_con* h, const db_key* keys, const db_val* vals, int n);
using db_delete_f = int (*)(const db_con* h, const db_key* keys, const db_op* ops, const db_val* vals, int n);
using db_update_f = int (*)(const db_con* h, const db_key* keys, const db_op* ops, const db_val* vals,
                            const db_key* ukeys, const db_val* uvals, int n, int un);
using db_replace_f = int (*)(const db_con* h, const db_key* keys, const db_val* vals, int n);
using db_last_inserted_id_f = int (*)(const db_con* h);
using db_insert_update_f = int (*)(const db_con* h, const db_key* keys, const db_val* vals, int n);
using db_async_raw_query_f = int (*)(db_con* h, const str* query, void** priv);
using db_async_resume_f = int (*)(db_con* h, int fd, db_res** res, void* priv);
using db_async_free_result_f = int (*)(db_con* h, db_res* res, void* priv);
using db_async_timeout_f = void (*)(db_con* h, int fd, void* priv);  ///< 3.5+

/// `db_func_t` up to 3.4: the capabilities, then what the backend implements (NULL when it does not).
struct db_func_3_4 {
  unsigned int cap;
  db_use_table_f use_table;
  db_init_f init;
  db_close_f close;
  db_query_f query;
  db_fetch_result_f fetch_result;
  db_raw_query_f raw_query;
  db_free_result_f free_result;
  db_insert_f insert;
  db_delete_f delete_;
  db_update_f update;
  db_replace_f replace;
  db_last_inserted_id_f last_inserted_id;
  db_insert_update_f insert_update;
  db_async_raw_query_f async_raw_query;
  db_async_resume_f async_resume;
  db_async_free_result_f async_free_result;
};

/// `db_func_t` from 3.5: async_timeout appended.
struct db_func_3_5 {
  unsigned int cap;
  db_use_table_f use_table;
  db_init_f init;
  db_close_f close;
  db_query_f query;
  db_fetch_result_f fetch_result;
  db_raw_query_f raw_query;
  db_free_result_f free_result;
  db_insert_f insert;
  db_delete_f delete_;
  db_update_f update;
  db_replace_f replace;
  db_last_inserted_id_f last_inserted_id;
  db_insert_update_f insert_update;
  db_async_raw_query_f async_raw_query;
  db_async_resume_f async_resume;
  db_async_free_result_f async_free_result;
  db_async_timeout_f async_timeout;
};

// ---- the core's functions (db/db.c), in every supported version ---------------------------------------
// `dbf` is the version's db_func (for_profile_t<P>::db_func): C has one symbol for every layout.
extern "C" {
/// Fills `dbf` from the backend named by the URL's scheme (`mysql://...` -> module db_mysql); 0 = bound.
MODSDK_CORE_SYMBOL int db_bind_mod(const str* url, void* dbf);
/// The `table_version` of `table` in the `version` table; -2 when it has no row.
MODSDK_CORE_SYMBOL int db_table_version(const void* dbf, db_con* con, const str* table);
/// 0 when `table`'s version is `version`; logs and returns < 0 otherwise.
MODSDK_CORE_SYMBOL int db_check_table_version(void* dbf, db_con* con, const str* table, unsigned int version);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
