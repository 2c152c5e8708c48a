// SPDX-License-Identifier: MIT
// ABI layer: tm's API (abi/tm.hpp) against the values printed from the real OpenSIPS headers (shared research,
// abi-facts/opensips-<version>.txt: sizeof/offsetof struct tm_binds, TMCB_*, struct tmcb_params), one block per
// measured release, every member by name. 3.6.0 - 3.6.6 (no facts) share 3.5.9's layout: t_wait_no_more_branches
// first appears in 3.6.7's modules/tm/tm_load.h.
#include <cstddef>
#include <type_traits>

#include <modsdk/abi/select.hpp>
#include <modsdk/abi/tm.hpp>

namespace abi = modsdk::abi;
using modsdk::profile;

// ---- 3.4.18 ----
using tm_v3_4 = abi::for_profile_t<profile::v3_4>::tm_binds;
static_assert(sizeof(tm_v3_4) == 360);
static_assert(offsetof(tm_v3_4, api.register_tmcb) == 0);
static_assert(offsetof(tm_v3_4, api.t_relay) == 8);
static_assert(offsetof(tm_v3_4, api.t_check_trans) == 16);
static_assert(offsetof(tm_v3_4, api.t_newtran) == 24);
static_assert(offsetof(tm_v3_4, api.t_reply) == 32);
static_assert(offsetof(tm_v3_4, api.t_reply_with_body) == 40);
static_assert(offsetof(tm_v3_4, api.t_gen_totag) == 48);
static_assert(offsetof(tm_v3_4, api.t_is_local) == 56);
static_assert(offsetof(tm_v3_4, api.t_get_trans_ident) == 64);
static_assert(offsetof(tm_v3_4, api.t_lookup_ident) == 72);
static_assert(offsetof(tm_v3_4, api.t_addblind) == 80);
static_assert(offsetof(tm_v3_4, api.t_reply_unsafe) == 88);
static_assert(offsetof(tm_v3_4, api.t_request_within) == 96);
static_assert(offsetof(tm_v3_4, api.t_request_outside) == 104);
static_assert(offsetof(tm_v3_4, api.t_request) == 112);
static_assert(offsetof(tm_v3_4, api.new_dlg_uac) == 120);
static_assert(offsetof(tm_v3_4, api.new_auto_dlg_uac) == 128);
static_assert(offsetof(tm_v3_4, api.dlg_add_extra) == 136);
static_assert(offsetof(tm_v3_4, api.dlg_response_uac) == 144);
static_assert(offsetof(tm_v3_4, api.free_dlg) == 152);
static_assert(offsetof(tm_v3_4, api.print_dlg) == 160);
static_assert(offsetof(tm_v3_4, api.t_gett) == 168);
static_assert(offsetof(tm_v3_4, api.t_sett) == 176);
static_assert(offsetof(tm_v3_4, api.t_get_e2eackt) == 184);
static_assert(offsetof(tm_v3_4, api.t_get_picked) == 192);
static_assert(offsetof(tm_v3_4, api.t_set_remote_t) == 200);
static_assert(offsetof(tm_v3_4, api.unref_cell) == 208);
static_assert(offsetof(tm_v3_4, api.ref_cell) == 216);
static_assert(offsetof(tm_v3_4, api.t_lookup_original_t) == 224);
static_assert(offsetof(tm_v3_4, api.t_cancel_trans) == 232);
static_assert(offsetof(tm_v3_4, api.t_release_trans) == 240);
static_assert(offsetof(tm_v3_4, api.t_setkr) == 248);
static_assert(offsetof(tm_v3_4, api.setlocalTholder) == 256);
static_assert(offsetof(tm_v3_4, api.get_branch_index) == 264);
static_assert(offsetof(tm_v3_4, api.t_wait_for_new_branches) == 272);
static_assert(offsetof(tm_v3_4, tail.t_inject_ul_event_branch) == 280);
static_assert(offsetof(tm_v3_4, tail.t_ctx_register_int) == 288);
static_assert(offsetof(tm_v3_4, tail.t_ctx_register_str) == 296);
static_assert(offsetof(tm_v3_4, tail.t_ctx_register_ptr) == 304);
static_assert(offsetof(tm_v3_4, tail.t_ctx_put_int) == 312);
static_assert(offsetof(tm_v3_4, tail.t_ctx_put_str) == 320);
static_assert(offsetof(tm_v3_4, tail.t_ctx_put_ptr) == 328);
static_assert(offsetof(tm_v3_4, tail.t_ctx_get_int) == 336);
static_assert(offsetof(tm_v3_4, tail.t_ctx_get_str) == 344);
static_assert(offsetof(tm_v3_4, tail.t_ctx_get_ptr) == 352);

