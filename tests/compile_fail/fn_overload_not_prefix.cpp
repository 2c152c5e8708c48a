// SPDX-License-Identifier: MIT
// Script functions: a shorter overload whose parameters are not a prefix of the longest one's.
// expect: modsdk: the overloads in MODSDK_OVERLOADS become one script function
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&, int, int) { return true; }
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, int) { return true; }
#define SHORT bool(modsdk::message&, int)
#else
bool f(modsdk::message&, std::string_view) { return true; }
#define SHORT bool(modsdk::message&, std::string_view)
#endif
}  // namespace

MODSDK_MODULE(fn_overload_not_prefix, modsdk::functions(MODSDK_OVERLOADS(f, SHORT, bool(modsdk::message&, int, int))));
