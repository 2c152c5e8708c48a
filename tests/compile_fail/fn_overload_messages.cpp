// SPDX-License-Identifier: MIT
// Script functions: overloads with different message parameters.
// expect: modsdk: every overload in MODSDK_OVERLOADS must take the same message parameter
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::request&, int) { return true; }
#ifdef MODSDK_CONTROL
bool f(modsdk::request&) { return true; }
#define SHORT bool(modsdk::request&)
#else
bool f(modsdk::message&) { return true; }
#define SHORT bool(modsdk::message&)
#endif
}  // namespace

MODSDK_MODULE(fn_overload_messages, modsdk::functions(MODSDK_OVERLOADS(f, SHORT, bool(modsdk::request&, int))));
