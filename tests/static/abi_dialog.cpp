// SPDX-License-Identifier: MIT
// ABI layer: the dialog module's API (abi/dialog.hpp) against the values printed from the real OpenSIPS headers
// (shared research, abi-facts/opensips-<version>.txt: sizeof/offsetof struct dlg_binds and struct dlg_cb_params,
// DLGCB_*, DLG_DIR_*, DLG_STATE_*), identical in 3.4.18, 3.5.9, 3.6.8 and 4.0.1; and the struct dlg_cell head,
// struct dlg_leg, struct dlg_profile_table and DLG_VAL_TYPE_* measured against each release's modules/dialog
// headers (a probe compiled with the release's module flags: the same numbers in all four).
#include <cstddef>

#include <modsdk/abi/dialog.hpp>

namespace abi = modsdk::abi;

// ---- struct dlg_binds (abi-facts) ----
static_assert(sizeof(abi::dlg_binds) == 272);
static_assert(offsetof(abi::dlg_binds, register_dlgcb) == 0);
static_assert(offsetof(abi::dlg_binds, create_dlg) == 8);
static_assert(offsetof(abi::dlg_binds, get_dlg) == 16);
static_assert(offsetof(abi::dlg_binds, add_profiles) == 24);
static_assert(offsetof(abi::dlg_binds, search_profile) == 32);
static_assert(offsetof(abi::dlg_binds, set_profile) == 40);
static_assert(offsetof(abi::dlg_binds, unset_profile) == 48);
static_assert(offsetof(abi::dlg_binds, get_profile_size) == 56);
static_assert(offsetof(abi::dlg_binds, store_dlg_value) == 64);
static_assert(offsetof(abi::dlg_binds, fetch_dlg_value) == 72);
static_assert(offsetof(abi::dlg_binds, terminate_dlg) == 80);
static_assert(offsetof(abi::dlg_binds, match_dialog) == 88);
static_assert(offsetof(abi::dlg_binds, validate_dialog) == 96);
static_assert(offsetof(abi::dlg_binds, fix_route_dialog) == 104);
static_assert(offsetof(abi::dlg_binds, set_mod_flag) == 112);
static_assert(offsetof(abi::dlg_binds, is_mod_flag_set) == 120);
static_assert(offsetof(abi::dlg_binds, dlg_ref) == 128);
static_assert(offsetof(abi::dlg_binds, dlg_unref) == 136);
static_assert(offsetof(abi::dlg_binds, get_direction) == 144);
static_assert(offsetof(abi::dlg_binds, get_dlg_did) == 152);
static_assert(offsetof(abi::dlg_binds, get_dlg_by_did) == 160);
static_assert(offsetof(abi::dlg_binds, get_dlg_by_ids) == 168);
static_assert(offsetof(abi::dlg_binds, get_dlg_by_callid) == 176);
static_assert(offsetof(abi::dlg_binds, send_indialog_request) == 184);
static_assert(offsetof(abi::dlg_binds, get_rr_param) == 192);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_register_int) == 200);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_register_str) == 208);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_register_ptr) == 216);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_put_int) == 224);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_put_str) == 232);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_put_ptr) == 240);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_get_int) == 248);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_get_str) == 256);
static_assert(offsetof(abi::dlg_binds, dlg_ctx_get_ptr) == 264);

// ---- DLGCB_*, DLG_DIR_*, DLG_STATE_* (abi-facts) ----
static_assert(abi::dlgcb_loaded == 1);
static_assert(abi::dlgcb_created == 2);
static_assert(abi::dlgcb_failed == 4);
static_assert(abi::dlgcb_confirmed == 8);
static_assert(abi::dlgcb_req_within == 16);
static_assert(abi::dlgcb_terminated == 32);
static_assert(abi::dlgcb_expired == 64);
static_assert(abi::dlgcb_early == 128);
static_assert(abi::dlgcb_response_fwded == 256);
static_assert(abi::dlgcb_response_within == 512);
static_assert(abi::dlgcb_mi_context == 1024);
static_assert(abi::dlgcb_destroy == 2048);
static_assert(abi::dlgcb_db_saved == 4096);
static_assert(abi::dlgcb_write_vp == 8192);
static_assert(abi::dlgcb_process_vars == 16384);
static_assert(abi::dlg_dir_none == 0);
static_assert(abi::dlg_dir_downstream == 1);
static_assert(abi::dlg_dir_upstream == 2);
static_assert(abi::dlg_state_unconfirmed == 1);
static_assert(abi::dlg_state_early == 2);
static_assert(abi::dlg_state_confirmed_na == 3);
static_assert(abi::dlg_state_confirmed == 4);
static_assert(abi::dlg_state_deleted == 5);

// ---- struct dlg_cb_params (abi-facts) ----
static_assert(sizeof(abi::dlg_cb_params) == 40);
static_assert(offsetof(abi::dlg_cb_params, msg) == 0);
static_assert(offsetof(abi::dlg_cb_params, direction) == 8);
static_assert(offsetof(abi::dlg_cb_params, dst_leg) == 12);
static_assert(offsetof(abi::dlg_cb_params, is_active) == 16);
static_assert(offsetof(abi::dlg_cb_params, dlg_data) == 24);
static_assert(offsetof(abi::dlg_cb_params, param) == 32);

// ---- measured: struct dlg_cell (head), struct dlg_leg, struct dlg_profile_table, DLG_VAL_TYPE_* ----
static_assert(offsetof(abi::dlg_cell, ref) == 0);
static_assert(offsetof(abi::dlg_cell, h_id) == 24);
static_assert(offsetof(abi::dlg_cell, h_entry) == 28);
static_assert(offsetof(abi::dlg_cell, state) == 32);
static_assert(offsetof(abi::dlg_cell, lifetime) == 36);
static_assert(offsetof(abi::dlg_cell, start_ts) == 44);
static_assert(offsetof(abi::dlg_cell, flags) == 48);
static_assert(offsetof(abi::dlg_cell, callid) == 160);
static_assert(offsetof(abi::dlg_cell, from_uri) == 176);
static_assert(offsetof(abi::dlg_cell, to_uri) == 192);
static_assert(offsetof(abi::dlg_cell, legs) == 208);
static_assert(offsetof(abi::dlg_cell, legs_no) == 216);
static_assert(sizeof(abi::dlg_leg) == 1272);
static_assert(sizeof(abi::dlg_leg) == abi::dlg_leg_size);
static_assert(offsetof(abi::dlg_leg, tag) == 8);
static_assert(offsetof(abi::dlg_profile_table, name) == 0);
static_assert(offsetof(abi::dlg_profile_table, has_value) == 16);
static_assert(abi::dlg_val_type_none == 0 && abi::dlg_val_type_str == 1 && abi::dlg_val_type_int == 2);
static_assert(abi::dlg_legs_used == 0 && abi::dlg_legs_alloced == 1 && abi::dlg_leg_200ok == 2);

int main() { return 0; }
