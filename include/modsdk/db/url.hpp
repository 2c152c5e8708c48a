// SPDX-License-Identifier: MIT
/// @file A database URL as a module parameter type, logged with its password masked:
///
///     modsdk::param<modsdk::db::url> db_url{"db_url", "sqlite:///var/lib/opensips/new_module.sqlite"};
///     modsdk::log::info("using {}", *db_url);   // mysql://opensips:***@db1/opensips
///
/// The scheme names the backend module the core binds (`mysql://` -> db_mysql, `sqlite://` -> db_sqlite,
/// `postgres://` -> db_postgres, `text://` -> db_text ...). A default written in the source is checked at
/// compile time. A modparam value is taken as given and checked when the module starts (mod_init, by the
/// modsdk::db::database using it): a malformed URL is reported there, masked - the modparam line's own
/// error would print the text as written, password included.
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
inline void modsdk_error_db_url_is_not_a_database_url_like_scheme_colon_slash_slash() {}

struct db_url_rules {
  /// What is wrong with a URL's text (nullptr: nothing). Only the shape every backend shares is checked:
  /// `scheme://rest`, at most 255 characters; the backend reads the rest.
  static constexpr const char* problem(std::string_view t) noexcept {
    if (t.size() > max_url_length) return "is longer than 255 characters";
    const std::size_t sep = t.find("://");
    if (sep == std::string_view::npos || sep == 0) return "has no scheme (scheme://...)";
    for (char c : t.substr(0, sep))
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
        return "has a scheme that is not a backend name (letters, digits, _)";
    if (sep + 3 == t.size()) return "has nothing after scheme://";
    return nullptr;
  }
  static constexpr auto malformed_literal = &modsdk_error_db_url_is_not_a_database_url_like_scheme_colon_slash_slash;
};
}  // namespace detail

namespace db {

using modsdk::masked_url;
using modsdk::max_url_length;

/// A database URL (`scheme://[user[:password]@]host[:port]/database`, or what the backend reads after
/// `scheme://`). Trivially destructible; views text that outlives it (a literal, or the parameter's copy).
class url : public detail::url_text<url, detail::db_url_rules> {
 public:
  constexpr url() noexcept = default;
  /// A URL written in the source: its shape is checked at compile time.
  template <std::size_t N>
  consteval url(const char (&text)[N]) : url_text(text) {}  // NOLINT: implicit from a literal by design
  /// The scheme (`mysql`), empty when the URL has none.
  constexpr std::string_view scheme() const noexcept { return detail::url_head(text()); }
};

}  // namespace db

/// `param<db::url>`: the text is taken as given (an empty text is "not set"); the database using the
/// parameter checks it at startup and reports it masked (see the file comment).
template <>
struct convert<db::url> {
  static constexpr std::string_view expected = "a database URL like mysql://user:password@host/database";
  static std::optional<db::url> from_string(std::string_view text) { return db::url::from_text(text); }
};

MODSDK_END_NAMESPACE
