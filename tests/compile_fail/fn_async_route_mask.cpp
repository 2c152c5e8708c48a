// SPDX-License-Identifier: MIT
// Script functions: a route mask on an async function (acmd_export_t has no route field).
// expect: modsdk: async functions have no route mask
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&, modsdk::async_context&) { return true; }
#ifdef MODSDK_CONTROL
#define ENTRY MODSDK_FN(f)
#else
#define ENTRY MODSDK_FN(f, modsdk::route::request)
#endif
}  // namespace

MODSDK_MODULE(fn_async_route_mask, modsdk::async_functions(ENTRY));
