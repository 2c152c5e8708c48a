// SPDX-License-Identifier: MIT
// modsdk::mi(...) lists commands made with MODSDK_MI, not bare functions.
// expect: modsdk::mi(...) takes MI commands made with MODSDK_MI
#include <modsdk/modsdk.hpp>

namespace {
void reload() {}
}  // namespace

#ifdef MODSDK_CONTROL
MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(reload, reload)));
#else
MODSDK_MODULE(mi_test, modsdk::mi(reload));
#endif
