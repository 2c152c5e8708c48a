// SPDX-License-Identifier: MIT
// Script functions: a script-function parameter of a type modsdk cannot pass (double).
// expect: modsdk: unsupported parameter type in a script function
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool bad(modsdk::request&, int) { return true; }
#else
bool bad(modsdk::request&, double) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_unsupported_type, modsdk::functions(MODSDK_FN(bad)));
