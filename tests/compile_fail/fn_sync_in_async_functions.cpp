// SPDX-License-Identifier: MIT
// Script functions: a function without async_context& listed in modsdk::async_functions.
// expect: modsdk: modsdk::async_functions(...) lists a function without a modsdk::async_context&
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&) { return true; }
}  // namespace

#ifdef MODSDK_CONTROL
#define SECTION modsdk::functions(MODSDK_FN(f))
#else
#define SECTION modsdk::async_functions(MODSDK_FN(f))
#endif

MODSDK_MODULE(fn_sync_in_async_functions, SECTION);
