// SPDX-License-Identifier: MIT
// Script functions: the message parameter after a script parameter.
// expect: modsdk: the message parameter (modsdk::message&, modsdk::request& or modsdk::reply&) must be the first
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, int) { return true; }
#else
bool f(int, modsdk::message&) { return true; }
#endif
}  // namespace

MODSDK_MODULE(fn_message_not_first, modsdk::functions(MODSDK_FN(f)));
