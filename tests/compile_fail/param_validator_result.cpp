// SPDX-License-Identifier: MIT
// A validator must say yes/no (bool) or give a reason (a string); an int result is ambiguous.
// expect: modsdk: a parameter validator returns bool (false rejects) or an error message
#include <modsdk/params.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<int> port{"port", 5060, [](int p) { return p > 0; }};
#else
modsdk::param<int> port{"port", 5060, [](int p) { return p; }};
#endif
int main() { return *port > 0 ? 0 : 1; }
