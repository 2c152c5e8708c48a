// SPDX-License-Identifier: MIT
/// @file The formatter behind modsdk::log: the `{}` replacement-field language of std::format and {fmt}
/// (the part log lines use), checked against the argument types at compile time, run without the heap.
///
/// Field: `{[index][:[[fill]align][sign][#][0][width][.precision][type]]}`, `{{` and `}}` for braces.
///   bool            ``  `s` (true/false)      `d` `x` `X` `o` `b` `B` (0/1)
///   char            ``  `c`  `?` (quoted, escaped)  `d` `x` `X` `o` `b` `B`
///   integers        ``  `d` `x` `X` `o` `b` `B` `c`   (`#`: 0x/0X/0/0b/0B prefix)
///   float, double   ``  (shortest round trip)  `f` `F` `e` `E` `g` `G` `a` `A`, with .precision
///   strings         ``  `s`  `?` (quoted, escaped), .precision cuts (in code points)
///   const void*     ``  `p`
///   enums           ``  `s` (the name, when modsdk::enum_names<E> lists it)  `d` `x` ... (the value)
///   other types     give them `format_as(const T&)` (found by ADL) returning one of the above
///
/// Why not {fmt} itself: a module source that includes <fmt/format.h> takes seconds to compile and its
/// .so carries ~100 KB of formatting code; this covers what a log line needs in a few hundred lines.
#pragma once
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <modsdk/enum_names.hpp>

namespace modsdk::inline v0::detail::format {

/// What an argument is, as far as the format language is concerned.
enum class kind : unsigned char {
  boolean,
  character,
  signed_int,
  unsigned_int,
  single,
  floating,
  string,
  pointer,
  enumeration
};

/// A string argument: referenced, never copied.
struct text_ref {
  const char* data;
  std::size_t size;
};
/// An enum argument: its value, and its name when modsdk::enum_names lists one (data == nullptr: none).
struct enum_ref {
  text_ref name;
  long long value;
};

/// Text shown as it is, or quoted and escaped as `{:?}` writes it when `quoted` (modsdk's own messages:
/// a modparam value the script gave as a string is quoted, one it gave as a number is not).
struct shown_text {
  std::string_view text;
  bool quoted;
};

/// One type-erased argument.
struct arg {
  kind k;
  bool quoted;  // a string that `{}` writes as `{:?}` does (from shown_text)
  union {
    bool b;
    char c;
    long long i;
    unsigned long long u;
    float f;
    double d;
    const void* p;
    text_ref s;
    enum_ref e;
  };
};

// ---- which types are formattable, and how -------------------------------------------------------------

void format_as() = delete;  // only ADL finds the user's format_as(const T&)

template <class T>
concept has_format_as = requires(const T& v) {
  format_as(v);
};

template <class T>
concept text_like = std::is_convertible_v<const T&, std::string_view> && !std::is_null_pointer_v<T>;

template <class T>
concept native = std::is_same_v<T, shown_text> || std::is_same_v<T, bool> || std::is_same_v<T, char> ||
                 std::is_floating_point_v<T> ||
                 (std::is_integral_v<T> && !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> &&
                  !std::is_same_v<T, char16_t> && !std::is_same_v<T, char32_t> && sizeof(T) <= 8) ||
                 text_like<T> || std::is_same_v<T, const void*> || std::is_same_v<T, void*> ||
                 std::is_null_pointer_v<T> || std::is_enum_v<T>;

/// T prints through its format_as, which returns a type the formatter knows.
template <class T>
concept formats_as_native =
    has_format_as<T> && native<std::remove_cvref_t<decltype(format_as(std::declval<const T&>()))>>;

template <class T>
struct unformattable : std::false_type {};

/// The kind a value of type T (or of what its format_as returns) formats as.
template <class T>
consteval kind kind_of() {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>)
    return kind::boolean;
  else if constexpr (std::is_same_v<U, shown_text>)
    return kind::string;
  else if constexpr (std::is_same_v<U, char>)
    return kind::character;
  else if constexpr (std::is_enum_v<U>)
    return kind::enumeration;
  else if constexpr (std::is_same_v<U, float>)
    return kind::single;
  else if constexpr (std::is_floating_point_v<U>)
    return kind::floating;
  else if constexpr (std::is_integral_v<U> && native<U>)
    return std::is_signed_v<U> ? kind::signed_int : kind::unsigned_int;
  else if constexpr (text_like<U>)
    return kind::string;
  else if constexpr (native<U>)
    return kind::pointer;
  else if constexpr (formats_as_native<U>)
    return kind_of<decltype(format_as(std::declval<const U&>()))>();
  else {
    static_assert(unformattable<U>::value,
                  "modsdk::log: this argument's type cannot be formatted. Give it a `format_as(const T&)` in its "
                  "own namespace (found by ADL) returning a string, string_view, number or enum; pointers other "
                  "than const void* must be cast to const void*");
    return kind::string;
  }
}

