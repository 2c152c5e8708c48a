// SPDX-License-Identifier: MIT
// ABI layer: what a module that exports pseudo-variables shares with the core (pvar.h): the parameter
// block its getter and setter receive (pv_param_t), the head of pv_spec_t its name and index parsers fill,
// and the core's helpers that parse an index, read it per message and fill a value. pv_param_t's pvn, pvi
// and pvv sit at the same offsets in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 (3.6.7+ appends pvv_flags, which a
// module never reads); pv_spec_t's pvp is at 24 everywhere. Checked by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `int_str`: an int or a str, as AVP names and values and pv_name_t's static name hold them.
union int_str {
  int n;
  str s;
};

/// `pv_name_t`: the name part of `$pv(name)`, as the module's parse_name left it.
struct pv_name {
  int type;  ///< PV_NAME_INTSTR or PV_NAME_PVAR
  union {
    struct {
      int type;  ///< AVP_NAME_STR when `name` holds text, else 0 (an int)
      int_str name;
    } isname;
    void* dname;  ///< a pv_spec_t* (PV_NAME_PVAR)
  } u;
};

/// `pv_index_t`: the index part of `$(pv[index])`.
struct pv_index {
  int type;  ///< 0 (none), PV_IDX_PVAR, PV_IDX_ALL, PV_IDX_INT, PV_IDX_APPEND
  union {
    int ival;
    void* dval;  ///< a pv_spec_t* (PV_IDX_PVAR)
  } u;
};

/// `pv_param_t` up to its pvv (what every supported core has at the same offsets).
struct pv_param {
  pv_name pvn;
  pv_index pvi;
  pv_value pvv;
};

/// The head of `pv_spec_t` (type, getf, setf, pvp): what a module's parse_name / parse_index write.
struct pv_spec_head {
  int type;
  pv_getf getf;
  pv_setf setf;
  pv_param pvp;
};

inline constexpr int pv_name_intstr = 0, pv_name_pvar = 1;                                ///< PV_NAME_*
inline constexpr int pv_idx_pvar = 1, pv_idx_all = 2, pv_idx_int = 3, pv_idx_append = 4;  ///< PV_IDX_*
inline constexpr int avp_name_str = 1, avp_val_str = 2, avp_val_null = 4;                 ///< AVP_* flags
inline constexpr int pvt_none = 0, pvt_extra = 118;  ///< PVT_NONE; PVT_EXTRA, added to a module PV's type
inline constexpr int colon_eq = 19;                  ///< COLONEQ_T: the `:=` operator code for a setter

extern "C" {
/// The core's index parser (`[3]`, `[-1]`, `[*]`, `[$var(i)]`), as a module's pv_export parse_index.
MODSDK_CORE_SYMBOL int pv_parse_index(pv_spec* sp, const str* in);
/// The index of a spec for one message (evaluates a variable index). 0 on success; `flags` gets pvi.type.
MODSDK_CORE_SYMBOL int pv_get_spec_index(sip_msg* msg, pv_param* ip, int* idx, int* flags);
/// Fills `res` with NULL (PV_VAL_NULL). Returns 0.
MODSDK_CORE_SYMBOL int pv_get_null(sip_msg* msg, pv_param* param, pv_value* res);
/// Fills `res` with an int and its text (PV_VAL_STR|PV_VAL_INT|PV_TYPE_INT; the text in a core buffer).
MODSDK_CORE_SYMBOL int pv_get_sintval(sip_msg* msg, pv_param* param, pv_value* res, int sival);
/// Fills `res` with a string (PV_VAL_STR), referenced, not copied.
MODSDK_CORE_SYMBOL int pv_get_strval(sip_msg* msg, pv_param* param, pv_value* res, str* sval);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
