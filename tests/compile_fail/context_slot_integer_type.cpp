// SPDX-License-Identifier: MIT
// The core's integer context slot is an int: another integer type is refused rather than stored in a pointer.
// expect: modsdk: context_slot<T>: an integer slot is context_slot<int>
#include <modsdk/context.hpp>
#include <modsdk/module.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::context_slot<int> counter;
#else
constinit modsdk::context_slot<long> counter;
#endif
MODSDK_MODULE(ctx_mod, modsdk::context_slots(counter));
