// SPDX-License-Identifier: MIT
// ABI layer: sizes, offsets and constants of every profile against the values printed by probes compiled
// against the real OpenSIPS headers (shared research, abi-facts/opensips-<version>.txt, x86_64 LP64).
#include <cstddef>
#include <string_view>

#include <modsdk/abi/db.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>

namespace abi = modsdk::abi;
using modsdk::profile;

// ---- identical in 3.4.18, 3.5.9, 3.6.8, 4.0.1 -------------------------------------------------------
static_assert(sizeof(abi::module_exports) == 184);
static_assert(offsetof(abi::module_exports, name) == 0);
static_assert(offsetof(abi::module_exports, type) == 8);
static_assert(offsetof(abi::module_exports, ver_info) == 16);
static_assert(offsetof(abi::module_exports, ver_info.compile_flags) == 24);
static_assert(offsetof(abi::module_exports, ver_info.scm.type) == 32);
static_assert(offsetof(abi::module_exports, ver_info.scm.rev) == 40);
static_assert(offsetof(abi::module_exports, dlflags) == 48);
static_assert(offsetof(abi::module_exports, load_f) == 56);
static_assert(offsetof(abi::module_exports, deps) == 64);
static_assert(offsetof(abi::module_exports, cmds) == 72);
static_assert(offsetof(abi::module_exports, acmds) == 80);
static_assert(offsetof(abi::module_exports, params) == 88);
static_assert(offsetof(abi::module_exports, stats) == 96);
static_assert(offsetof(abi::module_exports, mi_cmds) == 104);
static_assert(offsetof(abi::module_exports, items) == 112);
static_assert(offsetof(abi::module_exports, trans) == 120);
static_assert(offsetof(abi::module_exports, procs) == 128);
static_assert(offsetof(abi::module_exports, preinit_f) == 136);
static_assert(offsetof(abi::module_exports, init_f) == 144);
static_assert(offsetof(abi::module_exports, response_f) == 152);
static_assert(offsetof(abi::module_exports, destroy_f) == 160);
static_assert(offsetof(abi::module_exports, init_child_f) == 168);
static_assert(offsetof(abi::module_exports, reload_ack_f) == 176);

static_assert(sizeof(abi::cmd_export) == 240);
static_assert(offsetof(abi::cmd_export, name) == 0);
static_assert(offsetof(abi::cmd_export, function) == 8);
static_assert(offsetof(abi::cmd_export, params) == 16);
static_assert(offsetof(abi::cmd_export, flags) == 232);
static_assert(sizeof(abi::acmd_export) == 232);
static_assert(offsetof(abi::acmd_export, params) == 16);
static_assert(sizeof(abi::cmd_param) == 24);
static_assert(offsetof(abi::cmd_param, flags) == 0);
static_assert(offsetof(abi::cmd_param, fixup) == 8);
static_assert(offsetof(abi::cmd_param, free_fixup) == 16);

