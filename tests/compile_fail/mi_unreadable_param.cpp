// SPDX-License-Identifier: MIT
// An MI parameter type must be readable from the text MI clients send.
// expect: an MI parameter type cannot be read from MI text
#include <string>
#include <vector>

#include <modsdk/modsdk.hpp>

namespace {
#ifdef MODSDK_CONTROL
int count(modsdk::mi_param<std::string, "items">) { return 0; }
#else
int count(modsdk::mi_param<std::vector<int>, "items">) { return 0; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(count, count)));
