// SPDX-License-Identifier: MIT
// A log argument of a type {fmt} cannot print is rejected with the fix: a fmt::formatter or a format_as.
// expect: cannot be formatted. Give it a fmt::formatter<T> specialisation, or a `format_as(const T&)`
#include <string>

#include <modsdk/log.hpp>

namespace app {
struct peer {
  std::string host;
  int port;
};
#ifdef MODSDK_CONTROL
inline std::string format_as(const peer& p) { return p.host + ":" + std::to_string(p.port); }
#endif
}  // namespace app

void report(const app::peer& p) { modsdk::log::info("connected to {}", p); }
