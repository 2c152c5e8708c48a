// SPDX-License-Identifier: MIT
// ABI layer: registering a statistic at run time (statistics.h), the same in 3.4.18, 3.5.9, 3.6.8 and 4.0.1.
// register_stat2 copies the group ("module") and the name into shm unless STAT_SHM_NAME; with STAT_IS_FUNC
// the `pvar` argument is the stat_function itself and nothing is written back. Only the "dynamic" group is
// locked and merges a second registration of a name; other groups take it as a second statistic. Weak: a
// core built without statistics has none of it.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// DYNAMIC_MODULE_NAME: the group of register_dynamic_stat, the only one the core locks.
inline constexpr const char* dynamic_stat_group = "dynamic";

extern "C" {
/// Registers statistic `module:name`; the new stat_var is written to *pvar (0 on success, -1 on error).
MODSDK_CORE_WEAK int register_stat2(const char* module, char* name, stat_var** pvar, unsigned short flags, void* ctx,
                                    int unsafe);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
