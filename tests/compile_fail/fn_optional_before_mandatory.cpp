// SPDX-License-Identifier: MIT
// Script functions: std::optional parameters must come last.
// expect: modsdk: a mandatory parameter follows a std::optional one
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(int a, std::optional<int> b) { return a + b.value_or(0) > 0; }
#else
bool f(std::optional<int> a, int b) { return a.value_or(0) + b > 0; }
#endif
}  // namespace

MODSDK_MODULE(fn_optional_before_mandatory, modsdk::functions(MODSDK_FN(f)));
