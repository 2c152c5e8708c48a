// SPDX-License-Identifier: MIT
// Script functions: an empty route mask would hide the function from the script.
// expect: modsdk: an empty route mask hides the function
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::message&) { return true; }
#ifdef MODSDK_CONTROL
constexpr modsdk::route_mask mask = modsdk::route::request;
#else
constexpr modsdk::route_mask mask{};
#endif
}  // namespace

MODSDK_MODULE(fn_route_mask_empty, modsdk::functions(MODSDK_FN(f, mask)));
