// SPDX-License-Identifier: MIT
// ABI layer: the core's event interface (evi/event_interface.h, evi/evi_params.h), the same in 3.4.18,
// 3.5.9, 3.6.8 and 4.0.1 for what a module uses: publish an event in mod_init, build a pkg parameter list,
// raise it (the core frees a list made by evi_get_params). Checked by tests/static/abi_services.cpp.
#pragma once
#include <climits>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `event_id_t`: the index the core gave a published event.
using event_id = int;

/// `evi_param_t`: one named parameter of a raised event.
struct evi_param {
  int flags;  ///< EVI_INT_VAL or EVI_STR_VAL
  union {
    int n;
    str s;
  } val;
  str name;  ///< the core keeps the pointer: the name must outlive the list
  evi_param* next;
};

/// `evi_params_t`: the parameter list of a raised event.
struct evi_params {
  int flags;  ///< EVI_FREE_LIST when evi_get_params made it (the raise frees it)
  evi_param* first;
  evi_param* last;
};

inline constexpr int evi_int_val = 1;          ///< EVI_INT_VAL
inline constexpr int evi_str_val = 2;          ///< EVI_STR_VAL
inline constexpr int evi_free_list = INT_MIN;  ///< EVI_FREE_LIST (1 << 31)
inline constexpr int evi_error = -1;           ///< EVI_ERROR
inline constexpr int max_event_name = 64;      ///< MAX_EVENT_NAME

extern "C" {
/// Publishes an event (mod_init, before the fork: the event table is per process); the core keeps the name.
MODSDK_CORE_SYMBOL event_id evi_publish_event(str event_name);
/// Raises an event with its parameters (frees a list made by evi_get_params). 0 on success.
MODSDK_CORE_SYMBOL int evi_raise_event(event_id id, evi_params* params);
/// How many transports may deliver the event: 0 when nobody subscribed, <0 for an unknown id.
MODSDK_CORE_SYMBOL int evi_probe_event(event_id id);
/// A new, empty parameter list in pkg memory (flags EVI_FREE_LIST).
MODSDK_CORE_SYMBOL evi_params* evi_get_params();
/// Adds a parameter: `param` points to an int (EVI_INT_VAL) or a str (EVI_STR_VAL); the name and the
/// string are referenced, not copied.
MODSDK_CORE_SYMBOL int evi_param_add(evi_params* list, const str* name, const void* param, int flags);
/// Frees a parameter list made by evi_get_params.
MODSDK_CORE_SYMBOL void evi_free_params(evi_params* list);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
