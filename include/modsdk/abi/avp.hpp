// SPDX-License-Identifier: MIT
// ABI layer: AVPs, the per-transaction attribute-value pairs the script writes as $avp(name) (usr_avp.h):
// the list node, the flags, and the functions a module reads and changes them with. The same in 3.4.18,
// 3.5.9, 3.6.8 and 4.0.1. A name is resolved to an int id once (parse_avp_spec); the list holds the newest
// value first. Checked by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/pv.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct usr_avp`: one value of an AVP, in the current list (shm).
struct usr_avp {
  int id;
  unsigned short flags;  ///< AVP_VAL_STR for text, AVP_VAL_NULL, script flags in AVP_SCRIPT_MASK
  usr_avp* next;
  void* data;  ///< the int itself, or the start of a str followed by the text
};

inline constexpr unsigned short avp_script_mask = 0xff00;  ///< AVP_SCRIPT_MASK

extern "C" {
/// Resolves an AVP name to its id (adding the name when new). 0 on success.
MODSDK_CORE_SYMBOL int parse_avp_spec(const str* name, int* avp_name);
/// Adds a value before the others (it becomes the one `$avp(name)` reads). 0 on success.
MODSDK_CORE_SYMBOL int add_avp(unsigned short flags, int id, int_str val);
/// Adds a value after the others. 0 on success.
MODSDK_CORE_SYMBOL int add_avp_last(unsigned short flags, int id, int_str val);
/// The first value of `id` after `start` (from the head when NULL), its value in `val`; NULL when none.
MODSDK_CORE_SYMBOL usr_avp* search_first_avp(unsigned short flags, int id, int_str* val, usr_avp* start);
/// The next value of the same AVP; NULL when none.
MODSDK_CORE_SYMBOL usr_avp* search_next_avp(usr_avp* avp, int_str* val);
/// The value at `index` (0: the newest); NULL when none.
MODSDK_CORE_SYMBOL usr_avp* search_index_avp(unsigned short flags, int name, int_str* val, unsigned int index);
/// Replaces the value at `index` (negative: from the oldest). 0 on success, -1 when there is none.
MODSDK_CORE_SYMBOL int replace_avp(unsigned short flags, int name, int_str val, int index);
/// Removes one value and frees it.
MODSDK_CORE_SYMBOL void destroy_avp(usr_avp* avp);
/// Removes the newest value of `name`, or all of them; returns how many.
MODSDK_CORE_SYMBOL int destroy_avps(unsigned short flags, int name, int all);
/// How many values `name` has.
MODSDK_CORE_SYMBOL int count_avps(unsigned short flags, int name);
/// The value of one node.
MODSDK_CORE_SYMBOL void get_avp_val(usr_avp* avp, int_str* val);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
