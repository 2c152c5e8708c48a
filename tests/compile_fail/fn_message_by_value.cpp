// SPDX-License-Identifier: MIT
// Script functions: the message taken by value instead of by reference.
// expect: modsdk: take the message by reference
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(modsdk::message&) { return true; }
#else
bool f(modsdk::message) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_message_by_value, modsdk::functions(MODSDK_FN(f)));
