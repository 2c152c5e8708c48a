// SPDX-License-Identifier: MIT
// Script functions: a return type the core cannot read (double).
// expect: modsdk: unsupported return type of a script function
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
int f(int n) { return n; }
#else
double f(int n) { return n; }
#endif
}  // namespace

MODSDK_MODULE(fn_return_type, modsdk::functions(MODSDK_FN(f)));
