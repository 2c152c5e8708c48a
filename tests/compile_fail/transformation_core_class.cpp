// SPDX-License-Identifier: MIT
// The core searches its own classes first: a module class named "s" (or uri, via, param ...) is never reached.
// expect: modsdk_transformation_error_class_must_be_letters_digits_or_underscores_and_not_a_core_class
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

int half(int in) { return in / 2; }
#ifdef MODSDK_CONTROL
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<half>{"half"}));
#else
MODSDK_MODULE(tr_mod, modsdk::transformations("S", modsdk::transformation<half>{"half"}));
#endif
