// SPDX-License-Identifier: MIT
// MODSDK_FIELDS must list the fields in declaration order (checked through their types).
// expect: modsdk: MODSDK_FIELDS(S, ...) must list the fields of S in declaration order
#include <string_view>

#include <modsdk/params_group.hpp>

struct settings {
  int timeout;
  std::string_view url;
};
#ifdef MODSDK_CONTROL
MODSDK_FIELDS(settings, timeout, url);
#else
MODSDK_FIELDS(settings, url, timeout);
#endif
modsdk::param_group<settings> cfg{};
int main() { return cfg->timeout; }
