// SPDX-License-Identifier: MIT
// An MI handler parameter must carry its MI name in its type: a bare int has none.
// expect: MI handler parameters must be modsdk::mi_param<T, "name">
#include <modsdk/modsdk.hpp>

namespace {
#ifdef MODSDK_CONTROL
int reload(modsdk::mi_param<int, "count"> count) { return *count; }
#else
int reload(int count) { return count; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(reload, reload, "reload n entries")));
