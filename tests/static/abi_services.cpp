// SPDX-License-Identifier: MIT
// ABI layer: the core services' constants, types and prototypes (abi/timer.hpp, abi/evi.hpp, abi/pv.hpp,
// abi/avp.hpp) against the
// facts printed from the real headers (shared research, abi-facts/opensips-<version>.txt). Every line checked
// here is the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 unless a comment says otherwise.
#include <type_traits>

#include <cstddef>

#include <modsdk/abi/avp.hpp>
#include <modsdk/abi/evi.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/abi/status_report.hpp>
#include <modsdk/abi/timer.hpp>

namespace abi = modsdk::abi;

// ---- timers (timer.h, config.h) ------------------------------------------------------------------------------
// sizeof.utime_t 8; typedef.utime_t typedef unsigned long long utime_t;
static_assert(sizeof(abi::utime_t) == 8 && std::is_same_v<abi::utime_t, unsigned long long>);
// const.TIMER_FLAG_IS_UTIMER 1, const.TIMER_FLAG_SKIP_ON_DELAY 2, const.TIMER_FLAG_DELAY_ON_DELAY 4
static_assert(abi::timer_flag_is_utimer == 1 && abi::timer_flag_skip_on_delay == 2 &&
              abi::timer_flag_delay_on_delay == 4);
// typedef.timer_function typedef void (timer_function)(unsigned int ticks, void *param);
static_assert(std::is_same_v<abi::timer_function, void(unsigned int, void*)>);
// typedef.utimer_function typedef void (utimer_function)(utime_t uticks, void *param);
static_assert(std::is_same_v<abi::utimer_function, void(unsigned long long, void*)>);
// proto.register_timer int register_timer(char *label, timer_function f, void *param, unsigned int interval,
//                                         unsigned short flags);
static_assert(std::is_same_v<decltype(&abi::register_timer),
                             int (*)(char*, abi::timer_function*, void*, unsigned int, unsigned short)>);
// proto.register_utimer int register_utimer(char *label, utimer_function f, void *param, unsigned int interval,
//                                           unsigned short flags);
static_assert(std::is_same_v<decltype(&abi::register_utimer),
                             int (*)(char*, abi::utimer_function*, void*, unsigned int, unsigned short)>);
// config.h: #define UTIMER_TICK 100*1000 (the same in the four releases; not a printed fact)
static_assert(abi::utimer_tick_us == 100000);

// ---- events (evi/event_interface.h, evi/evi_params.h) ---------------------------------------------------------
// sizeof.event_id_t 4; typedef.event_id_t typedef int event_id_t;
static_assert(std::is_same_v<abi::event_id, int>);
// sizeof.evi_param_t 48; offsetof.evi_param_t.flags 0, .val 8, .val.n 8, .val.s 8, .name 24, .next 40
static_assert(sizeof(abi::evi_param) == 48);
static_assert(offsetof(abi::evi_param, flags) == 0 && offsetof(abi::evi_param, val) == 8);
static_assert(offsetof(abi::evi_param, val.n) == 8 && offsetof(abi::evi_param, val.s) == 8);
static_assert(offsetof(abi::evi_param, name) == 24 && offsetof(abi::evi_param, next) == 40);
// sizeof.evi_params_t 24; offsetof.evi_params_t.flags 0, .first 8, .last 16
static_assert(sizeof(abi::evi_params) == 24);
static_assert(offsetof(abi::evi_params, flags) == 0 && offsetof(abi::evi_params, first) == 8 &&
              offsetof(abi::evi_params, last) == 16);
// const.EVI_INT_VAL 1, const.EVI_STR_VAL 2, const.EVI_FREE_LIST -2147483648, const.EVI_ERROR -1,
// const.MAX_EVENT_NAME 64
static_assert(abi::evi_int_val == 1 && abi::evi_str_val == 2 && abi::evi_free_list == -2147483647 - 1 &&
              abi::evi_error == -1 && abi::max_event_name == 64);
// proto.evi_publish_event event_id_t evi_publish_event(str event_name);
static_assert(std::is_same_v<decltype(&abi::evi_publish_event), int (*)(abi::str)>);
// proto.evi_raise_event int evi_raise_event(event_id_t id, evi_params_t *params);
static_assert(std::is_same_v<decltype(&abi::evi_raise_event), int (*)(int, abi::evi_params*)>);
// proto.evi_probe_event int evi_probe_event(event_id_t id);
static_assert(std::is_same_v<decltype(&abi::evi_probe_event), int (*)(int)>);
// proto.evi_get_params evi_params_p evi_get_params(void);
static_assert(std::is_same_v<decltype(&abi::evi_get_params), abi::evi_params* (*)()>);
// proto.evi_param_add int evi_param_add(evi_params_p list, const str *name, const void *param, int flags);
// (evi_param_add_int/_str are macros over it: macro.evi_param_add_int ... EVI_INT_VAL)
static_assert(
    std::is_same_v<decltype(&abi::evi_param_add), int (*)(abi::evi_params*, const abi::str*, const void*, int)>);
