// SPDX-License-Identifier: MIT
// The value a transformation gets is the script's: an int or text.
// expect: modsdk: transformation<f>: the value (f's first parameter) is int or std::string_view
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

#ifdef MODSDK_CONTROL
int half(int in) { return in / 2; }
#else
int half(double in) { return static_cast<int>(in / 2); }
#endif
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<half>{"half"}));
