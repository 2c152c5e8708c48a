// SPDX-License-Identifier: MIT
// Parameter names are stored in the parameter object (at most 63 characters), checked at compile time.
// expect: modsdk: a parameter name (or param_group prefix) must have 1 to 63 characters
#include <modsdk/params.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<int> p{"a_reasonably_short_name"};
#else
modsdk::param<int> p{"a_parameter_name_that_goes_on_and_on_well_past_the_sixty_three_limit"};
#endif
int main() { return *p; }
