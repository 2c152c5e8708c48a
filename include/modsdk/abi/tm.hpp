// SPDX-License-Identifier: MIT
// ABI layer: the tm module's API as another module binds it (`load_tm`, exported by tm.so as a
// pseudo-command): `struct tm_binds`, the transaction callback types (TMCB_*), `struct tmcb_params` and
// the function types modsdk calls. `struct cell` stays opaque. Layouts from the measured facts (abi-facts,
// keys tm_binds / TMCB_* / tmcb_params), checked by tests/static/abi_tm.cpp:
//   3.4.1 - 3.6.6: 45 pointers (tm_binds_3_4); 3.6.7+ and 4.0: t_wait_no_more_branches inserted before
//   t_inject_ul_event_branch (tm_binds_3_6_7). 3.4.0 lacks t_sett (every later member -8): not supported.
// Members modsdk does not call are typed `void*` (their C prototypes vary between versions).
#pragma once
#include <cstddef>
#include <modsdk/abi/common.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct cell`: a transaction. modsdk reads only the members of tm_cell_prefix.
struct tm_cell;

/// The leading members of `struct cell` modsdk reads (modules/tm/h_table.h), measured on 3.4.18, 3.5.9, 3.6.8
/// and 4.0.1 (the same offsets in all four; checked by tests/static/abi_tm.cpp). The gaps hold members
/// modsdk does not read. The branches (`uac`) follow at offset 472 (tm_cell_uac): up to 3.6, an array of
/// struct ua_client in the cell; from 4.0, pointers to chunks of 4 struct ua_client (null before a branch).
struct tm_cell_prefix {
  void* next_cell;
  void* prev_cell;
  unsigned int hash_index;               // 16
  unsigned int label;                    // 20
  unsigned int flags;                    // 24: T_IS_INVITE_FLAG, T_IS_LOCAL_FLAG ...
  unsigned int ref_count;                // 28
  str from, callid, cseq_n, to, method;  // 32, 48, 64, 80, 96: header values as tm keeps them
  unsigned char gap1_[128];
  sip_msg* uas_request;  // 240: tm's shm copy of the request; null for a local transaction
  unsigned char gap2_[200];
  unsigned int uas_status;  // 448: the final (or last) status sent upstream, 0 while none
  str uas_local_totag;      // 456
};
inline constexpr std::size_t tm_cell_uac = 472;  ///< offsetof(struct cell, uac), 3.4.18 - 4.0.1

/// `T_IS_INVITE_FLAG`, `T_IS_LOCAL_FLAG` (modules/tm/h_table.h; the same in 3.4 - 4.0).
inline constexpr unsigned int t_is_invite_flag = 1U << 0, t_is_local_flag = 1U << 1;
/// `T_UNDEFINED`: what t_gett returns before the message's transaction was looked up.
inline tm_cell* const t_undefined = reinterpret_cast<tm_cell*>(-1);  // NOLINT(performance-no-int-to-ptr)
/// `offsetof(struct ua_client, uri)`: 392 up to 3.5, 424 from 3.6.0 (flags/on_reply/reply/last_received/
/// added_rr moved before it).
inline constexpr std::size_t tm_uac_uri_3_4 = 392, tm_uac_uri_3_6 = 424;

/// `struct tmcb_params`: what a transaction callback receives. `rpl` may be faked_reply; `param` points at
/// the pointer given to register_tmcb.
struct tmcb_params {
  sip_msg* req;
  sip_msg* rpl;
  int code;
  void** param;
  void* extra1;
  void* extra2;
};

/// `FAKED_REPLY`: the reply tm passes for a locally generated final reply (a timeout's 408).
inline sip_msg* const faked_reply = reinterpret_cast<sip_msg*>(-1);  // NOLINT(performance-no-int-to-ptr)

// ---- TMCB_* (identical in 3.4 - 4.0) ----------------------------------------------------------------
inline constexpr int tmcb_request_in = 1 << 0, tmcb_response_in = 1 << 1, tmcb_request_fwded = 1 << 2,
                     tmcb_response_fwded = 1 << 3, tmcb_on_failure = 1 << 5, tmcb_response_pre_out = 1 << 6,
                     tmcb_response_out = 1 << 7, tmcb_local_completed = 1 << 8, tmcb_local_response_out = 1 << 9,
                     tmcb_request_built = 1 << 10, tmcb_trans_cancelled = 1 << 11, tmcb_trans_deleted = 1 << 12,
                     tmcb_pre_send_buffer = 1 << 13, tmcb_msg_matched_in = 1 << 14, tmcb_msg_sent_out = 1 << 15,
                     tmcb_local_trans_new = 1 << 16, tmcb_local_request_out = 1 << 17, tmcb_local_response = 1 << 18,
                     tmcb_max = (1 << 19) - 1;

