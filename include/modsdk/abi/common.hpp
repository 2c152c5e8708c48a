// SPDX-License-Identifier: MIT
// ABI layer: the C structures and constants a module shares with an OpenSIPS core, as they are in every
// supported version (3.4 - 4.0, x86_64 LP64). Version-specific pieces live in v3_4.hpp ... v4_0.hpp.
// Plain data only: no templates, no behaviour. Declared in modsdk's own words from measured facts
// (shared research: opensips-module-abi.md) and checked by tests/static/abi_layout.cpp.
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

struct sip_msg;  // opaque: only its stable prefix is ever read (sip_msg.hpp)
struct pv_spec;  // opaque: sized per version, stored in modsdk-owned buffers
struct pv_elem;  // opaque: a parsed format string
struct mi_item;  // opaque cJSON node
struct mi_params_t;
struct mi_handler;
struct stat_var;

/// `str`: a pointer and an int length, not NUL-terminated in general.
struct str {
  char* s;
  int len;
};
/// `str_const`: same layout, read-only characters.
struct str_const {
  const char* s;
  int len;
};

/// `pv_value_t`: what a pseudo-variable evaluates to.
struct pv_value {
  str rs;
  int ri;
  int flags;
};
inline constexpr int pv_val_none = 0, pv_val_null = 1, pv_val_empty = 2, pv_val_str = 4, pv_val_int = 8,
                     pv_type_int = 16, pv_val_pkg = 32, pv_val_shm = 64;
inline constexpr int assign_eq = 18;  ///< EQ_T: the `=` operator code for pv_set_value

// ---- script functions ------------------------------------------------------------------------
using cmd_function = int (*)(sip_msg*, void*, void*, void*, void*, void*, void*, void*, void*);
using fixup_function = int (*)(void** param);
using free_fixup_function = int (*)(void** param);

inline constexpr int max_cmd_params = 8;  ///< MAX_ACTION_ELEMS - 1
/// The core copies INT/STR/REGEX-from-variable values into an 8-element array indexed 1..n:
/// an 8th such parameter writes past it. modsdk allows 7.
inline constexpr int max_safe_value_params = 7;

inline constexpr int cmd_param_int = 1, cmd_param_str = 2, cmd_param_var = 4, cmd_param_regex = 8, cmd_param_opt = 16,
                     cmd_param_fix_null = 32, cmd_param_no_expand = 64, cmd_param_static = 128;

/// One parameter of a script function; flags 0 ends the list.
struct cmd_param {
  int flags;
  fixup_function fixup;
  free_fixup_function free_fixup;
};

/// `cmd_export_t`: a script function. A NULL name ends the table; route flags 0 hide it from the script.
struct cmd_export {
  const char* name;
  cmd_function function;
  cmd_param params[max_cmd_params + 1];
  int flags;
};

/// `acmd_export_t`: an async script function (no route mask). The function's second argument is the
/// version-specific async_ctx.
using acmd_function = int (*)(sip_msg*, void* async_ctx, void*, void*, void*, void*, void*, void*, void*, void*);
struct acmd_export {
  const char* name;
  acmd_function function;
  cmd_param params[max_cmd_params + 1];
};

// route types (route.h)
inline constexpr int request_route = 1, failure_route = 2, onreply_route = 4, branch_route = 8, error_route = 16,
                     local_route = 32, startup_route = 64, timer_route = 128, event_route = 256, all_routes = 511;

// return codes of script functions / E_* error codes
inline constexpr int e_unspec = -1, e_out_of_mem = -2, e_bad_re = -3, e_bug = -5, e_cfg = -6;

// async_ret_code
inline constexpr int async_no_io = -8, async_sync = -7, async_no_fd = -6, async_continue = -5, async_change_fd = -4,
                     async_done_close_fd = -3, async_done_no_io = -2, async_done = -1;
using async_resume_function = int (*)(int fd, sip_msg* msg, void* param);

// ---- module parameters -----------------------------------------------------------------------
using modparam_t = std::uint32_t;
inline constexpr modparam_t str_param = 1u, int_param = 2u, use_func_param = 1u << 31;
using param_function = int (*)(modparam_t type, void* value);

/// `param_export_t`. For USE_FUNC_PARAM, param_pointer holds a param_function.
struct param_export {
  const char* name;
  modparam_t type;
  void* param_pointer;
};

// ---- statistics ------------------------------------------------------------------------------
inline constexpr unsigned short stat_no_reset = 1, stat_no_sync = 2, stat_shm_name = 4, stat_is_func = 8,
                                stat_not_allocated = 16, stat_hidden = 32, stat_per_proc = 64, stat_has_group = 128;
using stat_function = unsigned long (*)(void* ctx);

