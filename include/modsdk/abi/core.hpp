// SPDX-License-Identifier: MIT
// ABI layer: the core's symbols a modsdk module may reference, resolved by the dynamic loader against
// the `opensips` binary (linked with -Wl,-E). The testing layer's fake core defines exactly these, so a
// symbol missing there is a link error, not a silent gap.
//
// Rules: only symbols present in every supported version are strong references; the rest are weak
// and checked before use. Allocator entry points are declared with a neutral function-pointer type:
// their real signature depends on DBG_MALLOC, and modsdk casts them according to the stamped target
// (detail/memory.hpp) - the same string the core's loader verifies.
#pragma once
#include <modsdk/abi/common.hpp>
#include <modsdk/abi/evi.hpp>
#include <modsdk/abi/timer.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

using any_fn = void (*)();

extern "C" {
// ---- version gate ----
MODSDK_CORE_WEAK extern scm_version core_scm_ver;

// ---- logging (dprint.h) ----
MODSDK_CORE_SYMBOL extern int* log_level;
MODSDK_CORE_SYMBOL extern int log_facility;
MODSDK_CORE_SYMBOL extern char* log_prefix;
MODSDK_CORE_SYMBOL extern char ctime_buf[256];
MODSDK_CORE_SYMBOL int dp_my_pid();
MODSDK_CORE_SYMBOL void dprint(int level, int facility, const char* module, const char* func, char* stderr_fmt,
                               char* syslog_fmt, char* fmt, ...);

// ---- memory (multi-allocator builds) ----
MODSDK_CORE_SYMBOL extern void* mem_block;
MODSDK_CORE_SYMBOL extern void* shm_block;
MODSDK_CORE_WEAK extern any_fn gen_pkg_malloc;
MODSDK_CORE_WEAK extern any_fn gen_pkg_realloc;
MODSDK_CORE_WEAK extern any_fn gen_pkg_free;
MODSDK_CORE_WEAK extern any_fn gen_shm_malloc;
MODSDK_CORE_WEAK extern any_fn gen_shm_realloc;
MODSDK_CORE_WEAK extern any_fn gen_shm_free;
MODSDK_CORE_WEAK extern volatile int* mem_lock;   ///< gen_lock_t* (FAST_LOCK / FUTEX: an int)
MODSDK_CORE_WEAK extern int shm_use_global_lock;  ///< multi builds with HP or F_PARALLEL
// Markers used only to check at load time that the core is in the stamped mode.
MODSDK_CORE_WEAK void fm_malloc_dbg();  ///< present only with DBG_MALLOC
MODSDK_CORE_WEAK void fm_malloc();      ///< present whenever F_MALLOC is compiled in

// ---- pseudo-variables ----
MODSDK_CORE_SYMBOL char* pv_parse_spec(const str* in, pv_spec* sp);
MODSDK_CORE_SYMBOL int pv_get_spec_value(sip_msg* msg, pv_spec* sp, pv_value* value);
MODSDK_CORE_SYMBOL int pv_set_value(sip_msg* msg, pv_spec* sp, int op, pv_value* value);
MODSDK_CORE_SYMBOL void pv_value_destroy(pv_value* value);
MODSDK_CORE_SYMBOL int pv_parse_format(const str* in, pv_elem** el);
MODSDK_CORE_SYMBOL int pv_printf(sip_msg* msg, pv_elem* list, char* buf, int* len);
MODSDK_CORE_SYMBOL int pv_printf_s(sip_msg* msg, pv_elem* list, str* s);
MODSDK_CORE_SYMBOL int pv_elem_free_all(pv_elem* list);

// ---- SIP message ----
MODSDK_CORE_WEAK int parse_headers(sip_msg* msg, unsigned long long flags, int next);  ///< 3.4 only
MODSDK_CORE_WEAK int parse_headers_aux(sip_msg* msg, unsigned long long flags, int next,
                                       int sip_well_known_parse);  ///< 3.5+
MODSDK_CORE_SYMBOL int set_ruri(sip_msg* msg, str* uri);
MODSDK_CORE_SYMBOL int set_dst_uri(sip_msg* msg, str* uri);

// ---- other modules ----
MODSDK_CORE_SYMBOL cmd_function find_export(const char* name, int flags);
MODSDK_CORE_SYMBOL cmd_function find_mod_export(const char* mod, const char* name, int flags);

// ---- async ----
MODSDK_CORE_SYMBOL extern int async_status;

// ---- the cfg parser (globals.h) ----
/// The parse's error count: the parse fails when it is not 0 at the end (cfg_pp.c), `opensips -C` too.
MODSDK_CORE_SYMBOL extern int cfg_errors;

// ---- MI reply building and parameters ----
MODSDK_CORE_SYMBOL mi_response* init_mi_result_object(mi_item** obj_out);
MODSDK_CORE_SYMBOL mi_response* init_mi_result_array(mi_item** arr_out);
MODSDK_CORE_SYMBOL mi_response* init_mi_result_string(const char* value, int len);
MODSDK_CORE_SYMBOL mi_response* init_mi_result_number(double value);
MODSDK_CORE_SYMBOL mi_response* init_mi_result_bool(int value);
MODSDK_CORE_SYMBOL mi_response* init_mi_result_null();
MODSDK_CORE_SYMBOL mi_response* init_mi_error_extra(int code, const char* msg, int msg_len, const char* details,
                                                    int details_len);
MODSDK_CORE_SYMBOL void free_mi_response(mi_response* response);
MODSDK_CORE_SYMBOL mi_item* add_mi_object(mi_item* to, char* name, int name_len);
MODSDK_CORE_SYMBOL mi_item* add_mi_array(mi_item* to, char* name, int name_len);
MODSDK_CORE_SYMBOL int add_mi_string(mi_item* to, char* name, int name_len, const char* value, int value_len);
MODSDK_CORE_SYMBOL int add_mi_number(mi_item* to, char* name, int name_len, double value);
MODSDK_CORE_SYMBOL int add_mi_bool(mi_item* to, char* name, int name_len, int value);
MODSDK_CORE_SYMBOL int add_mi_null(mi_item* to, char* name, int name_len);
MODSDK_CORE_SYMBOL int try_get_mi_string_param(const mi_params_t* params, char* name, char** value, int* len);
MODSDK_CORE_SYMBOL int try_get_mi_int_param(const mi_params_t* params, char* name, int* value);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
