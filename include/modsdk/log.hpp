// SPDX-License-Identifier: MIT
/// @file Logging through the core's log consumers (stderr, syslog, JSON, events), with std::format-style
/// format strings checked at compile time. Lines look exactly like the core's LM_* lines:
///   `Nov 26 07:01:02 [1234] INFO:new_module:new_function: text`
///
///     modsdk::log::info("user {} registered from {}:{}", user, ip, port);
///     modsdk::log::error("bad value {:d}", "x");   // does not compile: "x" is not an integer
///
/// The format language (detail/format.hpp) is std::format's: `{}`, `{0}`, `{:>8}`, `{:#x}`, `{:.3f}`,
/// `{:?}` (quoted, escaped); enums listed in modsdk::enum_names print their name. Other types print
/// through a `format_as(const T&)` found by ADL (as in {fmt} 10+). Every field needs an argument and
/// every argument a field. Nothing is allocated: the line is formatted on the stack.
///
/// The core's per-process level is read on every call, before anything is formatted: a disabled call
/// costs one load and one branch, and its arguments are never formatted. A line ends with exactly one
/// '\n' (added unless the text already ends with one); longer than MODSDK_LOG_LINE_MAX it is cut and
/// ends in "...". Like the core's own logger, these functions are meant for the OpenSIPS process's
/// thread: the core's dprint is not thread-safe.
#pragma once
#include <ctime>
#include <modsdk/detail/source_location.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/detail/format.hpp>
#include <modsdk/detail/module_name.hpp>
#include <modsdk/target.hpp>