/// The argument a native value becomes.
template <class T>
arg make_arg(const T& v) noexcept {
  using U = std::remove_cvref_t<T>;
  arg a{};
  a.k = kind_of<U>();
  if constexpr (std::is_same_v<U, shown_text>) {
    a.s = {v.text.data(), v.text.size()};
    a.quoted = v.quoted;
  } else if constexpr (std::is_same_v<U, bool>)
    a.b = v;
  else if constexpr (std::is_same_v<U, char>)
    a.c = v;
  else if constexpr (std::is_enum_v<U>) {
    a.e = {{nullptr, 0}, static_cast<long long>(v)};
    if constexpr (named_enum<U>) {
      for (const auto& n : enum_names<U>::names)
        if (n.value == v) {
          a.e.name = {n.name.data(), n.name.size()};
          break;
        }
    }
  } else if constexpr (std::is_same_v<U, float>)
    a.f = v;
  else if constexpr (std::is_floating_point_v<U>)
    a.d = static_cast<double>(v);
  else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>)
    a.i = v;
  else if constexpr (std::is_integral_v<U>)
    a.u = v;
  else if constexpr (text_like<U>) {
    if constexpr (std::is_pointer_v<U>) {
      if (v == nullptr) {  // a null C string prints like printf's %s of NULL, never crashes
        a.s = {"(null)", 6};
        return a;
      }
    }
    const std::string_view s(v);
    a.s = {s.data(), s.size()};
  } else if constexpr (std::is_pointer_v<U> || std::is_null_pointer_v<U>)
    a.p = v;
  return a;
}

/// A value ready for make_arg: natives as they are, others through their format_as (by value: a
/// temporary std::string lives until the end of the full expression that formats it).
template <class T>
decltype(auto) formattable(const T& v) {
  if constexpr (native<T>)
    return (v);
  else
    return format_as(v);
}
template <class T>
inline constexpr bool converts = formats_as_native<std::remove_cvref_t<T>> && !native<std::remove_cvref_t<T>>;

// ---- the format language --------------------------------------------------------------------------------

// Every reason a format string is refused, once: X(name, explanation). It gives the texts the checker
// returns (problem::name), and the function whose name is the compile error (errors::modsdk_format_error_name).
#define MODSDK_DETAIL_FORMAT_PROBLEMS(X)                                                                               \
  X(dot_without_precision, "a '.' in a spec must be followed by a precision")                                          \
  X(invalid_spec_expected_closing_brace, "invalid format spec: expected '}'")                                          \
  X(nested_fields_not_supported, "nested replacement fields in a spec ({:{}}) are not supported")                      \
  X(fill_must_be_one_ascii_character, "the fill must be one ASCII character")                                          \
  X(precision_too_large, "the precision is too large (at most 60)")                                                    \
  X(width_too_large, "the width is too large (at most 4096)")                                                          \
  X(alternate_form_not_supported_for_floating_point, "'#' is not supported for floating-point numbers")                \
  X(alternate_form_only_for_integers, "'#' is only valid for integers")                                                \
  X(c_takes_no_sign_alternate_or_zero, "'c' takes no sign, '#' or '0'")                                                \
  X(precision_only_for_floating_point_and_strings, "a precision is only valid for floating-point numbers and strings") \
  X(sign_or_zero_padding_only_for_numbers, "a sign or '0' padding is only valid for numbers")                          \
  X(argument_never_used_fewer_fields_than_arguments,                                                                   \
    "an argument is never used: the format string has fewer fields than arguments")                                    \
  X(argument_not_found_more_fields_than_arguments,                                                                     \
    "argument not found: the format string has more fields than arguments")                                            \
  X(cannot_switch_from_automatic_to_manual_numbering,                                                                  \
    "cannot switch from automatic ({}) to manual ({0}) field numbering")                                               \
  X(cannot_switch_from_manual_to_automatic_numbering,                                                                  \
    "cannot switch from manual ({0}) to automatic ({}) field numbering")                                               \
  X(invalid_type_specifier_for_bool, "invalid type specifier for a bool (use s, d, x, X, o, b or B)")                  \
  X(invalid_type_specifier_for_char, "invalid type specifier for a char (use c, ?, d, x, X, o, b or B)")               \
  X(invalid_type_specifier_for_floating_point,                                                                         \
    "invalid type specifier for a floating-point number (use f, F, e, E, g, G, a or A)")                               \
  X(invalid_type_specifier_for_pointer, "invalid type specifier for a pointer (use p)")                                \
  X(invalid_type_specifier_for_string, "invalid type specifier for a string (use s or ?)")                             \
  X(invalid_type_specifier_for_enum,                                                                                   \
    "invalid type specifier for an enum (use s for its name, or d, x, X, o, b, B for its value)")                      \
  X(invalid_type_specifier_for_integer, "invalid type specifier for an integer (use d, x, X, o, b, B or c)")           \
  X(unmatched_opening_brace_write_two_for_one, "unmatched '{' in the format string (write '{{' for a brace)")          \
  X(unmatched_closing_brace_write_two_for_one, "unmatched '}' in the format string (write '}}' for a brace)")

