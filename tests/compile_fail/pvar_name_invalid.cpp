// SPDX-License-Identifier: MIT
// A module variable's name must be one the core registers: letters, digits, '_' and '.' (no '-', no '$').
// expect: modsdk_pvar_error_name_must_be_letters_digits_underscores_or_dots_as_the_core_registers_them
#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

int calls() { return 1; }
#ifdef MODSDK_CONTROL
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<calls>{"active_calls"}));
#else
MODSDK_MODULE(pv_mod, modsdk::pvars(modsdk::pvar<calls>{"active-calls"}));
#endif
