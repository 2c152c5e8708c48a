// SPDX-License-Identifier: MIT
// ABI layer: transformations (abi/trans.hpp, trans_export_t in abi/common.hpp) against the facts printed from
// the real headers (shared research, abi-facts/opensips-<version>.txt), and the script services
// (abi/script.hpp: context.h, script_cb.h, route.h, action.h) against the four releases' headers, read in
// the source (git show <tag>:context.h ...; no printed fact covers them). Every line is the same in 3.4.18,
// 3.5.9, 3.6.8 and 4.0.1.
#include <type_traits>

#include <cstddef>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/script.hpp>
#include <modsdk/abi/trans.hpp>

namespace abi = modsdk::abi;

// ---- transformations (transformations.h) ----------------------------------------------------------------------
// sizeof.trans_export_t 32; offsetof.trans_export_t.name 0, .parse_func 16, .eval_func 24
static_assert(sizeof(abi::trans_export) == 32);
static_assert(offsetof(abi::trans_export, name) == 0 && offsetof(abi::trans_export, parse_func) == 16 &&
              offsetof(abi::trans_export, eval_func) == 24);
// sizeof.tr_param_t 32; offsetof.tr_param_t.type 0, .v 8, .next 24
static_assert(sizeof(abi::tr_param) == 32);
static_assert(offsetof(abi::tr_param, type) == 0 && offsetof(abi::tr_param, v) == 8 &&
              offsetof(abi::tr_param, next) == 24);
// sizeof.trans_t 48; offsetof.trans_t.name 0, .subtype 16, .trf 24, .params 32, .next 40
static_assert(sizeof(abi::trans) == 48);
static_assert(offsetof(abi::trans, name) == 0 && offsetof(abi::trans, subtype) == 16 &&
              offsetof(abi::trans, trf) == 24 && offsetof(abi::trans, params) == 32 &&
              offsetof(abi::trans, next) == 40);
// typedef.tr_parse_f typedef int (*tr_parse_f)(str *in, trans_t *t);
// typedef.tr_eval_f typedef int (*tr_eval_f)(struct sip_msg *, tr_param_t *, int, pv_value_t *);
static_assert(std::is_same_v<decltype(abi::trans_export::parse_func), int (*)(abi::str*, void*)>);
static_assert(
    std::is_same_v<decltype(abi::trans_export::eval_func), int (*)(abi::sip_msg*, void*, int, abi::pv_value*)>);
static_assert(std::is_same_v<decltype(abi::trans::trf), int (*)(abi::sip_msg*, abi::tr_param*, int, abi::pv_value*)>);
// const.TR_PARAM_NONE 0; const.TR_PARAM_SPEC 3 (the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1)
static_assert(abi::tr_param_none == 0 && abi::tr_param_spec == 3);

// ---- format strings (pvar.h), the same prototypes in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 ---------------------------
// proto.pv_parse_format int pv_parse_format(const str *in, pv_elem_p *el);
// proto.pv_printf int pv_printf(struct sip_msg *msg, pv_elem_p list, char *buf, int *len);
// proto.pv_printf_s int pv_printf_s(struct sip_msg *msg, pv_elem_p list, str *s);
// proto.pv_elem_free_all int pv_elem_free_all(pv_elem_p log);
static_assert(std::is_same_v<decltype(&abi::pv_parse_format), int (*)(const abi::str*, abi::pv_elem**)>);
static_assert(std::is_same_v<decltype(&abi::pv_printf), int (*)(abi::sip_msg*, abi::pv_elem*, char*, int*)>);
static_assert(std::is_same_v<decltype(&abi::pv_printf_s), int (*)(abi::sip_msg*, abi::pv_elem*, abi::str*)>);
static_assert(std::is_same_v<decltype(&abi::pv_elem_free_all), int (*)(abi::pv_elem*)>);

// ---- the message context (context.h) --------------------------------------------------------------------------
// enum osips_context { CONTEXT_GLOBAL, ... }; enum osips_context_val { CONTEXT_INT_TYPE, CONTEXT_STR_TYPE,
// CONTEXT_PTR_TYPE, CONTEXT_COUNT_TYPE }
static_assert(abi::context_global == 0 && abi::context_int_type == 0 && abi::context_str_type == 1 &&
              abi::context_ptr_type == 2 && abi::context_count_type == 3);
// typedef void (*context_destroy_f)(void *); int context_register_int(enum osips_context type, context_destroy_f f);
static_assert(std::is_same_v<abi::context_destroy_f, void (*)(void*)>);
static_assert(std::is_same_v<decltype(&abi::context_register_int), int (*)(int, abi::context_destroy_f)>);
static_assert(std::is_same_v<decltype(&abi::context_register_str), int (*)(int, abi::context_destroy_f)>);
static_assert(std::is_same_v<decltype(&abi::context_register_ptr), int (*)(int, abi::context_destroy_f)>);

// ---- script callbacks (script_cb.h) ---------------------------------------------------------------------------
// typedef int (cb_function)(struct sip_msg *msg, void *param);
static_assert(std::is_same_v<abi::script_cb_function, int(abi::sip_msg*, void*)>);
// SCB_DROP_MSG 0, SCB_RUN_TOP_ROUTE 1<<0, SCB_RUN_POST_CBS 1<<1, SCB_RUN_ALL 3
static_assert(abi::scb_drop_msg == 0 && abi::scb_run_top_route == 1 && abi::scb_run_post_cbs == 2 &&
              abi::scb_run_all == 3);
// PRE_SCRIPT_CB 1<<0, POST_SCRIPT_CB 1<<1, REQ_TYPE_CB 1<<2, RPL_TYPE_CB 1<<3
static_assert(abi::pre_script_cb == 1 && abi::post_script_cb == 2 && abi::req_type_cb == 4 && abi::rpl_type_cb == 8);
// int __register_script_cb(cb_function f, int type, void *param, int prio);
static_assert(
    std::is_same_v<decltype(&abi::register_script_cb_prio), int (*)(abi::script_cb_function*, int, void*, int)>);

// ---- routes (route.h, action.h, config.h) ---------------------------------------------------------------------
// struct script_route { char *name; struct action *a; }: 16 bytes, request[RT_NO] first in os_script_routes
static_assert(sizeof(abi::script_route) == 16 && offsetof(abi::script_route, a) == 8);
// struct script_route_ref { str name; int idx; int type; union { unsigned refcnt; unsigned version; } u;
// struct script_route_ref *next; }
static_assert(offsetof(abi::script_route_ref, idx) == 16 && offsetof(abi::script_route_ref, type) == 20 &&
              offsetof(abi::script_route_ref, refcnt_or_version) == 24 && offsetof(abi::script_route_ref, next) == 32);
// #define RT_NO 100
static_assert(abi::rt_no == 100);
// int _run_actions(struct action *a, struct sip_msg *msg);
static_assert(std::is_same_v<decltype(&abi::run_actions_returning), int (*)(abi::action*, abi::sip_msg*)>);
// void route_params_push_level(char *rt_name, void *params, void *extra, param_getf_t getf);
static_assert(
    std::is_same_v<decltype(&abi::route_params_push_level), void (*)(char*, void*, void*, abi::route_param_getf)>);

int main() { return 0; }