/// Why a format string is refused (the checker returns one of these, or nullptr).
namespace problem {
#define MODSDK_DETAIL_FORMAT_TEXT(name, text) inline constexpr char name[] = text;
MODSDK_DETAIL_FORMAT_PROBLEMS(MODSDK_DETAIL_FORMAT_TEXT)
#undef MODSDK_DETAIL_FORMAT_TEXT
}  // namespace problem

/// A problem's text while checking (Explain), one shared marker at run time: the format strings a
/// module runs were checked when it was compiled, so its .so need not carry the explanations.
inline constexpr char unexplained[] = "invalid format string";
template <bool Explain>
constexpr const char* explain(const char* why) {
  if constexpr (Explain)
    return why;
  else
    return (void)why, unexplained;
}

struct spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^' or 0 (the kind's default)
  char sign = 0;   // '+', ' ' or 0
  bool alt = false;
  bool zero = false;
  int width = 0;
  int precision = -1;
  char type = 0;
};

inline constexpr int max_width = 4096;
inline constexpr int max_precision = 60;

/// Parses a field's spec (after ':') up to its '}'; returns the position after the spec or nullptr with
/// `err` set.
template <bool Explain>
constexpr const char* parse_spec(const char* p, const char* end, spec& s, const char*& err) {
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^'; };
  if (p != end && *p == '{') return err = explain<Explain>(problem::nested_fields_not_supported), nullptr;
  if (end - p >= 2 && is_align(p[1]) && *p != '}') {
    if (static_cast<unsigned char>(*p) >= 0x80)
      return err = explain<Explain>(problem::fill_must_be_one_ascii_character), nullptr;
    s.fill = *p;
    s.align = p[1];
    p += 2;
  } else if (p != end && is_align(*p)) {
    s.align = *p++;
  }
  if (p != end && (*p == '+' || *p == '-' || *p == ' ')) {
    s.sign = *p == '-' ? 0 : *p;
    ++p;
  }
  if (p != end && *p == '#') s.alt = true, ++p;
  if (p != end && *p == '0') s.zero = true, ++p;
  while (p != end && *p >= '0' && *p <= '9') {
    s.width = s.width * 10 + (*p++ - '0');
    if (s.width > max_width) return err = explain<Explain>(problem::width_too_large), nullptr;
  }
  if (p != end && *p == '.') {
    ++p;
    if (p == end || *p < '0' || *p > '9') return err = explain<Explain>(problem::dot_without_precision), nullptr;
    s.precision = 0;
    while (p != end && *p >= '0' && *p <= '9') {
      s.precision = s.precision * 10 + (*p++ - '0');
      if (s.precision > max_precision) return err = explain<Explain>(problem::precision_too_large), nullptr;
    }
  }
  if (p != end && *p != '}') s.type = *p++;
  if (p == end || *p != '}') return err = explain<Explain>(problem::invalid_spec_expected_closing_brace), nullptr;
  return p;
}