// ---- 3.5.9 ----
using tm_v3_5 = abi::for_profile_t<profile::v3_5>::tm_binds;
static_assert(sizeof(tm_v3_5) == 360);
static_assert(offsetof(tm_v3_5, api.register_tmcb) == 0);
static_assert(offsetof(tm_v3_5, api.t_relay) == 8);
static_assert(offsetof(tm_v3_5, api.t_check_trans) == 16);
static_assert(offsetof(tm_v3_5, api.t_newtran) == 24);
static_assert(offsetof(tm_v3_5, api.t_reply) == 32);
static_assert(offsetof(tm_v3_5, api.t_reply_with_body) == 40);
static_assert(offsetof(tm_v3_5, api.t_gen_totag) == 48);
static_assert(offsetof(tm_v3_5, api.t_is_local) == 56);
static_assert(offsetof(tm_v3_5, api.t_get_trans_ident) == 64);
static_assert(offsetof(tm_v3_5, api.t_lookup_ident) == 72);
static_assert(offsetof(tm_v3_5, api.t_addblind) == 80);
static_assert(offsetof(tm_v3_5, api.t_reply_unsafe) == 88);
static_assert(offsetof(tm_v3_5, api.t_request_within) == 96);
static_assert(offsetof(tm_v3_5, api.t_request_outside) == 104);
static_assert(offsetof(tm_v3_5, api.t_request) == 112);
static_assert(offsetof(tm_v3_5, api.new_dlg_uac) == 120);
static_assert(offsetof(tm_v3_5, api.new_auto_dlg_uac) == 128);
static_assert(offsetof(tm_v3_5, api.dlg_add_extra) == 136);
static_assert(offsetof(tm_v3_5, api.dlg_response_uac) == 144);
static_assert(offsetof(tm_v3_5, api.free_dlg) == 152);
static_assert(offsetof(tm_v3_5, api.print_dlg) == 160);
static_assert(offsetof(tm_v3_5, api.t_gett) == 168);
static_assert(offsetof(tm_v3_5, api.t_sett) == 176);
static_assert(offsetof(tm_v3_5, api.t_get_e2eackt) == 184);
static_assert(offsetof(tm_v3_5, api.t_get_picked) == 192);
static_assert(offsetof(tm_v3_5, api.t_set_remote_t) == 200);
static_assert(offsetof(tm_v3_5, api.unref_cell) == 208);
static_assert(offsetof(tm_v3_5, api.ref_cell) == 216);
static_assert(offsetof(tm_v3_5, api.t_lookup_original_t) == 224);
static_assert(offsetof(tm_v3_5, api.t_cancel_trans) == 232);
static_assert(offsetof(tm_v3_5, api.t_release_trans) == 240);
static_assert(offsetof(tm_v3_5, api.t_setkr) == 248);
static_assert(offsetof(tm_v3_5, api.setlocalTholder) == 256);
static_assert(offsetof(tm_v3_5, api.get_branch_index) == 264);
static_assert(offsetof(tm_v3_5, api.t_wait_for_new_branches) == 272);
static_assert(offsetof(tm_v3_5, tail.t_inject_ul_event_branch) == 280);
static_assert(offsetof(tm_v3_5, tail.t_ctx_register_int) == 288);
static_assert(offsetof(tm_v3_5, tail.t_ctx_register_str) == 296);
static_assert(offsetof(tm_v3_5, tail.t_ctx_register_ptr) == 304);
static_assert(offsetof(tm_v3_5, tail.t_ctx_put_int) == 312);
static_assert(offsetof(tm_v3_5, tail.t_ctx_put_str) == 320);
static_assert(offsetof(tm_v3_5, tail.t_ctx_put_ptr) == 328);
static_assert(offsetof(tm_v3_5, tail.t_ctx_get_int) == 336);
static_assert(offsetof(tm_v3_5, tail.t_ctx_get_str) == 344);
static_assert(offsetof(tm_v3_5, tail.t_ctx_get_ptr) == 352);

