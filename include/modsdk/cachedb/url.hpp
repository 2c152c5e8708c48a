// SPDX-License-Identifier: MIT
/// @file A cachedb URL as a module parameter type, logged with its password masked:
///
///     modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
///     modsdk::log::info("caching in {}", *cachedb_url);   // redis:group1://:***@10.0.0.1:6379/
///
/// The engine before `://` (and before an optional `:group`) names the cachedb module the core binds:
/// `local://` -> cachedb_local, `redis://` -> cachedb_redis, `memcached:sessions://` -> cachedb_memcached.
/// A default written in the source is checked at compile time. A modparam value is taken as given and
/// checked when the module starts (mod_init, by the modsdk::cachedb::cache using it), reported masked.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

#include <modsdk/customize.hpp>
#include <modsdk/detail/url_text.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {
// Non-constexpr on purpose: reaching it at compile time is the error message.
inline void modsdk_error_cachedb_url_is_not_like_engine_colon_slash_slash() {}

constexpr bool cachedb_name_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// What is wrong with a cachedb URL's text (nullptr: nothing): `engine[:group]://[rest]`, the engine and
/// the group made of letters, digits and `_`. What follows `://` is the engine's to read (it may be empty:
/// `local://`).
constexpr const char* cachedb_url_problem(std::string_view t) noexcept {
  const std::size_t sep = t.find("://");
  if (sep == std::string_view::npos || sep == 0) return "has no engine (engine://... or engine:group://...)";
  const std::string_view head = t.substr(0, sep);
  const std::size_t colon = head.find(':');
  const std::string_view engine = head.substr(0, colon);
  if (engine.empty()) return "has no engine (engine://... or engine:group://...)";
  for (char c : engine)
    if (!cachedb_name_char(c)) return "has an engine name that is not letters, digits and _";
  if (colon != std::string_view::npos) {
    const std::string_view group = head.substr(colon + 1);
    if (group.empty()) return "has an empty group (engine:group://...)";
    for (char c : group)
      if (!cachedb_name_char(c)) return "has a group name that is not letters, digits and _";
  }
  return nullptr;
}

struct cachedb_url_rules {
  static constexpr auto problem = &cachedb_url_problem;
  static constexpr auto malformed_literal = &modsdk_error_cachedb_url_is_not_like_engine_colon_slash_slash;
};
}  // namespace detail

namespace cachedb {

/// A cachedb URL (`engine[:group]://[user[:password]@]host[:port]/...`, or just `local://`). Trivially
/// destructible; views text that outlives it (a literal, or the parameter's copy).
class url : public detail::url_text<url, detail::cachedb_url_rules> {
 public:
  constexpr url() noexcept = default;
  /// A URL written in the source: its shape is checked at compile time.
  template <std::size_t N>
  consteval url(const char (&text)[N]) : url_text(text) {}  // NOLINT: implicit from a literal by design
  /// The engine (`redis` in `redis:group1://...`); the module is `cachedb_` + engine.
  constexpr std::string_view engine() const noexcept {
    const std::string_view head = detail::url_head(text());
    return head.substr(0, head.find(':'));
  }
  /// The group (`group1` in `redis:group1://...`), empty when there is none.
  constexpr std::string_view group() const noexcept {
    const std::string_view head = detail::url_head(text());
    const std::size_t colon = head.find(':');
    return colon == std::string_view::npos ? std::string_view() : head.substr(colon + 1);
  }
};

}  // namespace cachedb

/// `param<cachedb::url>`: the text is taken as given (an empty text is "not set"); the cache using the
/// parameter checks it at startup and reports it masked (see the file comment).
template <>
struct convert<cachedb::url> {
  static constexpr std::string_view expected = "a cachedb URL like local:// or redis://:password@host:6379/";
  static std::optional<cachedb::url> from_string(std::string_view text) { return cachedb::url::from_text(text); }
};

MODSDK_END_NAMESPACE
