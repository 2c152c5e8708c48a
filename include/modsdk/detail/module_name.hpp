// SPDX-License-Identifier: MIT
// The module's name as logs show it (OpenSIPS's MOD_NAME). modsdk_add_module defines MODSDK_MODULE_NAME;
// otherwise MODSDK_MODULE sets it while the module is being loaded.
#pragma once
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {
#ifdef MODSDK_MODULE_NAME
inline const char* module_name = MODSDK_MODULE_NAME;
#else
inline const char* module_name = nullptr;
#endif
inline const char* current_module_name() noexcept { return module_name ? module_name : "modsdk"; }
}  // namespace detail
MODSDK_END_NAMESPACE