// ---- 3.6.8 ----
using tm_v3_6_7 = abi::for_profile_t<profile::v3_6_7>::tm_binds;
static_assert(sizeof(tm_v3_6_7) == 368);
static_assert(offsetof(tm_v3_6_7, api.register_tmcb) == 0);
static_assert(offsetof(tm_v3_6_7, api.t_relay) == 8);
static_assert(offsetof(tm_v3_6_7, api.t_check_trans) == 16);
static_assert(offsetof(tm_v3_6_7, api.t_newtran) == 24);
static_assert(offsetof(tm_v3_6_7, api.t_reply) == 32);
static_assert(offsetof(tm_v3_6_7, api.t_reply_with_body) == 40);
static_assert(offsetof(tm_v3_6_7, api.t_gen_totag) == 48);
static_assert(offsetof(tm_v3_6_7, api.t_is_local) == 56);
static_assert(offsetof(tm_v3_6_7, api.t_get_trans_ident) == 64);
static_assert(offsetof(tm_v3_6_7, api.t_lookup_ident) == 72);
static_assert(offsetof(tm_v3_6_7, api.t_addblind) == 80);
static_assert(offsetof(tm_v3_6_7, api.t_reply_unsafe) == 88);
static_assert(offsetof(tm_v3_6_7, api.t_request_within) == 96);
static_assert(offsetof(tm_v3_6_7, api.t_request_outside) == 104);
static_assert(offsetof(tm_v3_6_7, api.t_request) == 112);
static_assert(offsetof(tm_v3_6_7, api.new_dlg_uac) == 120);
static_assert(offsetof(tm_v3_6_7, api.new_auto_dlg_uac) == 128);
static_assert(offsetof(tm_v3_6_7, api.dlg_add_extra) == 136);
static_assert(offsetof(tm_v3_6_7, api.dlg_response_uac) == 144);
static_assert(offsetof(tm_v3_6_7, api.free_dlg) == 152);
static_assert(offsetof(tm_v3_6_7, api.print_dlg) == 160);
static_assert(offsetof(tm_v3_6_7, api.t_gett) == 168);
static_assert(offsetof(tm_v3_6_7, api.t_sett) == 176);
static_assert(offsetof(tm_v3_6_7, api.t_get_e2eackt) == 184);
static_assert(offsetof(tm_v3_6_7, api.t_get_picked) == 192);
static_assert(offsetof(tm_v3_6_7, api.t_set_remote_t) == 200);
static_assert(offsetof(tm_v3_6_7, api.unref_cell) == 208);
static_assert(offsetof(tm_v3_6_7, api.ref_cell) == 216);
static_assert(offsetof(tm_v3_6_7, api.t_lookup_original_t) == 224);
static_assert(offsetof(tm_v3_6_7, api.t_cancel_trans) == 232);
static_assert(offsetof(tm_v3_6_7, api.t_release_trans) == 240);
static_assert(offsetof(tm_v3_6_7, api.t_setkr) == 248);
static_assert(offsetof(tm_v3_6_7, api.setlocalTholder) == 256);
static_assert(offsetof(tm_v3_6_7, api.get_branch_index) == 264);
static_assert(offsetof(tm_v3_6_7, api.t_wait_for_new_branches) == 272);
static_assert(offsetof(tm_v3_6_7, t_wait_no_more_branches) == 280);
static_assert(offsetof(tm_v3_6_7, tail.t_inject_ul_event_branch) == 288);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_register_int) == 296);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_register_str) == 304);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_register_ptr) == 312);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_put_int) == 320);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_put_str) == 328);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_put_ptr) == 336);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_get_int) == 344);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_get_str) == 352);
static_assert(offsetof(tm_v3_6_7, tail.t_ctx_get_ptr) == 360);

