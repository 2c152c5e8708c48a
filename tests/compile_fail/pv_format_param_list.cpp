// SPDX-License-Identifier: MIT
// A pv_format is parsed in mod_init and freed in destroy, one parameter at a time: no param_list of them.
// expect: modsdk: param_list<T>: this T is parsed at start
#include <modsdk/params.hpp>
#include <modsdk/pv_format.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<modsdk::pv_format> lines{"line", "$fU"};
#else
modsdk::param_list<modsdk::pv_format> lines{"line"};
#endif
int main() { return lines.is_set() ? 1 : 0; }
