// SPDX-License-Identifier: MIT
// An event's payload is an aggregate: its fields (read by Boost.PFR) become the event's parameters.
// expect: modsdk: event<P>: the payload P must be an aggregate struct
#include <string_view>

#include <modsdk/events.hpp>

#ifdef MODSDK_CONTROL
struct blocked {
  std::string_view caller;
  int code;
};
#else
struct blocked {
  blocked(std::string_view c, int n) : caller(c), code(n) {}
  std::string_view caller;
  int code;
};
#endif
MODSDK_FIELDS(blocked, caller, code);
constinit modsdk::event<blocked> e{"E_BLOCKED"};
int main() { return e.raise(blocked{"a", 1}) ? 0 : 1; }