// ---- 4.0.1 ----
using tm_v4_0 = abi::for_profile_t<profile::v4_0>::tm_binds;
static_assert(sizeof(tm_v4_0) == 368);
static_assert(offsetof(tm_v4_0, api.register_tmcb) == 0);
static_assert(offsetof(tm_v4_0, api.t_relay) == 8);
static_assert(offsetof(tm_v4_0, api.t_check_trans) == 16);
static_assert(offsetof(tm_v4_0, api.t_newtran) == 24);
static_assert(offsetof(tm_v4_0, api.t_reply) == 32);
static_assert(offsetof(tm_v4_0, api.t_reply_with_body) == 40);
static_assert(offsetof(tm_v4_0, api.t_gen_totag) == 48);
static_assert(offsetof(tm_v4_0, api.t_is_local) == 56);
static_assert(offsetof(tm_v4_0, api.t_get_trans_ident) == 64);
static_assert(offsetof(tm_v4_0, api.t_lookup_ident) == 72);
static_assert(offsetof(tm_v4_0, api.t_addblind) == 80);
static_assert(offsetof(tm_v4_0, api.t_reply_unsafe) == 88);
static_assert(offsetof(tm_v4_0, api.t_request_within) == 96);
static_assert(offsetof(tm_v4_0, api.t_request_outside) == 104);
static_assert(offsetof(tm_v4_0, api.t_request) == 112);
static_assert(offsetof(tm_v4_0, api.new_dlg_uac) == 120);
static_assert(offsetof(tm_v4_0, api.new_auto_dlg_uac) == 128);
static_assert(offsetof(tm_v4_0, api.dlg_add_extra) == 136);
static_assert(offsetof(tm_v4_0, api.dlg_response_uac) == 144);
static_assert(offsetof(tm_v4_0, api.free_dlg) == 152);
static_assert(offsetof(tm_v4_0, api.print_dlg) == 160);
static_assert(offsetof(tm_v4_0, api.t_gett) == 168);
static_assert(offsetof(tm_v4_0, api.t_sett) == 176);
static_assert(offsetof(tm_v4_0, api.t_get_e2eackt) == 184);
static_assert(offsetof(tm_v4_0, api.t_get_picked) == 192);
static_assert(offsetof(tm_v4_0, api.t_set_remote_t) == 200);
static_assert(offsetof(tm_v4_0, api.unref_cell) == 208);
static_assert(offsetof(tm_v4_0, api.ref_cell) == 216);
static_assert(offsetof(tm_v4_0, api.t_lookup_original_t) == 224);
static_assert(offsetof(tm_v4_0, api.t_cancel_trans) == 232);
static_assert(offsetof(tm_v4_0, api.t_release_trans) == 240);
static_assert(offsetof(tm_v4_0, api.t_setkr) == 248);
static_assert(offsetof(tm_v4_0, api.setlocalTholder) == 256);
static_assert(offsetof(tm_v4_0, api.get_branch_index) == 264);
static_assert(offsetof(tm_v4_0, api.t_wait_for_new_branches) == 272);
static_assert(offsetof(tm_v4_0, t_wait_no_more_branches) == 280);
static_assert(offsetof(tm_v4_0, tail.t_inject_ul_event_branch) == 288);
static_assert(offsetof(tm_v4_0, tail.t_ctx_register_int) == 296);
static_assert(offsetof(tm_v4_0, tail.t_ctx_register_str) == 304);
static_assert(offsetof(tm_v4_0, tail.t_ctx_register_ptr) == 312);
static_assert(offsetof(tm_v4_0, tail.t_ctx_put_int) == 320);
static_assert(offsetof(tm_v4_0, tail.t_ctx_put_str) == 328);
static_assert(offsetof(tm_v4_0, tail.t_ctx_put_ptr) == 336);
static_assert(offsetof(tm_v4_0, tail.t_ctx_get_int) == 344);
static_assert(offsetof(tm_v4_0, tail.t_ctx_get_str) == 352);
static_assert(offsetof(tm_v4_0, tail.t_ctx_get_ptr) == 360);

static_assert(std::is_same_v<abi::for_profile_t<profile::v3_6>::tm_binds, abi::tm_binds_3_4>);  // 3.6.0 - 3.6.6
static_assert(std::is_same_v<abi::for_profile_t<profile::master>::tm_binds, abi::tm_binds_3_6_7>);

