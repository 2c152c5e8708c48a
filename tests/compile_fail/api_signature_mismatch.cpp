// SPDX-License-Identifier: MIT
// provides<Name, Api, F...>(): each function must have exactly its member's signature (no conversions).
// expect: modsdk: provides<Name, Api, F...>(): each function's signature must match its member of Api
#include <modsdk/api.hpp>
#include <modsdk/module.hpp>

struct counter_api {
  int (*add)(int n);
};
namespace {
#ifdef MODSDK_CONTROL
int add(int n) { return n; }
#else
long add(long n) { return n; }
#endif
}  // namespace
MODSDK_MODULE(api_test, modsdk::provides<"api_test", counter_api, add>());
