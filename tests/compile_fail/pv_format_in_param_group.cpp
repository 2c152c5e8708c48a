// SPDX-License-Identifier: MIT
// A pv_format is parsed in mod_init and freed in destroy as its own parameter, not as a group's field.
// expect: modsdk: param_group<S>: a field of this type is parsed at start
#include <string_view>

#include <modsdk/params_group.hpp>
#include <modsdk/pv_format.hpp>

struct settings {
  int retries;
#ifdef MODSDK_CONTROL
  std::string_view line;
#else
  modsdk::pv_format line;
#endif
};
MODSDK_FIELDS(settings, retries, line);
modsdk::param_group<settings> cfg{};
int main() { return cfg->retries; }
