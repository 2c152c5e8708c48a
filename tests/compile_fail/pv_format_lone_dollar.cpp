// SPDX-License-Identifier: MIT
// A format literal is checked while compiling: a '$' that starts no variable is an error (write "$$").
// expect: modsdk_pv_format_error_a_dollar_must_start_a_variable_or_be_doubled
#include <modsdk/pv_format.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::pv_format price{"$fU pays 5$$"};
#else
constinit modsdk::pv_format price{"$fU pays 5$"};
#endif
int main() { return static_cast<int>(price.text().size()); }