constexpr bool one_of(char c, std::string_view set) { return c != 0 && set.find(c) != std::string_view::npos; }

/// Whether spec `s` can format an argument of kind `k`; the reason when it cannot.
constexpr const char* check_spec(const spec& s, kind k) {
  const bool integer_type = one_of(s.type, "dxXobB");
  const bool as_number = k == kind::signed_int || k == kind::unsigned_int || k == kind::single || k == kind::floating ||
                         ((k == kind::boolean || k == kind::character || k == kind::enumeration) && integer_type);
  switch (k) {
    case kind::boolean:
      if (s.type && !one_of(s.type, "sdxXobB")) return problem::invalid_type_specifier_for_bool;
      break;
    case kind::character:
      if (s.type && !one_of(s.type, "c?dxXobB")) return problem::invalid_type_specifier_for_char;
      break;
    case kind::signed_int:
    case kind::unsigned_int:
      if (s.type && !one_of(s.type, "dxXobBc")) return problem::invalid_type_specifier_for_integer;
      break;
    case kind::single:
    case kind::floating:
      if (s.type && !one_of(s.type, "fFeEgGaA")) return problem::invalid_type_specifier_for_floating_point;
      if (s.alt) return problem::alternate_form_not_supported_for_floating_point;
      break;
    case kind::string:
      if (s.type && !one_of(s.type, "s?")) return problem::invalid_type_specifier_for_string;
      break;
    case kind::pointer:
      if (s.type && s.type != 'p') return problem::invalid_type_specifier_for_pointer;
      break;
    case kind::enumeration:
      if (s.type && !one_of(s.type, "sdxXobB")) return problem::invalid_type_specifier_for_enum;
      break;
  }
  if (s.precision >= 0 && !(k == kind::single || k == kind::floating || k == kind::string))
    return problem::precision_only_for_floating_point_and_strings;
  if (!as_number && (s.sign || s.zero)) return problem::sign_or_zero_padding_only_for_numbers;
  if (s.alt && !(as_number || (k == kind::signed_int || k == kind::unsigned_int)))
    return problem::alternate_form_only_for_integers;
  if (s.type == 'c' && (s.sign || s.alt || s.zero)) return problem::c_takes_no_sign_alternate_or_zero;
  return nullptr;
}

/// Walks format string `f`: calls `literal(text)` for text and `field(index, spec)` for each field;
/// returns nullptr or the reason the string is malformed. Automatic ({}) and manual ({0}) indexing
/// cannot be mixed.
template <bool Explain, class Literal, class Field>
constexpr const char* walk(std::string_view f, std::size_t nargs, Literal&& literal, Field&& field) {
  const char* p = f.data();
  const char* const end = p + f.size();
  const char* text = p;
  int next_auto = 0;  // -1: manual indexing in use
  bool any_field = false;
  while (p != end) {
    const char c = *p;
    if (c != '{' && c != '}') {
      ++p;
      continue;
    }
    if (p + 1 != end && p[1] == c) {  // "{{" or "}}": one brace
      literal(std::string_view(text, static_cast<std::size_t>(p + 1 - text)));
      p += 2;
      text = p;
      continue;
    }
    if (c == '}') return explain<Explain>(problem::unmatched_closing_brace_write_two_for_one);
    literal(std::string_view(text, static_cast<std::size_t>(p - text)));
    ++p;
    std::size_t index = 0;
    if (p != end && *p >= '0' && *p <= '9') {
      if (any_field && next_auto >= 0)
        return explain<Explain>(problem::cannot_switch_from_automatic_to_manual_numbering);
      next_auto = -1;
      while (p != end && *p >= '0' && *p <= '9') index = index * 10 + static_cast<std::size_t>(*p++ - '0');
    } else {
      if (next_auto < 0) return explain<Explain>(problem::cannot_switch_from_manual_to_automatic_numbering);
      index = static_cast<std::size_t>(next_auto++);
    }
    any_field = true;
    spec s;
    if (p != end && *p == ':') {
      const char* err = nullptr;
      p = parse_spec<Explain>(p + 1, end, s, err);
      if (!p) return err;
    } else if (p == end || *p != '}') {
      return explain<Explain>(problem::unmatched_opening_brace_write_two_for_one);
    }
    if (index >= nargs) return explain<Explain>(problem::argument_not_found_more_fields_than_arguments);
    if (const char* err = field(index, s)) return err;
    ++p;
    text = p;
  }
  literal(std::string_view(text, static_cast<std::size_t>(end - text)));
  return nullptr;
}

