// SPDX-License-Identifier: MIT
// Script functions: an 8th int/string/regex parameter would overflow the core's per-call array.
// expect: modsdk: the 8th script parameter must be a modsdk::variable
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, int, int, int, int, int, int, int, modsdk::variable) { return true; }
#else
bool f(modsdk::message&, int, int, int, int, int, int, int, std::string_view) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_eighth_not_variable, modsdk::functions(MODSDK_FN(f)));
