// SPDX-License-Identifier: MIT
// What a modparam's value type may need around the module's start: modsdk::param<T> calls start() in
// mod_init (after the required check; false stops the start) and stop() in destroy, when a runtime header
// specialises this for its T (pv_format.hpp: the core parses a format once it knows every variable).
#pragma once
#include <modsdk/config.hpp>
#include <string_view>

MODSDK_BEGIN_NAMESPACE
namespace detail {

template <class T>
struct param_value_start {
  static constexpr bool active = false;
  static bool start(T&, std::string_view /*module*/, std::string_view /*param*/) noexcept { return true; }
  static void stop(T&) noexcept {}
};

}  // namespace detail
MODSDK_END_NAMESPACE
