// SPDX-License-Identifier: MIT
// A transformation gives the script an int, text or NULL: a double is refused.
// expect: modsdk: transformation<f>: f returns int, std::string_view, std::string
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

#ifdef MODSDK_CONTROL
int half(int in) { return in / 2; }
#else
double half(int in) { return in / 2.0; }
#endif
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<half>{"half"}));