/// `stat_export_t`: the core allocates the stat_var after init_f and writes it through stat_pointer.
struct stat_export {
  const char* name;
  unsigned short flags;
  stat_var** stat_pointer;
};

/// `stat_var` (64 bytes): update_stat/get_stat_val are macros over these fields.
struct stat_var_layout {
  std::uint32_t mod_idx;
  str name;
  unsigned short flags;
  void* context;
  void* u;  // unsigned long* counter, or stat_function when flags & stat_is_func
  stat_var* hnext;
  stat_var* lnext;
};

// ---- pseudo-variables and transformations -----------------------------------------------------
using pv_getf = int (*)(sip_msg*, void* param, pv_value* res);
using pv_setf = int (*)(sip_msg*, void* param, int op, pv_value* val);

/// `pv_export_t`: name.s == NULL ends the table.
struct pv_export {
  str_const name;
  int type;
  pv_getf getf;
  pv_setf setf;
  int (*parse_name)(pv_spec*, const str*);
  int (*parse_index)(pv_spec*, const str*);
  int (*init_param)(pv_spec*, int);
  int iparam;
};

/// `trans_export_t`.
struct trans_export {
  str_const name;
  int (*parse_func)(str*, void* trans);
  int (*eval_func)(sip_msg*, void* params, int subtype, pv_value* val);
};

// ---- extra processes ---------------------------------------------------------------------------
inline constexpr unsigned proc_flag_initchild = 1, proc_flag_has_ipc = 2, proc_flag_needs_script = 4;
inline constexpr int proc_main = 0, proc_timer = -1, proc_module = -2, proc_tcp_main = -4;

/// `proc_export_t`.
struct proc_export {
  const char* name;
  int (*pre_fork_function)();
  int (*post_fork_function)();
  void (*function)(int rank);
  unsigned int no;
  unsigned int flags;
};

// ---- dependencies ------------------------------------------------------------------------------
inline constexpr int mod_type_null = 0, mod_type_default = 1, mod_type_sqldb = 2, mod_type_cachedb = 3,
                     mod_type_aaa = 4;
inline constexpr unsigned dep_silent = 1, dep_warn = 2, dep_abort = 4;
inline constexpr int max_mod_deps = 10;

/// `module_dependency_t`: mod_type 0 ends the list.
struct module_dependency {
  int mod_type;
  const char* mod_name;
  unsigned int type;
};
/// `modparam_dependency_t`: script_param NULL ends the list.
struct param_export;
struct modparam_dependency {
  const char* script_param;
  module_dependency* (*get_deps_f)(const param_export* param);
};
/// `dep_export_t` with its flexible `mpd[]` given a size (C++ has no flexible array members).
template <int ParamDeps>
struct dep_export {
  module_dependency md[max_mod_deps];
  modparam_dependency mpd[ParamDeps + 1];
};

// ---- the module ----------------------------------------------------------------------------------
struct scm_version {
  const char* type;
  const char* rev;
};
struct version_info {
  const char* version;
  const char* compile_flags;
  scm_version scm;
};

/// `struct module_exports`: the one symbol (`exports`) a core looks up in a module.
/// mi_cmds points at the version-specific mi_export array, deps at a dep_export<N>.
struct module_exports {
  const char* name;
  int type;
  version_info ver_info;
  unsigned int dlflags;
  int (*load_f)();
  const void* deps;
  const cmd_export* cmds;
  const acmd_export* acmds;
  const param_export* params;
  const stat_export* stats;
  const void* mi_cmds;
  const pv_export* items;
  const trans_export* trans;
  const proc_export* procs;
  int (*preinit_f)();
  int (*init_f)();
  int (*response_f)(sip_msg*);
  void (*destroy_f)();
  int (*init_child_f)(int rank);
  int (*reload_ack_f)();
};

// ---- logging (dprint.h) --------------------------------------------------------------------------
inline constexpr int l_alert = -3, l_crit = -2, l_err = -1, l_warn = 1, l_notice = 2, l_info = 3, l_dbg = 4;

// ---- MI --------------------------------------------------------------------------------------------
using mi_response = mi_item;
using mi_handler_function = mi_response* (*)(const mi_params_t* params, mi_handler* async_hdl);
inline constexpr unsigned mi_async_rpl_flag = 1, mi_named_params_only = 2;
inline constexpr int max_mi_recipes = 48;
/// `mi_params_t`.
struct mi_params_layout {
  mi_item* item;
  char* const* list;
};

// ---- SL / signaling binding ---------------------------------------------------------------------
/// `struct sl_binds` (same for load_sl and load_sig), identical 3.4 - master.
struct sl_binds {
  int (*reply)(sip_msg* msg, int code, const str* reason, str* totag);
  int (*gen_totag)(sip_msg* msg, str* totag);
};

}  // namespace abi
MODSDK_END_NAMESPACE
