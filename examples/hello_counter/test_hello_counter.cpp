// SPDX-License-Identifier: MIT
// hello_counter's tests: one test body, run on modsdk's fake core (in this process) and in a real OpenSIPS
// (started by modsdk_add_realcore_test with realcore.cfg; hidden tag [.realcore], run only from there).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::core;
using modsdk::testing::formatted;
using modsdk::testing::host;
using modsdk::testing::real_core;
using modsdk::testing::sip_message;
using modsdk::testing::var;

extern "C" modsdk::abi::module_exports exports;  // hello_counter.cpp is compiled into this program

namespace {
sip_message options_from(const std::string& user) {
  return sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" +
      user +
      "\r\n"
      "From: <sip:" +
      user +
      "@example.com>;tag=a1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: " +
      user +
      "@example.com\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n");
}

// snippet: realcore_body
// What realcore.cfg's route does, on the fake core: hello("$fU", $var(greeting)), then the greeting.
struct fake_side {
  host& h;
  std::string request(const sip_message& m) {
    auto& msg = const_cast<sip_message&>(m);
    h.call("hello", msg, {formatted("$fU"), var("$var(greeting)")});
    auto v = core().var("$var(greeting)");
    return v ? std::get<std::string>(*v) : "";
  }
  auto mi(std::string_view c) { return h.mi(c); }
  auto stat(std::string_view s) { return h.stat(s); }
  bool logged(int level, std::string_view t) { return core().logged(level, t); }
};
// The real core: the request goes over UDP, the greeting comes back as the 200's reason phrase.
struct real_side {
  real_core& c;
  std::string request(const sip_message& m) {
    auto r = c.send(m);
    return r && r->code == 200 ? r->reason : "no 200: " + (r ? r->text : std::string("no reply"));
  }
  auto mi(std::string_view cmd) { return c.mi(cmd); }
  auto stat(std::string_view s) { return c.stat(s); }
  bool logged(int level, std::string_view t) { return c.logged(level, t); }
};

constexpr int l_info = 3;

// The one body, written once for both cores.
template <class Side>
void greets_and_counts(Side& side) {
  CHECK(side.mi("hellos").json == R"({"hellos":0})");
  CHECK(side.request(options_from("alice")) == "Hi, alice");
  CHECK(side.request(options_from("bob")) == "Hi, bob");
  CHECK(side.mi("hellos").json == R"({"hellos":2})");
  CHECK(side.stat("hellos") == 2u);
  CHECK(side.logged(l_info, "hello #2 for bob"));
}
// snippet-skip: realcore_body
}  // namespace

// snippet-resume: realcore_body
TEST_CASE("greets and counts, on the fake core") {
  core().reset();
  host h{exports};
  REQUIRE(h.modparam("greeting", "Hi"));
  REQUIRE(h.start());
  fake_side side{h};
  greets_and_counts(side);
}

TEST_CASE("greets and counts, in a real core", "[.realcore]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  real_side side{c};
  greets_and_counts(side);
}
// snippet-end: realcore_body
