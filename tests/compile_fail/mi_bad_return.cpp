// SPDX-License-Identifier: MIT
// An MI handler returns something the core's MI builders can express.
// expect: an MI handler must return void, a string, a number
#include <vector>

#include <modsdk/modsdk.hpp>

namespace {
#ifdef MODSDK_CONTROL
modsdk::mi_array list() {
  modsdk::mi_array a;
  a.add(1).add(2);
  return a;
}
#else
std::vector<int> list() { return {1, 2}; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(list, list)));
