// SPDX-License-Identifier: MIT
// "realcore: tm: ..." - tm_probe in a real OpenSIPS with tm: a transaction created and answered statefully
// (RESPONSE_OUT, then TRANS_DELETED after the wait timer), and a relay that times out (ON_FAILURE 408 with tm's
// own reply, then the 408 upstream), and a relay answered 202 by this program's own UAS (RESPONSE_IN and
// RESPONSE_OUT see the received reply). The callbacks' lines come from the core's log. A request sent by the
// module (t_request) to this program's UAS completes with the UAS's reply, or with tm's 408 to a dead port.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
std::string request(const std::string& user, const std::string& callid, const std::string& host = "127.0.0.1") {
  return "MESSAGE sip:" + user + "@" + host +
         " SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" +
         callid +
         "\r\n"
         "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:" +
         user +
         "@127.0.0.1>\r\n"
         "Call-ID: " +
         callid + "\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
}
/// A UAS's 202 to `req`: its Via, From, Call-ID and CSeq lines, the To with a tag, a Server header.
std::string accept(const std::string& req) {
  std::string out = "SIP/2.0 202 Accepted\r\n";
  std::size_t pos = req.find("\r\n") + 2;
  while (pos < req.size()) {
    const std::size_t end = req.find("\r\n", pos);
    if (end == std::string::npos || end == pos) break;
    const std::string line = req.substr(pos, end - pos);
    const std::string name = line.substr(0, line.find(':'));
    if (name == "Via" || name == "v" || name == "From" || name == "f" || name == "Call-ID" || name == "i" ||
        name == "CSeq")
      out += line + "\r\n";
    else if (name == "To" || name == "t")
      out += line + ";tag=uas1\r\n";
    pos = end + 2;
  }
  return out + "Server: tm-uas\r\nContent-Length: 0\r\n\r\n";
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

TEST_CASE("tm: a relay answered downstream, RESPONSE_IN and RESPONSE_OUT see the reply", "[.realcore]") {
  auto c = real_core::from_env();
  c.clear_logs();
  const modsdk::testing::detail::udp_socket uas;
  std::optional<std::string> relayed;
  std::thread t([&] {
    relayed = uas.receive(std::chrono::seconds(5));
    if (relayed) uas.send_to(c.sip_address().ip, c.sip_address().port, accept(*relayed));
  });
  auto r = c.send(request("uas", "tm-uas-1", "127.0.0.1:" + std::to_string(uas.port())), std::chrono::seconds(10));
  t.join();
  REQUIRE(relayed);
  CHECK(relayed->rfind("MESSAGE sip:uas@127.0.0.1:", 0) == 0);
  REQUIRE(r);
  CHECK(r->code == 202);
  CHECK(r->header("Server").value_or("") == "tm-uas");
  CHECK(logged_within(c, "response_in code 202 label 0 call 1 from tm-uas", 2));
  CHECK(logged_within(c, "response_out code 202 label 0 call 2 from tm-uas", 2));
  CHECK(logged_within(c, "trans_deleted code 0 label 0 call 3", 10));
  print_probe_lines(c);
}

namespace {
std::string send_request(const std::string& callid, const std::string& target) {
  std::string r = request("send", callid);
  return r.insert(r.find("Max-Forwards"), "X-Send-To: " + target + "\r\n");
}
std::string body_of(const std::string& text) {
  const std::size_t p = text.find("\r\n\r\n");
  return p == std::string::npos ? std::string() : text.substr(p + 4);
}
}  // namespace

TEST_CASE("tm: a request sent by the module completes with the reply of the UAS", "[.realcore]") {
  auto c = real_core::from_env();
  c.clear_logs();
  const modsdk::testing::detail::udp_socket uas;
  std::optional<std::string> options;
  std::thread t([&] {
    options = uas.receive(std::chrono::seconds(5));
    if (options) uas.send_to(c.sip_address().ip, c.sip_address().port, accept(*options));
  });
  const std::string target = "sip:uas@127.0.0.1:" + std::to_string(uas.port());
  auto r = c.send(send_request("tm-send-1", target), std::chrono::seconds(10));
  t.join();
  REQUIRE(r);
  CHECK(r->code == 200);
  CHECK(r->reason == "Sent");
  CHECK(body_of(r->text) == "sent");
  CHECK(r->header("Content-Type").value_or("") == "text/plain");
  const std::string totag = r->header("X-To-Tag").value_or("?");
  CHECK(r->header("To").value_or("").find("tag=" + totag) != std::string::npos);  // t_gen_totag's tag is tm's
  REQUIRE(options);
  CHECK(options->rfind("OPTIONS " + target + " SIP/2.0", 0) == 0);
  CHECK(options->find("X-Probe: uac\r\n") != std::string::npos);
  CHECK(body_of(*options) == "ping");
  CHECK(logged_within(c,
                      "view method MESSAGE ruri sip:send@127.0.0.1 call-id tm-send-1 cseq 1 local no lookup same from "
                      "<sip:alice@example.com>;tag=a1",
                      2));
  CHECK(logged_within(
      c, "completion code 202 state 42 method OPTIONS ruri " + target + " to <" + target + "> local yes from tm-uas",
      5));
  print_probe_lines(c);
}

TEST_CASE("tm: a request sent by the module to a dead port completes with tm's 408", "[.realcore]") {
  auto c = real_core::from_env();
  c.clear_logs();
  auto r = c.send(send_request("tm-send-2", "sip:nobody@127.0.0.1:9"), std::chrono::seconds(10));
  REQUIRE(r);
  CHECK(r->code == 200);
  CHECK(logged_within(c,
                      "completion code 408 (local reply) state 42 method OPTIONS ruri sip:nobody@127.0.0.1:9 to "
                      "<sip:nobody@127.0.0.1:9> local yes",
                      10));
  print_probe_lines(c);
}
