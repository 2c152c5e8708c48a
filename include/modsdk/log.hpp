// SPDX-License-Identifier: MIT
/// @file Logging through the core's log consumers (stderr, syslog, JSON, events), formatted by {fmt}
/// with format strings checked at compile time. Lines look exactly like the core's LM_* lines:
///   `Nov 26 07:01:02 [1234] INFO:new_module:new_function: text`
///
///     modsdk::log::info("user {} registered from {}:{}", user, ip, port);
///     modsdk::log::error("bad value {:d}", "x");   // does not compile: "x" is not an integer
///
/// The format language is {fmt}'s: `{}`, `{0}`, `{:>8}`, `{:#x}`, `{:.3f}`, `{:{}}`, `{:?}` (quoted,
/// escaped). Your types print through a `fmt::formatter<T>` specialisation or a `format_as(const T&)`
/// found by ADL; enums listed in modsdk::enum_names print their name. Every field needs an argument and
/// every argument a field. Nothing is allocated: the line is formatted on the stack by {fmt}'s compiled
/// library (`fmt::vformat_to_n`); module code includes only <fmt/core.h>.
///
/// The core's per-process level is read on every call, before anything is formatted: a disabled call
/// costs one load and one branch, and its arguments are never formatted. A line ends with exactly one
/// '\n' (added unless the text already ends with one); a text longer than MODSDK_LOG_LINE_MAX bytes
/// is cut on a UTF-8 boundary and ends in "..." (at most MODSDK_LOG_LINE_MAX bytes; the core's prefix and
/// the '\n' are not counted). Like the core's own logger, these functions are meant for the OpenSIPS process's
/// thread: the core's dprint is not thread-safe.
#pragma once
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/detail/log_call.hpp>

MODSDK_BEGIN_NAMESPACE
namespace log {

/// The core's log levels (dprint.h), most severe first: alert, crit, error, warn, notice, info, debug.
using level = ::modsdk::detail::log_level;

/// A format string checked against its arguments at compile time ({fmt}'s checks, and every argument
/// used), and the place it was written (the function the line names).
template <class... Args>
using format_string = ::modsdk::detail::log_format<Args...>;

/// Whether a line at `lvl` would be printed now (the running process's level). Use it to skip costly
/// work that only feeds a log line; the log functions check it themselves.
inline bool enabled(level lvl) noexcept { return ::modsdk::detail::log_enabled(static_cast<int>(lvl)); }

/// Logs at `lvl` when the process's current level allows it.
template <class... Args>
void write(level lvl, format_string<std::type_identity_t<Args>...> f, const Args&... args) noexcept {
  if (enabled(lvl)) [[unlikely]]
    ::modsdk::detail::log_dispatch(static_cast<int>(lvl), f, args...);
}

// clang-format off
template <class... A> void alert (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::alert)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::alert, f, a...); }
template <class... A> void crit  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::crit)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::crit, f, a...); }
template <class... A> void error (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::error)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::error, f, a...); }
template <class... A> void warn  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::warn)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::warn, f, a...); }
template <class... A> void notice(format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::notice)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::notice, f, a...); }
template <class... A> void info  (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::info)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::info, f, a...); }
template <class... A> void debug (format_string<std::type_identity_t<A>...> f, const A&... a) noexcept { if (enabled(level::debug)) [[unlikely]] ::modsdk::detail::log_dispatch((int)level::debug, f, a...); }
// clang-format on

/// Logs a line attributed to `func` instead of the caller (modsdk uses it to name the script function
/// or parameter at fault).
template <class... Args>
void write_for(level lvl, std::string_view func, format_string<std::type_identity_t<Args>...> f,
               const Args&... args) noexcept {
  ::modsdk::detail::log_for_function<Args...>(lvl, func, f, args...);
}

}  // namespace log
MODSDK_END_NAMESPACE
