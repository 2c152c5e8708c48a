// SPDX-License-Identifier: MIT
/// @file Logging through the core's log consumers (stderr, syslog, JSON, events), with fmt format strings
/// checked at compile time. Lines look exactly like the core's LM_* lines:
///   `Nov 26 07:01:02 [1234] INFO:new_module:new_function: text`
/// The core's per-process level is read on every call, before anything is formatted: a disabled call costs
/// one load and one branch.
#pragma once
#include <algorithm>
#include <ctime>
#include <source_location>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <modsdk/abi/core.hpp>
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
  consteval format_string(const S& s, std::source_location loc = std::source_location::current())
      : fmt(s), where(loc) {}
  fmt::format_string<Args...> fmt;
  std::source_location where;
};

namespace detail {
/// The bare function name of a source_location ("ns::f(int) const" -> "f"), as __FUNCTION__ gives it.
inline std::string_view function_name(const std::source_location& loc) noexcept {
  std::string_view s = loc.function_name();
  auto paren = s.find('(');
  if (paren != std::string_view::npos) s = s.substr(0, paren);
  auto sep = s.find_last_of(": ");
  if (sep != std::string_view::npos) s = s.substr(sep + 1);
  return s;
}

/// Writes one already-formatted line through dprint, as the LM_* macros do (dprint.h, gcc branch).
void emit(level lvl, std::string_view func, std::string_view text) noexcept;

[[gnu::cold, gnu::noinline]] inline void vlog(level lvl, const std::source_location& where, fmt::string_view f,
                                              fmt::format_args args) noexcept {
  char line[MODSDK_LOG_LINE_MAX];
  std::size_t n = 0;
  try {
    auto r = fmt::vformat_to_n(line, sizeof line - 1, f, args);
    n = r.size;
    if (n > sizeof line - 1) {  // truncated: mark it
      n = sizeof line - 1;
      line[n - 3] = line[n - 2] = line[n - 1] = '.';
    }
  } catch (...) {
    constexpr std::string_view bad = "<modsdk: log formatting failed>";
    n = bad.copy(line, bad.size());
  }
  emit(lvl, function_name(where), std::string_view(line, n));
}

inline bool enabled(level lvl) noexcept {
  if constexpr (target.core.no_log) return false;
  if constexpr (target.core.no_debug)
    if (lvl == level::debug) return false;
  return *abi::log_level >= static_cast<int>(lvl);
}

inline const char* level_text(level lvl) noexcept {
  switch (lvl) {
    case level::alert: return "ALERT:";
    case level::crit: return "CRITICAL:";
    case level::error: return "ERROR:";
    case level::warn: return "WARNING:";
    case level::notice: return "NOTICE:";
    case level::info: return "INFO:";
    default: return "DBG:";
  }
}

inline void emit(level lvl, std::string_view func, std::string_view text) noexcept {
  // Per-level prefix formats, built once: "<mod>" is fixed for the module; '%' in it would break them.
  struct formats {
    char stderr_fmt[160];
    char syslog_fmt[160];
  };
  static formats cache[8];
  static bool built[8];
  const int slot = static_cast<int>(lvl) + 3;  // -3..4 -> 0..7
  formats& f = cache[slot];
  if (!built[slot]) {
    char mod[64];
    std::size_t m = 0;
    for (const char* p = modsdk::detail::current_module_name(); *p && m < sizeof mod - 1; ++p)
      mod[m++] = (*p == '%') ? '_' : *p;
    mod[m] = '\0';
    fmt::format_to_n(f.stderr_fmt, sizeof f.stderr_fmt - 1, "%s [%d] %s{}{}:%s: %s", level_text(lvl), mod).out[0] = '\0';
    *fmt::format_to_n(f.syslog_fmt, sizeof f.syslog_fmt - 1, "%s{}{}:%s: %s", level_text(lvl), mod).out = '\0';
    built[slot] = true;
  }
  char fn[128];
  *fmt::format_to_n(fn, sizeof fn - 1, "{}", func).out = '\0';
  char body[MODSDK_LOG_LINE_MAX + 2];
  std::size_t n = text.copy(body, MODSDK_LOG_LINE_MAX);
  body[n++] = '\n';
  body[n] = '\0';
  // dp_time(): ctime_r into the core's ctime_buf, cut at the year, skip the weekday.
  std::time_t now = std::time(nullptr);
  ctime_r(&now, abi::ctime_buf);
  abi::ctime_buf[19] = '\0';
  static char plain[] = "%s";
  abi::dprint(static_cast<int>(lvl), abi::log_facility, modsdk::detail::current_module_name(), fn, f.stderr_fmt,
              f.syslog_fmt, plain, abi::ctime_buf + 4, abi::dp_my_pid(), abi::log_prefix, fn, body);
}
}  // namespace detail

/// Logs at `lvl` when the process's current level allows it.
template <class... Args>
void write(level lvl, format_string<std::type_identity_t<Args>...> f, Args&&... args) noexcept {
  if (!detail::enabled(lvl)) return;
  detail::vlog(lvl, f.where, f.fmt, fmt::make_format_args(args...));
}

// clang-format off
template <class... A> void alert (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::alert))  detail::vlog(level::alert,  f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void crit  (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::crit))   detail::vlog(level::crit,   f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void error (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::error))  detail::vlog(level::error,  f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void warn  (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::warn))   detail::vlog(level::warn,   f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void notice(format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::notice)) detail::vlog(level::notice, f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void info  (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::info))   detail::vlog(level::info,   f.where, f.fmt, fmt::make_format_args(a...)); }
template <class... A> void debug (format_string<std::type_identity_t<A>...> f, A&&... a) noexcept { if (detail::enabled(level::debug))  detail::vlog(level::debug,  f.where, f.fmt, fmt::make_format_args(a...)); }
// clang-format on

/// Logs a line attributed to `func` instead of the caller (modsdk uses it to name the script function
/// or parameter at fault).
template <class... Args>
void write_for(level lvl, std::string_view func, fmt::format_string<std::type_identity_t<Args>...> f,
               Args&&... args) noexcept {
  if (!detail::enabled(lvl)) return;
  char line[MODSDK_LOG_LINE_MAX];
  std::size_t n = 0;
  try {
    n = std::min(fmt::vformat_to_n(line, sizeof line, fmt::string_view(f), fmt::make_format_args(args...)).size,
                 sizeof line);
  } catch (...) {
  }
  detail::emit(lvl, func, std::string_view(line, n));
}

}  // namespace modsdk::inline v0::log
