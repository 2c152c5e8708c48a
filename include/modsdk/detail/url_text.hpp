// SPDX-License-Identifier: MIT
/// @file What modsdk::db::url and modsdk::cachedb::url share: a URL's text viewed (a literal checked at
/// compile time, a modparam's text checked at startup), its password masked for log lines, printed masked.
/// Each URL type brings its rules: what makes a text malformed, and the function whose name is the
/// compile-time error.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/detail/log_format.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {
template <class Url, class Rules>
class url_text;
}  // namespace detail

/// The longest URL the core accepts (db.c: MAX_URL_LENGTH; cachedb URLs are read the same way).
inline constexpr std::size_t max_url_length = 255;

/// A URL's text with the password replaced by `***`, for log lines (a long malformed text ends in "...").
class masked_url {
 public:
  std::string_view view() const noexcept { return {text_, size_}; }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: a view of the text

 private:
  template <class, class>
  friend class detail::url_text;
  char text_[max_url_length + 8];
  std::size_t size_ = 0;
};

namespace detail {

/// Where the password is, as the core's URL parsers see one: after `scheme://`, a ':' that comes before
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

/// The text before `://` (empty when there is none).
constexpr std::string_view url_head(std::string_view t) noexcept {
  const std::size_t sep = t.find("://");
  return sep == std::string_view::npos ? std::string_view() : t.substr(0, sep);
}

/// The base of a URL type `Url` whose `Rules` give `static constexpr const char* problem(std::string_view)`
/// (nullptr: well formed) and `static void malformed_literal()` (not constexpr: its name is the error).
/// Trivially destructible; views text that outlives it (a literal, or the parameter's copy).
template <class Url, class Rules>
class url_text {
 public:
  /// No URL (a parameter the script did not set).
  constexpr url_text() noexcept = default;
  /// A URL written in the source: its shape is checked at compile time.
  template <std::size_t N>
  consteval url_text(const char (&text)[N]) : text_(text, N - 1) {  // NOLINT: implicit from a literal by design
    if (!text_.empty() && Rules::problem(text_)) Rules::malformed_literal();
  }
  /// Any text, unchecked (problem() tells what is wrong with it).
  static constexpr Url from_text(std::string_view text) noexcept {
    Url u;
    u.text_ = text;
    return u;
  }

  /// The URL as given (with its password: never log it, log the url itself).
  constexpr std::string_view text() const noexcept { return text_; }
  constexpr bool empty() const noexcept { return text_.empty(); }
  /// What is wrong with its shape, or nullptr. An empty URL has no problem (it is just not set).
  constexpr const char* problem() const noexcept { return text_.empty() ? nullptr : Rules::problem(text_); }

  /// The text with its password replaced by `***`.
  masked_url masked() const noexcept {
    masked_url m;
    const auto [from, to] = password_span(text_);
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

  friend constexpr bool operator==(const Url& a, const Url& b) noexcept { return a.text_ == b.text_; }

 private:
  std::string_view text_;
};

template <class T>
concept url_type = requires(const T& u) {
  { u.masked() } -> std::same_as<masked_url>;
  { T::from_text(std::string_view()) } -> std::same_as<T>;
};

}  // namespace detail
MODSDK_END_NAMESPACE

/// A URL prints masked, with the specs of a string (`{}`, `{:?}` quoted, `{:>40}`).
template <modsdk::detail::url_type Url>
struct fmt::formatter<Url, char> : modsdk::detail::formats_as<fmt::string_view> {
  template <class Context>
  auto format(const Url& u, Context& ctx) const -> decltype(ctx.out()) {
    const modsdk::masked_url m = u.masked();
    return write(fmt::string_view(m.view().data(), m.view().size()), ctx);
  }
};