static_assert(sizeof(abi::param_export) == 24);
static_assert(offsetof(abi::param_export, type) == 8);
static_assert(offsetof(abi::param_export, param_pointer) == 16);
static_assert(sizeof(abi::stat_export) == 24);
static_assert(offsetof(abi::stat_export, stat_pointer) == 16);
static_assert(sizeof(abi::stat_var_layout) == 64);
static_assert(offsetof(abi::stat_var_layout, flags) == 24);
static_assert(offsetof(abi::stat_var_layout, u) == 40);
static_assert(sizeof(abi::pv_export) == 72);
static_assert(sizeof(abi::trans_export) == 32);
static_assert(sizeof(abi::proc_export) == 40);
static_assert(offsetof(abi::proc_export, no) == 32);
static_assert(offsetof(abi::proc_export, flags) == 36);
static_assert(sizeof(abi::str) == 16);
static_assert(sizeof(abi::pv_value) == 24);
static_assert(offsetof(abi::pv_value, rs) == 0);
static_assert(offsetof(abi::pv_value, ri) == 16);
static_assert(offsetof(abi::pv_value, flags) == 20);
static_assert(sizeof(abi::module_dependency) == 24);
static_assert(sizeof(abi::modparam_dependency) == 16);
static_assert(offsetof(abi::dep_export<1>, mpd) == 240);
static_assert(sizeof(abi::sl_binds) == 16);
static_assert(sizeof(abi::hdr_field) == 72);
static_assert(offsetof(abi::hdr_field, name) == 8);
static_assert(offsetof(abi::hdr_field, body) == 24);
static_assert(offsetof(abi::hdr_field, next) == 56);
static_assert(offsetof(abi::sip_msg_prefix, first_line.type) == 8);
static_assert(offsetof(abi::sip_msg_prefix, first_line.a) == 16);  // method / version
static_assert(offsetof(abi::sip_msg_prefix, first_line.b) == 32);  // uri / status
static_assert(offsetof(abi::sip_msg_prefix, first_line.value) == 64);
static_assert(offsetof(abi::sip_msg_prefix, headers) == 88);
static_assert(offsetof(abi::sip_msg_prefix, parsed_flag) == 104);
static_assert(sizeof(abi::sip_msg_prefix) == 120);

static_assert(abi::max_cmd_params == 8);
static_assert(abi::cmd_param_int == 1 && abi::cmd_param_str == 2 && abi::cmd_param_var == 4 &&
              abi::cmd_param_regex == 8 && abi::cmd_param_opt == 16 && abi::cmd_param_fix_null == 32 &&
              abi::cmd_param_no_expand == 64 && abi::cmd_param_static == 128);
static_assert(abi::request_route == 1 && abi::failure_route == 2 && abi::onreply_route == 4 && abi::branch_route == 8 &&
              abi::error_route == 16 && abi::local_route == 32 && abi::startup_route == 64 && abi::timer_route == 128 &&
              abi::event_route == 256 && abi::all_routes == 511);
static_assert(abi::str_param == 1 && abi::int_param == 2 && abi::use_func_param == 2147483648u);
static_assert(abi::mod_type_default == 1);
static_assert(abi::pv_val_null == 1 && abi::pv_val_str == 4 && abi::pv_val_int == 8 && abi::pv_type_int == 16);
static_assert(abi::dep_silent == 1 && abi::dep_warn == 2 && abi::dep_abort == 4);

// ---- per version ----------------------------------------------------------------------------------
template <profile P, std::size_t MiExport, std::size_t MiRecipe, int MaxMi, std::size_t Async, int PvSpec,
          unsigned DepReverseInit>
constexpr bool profile_matches() {
  using V = abi::for_profile_t<P>;
  return sizeof(typename V::mi_export) == MiExport && sizeof(typename V::mi_export{}.recipes[0]) == MiRecipe &&
         V::max_mi_params == MaxMi && sizeof(typename V::async_ctx) == Async && V::pv_spec_size == PvSpec &&
         V::dep_reverse_init == DepReverseInit;
}
//                                      mi_export recipe MAX_MI async pv_spec DEP_REVERSE_INIT
static_assert(profile_matches<profile::v3_4, 4256, 88, 10, 32, 104, 8>());     // 3.4.18
static_assert(profile_matches<profile::v3_5, 4256, 88, 10, 32, 104, 8>());     // 3.5.9
static_assert(profile_matches<profile::v3_6, 4256, 88, 10, 32, 104, 40>());    // 3.6.0 - 3.6.6
static_assert(profile_matches<profile::v3_6_7, 4256, 88, 10, 32, 112, 40>());  // 3.6.8
static_assert(profile_matches<profile::v4_0, 8128, 168, 20, 40, 112, 40>());   // 4.0.1
static_assert(profile_matches<profile::master, 8128, 168, 20, 40, 112, 40>());
static_assert(offsetof(abi::mi_export_4x, aliases) == 8096);
static_assert(offsetof(abi::mi_export_3x, recipes) == 32 && offsetof(abi::mi_export_4x, recipes) == 32);
static_assert(offsetof(abi::async_ctx_3x, resume_param) == 8 && offsetof(abi::async_ctx_3x, timeout_s) == 24);
static_assert(offsetof(abi::async_ctx_4x, resume_param) == 16 && offsetof(abi::async_ctx_4x, timeout_s) == 32);
static_assert(!abi::v3_4::has_parse_headers_aux && abi::v3_5::has_parse_headers_aux);
static_assert(!abi::v3_5::has_mi_arr_param_object && abi::v3_6::has_mi_arr_param_object);