namespace modsdk::inline v0::log {

/// The core's log levels (dprint.h), most severe first.
enum class level : int { alert = -3, crit = -2, error = -1, warn = 1, notice = 2, info = 3, debug = 4 };

/// A format string checked against its arguments at compile time, and the place it was written.
template <class... Args>
struct format_string {
  template <class S>
    requires std::is_convertible_v<const S&, std::string_view>
  consteval format_string(const S& s, ::modsdk::detail::source_location loc = ::modsdk::detail::source_location::current())
      : checked(s), where(loc) {}
  ::modsdk::detail::format::checked<Args...> checked;
  ::modsdk::detail::source_location where;
};

namespace detail {
namespace format = ::modsdk::detail::format;

/// The bare function name of a source_location ("bool ns::f(int) const" -> "f"), as __FUNCTION__ gives it.
inline std::string_view function_name(const char* pretty) noexcept {
  std::string_view s = pretty;
  auto paren = s.find('(');
  if (paren != std::string_view::npos) s.remove_suffix(s.size() - paren);  // (non-throwing substr)
  auto sep = s.find_last_of(": ");
  if (sep != std::string_view::npos) s.remove_prefix(sep + 1);
  return s;
}
inline std::string_view function_name(const ::modsdk::detail::source_location& loc) noexcept {
  return function_name(loc.function_name());
}

/// The level the core would print a line of `lvl` at: above debug prints as debug (LM_GEN); 0 and
/// below alert are not levels (the core prints nothing for them).
constexpr int effective(level lvl) noexcept {
  const int v = static_cast<int>(lvl);
  return v > 4 ? 4 : v;
}
constexpr bool printable_level(int v) noexcept { return v >= -3 && v <= 4 && v != 0; }

inline bool enabled(level lvl) noexcept {
  if constexpr (target.core.no_log) return false;
  const int v = effective(lvl);
  if constexpr (target.core.no_debug)
    if (v == 4) return false;
  return printable_level(v) && *abi::log_level >= v;
}

constexpr const char* level_text(int v) noexcept {
  switch (v) {
    case -3: return "ALERT:";
    case -2: return "CRITICAL:";
    case -1: return "ERROR:";
    case 1: return "WARNING:";
    case 2: return "NOTICE:";
    case 3: return "INFO:";
    default: return "DBG:";
  }
}

/// Writes one already-formatted line through dprint, with the arguments the LM_* macros pass
/// (dprint.h, gcc branch): formats "%s [%d] %s<LEVEL><mod>:%s: %s" (stderr), "%s<LEVEL><mod>:%s: %s"
/// (syslog) and "%s" (JSON/event consumers), then time, pid, log_prefix, function, text.
/// `buf` holds `n` bytes of text and has room for two more (the '\n' and the NUL).
inline void emit(int lvl, std::string_view func, char* buf, std::size_t n) noexcept {
  // Per-level prefix formats, built once per process ("<mod>" is fixed; '%' in it would break them).
  struct formats {
    const char* for_module = nullptr;
    char stderr_fmt[160];
    char syslog_fmt[160];
  };
  static formats cache[8];
  const char* mod = modsdk::detail::current_module_name();
  formats& f = cache[lvl + 3];
  if (f.for_module != mod) {
    char safe[64];
    std::size_t m = 0;
    for (const char* p = mod; *p && m < sizeof safe - 1; ++p) safe[m++] = (*p == '%') ? '_' : *p;
    safe[m] = '\0';
    const format::arg prefix[] = {format::make_arg(level_text(lvl)), format::make_arg(safe)};
    // (at most 9 + 63 bytes of level and name: both always fit; min() keeps the NUL in bounds regardless)
    const auto terminate = [](char* out, std::size_t n, std::size_t cap) { out[n < cap ? n : cap] = '\0'; };
    constexpr std::size_t cap = sizeof f.stderr_fmt - 1;
    terminate(f.stderr_fmt, format::vformat(f.stderr_fmt, cap, "%s [%d] %s{}{}:%s: %s", prefix, 2), cap);
    terminate(f.syslog_fmt, format::vformat(f.syslog_fmt, cap, "%s{}{}:%s: %s", prefix, 2), cap);
    f.for_module = mod;
  }
  char fn[128];
  const std::size_t fl = func.copy(fn, sizeof fn - 1);
  fn[fl] = '\0';
  if (n == 0 || buf[n - 1] != '\n') buf[n++] = '\n';
  buf[n] = '\0';
  // dp_time(): ctime_r into the core's ctime_buf, the year cut off, the weekday skipped.
  std::time_t now = std::time(nullptr);
  ctime_r(&now, abi::ctime_buf);
  abi::ctime_buf[19] = '\0';
  static char plain[] = "%s";
  abi::dprint(lvl, abi::log_facility, mod, fn, f.stderr_fmt, f.syslog_fmt, plain, abi::ctime_buf + 4,
              abi::dp_my_pid(), abi::log_prefix, fn, buf);
}

/// Formats and emits; only reached when the level is enabled.
[[gnu::cold, gnu::noinline]] inline void vlog(level lvl, std::string_view func, std::string_view f,
                                              const format::arg* args, std::size_t nargs) noexcept {
  constexpr std::size_t cap = MODSDK_LOG_LINE_MAX;
  char line[cap + 2];
  std::size_t n = format::vformat(line, cap, f, args, nargs);
  if (n > cap) {  // cut: mark it
    n = cap;
    line[n - 3] = line[n - 2] = line[n - 1] = '.';
  }
  emit(effective(lvl), func, line, n);
}

[[gnu::cold, gnu::noinline]] inline void vlog_failed(level lvl, std::string_view func) noexcept {
  constexpr std::string_view bad = "<modsdk: log formatting failed>";
  char line[bad.size() + 2];
  emit(effective(lvl), func, line, bad.copy(line, bad.size()));
}

template <class... V>
void vlog_values(level lvl, std::string_view func, std::string_view f, const V&... v) noexcept {
  const format::arg args[sizeof...(V) + 1] = {format::make_arg(v)..., format::arg{}};
  vlog(lvl, func, f, args, sizeof...(V));
}

/// The arguments made formattable (through their format_as, which may throw: then a marker line).
/// Inlined into its two entry points below: one out-of-line function per argument list.
template <class... A>
[[gnu::always_inline]] inline void log_args(level lvl, std::string_view func, std::string_view f,
                                            const A&... a) noexcept {
  if constexpr ((format::converts<A> || ...)) {
    try {
      vlog_values(lvl, func, f, format::formattable(a)...);
    } catch (...) {
      vlog_failed(lvl, func);
    }
  } else {
    vlog_values(lvl, func, f, a...);
  }
}

/// How log_at receives an argument: small trivially copyable values in registers (so that nothing is
/// written to memory on the path where the level is off), anything else by reference.
template <class A>
using pass = std::conditional_t<std::is_trivially_copyable_v<A> && !std::is_array_v<A> && sizeof(A) <= 16, A, const A&>;

template <class... A>
[[gnu::cold, gnu::noinline]] void log_at(level lvl, const char* raw_function, std::string_view f,
                                         pass<A>... a) noexcept {
  log_args<A...>(lvl, function_name(raw_function), f, a...);
}

template <class... A>
[[gnu::cold, gnu::noinline]] void log_for(level lvl, std::string_view func, std::string_view f,
                                          const A&... a) noexcept {
  log_args<A...>(lvl, func, f, a...);
}

/// The call on the enabled path. Taking the format string by value here (a copy made only on that path)
/// keeps the compiler from building it in memory before the level check: a disabled call costs the
/// load and the branch, nothing else (bench/: "log below level").
template <class F, class... A>
[[gnu::always_inline]] inline void dispatch(level lvl, F f, const A&... a) noexcept {
  log_at<A...>(lvl, f.where.function_name(), f.checked.text, a...);
}
}  // namespace detail

/// Whether a line at `lvl` would be printed now (the running process's level). Use it to skip costly
/// work that only feeds a log line; the log functions check it themselves.
inline bool enabled(level lvl) noexcept { return detail::enabled(lvl); }

/// Logs at `lvl` when the process's current level allows it.
template <class... Args>
void write(level lvl, format_string<std::type_identity_t<Args>...> f, const Args&... args) noexcept {
  if (detail::enabled(lvl)) [[unlikely]] detail::dispatch(lvl, f, args...);
}

// clang-format off
template <class... A> void alert (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::alert)) [[unlikely]] detail::dispatch(level::alert, f, a...); }
template <class... A> void crit  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::crit)) [[unlikely]] detail::dispatch(level::crit, f, a...); }
template <class... A> void error (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::error)) [[unlikely]] detail::dispatch(level::error, f, a...); }
template <class... A> void warn  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::warn)) [[unlikely]] detail::dispatch(level::warn, f, a...); }
template <class... A> void notice(format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::notice)) [[unlikely]] detail::dispatch(level::notice, f, a...); }
template <class... A> void info  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::info)) [[unlikely]] detail::dispatch(level::info, f, a...); }
template <class... A> void debug (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (detail::enabled(level::debug)) [[unlikely]] detail::dispatch(level::debug, f, a...); }
// clang-format on

/// Logs a line attributed to `func` instead of the caller (modsdk uses it to name the script function
/// or parameter at fault).
template <class... Args>
void write_for(level lvl, std::string_view func, ::modsdk::detail::format::checked<std::type_identity_t<Args>...> f,
               const Args&... args) noexcept {
  if (detail::enabled(lvl)) [[unlikely]] detail::log_for(lvl, func, f.text, args...);
}

}  // namespace modsdk::inline v0::log
