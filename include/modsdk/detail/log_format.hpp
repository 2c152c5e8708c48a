// SPDX-License-Identifier: MIT
// What modsdk adds to {fmt} for log lines: the check that every argument has a field, the argument
// types refused with the fix, shown_text (modsdk's own messages), and format_as for {fmt} 9.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <modsdk/customize.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// A text modsdk's own messages show: quoted and escaped as `{:?}` does when `quoted`, bare otherwise
/// (a modparam value given as a number shows as the number).
struct shown_text {
  std::string_view text;
  bool quoted;
};

/// T has a `format_as(const T&)` found by argument-dependent lookup.
template <class T>
concept has_format_as = requires(const T& v) {
  format_as(v);
};

/// Whether a format string {fmt} accepted uses each of its `n` arguments (automatic or manual ids, and
/// the nested `{}`/`{N}` of a dynamic width or precision). {fmt} itself checks everything else.
consteval bool uses_every_argument(std::string_view f, std::size_t n) {
  bool used[64] = {};
  std::size_t next = 0;
  const auto arg_id = [&](std::size_t& i) {  // at the first character after '{'
    if (i < f.size() && f[i] >= '0' && f[i] <= '9') {
      std::size_t id = 0;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') id = id * 10 + std::size_t(f[i++] - '0');
      if (id < 64) used[id] = true;
    } else if (next < 64) {
      used[next++] = true;
    }
  };
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] == '}') {
      ++i;  // "}}"
      continue;
    }
    if (f[i] != '{') continue;
    if (++i < f.size() && f[i] == '{') continue;  // "{{"
    arg_id(i);
    for (int depth = 1; i < f.size() && depth > 0; ++i) {  // the spec, with its nested fields
      if (f[i] == '{') {
        ++depth;
        ++i;
        arg_id(i);
        --i;
      } else if (f[i] == '}') {
        --depth;
      }
    }
    --i;
  }
  for (std::size_t k = 0; k < n && k < 64; ++k)
    if (!used[k]) return false;
  return true;
}

/// A log argument as {fmt} receives it: a null C string prints "(null)" as printf's %s does ({fmt}
/// would throw), everything else unchanged.
template <class A>
constexpr const A& loggable(const A& a) noexcept {
  return a;
}
inline const char* loggable(const char* s) noexcept { return s ? s : "(null)"; }
inline const char* loggable(char* s) noexcept { return s ? s : "(null)"; }

template <std::size_t I, class A>
constexpr void check_log_argument() {
  static_assert(fmt::is_formattable<A>::value,
                "modsdk: a log argument cannot be formatted. Give it a fmt::formatter<T> specialisation, or a "
                "`format_as(const T&)` found by ADL that returns a type {fmt} formats (see docs/howto/logging.md)");
}

/// A formatter for a type that prints as another type (`Base`) with the user's format specs: the specs
/// are checked at compile time by Base's own formatter, kept as text, and applied at run time through
/// fmt::format_to, so that module code needs only <fmt/core.h> (Base's formatter's format() is defined
/// in <fmt/format.h>). A dynamic width or precision (`{:{}}`) is refused for these types.
template <class Base>
struct formats_as {
  char spec[40] = {'{', ':'};
  unsigned len = 2;
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    fmt::formatter<Base> check;
    const auto end = check.parse(ctx);
    for (auto it = ctx.begin(); it != end; ++it) {
      if (*it == '{' || len >= sizeof spec - 3) {
        ctx.on_error("modsdk: a dynamic or long spec for this type (use a fixed width, at most 36 characters)");
        break;
      }
      spec[len++] = *it;
    }
    return end;
  }
  template <class Context, class V>
  auto write(const V& v, Context& ctx, bool debug = false) const -> decltype(ctx.out()) {
    char f[sizeof spec];
    unsigned n = 0;
    for (; n < len; ++n) f[n] = spec[n];
    if (debug) f[n++] = '?';
    f[n++] = '}';
    return fmt::format_to(ctx.out(), fmt::runtime(fmt::string_view(f, n)), v);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE

template <>
struct fmt::formatter<modsdk::detail::shown_text> : modsdk::detail::formats_as<fmt::string_view> {
  template <class Context>
  auto format(const modsdk::detail::shown_text& t, Context& ctx) const -> decltype(ctx.out()) {
    return write(fmt::string_view(t.text.data(), t.text.size()), ctx, t.quoted);
  }
};

/// Enums print their name when listed in modsdk::enum_names (`{}`, `{:s}`, `{:>8}`), else (and with an
/// integer presentation, `{:d}` `{:x}` ...) their value. An enum with its own fmt::formatter
/// specialisation or format_as keeps it.
template <class E>
requires(std::is_enum_v<E> && !modsdk::detail::has_format_as<E>) struct fmt::formatter<E, char> {
  modsdk::detail::formats_as<fmt::string_view> name;
  modsdk::detail::formats_as<std::underlying_type_t<E>> number;
  bool as_number = !modsdk::named_enum<E>;
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    auto close = ctx.begin();
    while (close != ctx.end() && *close != '}') ++close;
    if (close != ctx.begin()) {
      const char t = *(close - 1);
      if (t == 'd' || t == 'x' || t == 'X' || t == 'o' || t == 'b' || t == 'B' || t == 'c') as_number = true;
    }
    return as_number ? number.parse(ctx) : name.parse(ctx);
  }
  template <class Context>
  auto format(E e, Context& ctx) const -> decltype(ctx.out()) {
    if constexpr (modsdk::named_enum<E>) {
      const std::string_view n = modsdk::name_of(e);
      if (!as_number && !n.empty()) return name.write(fmt::string_view(n.data(), n.size()), ctx);
    }
    return number.write(static_cast<std::underlying_type_t<E>>(e), ctx);
  }
};

#if FMT_VERSION < 100000
MODSDK_BEGIN_NAMESPACE
namespace detail {
template <class T>
using format_as_result = std::remove_cvref_t<decltype(format_as(std::declval<const T&>()))>;
template <class T>
using format_as_base = std::conditional_t<std::is_convertible_v<const format_as_result<T>&, std::string_view>,
                                          fmt::string_view, format_as_result<T>>;
}  // namespace detail
MODSDK_END_NAMESPACE

/// {fmt} 10's `format_as(const T&)` for class types, on {fmt} 9 (which has it only for enums): T prints
/// as what its format_as returns, with that type's format specs.
template <class T>
requires(std::is_class_v<T>&& modsdk::detail::has_format_as<T>) struct fmt::formatter<T, char>
    : modsdk::detail::formats_as<modsdk::detail::format_as_base<T>> {
  template <class Context>
  auto format(const T& v, Context& ctx) const -> decltype(ctx.out()) {
    const auto& r = format_as(v);
    if constexpr (std::is_same_v<modsdk::detail::format_as_base<T>, fmt::string_view>) {
      const std::string_view sv = r;
      return this->write(fmt::string_view(sv.data(), sv.size()), ctx);
    } else {
      return this->write(r, ctx);
    }
  }
};
#endif
