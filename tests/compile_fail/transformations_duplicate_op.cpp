// SPDX-License-Identifier: MIT
// The core matches operation names case-insensitively: "half" and "HALF" would be one operation.
// expect: modsdk: transformations(...): two operations have the same name
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

int half(int in) { return in / 2; }
int twice(int in) { return in * 2; }
#ifdef MODSDK_CONTROL
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<half>{"half"},
                                              modsdk::transformation<twice>{"twice"}));
#else
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<half>{"half"},
                                              modsdk::transformation<twice>{"HALF"}));
#endif