/// Compile-time check of a format string against argument kinds; nullptr or the reason.
template <std::size_t N>
constexpr const char* check(std::string_view f, const kind (&kinds)[N], std::size_t nargs) {
  bool used[N + 1] = {};
  const char* err = walk<true>(
      f, nargs, [](std::string_view) {},
      [&](std::size_t i, const spec& s) -> const char* {
        used[i] = true;
        return check_spec(s, kinds[i]);
      });
  if (err) return err;
  for (std::size_t i = 0; i < nargs; ++i)
    if (!used[i]) return problem::argument_never_used_fewer_fields_than_arguments;
  return nullptr;
}

/// The compile errors: none is constexpr, so reaching one while checking a format string at compile
/// time stops the build, and the compiler names it. Declared only: they are never called at run time.
namespace errors {
#define MODSDK_DETAIL_FORMAT_ERROR(name, text) void modsdk_format_error_##name();
MODSDK_DETAIL_FORMAT_PROBLEMS(MODSDK_DETAIL_FORMAT_ERROR)
#undef MODSDK_DETAIL_FORMAT_ERROR
}  // namespace errors

constexpr void report(const char* p) {
#define MODSDK_DETAIL_FORMAT_REPORT(name, text) \
  if (p == problem::name) errors::modsdk_format_error_##name();
  MODSDK_DETAIL_FORMAT_PROBLEMS(MODSDK_DETAIL_FORMAT_REPORT)
#undef MODSDK_DETAIL_FORMAT_REPORT
}
#undef MODSDK_DETAIL_FORMAT_PROBLEMS

/// A format string checked at compile time against the types of the arguments it will format.
template <class... Args>
struct checked {
  template <class S>
  requires std::is_convertible_v<const S&, std::string_view>
  consteval checked(const S& s) : text(s) {  // NOLINT(google-explicit-constructor): as fmt::format_string
    constexpr kind kinds[sizeof...(Args) + 1] = {kind_of<Args>()..., kind::string};
    if (const char* err = check(text, kinds, sizeof...(Args))) report(err);
  }
  std::string_view text;
};

// ---- running it ---------------------------------------------------------------------------------------
// Only reached when a log line is printed: cold (optimised for size, kept out of the hot text) and not
// inlined into one another, so a module carries one small copy of each.

/// Writes at most `cap` bytes to `out` and counts what a big enough buffer would have taken.
struct sink {
  char* out;
  std::size_t cap;
  std::size_t n = 0;
  void put(char c) noexcept {
    if (n < cap) out[n] = c;
    ++n;
  }
  void put(std::string_view s) noexcept {
    if (n < cap) {
      const std::size_t k = s.size() < cap - n ? s.size() : cap - n;
      for (std::size_t i = 0; i < k; ++i) out[n + i] = s[i];
    }
    n += s.size();
  }
  void repeat(char c, std::size_t k) noexcept {
    for (std::size_t i = 0; i < k; ++i) put(c);
  }
};

/// Code points in s (bytes that do not continue a UTF-8 sequence): the width a field pads to.
inline std::size_t code_points(std::string_view s) noexcept {
  std::size_t k = 0;
  for (const char c : s) k += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return k;
}

/// The length of a valid UTF-8 sequence starting at s[i] (2..4), or 0.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t j) { return static_cast<unsigned char>(s[j]); };
  const unsigned char c = b(i);
  std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
  if (c >= 0xF5 || len == 0 || i + len > s.size()) return 0;
  for (std::size_t j = 1; j < len; ++j)
    if ((b(i + j) & 0xC0) != 0x80) return 0;
  if ((c == 0xE0 && b(i + 1) < 0xA0) || (c == 0xED && b(i + 1) > 0x9F) || (c == 0xF0 && b(i + 1) < 0x90) ||
      (c == 0xF4 && b(i + 1) > 0x8F))
    return 0;  // overlong, surrogate, or beyond U+10FFFF
  return len;
}

