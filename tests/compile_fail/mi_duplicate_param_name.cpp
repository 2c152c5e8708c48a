// SPDX-License-Identifier: MIT
// Two parameters of one MI handler cannot share a name: MI clients address parameters by name.
// expect: an MI handler has two parameters with the same name
#include <modsdk/modsdk.hpp>

namespace {
#ifdef MODSDK_CONTROL
int add(modsdk::mi_param<int, "a"> a, modsdk::mi_param<int, "b"> b) { return *a + *b; }
#else
int add(modsdk::mi_param<int, "a"> a, modsdk::mi_param<int, "a"> b) { return *a + *b; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(add, add)));
