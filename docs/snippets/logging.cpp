// SPDX-License-Identifier: MIT
// docs/howto/logging.md: the core's log levels, with fmt format strings checked at compile time.
#include <modsdk/modsdk.hpp>

#include <string_view>

namespace {
// snippet: logging_levels
bool audit(modsdk::request& req, std::string_view who) {
  modsdk::log::debug("audit({}) on {}", who, req.call_id());   // DBG: shown at log_level 4
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

bool tick() {
  report(modsdk::log::level::notice, 0);
  return true;
}
}  // namespace

MODSDK_MODULE(snippet_logging, modsdk::functions(MODSDK_FN(audit), MODSDK_FN(tick)));
