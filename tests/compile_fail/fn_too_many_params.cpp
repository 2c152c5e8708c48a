// SPDX-License-Identifier: MIT
// Script functions: more than 8 script parameters (the core's MAX_CMD_PARAMS).
// expect: modsdk: a script function takes at most 8 script parameters
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(int, int, int, int, int, int, int, modsdk::variable) { return true; }
#else
bool f(int, int, int, int, int, int, int, modsdk::variable, int) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_too_many_params, modsdk::functions(MODSDK_FN(f)));
