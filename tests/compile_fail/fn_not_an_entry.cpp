// SPDX-License-Identifier: MIT
// Script functions: a bare function pointer instead of a MODSDK_FN entry.
// expect: modsdk: modsdk::functions(...) and modsdk::async_functions(...) take MODSDK_FN(f)
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(int) { return true; }
#ifdef MODSDK_CONTROL
#define ENTRY MODSDK_FN(f)
#else
#define ENTRY &f
#endif
}  // namespace

MODSDK_MODULE(fn_not_an_entry, modsdk::functions(ENTRY));
