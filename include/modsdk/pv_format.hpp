// SPDX-License-Identifier: MIT
/// @file Format strings: text with script variables (`"$fU calls $rU"`), parsed once by the core
/// (pv_parse_format) and printed per message (pv_printf / pv_printf_s), as xlog prints its format.
///
///     modsdk::param<modsdk::pv_format> line{"log_format", "$fU calls $rU"};   // modparam("m", "log_format", "...")
///     constinit modsdk::pv_format tag{"[$ci] $$"};                            // a constant ("$$" prints "$")
///
///     bool f(modsdk::request& msg) {
///       char buf[256];
///       if (auto text = line->print(msg, buf)) modsdk::log::info("{}", *text);  // into your buffer
///       std::optional<std::string> t = tag.print(msg);                          // into a std::string
///       return t.has_value();
///     }
///
/// A format given as a string literal is checked while compiling: every `$` starts a variable (`$name`,
/// `$name(...)`, `$(...)`, `${ctx}name`) or is doubled (`$$`). The core parses it - and so knows its
/// variables - in mod_init for a `param<pv_format>` (an unknown variable stops the start with one line
/// naming module, parameter and value; modsdk frees the parsed format in destroy), and at the first print
/// in each process for a constant (call parse() from on_init to do it before the workers fork and to fail
/// the start on a typo; release() in on_destroy frees it). A value that does not fit the buffer, or a
/// format that does not parse, logs one line and prints nullopt; a NULL variable prints "<null>", as xlog.
#pragma once
#include <cstddef>
#include <limits>
#include <modsdk/config.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/convert.hpp>
#include <modsdk/detail/param_value.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem in a format literal.
void modsdk_pv_format_error_a_dollar_must_start_a_variable_or_be_doubled();

/// Where the text breaks the shape of a format (a '$' that starts no variable, an unclosed '(' or '{'),
/// or npos. The core's parser has the last word; this catches what no core would take.
constexpr std::size_t pv_format_flaw(std::string_view t) noexcept {
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  };
  auto closing = [&](std::size_t at, char open, char close) {  // the position after the match of t[at]
    int depth = 0;
    for (std::size_t i = at; i < t.size(); ++i) {
      if (t[i] == open) ++depth;
      if (t[i] == close && --depth == 0) return i + 1;
    }
    return std::string_view::npos;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '$') continue;
    const std::size_t at = i++;
    if (i < t.size() && t[i] == '$') continue;
    if (i < t.size() && t[i] == '(') {
      if ((i = closing(i, '(', ')')) == std::string_view::npos) return at;
      --i;
      continue;
    }
    if (i < t.size() && t[i] == '{' && (i = closing(i, '{', '}')) == std::string_view::npos) return at;
    if (i >= t.size() || !name_char(t[i])) return at;
    while (i < t.size() && name_char(t[i])) ++i;
    if (i < t.size() && t[i] == '(') {
      if ((i = closing(i, '(', ')')) == std::string_view::npos) return at;
    }
    --i;
  }
  return std::string_view::npos;
}
}  // namespace detail

/// Text with script variables, parsed by the core and printed per message. Constant-initialised and
/// trivially destructible; copies share the parsed format (the one that parsed it releases it).
class pv_format {
 public:
  /// The empty format (prints "").
  constexpr pv_format() noexcept = default;
  /// A format from a string literal, checked while compiling.
  template <std::size_t N>
  consteval pv_format(const char (&text)[N]) noexcept  // NOLINT(*-explicit-*): `param<pv_format> f{"f", "$ru"}`
      : text_(checked(std::string_view(text, N - 1))) {}
  /// A format from run-time text (not checked until parsed), which must outlive the object: the core
  /// keeps pointers into it.
  static constexpr pv_format from_text(std::string_view text) noexcept {
    pv_format f;
    f.text_ = text;
    return f;
  }

  /// The text as given.
  constexpr std::string_view text() const noexcept { return text_; }
  /// Whether this process has parsed it.
  bool is_parsed() const noexcept { return list_ != nullptr; }

