// SPDX-License-Identifier: MIT
// docs/howto/logging.md: the core's log levels, with format strings checked at compile time.
#include <modsdk/modsdk.hpp>

#include <string>
#include <string_view>

// snippet: logging_format_as
namespace billing {
struct account {
  std::string owner;
  int id;
};
// found by ADL: log lines print an account as "alice#42"
inline std::string format_as(const account& a) { return a.owner + "#" + std::to_string(a.id); }
}  // namespace billing
// snippet-end: logging_format_as

// snippet: logging_formatter
namespace billing {
struct peer {
  std::string_view ip;
  unsigned short port;
};
}  // namespace billing

template <>
struct fmt::formatter<billing::peer> {
  // no spec: `{}` only (a spec such as `{:>8}` is refused at compile time)
  constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
  // fmt::format_to needs only <fmt/core.h>
  auto format(const billing::peer& p, fmt::format_context& ctx) const {
    return fmt::format_to(ctx.out(), "{}:{}", p.ip, p.port);
  }
};
// snippet-end: logging_formatter

namespace {
// snippet: logging_levels
bool audit(modsdk::request& req, std::string_view who) {
  modsdk::log::debug("audit({}) on {}", who, req.call_id());  // DBG: shown at log_level 4
  modsdk::log::info("{} {} by {}", req.method(), req.ruri(), who);
  if (who.empty()) {
    modsdk::log::warn("anonymous {} from {}:{}", req.method(), req.source_ip(), req.source_port());
    return false;
  }
  return true;
}
// snippet-end: logging_levels

// snippet: logging_write
void report(modsdk::log::level lvl, int failures) {
  modsdk::log::write(lvl, "{} failures in the last minute", failures);
}
// snippet-end: logging_write

// snippet: logging_specs
void show(const billing::account& a, double balance, unsigned flags, std::string_view note) {
  modsdk::log::info("{} balance {:.2f} flags {:#06x} note {:?}", a, balance, flags, note);
  // INFO:...:show: alice#42 balance 12.50 flags 0x0011 note "two\nlines"
}
// snippet-end: logging_specs

// snippet: logging_formatter_use
void charged(const billing::account& a, const billing::peer& from) {
  modsdk::log::info("{} charged by {}", a, from);
  // INFO:...:charged: alice#42 charged by 192.0.2.7:5060
}
// snippet-end: logging_formatter_use

bool tick() {
  report(modsdk::log::level::notice, 0);
  show({"alice", 42}, 12.5, 0x11, "two\nlines");
  charged({"alice", 42}, {"192.0.2.7", 5060});
  return true;
}
}  // namespace

MODSDK_MODULE(snippet_logging, modsdk::functions(MODSDK_FN(audit), MODSDK_FN(tick)));
