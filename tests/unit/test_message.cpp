// SPDX-License-Identifier: MIT
// modsdk/message.hpp against real SIP text (an INVITE and a 200 reply) in the fake core: every accessor,
// and the R-URI / destination URI setters.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include <modsdk/message.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
const char* const invite_text =
    "INVITE sip:bob@example.com:5070;transport=udp SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "v: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2\r\n"
    "Max-Forwards: 70\r\n"
    "f: \"Alice\" <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: msg-test-1@10.0.0.1\r\n"
    "CSeq: 314 INVITE\r\n"
    "X-Custom: one\r\n"
    "x-custom: two\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 10\r\n"
    "\r\n"
    "v=0\r\no=x\r\n";

const char* const reply_text =
    "SIP/2.0 200 Everything fine\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: \"Alice\" <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>;tag=b2\r\n"
    "Call-ID: msg-test-1@10.0.0.1\r\n"
    "CSeq: 314 INVITE\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

struct fresh {
  fresh() { core().reset(); }
};

std::vector<std::string> values(const modsdk::header_range& r) {
  std::vector<std::string> out;
  for (modsdk::header_field h : r) out.emplace_back(h.value);
  return out;
}
}  // namespace

TEST_CASE_METHOD(fresh, "an INVITE: first line and R-URI") {
  auto raw = sip_message::parse(invite_text);
  modsdk::request req{raw.raw()};
  CHECK(req.is_request());
  CHECK_FALSE(req.is_reply());
  CHECK(req.method() == "INVITE");
  CHECK(req.method_id() == modsdk::sip_method::invite);
  CHECK(req.ruri() == "sip:bob@example.com:5070;transport=udp");
  CHECK(req.original_ruri() == "sip:bob@example.com:5070;transport=udp");
  CHECK(req.ruri_user() == "bob");
  CHECK(req.ruri_host() == "example.com");
  CHECK(req.ruri_port() == 5070);
  CHECK(req.dst_uri().empty());
}

TEST_CASE_METHOD(fresh, "an INVITE: headers by name, first and all, compact forms included") {
  auto raw = sip_message::parse(invite_text);
  modsdk::message msg{raw.raw()};
  CHECK(msg.header("Max-Forwards") == std::optional<std::string_view>("70"));
  CHECK(msg.header("max-forwards") == std::optional<std::string_view>("70"));
  CHECK_FALSE(msg.header("X-Absent"));
  CHECK(values(msg.headers("X-Custom")) == std::vector<std::string>{"one", "two"});
  CHECK(values(msg.headers("Via")) == std::vector<std::string>{"SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1",
                                                               "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2"});
  CHECK(msg.header("From") == std::optional<std::string_view>("\"Alice\" <sip:alice@example.com>;tag=a1"));
  CHECK(msg.header("f") == msg.header("From"));
  CHECK(msg.headers("Via").size() == 2);
  CHECK(msg.headers("X-Absent").empty());

  const auto all = msg.headers();
  CHECK(all.size() == 11);
  std::vector<std::string> names;
  for (auto h : all) names.emplace_back(h.name);
  CHECK(names.front() == "Via");
  CHECK(names[1] == "v");
  CHECK(names.back() == "Content-Length");
}

TEST_CASE_METHOD(fresh, "an INVITE: dialog fields, body and source") {
  auto raw = sip_message::parse(invite_text);
  raw.set_source("192.0.2.7", 5062);
  modsdk::message msg{raw.raw()};
  CHECK(msg.call_id() == "msg-test-1@10.0.0.1");
  CHECK(msg.from_uri() == "sip:alice@example.com");
  CHECK(msg.from_tag() == "a1");
  CHECK(msg.to_uri() == "sip:bob@example.com");
  CHECK(msg.to_tag().empty());
  auto cseq = msg.cseq();
  REQUIRE(cseq);
  CHECK(cseq->number == 314);
  CHECK(cseq->method == "INVITE");
  CHECK(msg.body() == "v=0\r\no=x\r\n");
  CHECK(msg.source_ip() == "192.0.2.7");
  CHECK(msg.source_port() == 5062);
  CHECK(msg.as_request());
  CHECK_FALSE(msg.as_reply());
}

TEST_CASE_METHOD(fresh, "set_ruri rewrites the current R-URI, not the original one") {
  auto raw = sip_message::parse(invite_text);
  modsdk::request req{raw.raw()};
  REQUIRE(req.set_ruri("sip:carol@example.org"));
  CHECK(req.ruri() == "sip:carol@example.org");
  CHECK(req.ruri_user() == "carol");
  CHECK(req.ruri_host() == "example.org");
  CHECK(req.ruri_port() == 5060);
  CHECK(req.original_ruri() == "sip:bob@example.com:5070;transport=udp");
  CHECK(raw.new_uri() == std::optional<std::string_view>("sip:carol@example.org"));

  REQUIRE(req.set_dst_uri("sip:10.1.1.1:5080"));
  CHECK(req.dst_uri() == "sip:10.1.1.1:5080");
  CHECK(raw.dst_uri() == std::optional<std::string_view>("sip:10.1.1.1:5080"));
}

TEST_CASE_METHOD(fresh, "a 200 reply: status, reason and the CSeq method") {
  auto raw = sip_message::parse(reply_text);
  modsdk::reply rpl{raw.raw()};
  CHECK(rpl.is_reply());
  CHECK(rpl.status() == 200);
  CHECK(rpl.reason() == "Everything fine");
  CHECK(rpl.method() == "INVITE");
  CHECK(rpl.method_id() == modsdk::sip_method::invite);
  CHECK(rpl.to_tag() == "b2");
  CHECK(rpl.from_tag() == "a1");
  CHECK(rpl.call_id() == "msg-test-1@10.0.0.1");
  CHECK(rpl.body().empty());
  CHECK(rpl.cseq()->number == 314);
  modsdk::message any{raw.raw()};
  REQUIRE(any.as_reply());
  CHECK(any.as_reply()->status() == 200);
  CHECK_FALSE(any.as_request());
}

TEST_CASE_METHOD(fresh, "a malformed CSeq reads as absent") {
  auto raw = sip_message::parse(
      "OPTIONS sip:x@example.com SIP/2.0\r\nCall-ID: c\r\nCSeq: banana\r\nContent-Length: 0\r\n\r\n");
  modsdk::message msg{raw.raw()};
  CHECK(msg.method_id() == modsdk::sip_method::options);
  CHECK_FALSE(msg.cseq());
}
