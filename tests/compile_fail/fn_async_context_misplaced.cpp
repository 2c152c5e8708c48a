// SPDX-License-Identifier: MIT
// Script functions: async_context& after a script parameter.
// expect: modsdk: modsdk::async_context& must be taken by non-const reference, right after the message
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, modsdk::async_context&, int) { return true; }
#else
bool f(modsdk::message&, int, modsdk::async_context&) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_async_context_misplaced, modsdk::async_functions(MODSDK_FN(f)));
