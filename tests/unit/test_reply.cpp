// SPDX-License-Identifier: MIT
// modsdk/reply.hpp against the fake core's sl and signaling modules: a reply is recorded, and every way
// it cannot be sent is a logged `false`.
#include <catch2/catch.hpp>

#include <modsdk/message.hpp>
#include <modsdk/reply.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
struct fresh {
  fresh() {
    core().reset();  // no fake modules loaded
    modsdk::detail::rpl::reset_bindings();
  }
};
sip_message invite() {
  return sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: r1\r\n"
      "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
}
}  // namespace

TEST_CASE_METHOD(fresh, "without the sl module, send_reply logs why and returns false") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK_FALSE(modsdk::send_reply(req, 403, "Forbidden"));
  CHECK(core().logged(modsdk::abi::l_err, "the 'sl' module is not loaded"));
  CHECK(core().replies().empty());

  // loaded later (e.g. a test that loads it after the first call): the binding is retried
  REQUIRE(core().load_module("sl"));
  CHECK(modsdk::send_reply(req, 403, "Forbidden"));
  REQUIRE(core().replies().size() == 1);
}

TEST_CASE_METHOD(fresh, "a stateless reply through sl is recorded") {
  REQUIRE(core().load_module("sl"));
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK(modsdk::send_reply(req, 486, "Busy Here"));
  CHECK(modsdk::send_reply(req, 180, "Ringing"));
  const auto& r = core().replies();
  REQUIRE(r.size() == 2);
  CHECK(r[0].code == 486);
  CHECK(r[0].reason == "Busy Here");
  CHECK(r[0].to_tag.empty());
  CHECK(r[1].code == 180);
}

TEST_CASE_METHOD(fresh, "reply headers and body added to the request travel in the replies sl generates") {
  REQUIRE(core().load_module("sl"));
  auto raw = invite();
  modsdk::request req{raw.raw()};
  REQUIRE(req.add_reply_header("Retry-After", "30"));
  REQUIRE(req.set_reply_body("try later", "text/plain"));
  CHECK(modsdk::send_reply(req, 486, "Busy Here"));
  const auto& r = core().replies();
  REQUIRE(r.size() == 1);
  CHECK(r[0].headers == "Retry-After: 30\r\nContent-Type: text/plain\r\n");
  CHECK(r[0].body == "try later");
}

TEST_CASE_METHOD(fresh, "reply_via::signaling binds load_sig") {
  REQUIRE(core().load_module("sl"));
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK_FALSE(modsdk::send_reply(req, 200, "OK", modsdk::reply_via::signaling));
  CHECK(core().logged(modsdk::abi::l_err, "the 'signaling' module is not loaded"));
  REQUIRE(core().load_module("signaling"));
  CHECK(modsdk::send_reply(req, 200, "OK", modsdk::reply_via::signaling));
  REQUIRE(core().replies().size() == 1);
  CHECK(core().replies()[0].reason == "OK");
}

TEST_CASE_METHOD(fresh, "bad status codes and replies to replies are refused before reaching sl") {
  REQUIRE(core().load_module("sl"));
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK_FALSE(modsdk::send_reply(req, 99, "Too low"));
  CHECK_FALSE(modsdk::send_reply(req, 700, "Too high"));
  CHECK(core().logged(modsdk::abi::l_err, "status codes go from 100 to 699"));

  auto rpl = sip_message::parse(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: r1\r\nCSeq: 1 INVITE\r\n\r\n");
  CHECK_FALSE(modsdk::send_reply(modsdk::message{rpl.raw()}, 200, "OK"));
  CHECK(core().logged(modsdk::abi::l_err, "the message is a reply, not a request"));
  CHECK(core().replies().empty());
}
