// SPDX-License-Identifier: MIT
// ABI layer: profile -> the version's ABI description.
#pragma once
#include <modsdk/abi/v4_0.hpp>
#include <modsdk/config.hpp>
#include <modsdk/target/parse.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
template <profile P>
struct for_profile;
template <>
struct for_profile<profile::v3_4> {
  using type = v3_4;
};
template <>
struct for_profile<profile::v3_5> {
  using type = v3_5;
};
template <>
struct for_profile<profile::v3_6> {
  using type = v3_6;
};
template <>
struct for_profile<profile::v3_6_7> {
  using type = v3_6_7;
};
template <>
struct for_profile<profile::v4_0> {
  using type = v4_0;
};
template <>
struct for_profile<profile::master> {
  using type = v4_0;
};
template <profile P>
using for_profile_t = typename for_profile<P>::type;
}  // namespace abi
MODSDK_END_NAMESPACE