  /// Parses the text now (pv_parse_format) if this process has not done so; false, with the core's
  /// reason and one line of modsdk's, when the core refuses it (an unknown variable, a malformed `$...`).
  bool parse() const noexcept {
    if (!list_ && !failed_ && !do_parse()) {
      failed_ = true;
      log::write_for(log::level::error, "pv_format",
                     "format {:?}: the core cannot parse it (an unknown variable or "
                     "a malformed $...; its reason is logged just before)",
                     text_);
    }
    return list_ != nullptr;
  }
  /// Frees the parsed format (pv_elem_free_all); a later print parses it again.
  void release() noexcept {
    if (list_) abi::pv_elem_free_all(list_);
    list_ = nullptr;
    failed_ = false;
  }

  /// Prints the format for `msg` into `buffer` (pv_printf; one byte goes to a closing NUL). nullopt, with
  /// a log line, when it does not fit or does not parse.
  std::optional<std::string_view> print(const message& msg, std::span<char> buffer) const noexcept {
    if (!parse()) return std::nullopt;
    if (buffer.empty()) {
      log::write_for(log::level::error, "pv_format", "format {:?}: printed into an empty buffer", text_);
      return std::nullopt;
    }
    int len = buffer.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())
                  ? std::numeric_limits<int>::max()
                  : static_cast<int>(buffer.size());
    if (abi::pv_printf(msg.raw(), list_, buffer.data(), &len) != 0 || len < 0) {
      log::write_for(log::level::error, "pv_format", "format {:?}: cannot print it into {} bytes", text_,
                     buffer.size());
      return std::nullopt;
    }
    return std::string_view(buffer.data(), static_cast<std::size_t>(len));
  }
  /// Prints the format for `msg` into a std::string (pv_printf_s: through the core's buffer of
  /// pv_print_buf_size bytes). nullopt, with a log line, when it does not fit or does not parse.
  std::optional<std::string> print(const message& msg) const noexcept {
    if (!parse()) return std::nullopt;
    abi::str out{};
    if (abi::pv_printf_s(msg.raw(), list_, &out) != 0 || out.len < 0 || (!out.s && out.len)) {
      log::write_for(log::level::error, "pv_format", "format {:?}: cannot print it (pv_print_buf_size too small?)",
                     text_);
      return std::nullopt;
    }
    try {
      return std::string(out.s ? out.s : "", static_cast<std::size_t>(out.len));
    } catch (...) {
      log::write_for(log::level::error, "pv_format", "format {:?}: out of memory", text_);
      return std::nullopt;
    }
  }

 private:
  friend struct detail::param_value_start<pv_format>;

  static consteval std::string_view checked(std::string_view t) {
    if (detail::pv_format_flaw(t) != std::string_view::npos)
      detail::modsdk_pv_format_error_a_dollar_must_start_a_variable_or_be_doubled();
    return t;
  }
  bool do_parse() const noexcept {
    abi::str in{const_cast<char*>(text_.data() ? text_.data() : ""),  // NOLINT(*-const-cast): the core reads it
                static_cast<int>(text_.size())};
    abi::pv_elem* list = nullptr;
    if (abi::pv_parse_format(&in, &list) != 0 || !list) return false;
    list_ = list;
    return true;
  }

  std::string_view text_;
  // the parsed format, per process (parsed on first use in a process that did not inherit it)
  mutable abi::pv_elem* list_ = nullptr;
  mutable bool failed_ = false;
};

/// A format from modparam text: syntax checked by the modparam line, variables by the core in mod_init.
template <>
struct convert<pv_format> {
  static constexpr std::string_view expected =
      "a format string: text with variables ($name, $name(...), $(...)), a literal '$' written $$";
  static constexpr std::optional<pv_format> from_string(std::string_view text) noexcept {
    if (detail::pv_format_flaw(text) != std::string_view::npos) return std::nullopt;
    return pv_format::from_text(text);
  }
};

namespace detail {
/// param<pv_format>: parsed in mod_init (the core knows every loaded module's variables by then),
/// released in destroy.
template <>
struct param_value_start<pv_format> {
  static constexpr bool active = true;
  static bool start(pv_format& f, std::string_view module, std::string_view param) noexcept {
    f.release();
    if (f.do_parse()) return true;
    log::write_for(log::level::error, "mod_init",
                   "modparam {}.{}: {:?} is not a format the core can parse: an unknown variable or a malformed "
                   "$... (the core's reason is logged just before)",
                   module, param, f.text());
    return false;
  }
  static void stop(pv_format& f) noexcept { f.release(); }
};
}  // namespace detail

MODSDK_END_NAMESPACE