// ---- database API (db/): identical in 3.4.18, 3.5.9, 3.6.8, 4.0.1 except db_func_t -------------------
static_assert(sizeof(abi::db_val) == 32);
static_assert(offsetof(abi::db_val, type) == 0);
static_assert(offsetof(abi::db_val, nul) == 4);
static_assert(offsetof(abi::db_val, free) == 8);
static_assert(offsetof(abi::db_val, val) == 16);
static_assert(offsetof(abi::db_val, val.int_val) == 16);
static_assert(offsetof(abi::db_val, val.bigint_val) == 16);
static_assert(offsetof(abi::db_val, val.double_val) == 16);
static_assert(offsetof(abi::db_val, val.time_val) == 16);
static_assert(offsetof(abi::db_val, val.string_val) == 16);
static_assert(offsetof(abi::db_val, val.str_val) == 16);
static_assert(offsetof(abi::db_val, val.blob_val) == 16);
static_assert(offsetof(abi::db_val, val.bitmap_val) == 16);
static_assert(sizeof(abi::db_res) == 48);
static_assert(offsetof(abi::db_res, col) == 0);
static_assert(offsetof(abi::db_res, col.names) == 0);
static_assert(offsetof(abi::db_res, col.types) == 8);
static_assert(offsetof(abi::db_res, col.n) == 16);
static_assert(offsetof(abi::db_res, rows) == 24);
static_assert(offsetof(abi::db_res, n) == 32);
static_assert(offsetof(abi::db_res, res_rows) == 36);
static_assert(offsetof(abi::db_res, last_row) == 40);
static_assert(sizeof(abi::db_row) == 16);
static_assert(offsetof(abi::db_row, values) == 0);
static_assert(offsetof(abi::db_row, n) == 8);
static_assert(sizeof(abi::db_con) == 56);
static_assert(offsetof(abi::db_con, table) == 0);
static_assert(offsetof(abi::db_con, curr_ps) == 8);
static_assert(offsetof(abi::db_con, ins_list) == 16);
static_assert(offsetof(abi::db_con, tail) == 24);
static_assert(offsetof(abi::db_con, url) == 32);
static_assert(offsetof(abi::db_con, flags) == 48);
static_assert(sizeof(abi::db_type) == 4 && sizeof(abi::db_key) == 8 && sizeof(abi::db_op) == 8);
static_assert(sizeof(*abi::db_con{}.curr_ps) == 8);  // db_ps_t
static_assert(abi::db_int == 0 && abi::db_bigint == 1 && abi::db_double == 2 && abi::db_string == 3 &&
              abi::db_str == 4 && abi::db_datetime == 5 && abi::db_blob == 6 && abi::db_bitmap == 7);
static_assert(abi::db_cap_query == 1u && abi::db_cap_raw_query == 2u && abi::db_cap_async_raw_query == 4u &&
              abi::db_cap_insert == 8u && abi::db_cap_delete == 16u && abi::db_cap_update == 32u &&
              abi::db_cap_replace == 64u && abi::db_cap_fetch == 128u && abi::db_cap_last_inserted_id == 256u &&
              abi::db_cap_insert_update == 512u && abi::db_cap_multiple_insert == 1024u &&
              abi::db_cap_prepared_stmt == 2048u && abi::db_cap_all == 57u);