/// `s` quoted and escaped as {fmt}'s and std::format's `?` writes it: \n \r \t \\ and the quote escaped,
/// other control bytes and bytes that are not UTF-8 as \xHH.
[[gnu::cold, gnu::noinline]] inline void write_escaped(sink& out, std::string_view s, char quote) noexcept {
  constexpr char hex[] = "0123456789abcdef";
  out.put(quote);
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (const std::size_t len = utf8_sequence(s, i)) {
        out.put(std::string_view(s.data() + i, len));
        i += len;
        continue;
      }
    }
    switch (c) {
      case '\n':
        out.put("\\n");
        break;
      case '\r':
        out.put("\\r");
        break;
      case '\t':
        out.put("\\t");
        break;
      case '\\':
        out.put("\\\\");
        break;
      default:
        if (c == static_cast<unsigned char>(quote)) {
          out.put('\\');
          out.put(quote);
        } else if (c < 0x20 || c >= 0x7F) {
          out.put("\\x");
          out.put(hex[c >> 4]);
          out.put(hex[c & 15]);
        } else {
          out.put(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.put(quote);
}

/// Pads `body` (of display width `w`) to the spec's width; `def` is the kind's default alignment.
/// `prefix` (sign, 0x) goes before the zero padding of numbers.
inline void write_padded(sink& out, const spec& s, char def, std::string_view prefix, std::string_view body,
                         std::size_t w) noexcept {
  const std::size_t total = prefix.size() + w;
  const std::size_t pad = static_cast<std::size_t>(s.width) > total ? static_cast<std::size_t>(s.width) - total : 0;
  if (s.zero && !s.align) {
    out.put(prefix);
    out.repeat('0', pad);
    out.put(body);
    return;
  }
  const char align = s.align ? s.align : def;
  const std::size_t before = align == '>' ? pad : align == '^' ? pad / 2 : 0;
  out.repeat(s.fill, before);
  out.put(prefix);
  out.put(body);
  out.repeat(s.fill, pad - before);
}

[[gnu::cold, gnu::noinline]] inline void write_integer(sink& out, const spec& s, bool negative,
                                                       unsigned long long magnitude) noexcept {
  char digits[72];
  int base = 10;
  const char* alt = "";
  switch (s.type) {
    case 'x':
      base = 16, alt = "0x";
      break;
    case 'X':
      base = 16, alt = "0X";
      break;
    case 'o':
      base = 8, alt = "0";
      break;
    case 'b':
      base = 2, alt = "0b";
      break;
    case 'B':
      base = 2, alt = "0B";
      break;
    default:
      break;
  }
  const auto r = std::to_chars(digits, digits + sizeof digits, magnitude, base);
  std::size_t len = static_cast<std::size_t>(r.ptr - digits);
  if (s.type == 'X')
    for (std::size_t i = 0; i < len; ++i)
      if (digits[i] >= 'a') digits[i] = static_cast<char>(digits[i] - 'a' + 'A');
  char prefix[4];
  std::size_t pl = 0;
  if (negative)
    prefix[pl++] = '-';
  else if (s.sign)
    prefix[pl++] = s.sign;
  if (s.alt && !(base == 8 && magnitude == 0))
    for (const char* a = alt; *a; ++a) prefix[pl++] = *a;
  write_padded(out, s, '>', std::string_view(prefix, pl), std::string_view(digits, len), len);
}

inline void write_signed(sink& out, const spec& s, long long v) noexcept {
  const bool neg = v < 0;
  const unsigned long long m = neg ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
  write_integer(out, s, neg, m);
}

template <class F>
[[gnu::cold, gnu::noinline]] void write_float(sink& out, const spec& s, F v) noexcept {
  char buf[400];
  std::to_chars_result r{};
  const bool has_precision = s.precision >= 0;
  switch (s.type) {
    case 'f':
    case 'F':
      r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, has_precision ? s.precision : 6);
      break;
    case 'e':
    case 'E':
      r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific, has_precision ? s.precision : 6);
      break;
    case 'a':
    case 'A':
      r = has_precision ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::hex, s.precision)
                        : std::to_chars(buf, buf + sizeof buf, v, std::chars_format::hex);
      break;
    case 'g':
    case 'G':
      r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, has_precision ? s.precision : 6);
      break;
    default:
      r = has_precision ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, s.precision)
                        : std::to_chars(buf, buf + sizeof buf, v);
  }
  if (r.ec != std::errc{}) {  // cannot happen within max_precision; never write garbage
    out.put("<number too long>");
    return;
  }
  char* b = buf;
  std::size_t len = static_cast<std::size_t>(r.ptr - buf);
  char prefix[1];
  std::size_t pl = 0;
  if (*b == '-')
    prefix[pl++] = '-', ++b, --len;
  else if (s.sign)
    prefix[pl++] = s.sign;
  if (one_of(s.type, "FEGA"))
    for (std::size_t i = 0; i < len; ++i)
      if (b[i] >= 'a' && b[i] <= 'z') b[i] = static_cast<char>(b[i] - 'a' + 'A');
  const bool finite = v == v && v - v == 0;
  spec t = s;
  if (!finite) t.zero = false;  // inf and nan are never zero-padded
  write_padded(out, t, '>', std::string_view(prefix, pl), std::string_view(b, len), len);
}

