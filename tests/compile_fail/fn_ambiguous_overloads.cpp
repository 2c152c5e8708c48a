// SPDX-License-Identifier: MIT
// Script functions: two overloads that accept the same number of script arguments.
// expect: modsdk: ambiguous overloads
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&, int) { return true; }
#ifdef MODSDK_CONTROL
bool f(modsdk::message&, int, std::string_view) { return true; }
#define SECOND bool(modsdk::message&, int, std::string_view)
#else
bool f(modsdk::message&, int, std::optional<std::string_view>) { return true; }
#define SECOND bool(modsdk::message&, int, std::optional<std::string_view>)
#endif
}  // namespace

MODSDK_MODULE(fn_ambiguous_overloads, modsdk::functions(MODSDK_OVERLOADS(f, bool(modsdk::message&, int), SECOND)));
