// SPDX-License-Identifier: MIT
// db_fidelity_fake <db_fidelity.so> <db_url>
// The fake-core half of run_database.sh's fidelity check: loads the very .so the real core loads
// (host::load), with the fake core's db_sqlite, starts it on db_url, calls db_battery() once on an OPTIONS
// request, and prints the module's "DBF ..." lines (db_fidelity_module.cpp) as the real core's log has them.
#include <cstdio>
#include <string>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

namespace t = modsdk::testing;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: db_fidelity_fake <db_fidelity.so> <db_url>\n");
    return 2;
  }
  t::core().load_module("sl");
  t::core().load_module("db_sqlite");
  t::host h = t::host::load(argv[1]);
  if (!h.loaded()) {
    std::fprintf(stderr, "db_fidelity_fake: the module did not load: %s\n", h.error().c_str());
    return 1;
  }
  if (!h.modparam("db_url", argv[2])) return 1;
  if (auto r = h.start(); !r) {
    std::fprintf(stderr, "db_fidelity_fake: start failed: %s\n", r.error.c_str());
    for (const auto& e : t::core().logs()) std::fprintf(stderr, "  %s\n", e.text.c_str());
    return 1;
  }
  auto msg = t::sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: dbf@modsdk\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n");
  t::core().clear_logs();
  const int rc = h.call("db_battery", msg);
  for (const auto& e : t::core().logs())
    if (e.module == "db_fidelity" && e.text.rfind("DBF ", 0) == 0) std::printf("%s\n", e.text.c_str());
  h.stop();
  return rc == 1 ? 0 : 1;
}
