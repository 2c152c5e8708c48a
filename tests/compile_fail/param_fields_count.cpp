// SPDX-License-Identifier: MIT
// MODSDK_FIELDS must name every field of the struct (Boost.PFR counts them).
// expect: modsdk: MODSDK_FIELDS(S, ...) must list every field of S, in declaration order: the number of names differs
#include <string_view>

#include <modsdk/params_group.hpp>

struct settings {
  int timeout;
  std::string_view url;
};
#ifdef MODSDK_CONTROL
MODSDK_FIELDS(settings, timeout, url);
#else
MODSDK_FIELDS(settings, timeout);
#endif
modsdk::param_group<settings> cfg{};
int main() { return cfg->timeout; }
