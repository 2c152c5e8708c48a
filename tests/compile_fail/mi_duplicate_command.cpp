// SPDX-License-Identifier: MIT
// Two MI commands of one module cannot share a name (for several signatures, use MODSDK_MI_OVERLOADS).
// expect: every command needs a unique, non-empty name
#include <modsdk/modsdk.hpp>

namespace {
void reload() {}
void reload_all() {}
}  // namespace

#ifdef MODSDK_CONTROL
MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(reload, reload), MODSDK_MI(reload_all, reload_all)));
#else
MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(reload, reload), MODSDK_MI(reload, reload_all)));
#endif
