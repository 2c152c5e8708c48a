// SPDX-License-Identifier: MIT
// The payload's field names (the parameters' names) come from MODSDK_FIELDS.
// expect: modsdk: event<P>: name P's fields with MODSDK_FIELDS
#include <string_view>

#include <modsdk/events.hpp>

struct blocked {
  std::string_view caller;
  int code;
};
#ifdef MODSDK_CONTROL
MODSDK_FIELDS(blocked, caller, code);
#endif
constinit modsdk::event<blocked> e{"E_BLOCKED"};
int main() { return e.raise({"a", 1}) ? 0 : 1; }
