// SPDX-License-Identifier: MIT
// The log sink under modsdk::log: the core's level check, {fmt} formatting into a stack buffer, and the
// line handed to the core's dprint with the arguments the LM_* macros pass.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <cstddef>
#include <ctime>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/detail/module_name.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The core's log levels (dprint.h), most severe first (modsdk::log::level).
enum class log_level : int { alert = -3, crit = -2, error = -1, warn = 1, notice = 2, info = 3, debug = 4 };

/// The bare function name of a pretty function name ("bool ns::f(int) const" -> "f"), as __FUNCTION__
/// gives it.
inline std::string_view function_name(const char* pretty) noexcept {
  std::string_view s = pretty;
  auto paren = s.find('(');
  if (paren != std::string_view::npos) s.remove_suffix(s.size() - paren);  // (non-throwing substr)
  auto sep = s.find_last_of(": ");
  if (sep != std::string_view::npos) s.remove_prefix(sep + 1);
  return s;
}
inline std::string_view function_name(const source_location& loc) noexcept {
  return function_name(loc.function_name());
}

/// The level the core would print a line of `lvl` at: above debug prints as debug (LM_GEN); 0 and
/// below alert are not levels (the core prints nothing for them).
constexpr int log_effective(int v) noexcept { return v > 4 ? 4 : v; }
constexpr bool log_printable(int v) noexcept { return v >= -3 && v <= 4 && v != 0; }

/// Whether the core prints a line of level `lvl` now (the running process's level, read every call).
inline bool log_enabled(int lvl) noexcept {
  if constexpr (target.core.no_log) return false;
  const int v = log_effective(lvl);
  if constexpr (target.core.no_debug)
    if (v == 4) return false;
  return log_printable(v) && *abi::log_level >= v;
}

constexpr std::string_view log_level_text(int v) noexcept {
  switch (v) {
    case -3:
      return "ALERT:";
    case -2:
      return "CRITICAL:";
    case -1:
      return "ERROR:";
    case 1:
      return "WARNING:";
    case 2:
      return "NOTICE:";
    case 3:
      return "INFO:";
    default:
      return "DBG:";
  }
}

/// Writes one already-formatted line through dprint, with the arguments the LM_* macros pass
/// (dprint.h, gcc branch): formats "%s [%d] %s<LEVEL><mod>:%s: %s" (stderr), "%s<LEVEL><mod>:%s: %s"
/// (syslog) and "%s" (JSON/event consumers), then time, pid, log_prefix, function, text.
/// `buf` holds `n` bytes of text and has room for two more (the '\n' and the NUL).
inline void log_emit(int lvl, std::string_view func, char* buf, std::size_t n) noexcept {
  // Per-level prefix formats, built once per process ("<mod>" is fixed; '%' in it would break them).
  struct formats {
    const char* for_module = nullptr;
    char stderr_fmt[160];
    char syslog_fmt[160];
  };
  static formats cache[8];
  const char* mod = current_module_name();
  formats& f = cache[lvl + 3];
  if (f.for_module != mod) {
    // "%s [%d] %s" / "%s", the level, the module ('%' made '_'), ":%s: %s"; at most 9 + 63 bytes of
    // level and name: both always fit the 160 bytes.
    const auto build = [&](char* out, std::string_view head) {
      std::size_t k = head.copy(out, head.size());
      k += log_level_text(lvl).copy(out + k, 16);
      std::size_t m = 0;
      for (const char* p = mod; *p && m < 63; ++p, ++m) out[k++] = (*p == '%') ? '_' : *p;
      k += std::string_view(":%s: %s").copy(out + k, 8);
      out[k] = '\0';
    };
    build(f.stderr_fmt, "%s [%d] %s");
    build(f.syslog_fmt, "%s");
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
  abi::dprint(lvl, abi::log_facility, mod, fn, f.stderr_fmt, f.syslog_fmt, plain, abi::ctime_buf + 4, abi::dp_my_pid(),
              abi::log_prefix, fn, buf);
}

/// Where text cut at byte `k` (<= its length) ends so as not to split a UTF-8 sequence: `k`, or the start of
/// the sequence byte `k` continues (at most 3 bytes back: a sequence is at most 4 bytes; in text that is
/// not UTF-8 the cut still moves back over at most 3 continuation bytes).
constexpr std::size_t utf8_cut(const char* text, std::size_t k) noexcept {
  const std::size_t lowest = k > 3 ? k - 3 : 0;
  while (k > lowest && (static_cast<unsigned char>(text[k]) & 0xC0U) == 0x80U) --k;
  return k;
}

/// Formats with {fmt} into a stack buffer and emits. The limit is on the text (what the call formats; the
/// core adds its time, pid, level, module and function in front, and modsdk a '\n'): a text longer than
/// MODSDK_LOG_LINE_MAX bytes is cut to at most that many, "..." included, on a UTF-8 boundary. Only
/// reached when the level is enabled. A formatter that throws (a user's fmt::formatter or format_as)
/// gives a marker line: nothing escapes.
[[gnu::cold, gnu::noinline]] inline void log_vformat(int lvl, std::string_view func, fmt::string_view f,
                                                     fmt::format_args args) noexcept {
  constexpr std::size_t cap = MODSDK_LOG_LINE_MAX;
  char line[cap + 2];
  std::size_t n = 0;
  try {
    n = fmt::vformat_to_n(line, cap, f, args).size;
  } catch (...) {
    constexpr std::string_view bad = "<modsdk: log formatting failed>";
    n = bad.copy(line, bad.size());
  }
  if (n > cap) {  // cut on a UTF-8 boundary and mark it (byte cap - 3 is in the buffer: vformat_to_n wrote it)
    n = utf8_cut(line, cap - 3);
    line[n] = line[n + 1] = line[n + 2] = '.';
    n += 3;
  }
  log_emit(log_effective(lvl), func, line, n);
}

}  // namespace detail
MODSDK_END_NAMESPACE