// proto.evi_free_params void evi_free_params(evi_params_p);
static_assert(std::is_same_v<decltype(&abi::evi_free_params), void (*)(abi::evi_params*)>);

// ---- module pseudo-variables (pvar.h) -------------------------------------------------------------------------
// sizeof.pv_export_t 72; offsetof.pv_export_t.name 0, .type 16, .getf 24, .setf 32, .parse_name 40,
// .parse_index 48, .init_param 56, .iparam 64
static_assert(sizeof(abi::pv_export) == 72);
static_assert(offsetof(abi::pv_export, type) == 16 && offsetof(abi::pv_export, getf) == 24 &&
              offsetof(abi::pv_export, setf) == 32 && offsetof(abi::pv_export, parse_name) == 40 &&
              offsetof(abi::pv_export, parse_index) == 48 && offsetof(abi::pv_export, init_param) == 56 &&
              offsetof(abi::pv_export, iparam) == 64);
// sizeof.pv_name_t 32; offsetof.pv_name_t.type 0, .u 8, .u.isname.type 8, .u.isname.name 16, .u.dname 8
static_assert(sizeof(abi::pv_name) == 32 && offsetof(abi::pv_name, u) == 8);
static_assert(offsetof(abi::pv_name, u.isname.type) == 8 && offsetof(abi::pv_name, u.isname.name) == 16 &&
              offsetof(abi::pv_name, u.dname) == 8);
// sizeof.pv_index_t 16; offsetof.pv_index_t.type 0, .u 8, .u.ival 8, .u.dval 8
static_assert(sizeof(abi::pv_index) == 16 && offsetof(abi::pv_index, u.ival) == 8 &&
              offsetof(abi::pv_index, u.dval) == 8);
// offsetof.pv_param_t.pvn 0, .pvi 32, .pvv 48 (then .pvv_flags 64 in 3.6.7+ and 4.0.1, never read by a module)
static_assert(offsetof(abi::pv_param, pvn) == 0 && offsetof(abi::pv_param, pvi) == 32 &&
              offsetof(abi::pv_param, pvv) == 48 && sizeof(abi::pv_param) == 72);
// offsetof.pv_spec_t.type 0, .getf 8, .setf 16, .pvp 24
static_assert(offsetof(abi::pv_spec_head, getf) == 8 && offsetof(abi::pv_spec_head, setf) == 16 &&
              offsetof(abi::pv_spec_head, pvp) == 24);
// const.PV_NAME_INTSTR 0, PV_NAME_PVAR 1, PV_IDX_PVAR 1, PV_IDX_ALL 2, PV_IDX_INT 3, PV_IDX_APPEND 4,
// PVT_NONE 0, PVT_EXTRA 118
static_assert(abi::pv_name_intstr == 0 && abi::pv_name_pvar == 1 && abi::pv_idx_pvar == 1 && abi::pv_idx_all == 2 &&
              abi::pv_idx_int == 3 && abi::pv_idx_append == 4 && abi::pvt_none == 0 && abi::pvt_extra == 118);
// typedef.pv_parse_index_f typedef int (*pv_parse_index_f)(pv_spec_p sp, const str *in);
static_assert(std::is_same_v<decltype(&abi::pv_parse_index), int (*)(abi::pv_spec*, const abi::str*)>);
// proto.pv_get_spec_index int pv_get_spec_index(struct sip_msg *msg, pv_param_p ip, int *idx, int *flags);
static_assert(std::is_same_v<decltype(&abi::pv_get_spec_index), int (*)(abi::sip_msg*, abi::pv_param*, int*, int*)>);
// proto.pv_get_sintval int pv_get_sintval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, int sival);
static_assert(
    std::is_same_v<decltype(&abi::pv_get_sintval), int (*)(abi::sip_msg*, abi::pv_param*, abi::pv_value*, int)>);
// proto.pv_get_strval int pv_get_strval(struct sip_msg *msg, pv_param_t *param, pv_value_t *res, str *sval);
static_assert(
    std::is_same_v<decltype(&abi::pv_get_strval), int (*)(abi::sip_msg*, abi::pv_param*, abi::pv_value*, abi::str*)>);

