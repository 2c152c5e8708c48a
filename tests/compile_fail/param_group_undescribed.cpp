// SPDX-License-Identifier: MIT
// A param_group needs the field names: Boost.PFR (1.81) cannot read them.
// expect: modsdk: param_group<S>: name S's fields with MODSDK_FIELDS(S, field1, field2, ...)
#include <modsdk/params_group.hpp>

struct settings {
  int timeout;
  int retries;
};
#ifdef MODSDK_CONTROL
MODSDK_FIELDS(settings, timeout, retries);
#endif
modsdk::param_group<settings> cfg{};
int main() { return cfg->timeout; }
