// SPDX-License-Identifier: MIT
// ABI layer: what a module shares with the core around the script (context.h, script_cb.h, route.h,
// action.h), the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1: the per-message context (CONTEXT_GLOBAL, the
// slot registration calls and the arrays its inline get/put read), the script callbacks run before and
// after the request/reply script, and the request routes a module looks up by name and runs as the
// dispatcher module does (route_params_push_level, _run_actions, route_params_pop_level).
// Checked by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/pv.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

// ---- per-message context (context.h) -------------------------------------------------------------
inline constexpr int context_global = 0;  ///< CONTEXT_GLOBAL: the context of the message being processed
inline constexpr int context_int_type = 0, context_str_type = 1, context_ptr_type = 2;  ///< CONTEXT_*_TYPE
inline constexpr int context_count_type = 3;                                            ///< CONTEXT_COUNT_TYPE
/// `context_destroy_f`: gets an int*, a str* or the pointer stored in the slot.
using context_destroy_f = void (*)(void*);

// ---- script callbacks (script_cb.h) --------------------------------------------------------------
/// `cb_function`: a pre-script callback's return is a mask of SCB_* (ANDed over the callbacks).
using script_cb_function = int(sip_msg* msg, void* param);
inline constexpr int scb_drop_msg = 0, scb_run_top_route = 1, scb_run_post_cbs = 2, scb_run_all = 3;  ///< SCB_*
inline constexpr int pre_script_cb = 1, post_script_cb = 2, req_type_cb = 4, rpl_type_cb = 8;         ///< *_CB

// ---- script routes (route.h, action.h) -----------------------------------------------------------
/// `struct action`: a route's actions (opaque).
struct action;
/// `struct script_route`: one entry of sroutes->request[] (which starts os_script_routes).
struct script_route {
  char* name;
  action* a;
};
/// `struct script_route_ref`: a module's reference to a route by name; idx is -1 while the cfg has none.
struct script_route_ref {
  str name;
  int idx;
  int type;
  unsigned int refcnt_or_version;
  script_route_ref* next;
};
inline constexpr int rt_no = 100;  ///< RT_NO: the size of sroutes->request[]
/// `param_getf_t`: reads `$param(n)` for the route level pushed with it.
using route_param_getf = int (*)(sip_msg*, pv_param*, pv_value*, void* params, void* extra);

extern "C" {
/// The context of the message being processed (NULL outside one).
MODSDK_CORE_SYMBOL extern void* current_processing_ctx;
/// Per context kind and slot type: where the slots start in a context, and how many there are.
MODSDK_CORE_SYMBOL extern unsigned int type_offsets[][context_count_type];
MODSDK_CORE_SYMBOL extern unsigned int type_sizes[][context_count_type];
/// Adds a slot to every context of `type` (only before any is allocated: mod_init); returns its position.
MODSDK_CORE_SYMBOL int context_register_int(int type, context_destroy_f f);
MODSDK_CORE_SYMBOL int context_register_str(int type, context_destroy_f f);
MODSDK_CORE_SYMBOL int context_register_ptr(int type, context_destroy_f f);

/// Registers a script callback (`type`: PRE or POST, and REQ and/or RPL); prio orders them, highest first.
MODSDK_CORE_SYMBOL int register_script_cb_prio(script_cb_function* f, int type, void* param,
                                               int prio) __asm__("__register_script_cb");

/// The cfg's routes (struct os_script_routes*; its request[RT_NO] comes first).
MODSDK_CORE_SYMBOL extern void* sroutes;
/// A reference to the route `name` of `sr` (in pkg unless in_shm); idx -1 when the cfg has no such route.
MODSDK_CORE_SYMBOL script_route_ref* ref_script_route_by_name(char* name, script_route* sr, int size, int type,
                                                              int in_shm);
/// Runs a list of actions; returns what the route returned (its `return(n)`), as `$rc` reads it.
MODSDK_CORE_SYMBOL int run_actions_returning(action* a, sip_msg* msg) __asm__("_run_actions");
/// Enters a route level: the name on the route stack, the getter of its `$param(n)`.
MODSDK_CORE_SYMBOL void route_params_push_level(char* rt_name, void* params, void* extra, route_param_getf getf);
MODSDK_CORE_SYMBOL void route_params_pop_level();
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