// ---- AVPs (usr_avp.h) -----------------------------------------------------------------------------------------
// sizeof.struct usr_avp 24; offsetof .id 0, .flags 4, .next 8, .data 16; sizeof.int_str 16
static_assert(sizeof(abi::usr_avp) == 24 && offsetof(abi::usr_avp, flags) == 4 && offsetof(abi::usr_avp, next) == 8 &&
              offsetof(abi::usr_avp, data) == 16);
static_assert(sizeof(abi::int_str) == 16);
// const.AVP_NAME_STR 1, AVP_VAL_STR 2, AVP_VAL_NULL 4, AVP_SCRIPT_MASK 65280
static_assert(abi::avp_name_str == 1 && abi::avp_val_str == 2 && abi::avp_val_null == 4 &&
              abi::avp_script_mask == 65280);
// proto.add_avp int add_avp(unsigned short flags, int id, int_str val); (add_avp_last the same)
static_assert(std::is_same_v<decltype(&abi::add_avp), int (*)(unsigned short, int, abi::int_str)>);
static_assert(std::is_same_v<decltype(&abi::add_avp_last), int (*)(unsigned short, int, abi::int_str)>);
// proto.search_first_avp struct usr_avp *search_first_avp(unsigned short flags, int id, int_str *val,
// struct usr_avp *start);
static_assert(std::is_same_v<decltype(&abi::search_first_avp),
                             abi::usr_avp* (*)(unsigned short, int, abi::int_str*, abi::usr_avp*)>);
// proto.search_next_avp struct usr_avp *search_next_avp(struct usr_avp *avp, int_str *val);
static_assert(std::is_same_v<decltype(&abi::search_next_avp), abi::usr_avp* (*)(abi::usr_avp*, abi::int_str*)>);
// proto.search_index_avp struct usr_avp *search_index_avp(unsigned short flags, int name, int_str *val,
// unsigned int index);
static_assert(std::is_same_v<decltype(&abi::search_index_avp),
                             abi::usr_avp* (*)(unsigned short, int, abi::int_str*, unsigned int)>);
// proto.replace_avp int replace_avp(unsigned short flags, int name, int_str val, int index);
static_assert(std::is_same_v<decltype(&abi::replace_avp), int (*)(unsigned short, int, abi::int_str, int)>);
// proto.destroy_avp void destroy_avp(struct usr_avp *avp);
static_assert(std::is_same_v<decltype(&abi::destroy_avp), void (*)(abi::usr_avp*)>);
// proto.destroy_avps int destroy_avps(unsigned short flags, int name, int all);
static_assert(std::is_same_v<decltype(&abi::destroy_avps), int (*)(unsigned short, int, int)>);
// proto.count_avps int count_avps(unsigned short flags, int name);
static_assert(std::is_same_v<decltype(&abi::count_avps), int (*)(unsigned short, int)>);
// proto.get_avp_val void get_avp_val(struct usr_avp *avp, int_str *val);
static_assert(std::is_same_v<decltype(&abi::get_avp_val), void (*)(abi::usr_avp*, abi::int_str*)>);
// proto.parse_avp_spec int parse_avp_spec(const str *name, int *avp_name);
static_assert(std::is_same_v<decltype(&abi::parse_avp_spec), int (*)(const abi::str*, int*)>);

int main() { return 0; }

// ---- status reports (status_report.h; not in abi-facts: read in the four releases' headers) --------------------
// enum sr_status { SR_STATUS_NO_DATA = -2, SR_STATUS_LOADING_DATA = -1, SR_STATUS_NOT_READY = -1,
//                  SR_STATUS_READY = 1, SR_STATUS_RELOADING_DATA = 2 }
static_assert(abi::sr_status_no_data == -2 && abi::sr_status_not_ready == -1 && abi::sr_status_ready == 1 &&
              abi::sr_status_reloading_data == 2);
// void *sr_register_group(char *name_s, int name_len, int is_public);
static_assert(std::is_same_v<decltype(&abi::sr_register_group), void* (*)(char*, int, int)>);
// int sr_register_identifier(void *group, char *identifier_s, int identifier_len, int init_status,
//                            char *status_txt_s, int status_txt_len, int max_reports);
static_assert(std::is_same_v<decltype(&abi::sr_register_identifier), int (*)(void*, char*, int, int, char*, int, int)>);
// int sr_set_status(void *group, char *identifier_s, int identifier_len, int status, char *status_txt_s,
//                   int status_txt_len, int is_public);
static_assert(std::is_same_v<decltype(&abi::sr_set_status), int (*)(void*, char*, int, int, char*, int, int)>);
// int sr_add_report(void *group, char *identifier_s, int identifier_len, char *report_s, int report_len,
//                   int is_public);
static_assert(std::is_same_v<decltype(&abi::sr_add_report), int (*)(void*, char*, int, char*, int, int)>);
