// SPDX-License-Identifier: MIT
// provides<Name, Api, F...>(): one function per member of Api, or callers would get a null pointer.
// expect: modsdk: provides<Name, Api, F...>(): give one function per member of Api
#include <modsdk/api.hpp>
#include <modsdk/module.hpp>

struct counter_api {
  int (*add)(int n);
  int (*total)();
};
namespace {
int add(int n) { return n; }
int total() { return 0; }
}  // namespace
#ifdef MODSDK_CONTROL
MODSDK_MODULE(api_test, modsdk::provides<"api_test", counter_api, add, total>());
#else
MODSDK_MODULE(api_test, modsdk::provides<"api_test", counter_api, add>());
#endif
