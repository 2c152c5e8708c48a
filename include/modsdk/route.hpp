// SPDX-License-Identifier: MIT
/// @file Route types: where in the script a function may be called. Combine with `|`.
#pragma once
#include <modsdk/abi/common.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE

/// A set of OpenSIPS route types (route.h). The core refuses, at startup, a call from a route whose
/// type is not in the function's set ("Command <f> cannot be used in the block").
struct route_mask {
  int bits = 0;
  constexpr route_mask operator|(route_mask o) const noexcept { return {bits | o.bits}; }
  constexpr route_mask operator&(route_mask o) const noexcept { return {bits & o.bits}; }
  constexpr bool operator==(const route_mask&) const noexcept = default;
  /// true when every route of `o` is also in this set
  constexpr bool contains(route_mask o) const noexcept { return (bits & o.bits) == o.bits; }
};

namespace route {
inline constexpr route_mask request{abi::request_route};  ///< route{}, route[name]{}
inline constexpr route_mask failure{abi::failure_route};  ///< failure_route[]
inline constexpr route_mask onreply{abi::onreply_route};  ///< onreply_route[]
inline constexpr route_mask branch{abi::branch_route};    ///< branch_route[]
inline constexpr route_mask error{abi::error_route};      ///< error_route{}
inline constexpr route_mask local{abi::local_route};      ///< local_route{}
inline constexpr route_mask startup{abi::startup_route};  ///< startup_route{}: no SIP message
inline constexpr route_mask timer{abi::timer_route};      ///< timer_route[]: no SIP message
inline constexpr route_mask event{abi::event_route};      ///< event_route[]: no SIP message
inline constexpr route_mask all{abi::all_routes};
/// The type of the route the core is running now (its route_type): route::request in route{},
/// route::failure in failure_route[] ..., the route of the process for timer and event routes.
inline route_mask current() noexcept { return {abi::route_type}; }
}  // namespace route

MODSDK_END_NAMESPACE
