// SPDX-License-Identifier: MIT
// Script functions: an async function (it takes async_context&) listed in modsdk::functions.
// expect: modsdk: this function takes modsdk::async_context&: list it in modsdk::async_functions
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&, modsdk::async_context&) { return true; }
}  // namespace

#ifdef MODSDK_CONTROL
#define SECTION modsdk::async_functions(MODSDK_FN(f))
#else
#define SECTION modsdk::functions(MODSDK_FN(f))
#endif

MODSDK_MODULE(fn_async_in_functions, SECTION);
