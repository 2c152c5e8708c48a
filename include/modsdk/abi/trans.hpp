// SPDX-License-Identifier: MIT
// ABI layer: transformations (transformations.h), the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1: the parameter
// node and the transformation a module's parse_func fills (trans_export_t itself is in common.hpp, a
// table of module_exports). Checked by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
/// `tr_param_t`: one parameter node of a transformation (the core frees each node with pkg_free, after
/// pv_spec_free of v.data for TR_PARAM_SPEC).
struct tr_param {
  int type;
  union {
    int n;
    str s;
    void* data;
  } v;
  tr_param* next;
};
/// `trans_t`: one transformation of a spec, as parse_func fills it (name, subtype, params).
struct trans {
  str name;
  int subtype;
  int (*trf)(sip_msg*, tr_param*, int, pv_value*);
  tr_param* params;
  trans* next;
};
inline constexpr int tr_param_none = 0;  ///< TR_PARAM_NONE
inline constexpr int tr_param_spec = 3;  ///< TR_PARAM_SPEC: v.data is a pkg pv_spec_t the core frees (pv_spec_free)
}  // namespace abi
MODSDK_END_NAMESPACE
