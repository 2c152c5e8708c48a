// SPDX-License-Identifier: MIT
// ABI layer: the dialog module's API as another module binds it (`load_dlg`, exported by dialog.so as a
// pseudo-command): `struct dlg_binds`, the dialog callback types (DLGCB_*), `struct dlg_cb_params`, the
// fixed head of `struct dlg_cell` and of `struct dlg_profile_table`, and the function types modsdk calls.
// The same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1: dlg_binds 272 bytes, dlg_cb_params 40 (abi-facts keys dlg_binds
// / DLGCB_* / dlg_cb_params / DLG_STATE_* / DLG_DIR_*); the dlg_cell head up to legs_no (callid at 160, legs at
// 208), dlg_leg.tag at 8 and sizeof(dlg_leg) 1272, dlg_profile_table.has_value at 16, DLG_VAL_TYPE_* measured
// against each release's modules/dialog headers (not in abi-facts). Checked by tests/static/abi_dialog.cpp.
// Members modsdk does not call are typed `void*`.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/pv.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct dlg_leg`: one leg of a dialog (only the tag is read; the rest is opaque).
struct dlg_leg {
  int id;
  int branch_id;  ///< 3.6+; padding before 3.6 (the tag is at offset 8 in every release)
  str tag;
  unsigned char rest[1272 - 24];
};
inline constexpr std::size_t dlg_leg_size = 1272;

/// The head of `struct dlg_cell` (identical in 3.4 - 4.0 up to legs_no; the rest is never touched).
struct dlg_cell {
  volatile int ref;
  dlg_cell* next;
  dlg_cell* prev;
  unsigned int h_id;
  unsigned int h_entry;
  unsigned int state;
  unsigned int lifetime;
  unsigned short lifetime_dirty;
  unsigned short locked_by;
  unsigned int start_ts;
  unsigned int flags;
  unsigned int from_rr_nb;
  unsigned int user_flags;
  unsigned int mod_flags;
  unsigned int initial_t_hash_index;
  unsigned int initial_t_label;
  unsigned int replicated;
  unsigned int del_delay;
  void* tl[3];      ///< struct dlg_tl (next, prev, timeout)
  void* del_tl[3];  ///< struct dlg_tl
  void* pl;
  void* reinvite_pl;
  str terminate_reason;
  str callid;
  str from_uri;
  str to_uri;
  dlg_leg* legs;
  unsigned char legs_no[4];  ///< [DLG_LEGS_USED], [DLG_LEGS_ALLOCED], [DLG_LEG_200OK]
};
inline constexpr int dlg_caller_leg = 0, dlg_first_callee_leg = 1;
inline constexpr int dlg_legs_used = 0, dlg_legs_alloced = 1, dlg_leg_200ok = 2;

/// The head of `struct dlg_profile_table` (a profile defined by the dialog modparams).
struct dlg_profile_table {
  str name;
  unsigned int has_value;  ///< defined in profiles_with_value
};

/// `struct dlg_cb_params`: what a dialog callback receives; `param` points at the pointer given to
/// register_dlgcb.
struct dlg_cb_params {
  sip_msg* msg;
  unsigned int direction;
  int dst_leg;
  unsigned int is_active;
  void* dlg_data;
  void** param;
};

// ---- DLGCB_* (identical in 3.4 - 4.0) -----------------------------------------------------------------
inline constexpr int dlgcb_loaded = 1 << 0, dlgcb_created = 1 << 1, dlgcb_failed = 1 << 2, dlgcb_confirmed = 1 << 3,
                     dlgcb_req_within = 1 << 4, dlgcb_terminated = 1 << 5, dlgcb_expired = 1 << 6, dlgcb_early = 1 << 7,
                     dlgcb_response_fwded = 1 << 8, dlgcb_response_within = 1 << 9, dlgcb_mi_context = 1 << 10,
                     dlgcb_destroy = 1 << 11, dlgcb_db_saved = 1 << 12, dlgcb_write_vp = 1 << 13,
                     dlgcb_process_vars = 1 << 14;

inline constexpr unsigned dlg_dir_none = 0, dlg_dir_downstream = 1, dlg_dir_upstream = 2;
inline constexpr unsigned dlg_state_unconfirmed = 1, dlg_state_early = 2, dlg_state_confirmed_na = 3,
                          dlg_state_confirmed = 4, dlg_state_deleted = 5;
/// DLG_VAL_TYPE_* (dlg_vals.h): the type of a stored dialog value.
inline constexpr int dlg_val_type_none = 0, dlg_val_type_str = 1, dlg_val_type_int = 2;

// ---- the function types modsdk calls ------------------------------------------------------------------
using dialog_cb = void(dlg_cell* dlg, int type, dlg_cb_params* params);
using dlg_param_free_cb = void(void* param);
using register_dlgcb_f = int (*)(dlg_cell* dlg, int cb_types, dialog_cb* f, void* param, dlg_param_free_cb* ff);
using create_dlg_f = int (*)(sip_msg* req, int flags);
using get_dlg_f = dlg_cell* (*)();
using search_dlg_profile_f = dlg_profile_table* (*)(str* name);
using set_dlg_profile_f = int (*)(dlg_cell* dlg, str* value, dlg_profile_table* profile, char is_replicated);
using unset_dlg_profile_f = int (*)(dlg_cell* dlg, str* value, dlg_profile_table* profile);
using get_profile_size_f = unsigned int (*)(dlg_profile_table* profile, str* value);
using store_dlg_value_f = int (*)(dlg_cell* dlg, str* name, int_str* val, int type);
using fetch_dlg_value_f = int (*)(dlg_cell* dlg, const str* name, int* type, int_str* out_val, int val_has_buf);
using load_dlg_f = int (*)(void* dlg_binds);

/// `struct dlg_binds` (272 bytes in 3.4.18 - 4.0.1).
struct dlg_binds {
  register_dlgcb_f register_dlgcb;
  create_dlg_f create_dlg;
  get_dlg_f get_dlg;
  void* add_profiles;
  search_dlg_profile_f search_profile;
  set_dlg_profile_f set_profile;
  unset_dlg_profile_f unset_profile;
  get_profile_size_f get_profile_size;
  store_dlg_value_f store_dlg_value;
  fetch_dlg_value_f fetch_dlg_value;
  void* terminate_dlg;
  void* match_dialog;
  void* validate_dialog;
  void* fix_route_dialog;
  void* set_mod_flag;
  void* is_mod_flag_set;
  void* dlg_ref;
  void* dlg_unref;
  void* get_direction;
  void* get_dlg_did;
  void* get_dlg_by_did;
  void* get_dlg_by_ids;
  void* get_dlg_by_callid;
  void* send_indialog_request;
  void* get_rr_param;
  void* dlg_ctx_register_int;
  void* dlg_ctx_register_str;
  void* dlg_ctx_register_ptr;
  void* dlg_ctx_put_int;
  void* dlg_ctx_put_str;
  void* dlg_ctx_put_ptr;
  void* dlg_ctx_get_int;
  void* dlg_ctx_get_str;
  void* dlg_ctx_get_ptr;
};

}  // namespace abi
MODSDK_END_NAMESPACE
