// SPDX-License-Identifier: MIT
/// @file What a module declares about its cache (modsdk/cachedb.hpp): the engine capabilities its
/// operations need, checked when the module starts, and whether the cache may be left unset.
///
///     modsdk::cachedb::cache hits{cachedb_url, {.needs = cachedb::cap::add | cachedb::cap::get}};
#pragma once
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/cachedb.hpp>

MODSDK_BEGIN_NAMESPACE
namespace cachedb {

/// Engine capabilities (the core's CACHEDB_CAP_*; the same bits in every supported version), combined
/// with `|`. The core sets one for each function the engine registers.
enum class cap : unsigned {
  none = 0,
  get = abi::cachedb_cap_get,                    ///< get; get_counter needs get too
  set = abi::cachedb_cap_set,                    ///< set
  remove = abi::cachedb_cap_remove,              ///< remove
  add = abi::cachedb_cap_add,                    ///< add
  sub = abi::cachedb_cap_sub,                    ///< sub
  binary_value = abi::cachedb_cap_binary_value,  ///< values may hold any byte (NUL included)
  raw = abi::cachedb_cap_raw,                    ///< the engine's raw queries (not wrapped by modsdk)
  truncate = abi::cachedb_cap_truncate,          ///< emptying the whole cache (not wrapped by modsdk)
};
constexpr cap operator|(cap a, cap b) noexcept { return cap(unsigned(a) | unsigned(b)); }
constexpr bool has(cap set, cap c) noexcept { return (unsigned(set) & unsigned(c)) == unsigned(c); }

/// How a module uses its cache (all optional).
struct options {
  /// Capabilities the engine must have, or the start fails naming the module, the URL and what is missing.
  cap needs = cap::none;
  /// With an empty URL (the parameter not set) the module runs without a cache instead of failing:
  /// operations then fail with a log line, and enabled() is false.
  bool optional = false;
};

}  // namespace cachedb

namespace detail {
/// A capability's words and the core's name for it, for the startup line.
constexpr std::string_view cachedb_cap_name(unsigned bit) noexcept {
  switch (bit) {
    case abi::cachedb_cap_get:
      return "get (CACHEDB_CAP_GET)";
    case abi::cachedb_cap_set:
      return "set (CACHEDB_CAP_SET)";
    case abi::cachedb_cap_remove:
      return "remove (CACHEDB_CAP_REMOVE)";
    case abi::cachedb_cap_add:
      return "add (CACHEDB_CAP_ADD)";
    case abi::cachedb_cap_sub:
      return "sub (CACHEDB_CAP_SUB)";
    case abi::cachedb_cap_binary_value:
      return "store binary values (CACHEDB_CAP_BINARY_VALUE)";
    case abi::cachedb_cap_raw:
      return "raw queries (CACHEDB_CAP_RAW)";
    case abi::cachedb_cap_truncate:
      return "truncate (CACHEDB_CAP_TRUNCATE)";
    default:
      return "an unknown capability";
  }
}
}  // namespace detail
MODSDK_END_NAMESPACE
