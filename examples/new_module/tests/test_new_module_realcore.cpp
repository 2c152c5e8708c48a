// SPDX-License-Identifier: MIT
// new_module in a real OpenSIPS (run by modsdk_add_realcore_test with tests/realcore.cfg, after the sipp
// scenario options_then_message.xml): SIP over UDP, MI over mi_datagram, statistics, the core's log.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
constexpr int l_info = 3, l_dbg = 4;

std::string request(std::string_view method, std::string_view from) {
  return std::string(method) +
         " sip:opensips@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" +
         std::string(from) +
         "\r\n"
         "From: <sip:" +
         std::string(from) +
         "@example.com>;tag=t1\r\n"
         "To: <sip:opensips@127.0.0.1>\r\n"
         "Call-ID: " +
         std::string(from) + "-" + std::string(method) +
         "@example.com\r\n"
         "CSeq: 1 " +
         std::string(method) +
         "\r\n"
         "Content-Length: 0\r\n\r\n";
}
}  // namespace

TEST_CASE("new_module in a real core", "[.realcore]") {
  REQUIRE(real_core::configured());
  auto core = real_core::from_env();
  // the sipp scenario ran first: one greeting (alice) so far
  CHECK(core.mi("greetings").json == R"({"greetings":1,"max_greetings":5})");
  CHECK(core.stat("greetings") == 1u);

  auto ok = core.send(request("OPTIONS", "carol"));
  REQUIRE(ok);
  CHECK(ok->code == 200);
  CHECK(ok->header("X-Greeting") == "Hello, carol");
  auto no = core.send(request("MESSAGE", "carol"));
  REQUIRE(no);
  CHECK(no->code == 403);
  CHECK(no->reason == "Not Today");

  CHECK(core.stat("new_module:greetings") == 2u);
  CHECK(core.logged(l_info, "OPTIONS from carol (a request)"));
  CHECK(core.logged(l_info, "Hello (a request)"));
  for (const auto& line : core.logs()) CHECK_FALSE((line.module == "new_module" && line.level == l_dbg));
  CHECK(core.mi("no_such_command").error);
}
