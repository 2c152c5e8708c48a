// SPDX-License-Identifier: MIT
// Script functions: a route mask wider than the message parameter allows (reply& from a request route).
// expect: modsdk: the route mask allows routes the function's message parameter does not
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
bool f(modsdk::reply&) { return true; }
#ifdef MODSDK_CONTROL
constexpr auto mask = modsdk::route::onreply;
#else
constexpr auto mask = modsdk::route::onreply | modsdk::route::request;
#endif
}  // namespace

MODSDK_MODULE(fn_route_mask_wider, modsdk::functions(MODSDK_FN(f, mask)));
