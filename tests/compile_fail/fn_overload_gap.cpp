// SPDX-License-Identifier: MIT
// Script functions: overloads taking 0 and 2 arguments: a call with 1 would match none.
// expect: modsdk: no overload accepts a number of script arguments
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&) { return true; }
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, int, std::optional<int>) { return true; }
#define SECOND bool(modsdk::message&, int, std::optional<int>)
#else
bool f(modsdk::message&, int, int) { return true; }
#define SECOND bool(modsdk::message&, int, int)
#endif
}  // namespace

MODSDK_MODULE(fn_overload_gap, modsdk::functions(MODSDK_OVERLOADS(f, bool(modsdk::message&), SECOND)));
