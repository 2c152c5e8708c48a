// SPDX-License-Identifier: MIT
// Script functions: a script parameter taken by non-const reference.
// expect: modsdk: a script-function parameter is a non-const reference
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(const int& n) { return n > 0; }
#else
bool f(int& n) { return n > 0; }
#endif
}  // namespace

MODSDK_MODULE(fn_non_const_reference, modsdk::functions(MODSDK_FN(f)));
