// SPDX-License-Identifier: MIT
// EVI parameters are int or string: a field of another type is refused.
// expect: modsdk: event<P>: every field of P must be int-like
#include <string_view>

#include <modsdk/events.hpp>

struct blocked {
  std::string_view caller;
#ifdef MODSDK_CONTROL
  int score;
#else
  double score;
#endif
};
MODSDK_FIELDS(blocked, caller, score);
constinit modsdk::event<blocked> e{"E_BLOCKED"};
int main() { return e.raise({"a", 1}) ? 0 : 1; }