// ---- identical in all four: TMCB_*, struct tmcb_params ----
static_assert(abi::tmcb_request_in == 1);
static_assert(abi::tmcb_response_in == 2);
static_assert(abi::tmcb_request_fwded == 4);
static_assert(abi::tmcb_response_fwded == 8);
static_assert(abi::tmcb_on_failure == 32);
static_assert(abi::tmcb_response_pre_out == 64);
static_assert(abi::tmcb_response_out == 128);
static_assert(abi::tmcb_local_completed == 256);
static_assert(abi::tmcb_local_response_out == 512);
static_assert(abi::tmcb_request_built == 1024);
static_assert(abi::tmcb_trans_cancelled == 2048);
static_assert(abi::tmcb_trans_deleted == 4096);
static_assert(abi::tmcb_pre_send_buffer == 8192);
static_assert(abi::tmcb_msg_matched_in == 16384);
static_assert(abi::tmcb_msg_sent_out == 32768);
static_assert(abi::tmcb_local_trans_new == 65536);
static_assert(abi::tmcb_local_request_out == 131072);
static_assert(abi::tmcb_local_response == 262144);
static_assert(abi::tmcb_max == 524287);
static_assert(sizeof(abi::tmcb_params) == 48);
static_assert(offsetof(abi::tmcb_params, req) == 0);
static_assert(offsetof(abi::tmcb_params, rpl) == 8);
static_assert(offsetof(abi::tmcb_params, code) == 16);
static_assert(offsetof(abi::tmcb_params, param) == 24);
static_assert(offsetof(abi::tmcb_params, extra1) == 32);
static_assert(offsetof(abi::tmcb_params, extra2) == 40);

int main() { return 0; }

// ---- struct cell: the members modsdk reads (abi::tm_cell_prefix) -----------------------------------------
// Not in the abi-facts files: measured with offsetof() on modules/tm/h_table.h of 3.4.18, 3.5.9, 3.6.8 and
// 4.0.1, each compiled with its tree's module flags; the four agree on every offset below.
static_assert(offsetof(abi::tm_cell_prefix, hash_index) == 16);
static_assert(offsetof(abi::tm_cell_prefix, label) == 20);
static_assert(offsetof(abi::tm_cell_prefix, flags) == 24);
static_assert(offsetof(abi::tm_cell_prefix, ref_count) == 28);
static_assert(offsetof(abi::tm_cell_prefix, from) == 32);
static_assert(offsetof(abi::tm_cell_prefix, callid) == 48);
static_assert(offsetof(abi::tm_cell_prefix, cseq_n) == 64);
static_assert(offsetof(abi::tm_cell_prefix, to) == 80);
static_assert(offsetof(abi::tm_cell_prefix, method) == 96);
static_assert(offsetof(abi::tm_cell_prefix, uas_request) == 240);
static_assert(offsetof(abi::tm_cell_prefix, uas_status) == 448);
static_assert(offsetof(abi::tm_cell_prefix, uas_local_totag) == 456);
static_assert(sizeof(abi::tm_cell_prefix) == 472 && abi::tm_cell_uac == 472);  // offsetof(struct cell, uac)
static_assert(abi::t_is_invite_flag == 1 && abi::t_is_local_flag == 2);
// offsetof(struct ua_client, uri): 392 in 3.4.18 and 3.5.9, 424 in 3.6.8 and 4.0.1 (reordered in 3.6.0).
static_assert(abi::for_profile_t<profile::v3_4>::tm_uac_uri == 392);
static_assert(abi::for_profile_t<profile::v3_5>::tm_uac_uri == 392);
static_assert(abi::for_profile_t<profile::v3_6>::tm_uac_uri == 424);
static_assert(abi::for_profile_t<profile::v3_6_7>::tm_uac_uri == 424);
static_assert(abi::for_profile_t<profile::v4_0>::tm_uac_uri == 424);
// sizeof(struct cell): 6728 (3.4.18, 3.5.9), 6920 (3.6.8) with struct ua_client uac[MAX_BRANCHES] inline; 1096 in
// 4.0.1, where uac holds pointers to chunks of TM_BRANCH_CHUNK_SIZE struct ua_client.
static_assert(!abi::for_profile_t<profile::v3_4>::tm_uac_chunks && !abi::for_profile_t<profile::v3_6_7>::tm_uac_chunks);
static_assert(abi::for_profile_t<profile::v4_0>::tm_uac_chunks);