[[gnu::cold, gnu::noinline]] inline void write_text(sink& out, const spec& s, std::string_view v) noexcept {
  if (s.precision >= 0) {  // cut to `precision` code points
    std::size_t k = 0, i = 0;
    for (; i < v.size(); ++i)
      if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80 && k++ == static_cast<std::size_t>(s.precision)) break;
    v = std::string_view(v.data(), i);
  }
  if (s.type == '?') {
    sink measure{nullptr, 0};
    write_escaped(measure, v, '"');
    const std::size_t pad =
        static_cast<std::size_t>(s.width) > measure.n ? static_cast<std::size_t>(s.width) - measure.n : 0;
    const char align = s.align ? s.align : '<';
    const std::size_t before = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    out.repeat(s.fill, before);
    write_escaped(out, v, '"');
    out.repeat(s.fill, pad - before);
    return;
  }
  write_padded(out, s, '<', {}, v, code_points(v));
}

[[gnu::cold, gnu::noinline]] inline void write_arg(sink& out, const spec& s, const arg& a) noexcept {
  switch (a.k) {
    case kind::boolean:
      if (one_of(s.type, "dxXobB")) return write_integer(out, s, false, a.b ? 1 : 0);
      return write_text(out, s, a.b ? "true" : "false");
    case kind::character:
      if (one_of(s.type, "dxXobB")) return write_signed(out, s, a.c);
      if (s.type == '?') {
        const char ch[1] = {a.c};
        return write_escaped(out, std::string_view(ch, 1), '\''), void();
      }
      return write_padded(out, s, '<', {}, std::string_view(&a.c, 1), 1);
    case kind::signed_int:
      if (s.type == 'c')
        return write_padded(out, s, '<', {}, std::string_view(reinterpret_cast<const char*>(&a.i), 1), 1);
      return write_signed(out, s, a.i);
    case kind::unsigned_int:
      if (s.type == 'c')
        return write_padded(out, s, '<', {}, std::string_view(reinterpret_cast<const char*>(&a.u), 1), 1);
      return write_integer(out, s, false, a.u);
    case kind::single:
      return write_float(out, s, a.f);
    case kind::floating:
      return write_float(out, s, a.d);
    case kind::string:
      if (a.quoted && !s.type) {
        spec q = s;
        q.type = '?';
        return write_text(out, q, std::string_view(a.s.data, a.s.size));
      }
      return write_text(out, s, std::string_view(a.s.data, a.s.size));
    case kind::pointer: {
      spec t = s;
      t.type = 'x';
      t.alt = true;
      return write_integer(out, t, false, reinterpret_cast<std::uintptr_t>(a.p));
    }
    case kind::enumeration:
      if (a.e.name.data && !one_of(s.type, "dxXobB"))
        return write_text(out, s, std::string_view(a.e.name.data, a.e.name.size));
      return write_signed(out, s, a.e.value);
  }
}

/// Formats `f` (already checked) with `args` into out[0, cap); returns the length the whole text has
/// (more than `cap` when it was cut).
[[gnu::cold, gnu::noinline]] inline std::size_t vformat(char* out, std::size_t cap, std::string_view f, const arg* args,
                                                        std::size_t nargs) noexcept {
  sink s{out, cap};
  walk<false>(
      f, nargs, [&](std::string_view text) { s.put(text); },
      [&](std::size_t i, const spec& sp) -> const char* {
        write_arg(s, sp, args[i]);
        return nullptr;
      });
  return s.n;
}

}  // namespace modsdk::inline v0::detail::format