// ---- the function types modsdk calls ------------------------------------------------------------------
using transaction_cb = void(tm_cell* t, int type, tmcb_params* params);
using release_tmcb_param = void(void* param);
using register_tmcb_f = int (*)(sip_msg* msg, tm_cell* t, int cb_types, transaction_cb* f, void* param,
                                release_tmcb_param* release);
/// t_relay: `flags` is an int (TM_T_RELAY_*_FLAG) passed as a pointer; `proxy` NULL = the message's R-URI / $du.
using trelay_f = int (*)(sip_msg* msg, void* flags, void* proxy);
using tcheck_trans_f = int (*)(sip_msg* msg);
using tnewtran_f = int (*)(sip_msg* msg);
using treply_f = int (*)(sip_msg* msg, unsigned int code, const str* reason);
using tget_ti_f = int (*)(sip_msg* msg, unsigned int* hash_index, unsigned int* label);
using tgett_f = tm_cell* (*)();
/// t_reply_with_body(trans, code, text, body, new_header, to_tag): `new_header` whole lines, CRLF-ended.
using treply_wb_f = int (*)(tm_cell* trans, unsigned int code, str* text, str* body, str* new_header, str* to_tag);
using tgen_totag_f = int (*)(sip_msg* msg, str* totag);
using tislocal_f = int (*)(sip_msg* msg);
/// t_lookup_ident: the transaction found is referenced (unref_cell it when done).
using tlookup_ident_f = int (*)(tm_cell** trans, unsigned int hash_index, unsigned int label);
using tunrefcell_f = void (*)(tm_cell* t);
/// t_request(method, ruri, to, from, headers, body, outbound_uri, completion cb, param, release): 1 sent;
/// on failure tm does not run `release` (the caller frees the param).
using req_t = int (*)(str* m, str* ru, str* t, str* f, str* h, str* b, str* obu, transaction_cb* c, void* cp,
                      release_tmcb_param* release);
using load_tm_f = int (*)(void* tm_binds);

/// t_relay flags (modules/tm/t_funcs.h TM_T_RELAY_*_FLAG).
inline constexpr int t_relay_no_dns_failover = 1 << 2, t_relay_cancel_reason = 1 << 3;

/// The members every layout shares, in order (offsets 0 - 272).
struct tm_binds_head {
  register_tmcb_f register_tmcb;
  trelay_f t_relay;
  tcheck_trans_f t_check_trans;
  tnewtran_f t_newtran;
  treply_f t_reply;
  treply_wb_f t_reply_with_body;
  tgen_totag_f t_gen_totag;
  tislocal_f t_is_local;
  tget_ti_f t_get_trans_ident;
  tlookup_ident_f t_lookup_ident;
  void* t_addblind;
  void* t_reply_unsafe;
  void* t_request_within;
  void* t_request_outside;
  req_t t_request;
  void* new_dlg_uac;
  void* new_auto_dlg_uac;
  void* dlg_add_extra;
  void* dlg_response_uac;
  void* free_dlg;
  void* print_dlg;
  tgett_f t_gett;
  void* t_sett;
  void* t_get_e2eackt;
  void* t_get_picked;
  void* t_set_remote_t;
  tunrefcell_f unref_cell;
  tunrefcell_f ref_cell;
  void* t_lookup_original_t;
  void* t_cancel_trans;
  void* t_release_trans;
  void* t_setkr;
  void* setlocalTholder;
  void* get_branch_index;
  void* t_wait_for_new_branches;  ///< (msg, num_br) in 3.4.18, 3.6, 4.0; (msg) in 3.5.9
};

/// The members after t_wait_no_more_branches (or after t_wait_for_new_branches before 3.6.7).
struct tm_binds_tail {
  void* t_inject_ul_event_branch;
  void* t_ctx_register_int;
  void* t_ctx_register_str;
  void* t_ctx_register_ptr;
  void* t_ctx_put_int;
  void* t_ctx_put_str;
  void* t_ctx_put_ptr;
  void* t_ctx_get_int;
  void* t_ctx_get_str;
  void* t_ctx_get_ptr;
};

/// `struct tm_binds`, 3.4.1 - 3.6.6 (360 bytes).
struct tm_binds_3_4 {
  tm_binds_head api;
  tm_binds_tail tail;
};

/// `struct tm_binds`, 3.6.7+ and 4.0 (368 bytes).
struct tm_binds_3_6_7 {
  tm_binds_head api;
  void* t_wait_no_more_branches;
  tm_binds_tail tail;
};

}  // namespace abi
MODSDK_END_NAMESPACE
