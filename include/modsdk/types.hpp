// SPDX-License-Identifier: MIT
/// @file Parameter types for script functions, beyond the plain ones. What each C++ parameter type
/// asks of the script (the complete table is in modsdk/functions.hpp):
///
/// | C++ parameter             | the script passes                                    | you get |
/// |---------------------------|------------------------------------------------------|---------|
/// | `modsdk::static_str`      | a quoted string without variables, known at startup  | NUL-terminated text |
/// | `modsdk::raw_str`         | a quoted string taken literally (`$` is not expanded), or a variable | text |
/// | `modsdk::regex`           | a quoted regular expression (compiled once at startup) or a variable holding one | a
/// compiled regex | | `modsdk::writable_variable` | a variable the core can assign (`$var(x)`, `$avp(y)`, not `$ci`) |
/// a modsdk::variable |
#pragma once
#include <regex.h>
#include <modsdk/config.hpp>

#include <optional>
#include <string_view>

#include <modsdk/variable.hpp>

MODSDK_BEGIN_NAMESPACE

/// A string that must be written literally in the script (CMD_PARAM_STATIC): the core refuses a
/// variable or a formatted string ("a $ru b") for it at startup. The text is NUL-terminated.
class static_str {
 public:
  constexpr static_str(const char* s, std::size_t n) noexcept : s_(s), n_(n) {}
  constexpr std::string_view view() const noexcept { return {s_, n_}; }
  constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT: a view of it
  /// The text, NUL-terminated (the core keeps script literals NUL-terminated).
  constexpr const char* c_str() const noexcept { return s_; }
  constexpr std::size_t size() const noexcept { return n_; }
  constexpr bool empty() const noexcept { return n_ == 0; }

 private:
  const char* s_;
  std::size_t n_;
};

/// A string whose `$` signs are not expanded (CMD_PARAM_NO_EXPAND): `f("$1 costs $5")` passes those
/// exact characters. A bare variable argument is still read (`f($var(x))`), and its text is then not
/// NUL-terminated, like every string view modsdk hands you.
class raw_str {
 public:
  constexpr raw_str(const char* s, std::size_t n) noexcept : s_(s), n_(n) {}
  constexpr std::string_view view() const noexcept { return {s_, n_}; }
  constexpr operator std::string_view() const noexcept { return view(); }  // NOLINT
  constexpr std::size_t size() const noexcept { return n_; }
  constexpr bool empty() const noexcept { return n_ == 0; }

 private:
  const char* s_;
  std::size_t n_;
};

/// A POSIX extended regular expression compiled by the core (CMD_PARAM_REGEX, flags REG_EXTENDED |
/// REG_ICASE | REG_NEWLINE): once at startup for a literal, for each call when given through a
/// variable. A bad literal pattern stops startup. Borrowed: valid during the call only.
class regex {
 public:
  explicit regex(const regex_t* re) noexcept : re_(re) {}

  /// Whether the pattern matches somewhere in `text` (which need not be NUL-terminated).
  bool matches(std::string_view text) const noexcept { return find(text).has_value(); }

  /// The first (leftmost) match in `text`, as a view into it.
  std::optional<std::string_view> find(std::string_view text) const noexcept {
    regmatch_t m[1];
    m[0].rm_so = 0;
    m[0].rm_eo = static_cast<regoff_t>(text.size());
    const char* base = text.data() ? text.data() : "";
    if (regexec(re_, base, 1, m, REG_STARTEND) != 0) return std::nullopt;
    return text.substr(static_cast<std::size_t>(m[0].rm_so), static_cast<std::size_t>(m[0].rm_eo - m[0].rm_so));
  }

  /// The compiled expression, for regexec with your own flags or sub-matches.
  const regex_t* raw() const noexcept { return re_; }

 private:
  const regex_t* re_;
};

/// A variable the function assigns (CMD_PARAM_VAR plus a startup check): the script must pass a
/// variable the core can write, otherwise startup fails naming the function and the argument.
class writable_variable : public variable {
 public:
  using variable::variable;
};

MODSDK_END_NAMESPACE
