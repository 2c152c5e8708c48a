// SPDX-License-Identifier: MIT
// Script functions: two entries exporting one script name.
// expect: modsdk: two entries of one section export the same script name
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(int) { return true; }
namespace other {
bool f(std::string_view) { return true; }
}  // namespace other
#ifdef MODSDK_CONTROL
#define SECOND
#else
#define SECOND , MODSDK_FN(other::f)
#endif
}  // namespace

MODSDK_MODULE(fn_duplicate_name, modsdk::functions(MODSDK_FN(f) SECOND));
