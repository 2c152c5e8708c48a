// SPDX-License-Identifier: MIT
// context_slots(...) registers context slots; a plain variable is not one.
// expect: modsdk: context_slots(...) takes modsdk::context_slot<T> objects
#include <modsdk/context.hpp>
#include <modsdk/module.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::context_slot<int> counter;
#else
constinit int counter = 0;
#endif
MODSDK_MODULE(ctx_mod, modsdk::context_slots(counter));
