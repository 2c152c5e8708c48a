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
#include <utility>

#include <modsdk/customize.hpp>
#include <modsdk/detail/log_format.hpp>

MODSDK_BEGIN_NAMESPACE
namespace db {

/// The longest URL the core accepts (db.c: MAX_URL_LENGTH).
inline constexpr std::size_t max_url_length = 255;

/// A URL's text with the password replaced by `***`, for log lines (a long malformed text ends in "...").
class masked_url {
 public:
  std::string_view view() const noexcept { return {text_, size_}; }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: a view of the text

 private:
  friend class url;
  char text_[max_url_length + 8];
  std::size_t size_ = 0;
};

}  // namespace db

namespace detail {
// Non-constexpr on purpose: reaching it at compile time is the error message.
inline void modsdk_error_db_url_is_not_a_database_url_like_scheme_colon_slash_slash() {}

/// What is wrong with a URL's text (nullptr: nothing). Only the shape every backend shares is checked:
/// `scheme://rest`, at most 255 characters; the backend reads the rest.
constexpr const char* url_problem(std::string_view t) noexcept {
  if (t.size() > db::max_url_length) return "is longer than 255 characters";
  const std::size_t sep = t.find("://");
  if (sep == std::string_view::npos || sep == 0) return "has no scheme (scheme://...)";
  for (char c : t.substr(0, sep))
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return "has a scheme that is not a backend name (letters, digits, _)";
  if (sep + 3 == t.size()) return "has nothing after scheme://";
  return nullptr;
}

/// Where the password is, as the core's URL parser sees one: after `scheme://`, a ':' that comes before
/// any '@' or '/' and is followed by an '@' (the first '@' after it ends the password).
constexpr std::pair<std::size_t, std::size_t> password_span(std::string_view t) noexcept {
  const std::size_t sep = t.find("://");
  const std::size_t from = sep == std::string_view::npos ? 0 : sep + 3;
  const std::size_t first = t.find_first_of(":@/", from);
  if (first == std::string_view::npos || t[first] != ':') return {0, 0};
  const std::size_t at = t.find('@', first + 1);
  if (at == std::string_view::npos) return {0, 0};
  return {first + 1, at};
}
}  // namespace detail

namespace db {

/// A database URL (`scheme://[user[:password]@]host[:port]/database`, or what the backend reads after
/// `scheme://`). Trivially destructible; views text that outlives it (a literal, or the parameter's copy).
class url {
 public:
  /// No URL (a parameter the script did not set).
  constexpr url() noexcept = default;
  /// A URL written in the source: its shape is checked at compile time.
  template <std::size_t N>
  consteval url(const char (&text)[N]) : text_(text, N - 1) {  // NOLINT: implicit from a literal by design
    if (!text_.empty() && detail::url_problem(text_))
      detail::modsdk_error_db_url_is_not_a_database_url_like_scheme_colon_slash_slash();
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
  constexpr const char* problem() const noexcept { return text_.empty() ? nullptr : detail::url_problem(text_); }
  /// The scheme (`mysql`), empty when the URL has none.
  constexpr std::string_view scheme() const noexcept {
    const std::size_t sep = text_.find("://");
    return sep == std::string_view::npos ? std::string_view() : text_.substr(0, sep);
  }

  /// The text with its password replaced by `***`.
  masked_url masked() const noexcept {
    masked_url m;
    const auto [from, to] = detail::password_span(text_);
    auto put = [&m](std::string_view s) {
      for (char c : s) {
        if (m.size_ + 3 >= sizeof m.text_) {
          m.text_[m.size_++] = '.', m.text_[m.size_++] = '.', m.text_[m.size_++] = '.';
          return false;
        }
        m.text_[m.size_++] = c;
      }
      return true;
    };
    if (from == to)
      put(text_);
    else
      put(text_.substr(0, from)) && put("***") && put(text_.substr(to));
    return m;
  }

  friend constexpr bool operator==(const url& a, const url& b) noexcept { return a.text_ == b.text_; }

 private:
  std::string_view text_;
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

/// A url prints masked, with the specs of a string (`{}`, `{:?}` quoted, `{:>40}`).
template <>
struct fmt::formatter<modsdk::db::url> : modsdk::detail::formats_as<fmt::string_view> {
  template <class Context>
  auto format(const modsdk::db::url& u, Context& ctx) const -> decltype(ctx.out()) {
    const modsdk::db::masked_url m = u.masked();
    return write(fmt::string_view(m.view().data(), m.view().size()), ctx);
  }
};