static_assert(abi::con_instant_flush == 1 && abi::con_or_operator == 2);
static_assert(std::string_view(abi::op_lt) == "<" && std::string_view(abi::op_gt) == ">" &&
              std::string_view(abi::op_eq) == "=" && std::string_view(abi::op_leq) == "<=" &&
              std::string_view(abi::op_geq) == ">=" && std::string_view(abi::op_neq) == "!=");
static_assert(sizeof(abi::db_func_3_4) == 136);  // 3.4.18
static_assert(offsetof(abi::db_func_3_4, cap) == 0);
static_assert(offsetof(abi::db_func_3_4, use_table) == 8);
static_assert(offsetof(abi::db_func_3_4, init) == 16);
static_assert(offsetof(abi::db_func_3_4, close) == 24);
static_assert(offsetof(abi::db_func_3_4, query) == 32);
static_assert(offsetof(abi::db_func_3_4, fetch_result) == 40);
static_assert(offsetof(abi::db_func_3_4, raw_query) == 48);
static_assert(offsetof(abi::db_func_3_4, free_result) == 56);
static_assert(offsetof(abi::db_func_3_4, insert) == 64);
static_assert(offsetof(abi::db_func_3_4, delete_) == 72);
static_assert(offsetof(abi::db_func_3_4, update) == 80);
static_assert(offsetof(abi::db_func_3_4, replace) == 88);
static_assert(offsetof(abi::db_func_3_4, last_inserted_id) == 96);
static_assert(offsetof(abi::db_func_3_4, insert_update) == 104);
static_assert(offsetof(abi::db_func_3_4, async_raw_query) == 112);
static_assert(offsetof(abi::db_func_3_4, async_resume) == 120);
static_assert(offsetof(abi::db_func_3_4, async_free_result) == 128);
static_assert(sizeof(abi::db_func_3_5) == 144);  // 3.5.9
static_assert(offsetof(abi::db_func_3_5, cap) == 0);
static_assert(offsetof(abi::db_func_3_5, use_table) == 8);
static_assert(offsetof(abi::db_func_3_5, init) == 16);
static_assert(offsetof(abi::db_func_3_5, close) == 24);
static_assert(offsetof(abi::db_func_3_5, query) == 32);
static_assert(offsetof(abi::db_func_3_5, fetch_result) == 40);
static_assert(offsetof(abi::db_func_3_5, raw_query) == 48);
static_assert(offsetof(abi::db_func_3_5, free_result) == 56);
static_assert(offsetof(abi::db_func_3_5, insert) == 64);
static_assert(offsetof(abi::db_func_3_5, delete_) == 72);
static_assert(offsetof(abi::db_func_3_5, update) == 80);
static_assert(offsetof(abi::db_func_3_5, replace) == 88);
static_assert(offsetof(abi::db_func_3_5, last_inserted_id) == 96);
static_assert(offsetof(abi::db_func_3_5, insert_update) == 104);
static_assert(offsetof(abi::db_func_3_5, async_raw_query) == 112);
static_assert(offsetof(abi::db_func_3_5, async_resume) == 120);
static_assert(offsetof(abi::db_func_3_5, async_free_result) == 128);
static_assert(offsetof(abi::db_func_3_5, async_timeout) == 136);
// db_func_t per profile: async_timeout from 3.5 on
static_assert(sizeof(abi::for_profile_t<profile::v3_4>::db_func) == 136);  // 3.4.18
static_assert(sizeof(abi::for_profile_t<profile::v3_5>::db_func) == 144);  // 3.5.9
static_assert(sizeof(abi::for_profile_t<profile::v3_6>::db_func) == 144);
static_assert(sizeof(abi::for_profile_t<profile::v3_6_7>::db_func) == 144);  // 3.6.8
static_assert(sizeof(abi::for_profile_t<profile::v4_0>::db_func) == 144);    // 4.0.1
static_assert(sizeof(abi::for_profile_t<profile::master>::db_func) == 144);

int main() { return 0; }
