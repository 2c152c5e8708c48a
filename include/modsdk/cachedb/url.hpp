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
#include <modsdk/db/url.hpp>
#include <modsdk/detail/log_format.hpp>

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
}  // namespace detail

namespace cachedb {

/// A cachedb URL (`engine[:group]://[user[:password]@]host[:port]/...`, or just `local://`). Trivially
/// destructible; views text that outlives it (a literal, or the parameter's copy).
class url {
 public:
  /// No URL (a parameter the script did not set).
  constexpr url() noexcept = default;
  /// A URL written in the source: its shape is checked at compile time.
  template <std::size_t N>
  consteval url(const char (&text)[N]) : text_(text, N - 1) {  // NOLINT: implicit from a literal by design
    if (!text_.empty() && detail::cachedb_url_problem(text_))
      detail::modsdk_error_cachedb_url_is_not_like_engine_colon_slash_slash();
  }
  /// Any text, unchecked (problem() tells what is wrong with it).
  static constexpr url from_text(std::string_view text) noexcept {
    url u;
    u.text_ = text;
    return u;
  }

  /// The URL as given (with its password: never log it, log the url itself).
  constexpr std::string_view text() const noexcept { return text_; }
  constexpr bool empty() const noexcept { return text_.empty(); }
  /// What is wrong with its shape, or nullptr. An empty URL has no problem (it is just not set).
  constexpr const char* problem() const noexcept {
    return text_.empty() ? nullptr : detail::cachedb_url_problem(text_);
  }
  /// The engine (`redis` in `redis:group1://...`); the module is `cachedb_` + engine.
  constexpr std::string_view engine() const noexcept {
    const std::size_t sep = text_.find("://");
    if (sep == std::string_view::npos) return {};
    const std::string_view head = text_.substr(0, sep);
    return head.substr(0, head.find(':'));
  }
  /// The group (`group1` in `redis:group1://...`), empty when there is none.
  constexpr std::string_view group() const noexcept {
    const std::size_t sep = text_.find("://");
    if (sep == std::string_view::npos) return {};
    const std::string_view head = text_.substr(0, sep);
    const std::size_t colon = head.find(':');
    return colon == std::string_view::npos ? std::string_view() : head.substr(colon + 1);
  }

  /// The text with its password replaced by `***`.
  db::masked_url masked() const noexcept { return db::url::from_text(text_).masked(); }

  friend constexpr bool operator==(const url& a, const url& b) noexcept { return a.text_ == b.text_; }

 private:
  std::string_view text_;
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

/// A cachedb url prints masked, with the specs of a string (`{}`, `{:?}` quoted, `{:>40}`).
template <>
struct fmt::formatter<modsdk::cachedb::url> : modsdk::detail::formats_as<fmt::string_view> {
  template <class Context>
  auto format(const modsdk::cachedb::url& u, Context& ctx) const -> decltype(ctx.out()) {
    const modsdk::db::masked_url m = u.masked();
    return write(fmt::string_view(m.view().data(), m.view().size()), ctx);
  }
};
