// SPDX-License-Identifier: MIT
// "realcore: tm: ..." - tm_probe in a real OpenSIPS with tm: a transaction created and answered statefully
// (RESPONSE_OUT, then TRANS_DELETED after the wait timer), and a relay that times out (ON_FAILURE 408 with tm's
// own reply, then the 408 upstream). The callbacks' lines come from the core's log.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
std::string request(const std::string& user, const std::string& callid) {
  return "MESSAGE sip:" + user +
         "@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" +
         callid +
         "\r\n"
         "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:" +
         user +
         "@127.0.0.1>\r\n"
         "Call-ID: " +
         callid + "\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
}
/// Whether the core logs `text` within `seconds`.
bool logged_within(const real_core& c, const std::string& text, int seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (c.logged(text)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return c.logged(text);
}
void print_probe_lines(const real_core& c) {
  for (const auto& l : c.logs())
    if (l.text.find("tm_probe:") != std::string::npos) std::printf("core printed: %s\n", l.text.c_str());
}
}  // namespace

TEST_CASE("tm: a transaction answered statefully, RESPONSE_OUT then TRANS_DELETED", "[.realcore]") {
  auto c = real_core::from_env();
  c.clear_logs();
  auto r = c.send(request("answer", "tm-answer-1"));
  REQUIRE(r);
  CHECK(r->code == 200);
  CHECK(r->reason == "Stateful OK");
  CHECK(r->header("To").value_or("").find("tag=") != std::string::npos);  // tm's to-tag
  CHECK(logged_within(c, "created", 2));
  CHECK(logged_within(c, "response_out code 200", 2));
  CHECK(logged_within(c, "trans_deleted code 0", 10));  // after the wait timer, with the state intact
  CHECK(c.logged("call 2"));
  print_probe_lines(c);
}

TEST_CASE("tm: a relay that times out, ON_FAILURE 408 with tm's own reply", "[.realcore]") {
  auto c = real_core::from_env();
  c.clear_logs();
  auto r = c.send(request("forward", "tm-forward-1"), std::chrono::seconds(10));
  REQUIRE(r);
  CHECK(r->code == 408);
  CHECK(logged_within(c, "on_failure code 408 label 0 call 1 (local reply)", 2));
  CHECK(logged_within(c, "response_out code 408 label 0 call 2 (local reply)", 2));
  CHECK(logged_within(c, "trans_deleted code 0 label 0 call 3", 10));
  print_probe_lines(c);
}
