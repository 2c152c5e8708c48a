// SPDX-License-Identifier: MIT
// modsdk/message/contact.hpp and message/body.hpp in the fake core: the Contact list of a REGISTER (several
// headers, several contacts per header, `*`, q / expires / parameters) and the parts of a multipart body.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include <modsdk/message.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
struct fresh {
  fresh() { core().reset(); }
};

std::string with_contacts(const std::vector<std::string>& contacts) {
  std::string t =
      "REGISTER sip:example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:alice@example.com>\r\n"
      "Call-ID: parts-1@10.0.0.1\r\n"
      "CSeq: 1 REGISTER\r\n";
  for (const auto& c : contacts) t += "Contact: " + c + "\r\n";
  return t + "Content-Length: 0\r\n\r\n";
}

std::vector<std::string> uris(const modsdk::contact_list& l) {
  std::vector<std::string> out;
  for (modsdk::contact c : l) out.emplace_back(c.uri_text());
  return out;
}
}  // namespace

TEST_CASE_METHOD(fresh, "contacts: every contact of every Contact header, in order") {
  auto raw = sip_message::parse(with_contacts({
      "\"Alice Smith\" <sip:alice@10.0.0.1:5060;transport=tcp>;q=0.7;expires=3600, <sip:alice@10.0.0.2>",
      "sip:alice@10.0.0.3;q=1;+sip.instance=\"<urn:uuid:1234>\";reg-id=1",
  }));
  modsdk::message msg{raw.raw()};
  auto cl = msg.contacts();
  REQUIRE(cl);
  CHECK_FALSE(cl->star());
  CHECK(cl->size() == 3);
  CHECK(uris(*cl) ==
        std::vector<std::string>{"sip:alice@10.0.0.1:5060;transport=tcp", "sip:alice@10.0.0.2", "sip:alice@10.0.0.3"});
  auto it = cl->begin();
  modsdk::contact first = *it;
  CHECK(first.display() == "Alice Smith");
  CHECK(first.q() == 700);
  CHECK(first.expires() == 3600U);
  REQUIRE(first.uri());
  CHECK(first.uri()->host() == "10.0.0.1");
  CHECK(first.uri()->port_number() == 5060);
  CHECK(first.uri()->transport() == "tcp");
  modsdk::contact second = *++it;
  CHECK(second.display().empty());
  CHECK_FALSE(second.q());
  CHECK_FALSE(second.expires());
  CHECK(second.params().empty());
  modsdk::contact third = *++it;
  CHECK(third.q() == 1000);
  CHECK(third.param("+SIP.Instance") == std::optional<std::string_view>("<urn:uuid:1234>"));
  CHECK(third.param("reg-id") == std::optional<std::string_view>("1"));
  CHECK_FALSE(third.param("expires"));
  std::vector<std::string> names;
  for (modsdk::uri_param p : third.params()) names.emplace_back(p.name);
  CHECK(names == std::vector<std::string>{"q", "+sip.instance", "reg-id"});
  CHECK(++it == cl->end());
  // parsed once: a second call finds the parsed bodies in the headers
  auto again = msg.contacts();
  REQUIRE(again);
  CHECK(&(*again->begin()).raw() == &first.raw());
}

TEST_CASE_METHOD(fresh, "contacts: '*', none, and the q values the core reads") {
  SECTION("star") {
    auto raw = sip_message::parse(with_contacts({"*"}));
    auto cl = modsdk::message{raw.raw()}.contacts();
    REQUIRE(cl);
    CHECK(cl->star());
    CHECK(cl->empty());
  }
  SECTION("no Contact header: an empty list") {
    auto raw = sip_message::parse(with_contacts({}));
    auto cl = modsdk::message{raw.raw()}.contacts();
    REQUIRE(cl);
    CHECK(cl->empty());
    CHECK_FALSE(cl->star());
  }
  SECTION("q values") {
    auto raw =
        sip_message::parse(with_contacts({"<sip:a@x>;q=0.5, <sip:b@x>;q=0.123456, <sip:c@x>;q=1.000, "
                                          "<sip:d@x>;q=1.5, <sip:e@x>;q=2, <sip:f@x>;q=.25, <sip:g@x>;q"}));
    auto cl = modsdk::message{raw.raw()}.contacts();
    REQUIRE(cl);
    std::vector<std::optional<int>> qs;
    for (modsdk::contact c : *cl) qs.push_back(c.q());
    CHECK(qs == std::vector<std::optional<int>>{500, 123, 1000, std::nullopt, std::nullopt, 250, std::nullopt});
  }
}

TEST_CASE_METHOD(fresh, "contacts: a malformed Contact header is reported, not crashed on") {
  for (const char* bad : {"<sip:a@x", "sip:a@x>", "\"Alice <sip:a@x>", "<sip:a@x>,", "<sip:a@x>;", "<>", "* x",
                          "<sip:a@x>;q=", "no-scheme-here", "<sip:a@x>;a=b c"}) {
    INFO(bad);
    core().reset();
    auto raw = sip_message::parse(with_contacts({"<sip:ok@x>", bad}));
    CHECK_FALSE(modsdk::message{raw.raw()}.contacts());
    CHECK(core().logged("failed to parse contact"));
  }
}

namespace {
std::string with_body(const std::string& content_type, const std::string& body) {
  std::string t =
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>\r\n"
      "Call-ID: parts-2@10.0.0.1\r\n"
      "CSeq: 1 INVITE\r\n";
  if (!content_type.empty()) t += "Content-Type: " + content_type + "\r\n";
  return t + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}
const std::string mixed_body =
    "--unique-boundary-1\r\n"
    "Content-Type: application/sdp\r\n"
    "\r\n"
    "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n"
    "--unique-boundary-1\r\n"
    "Content-Type: application/isup;version=itu-t92+\r\n"
    "Content-Disposition: signal;handling=optional\r\n"
    "\r\n"
    "\x01\x02isup\r\n"
    "--unique-boundary-1\r\n"
    "\r\n"
    "no content type\r\n"
    "--unique-boundary-1--\r\n";
}  // namespace

TEST_CASE_METHOD(fresh, "body parts: a multipart/mixed body, part by part") {
  auto raw = sip_message::parse(with_body("multipart/mixed;boundary=\"unique-boundary-1\"", mixed_body));
  modsdk::message msg{raw.raw()};
  auto parts = msg.body_parts();
  REQUIRE(parts);
  CHECK(parts->multipart());
  CHECK(parts->boundary() == "unique-boundary-1");
  CHECK(parts->text() == mixed_body);
  REQUIRE(parts->size() == 3);
  std::vector<std::string> types, bodies;
  for (modsdk::body_part p : *parts) {
    types.emplace_back(p.content_type());
    bodies.emplace_back(p.body());
  }
  CHECK(types == std::vector<std::string>{"application/sdp", "application/isup;version=itu-t92+", ""});
  CHECK(bodies == std::vector<std::string>{"v=0\r\no=- 1 1 IN IP4 10.0.0.1", "\x01\x02isup", "no content type"});
  auto isup = parts->find("APPLICATION/ISUP");
  REQUIRE(isup);
  CHECK(isup->media_type() == "application/isup");
  CHECK(isup->headers() ==
        "Content-Type: application/isup;version=itu-t92+\r\nContent-Disposition: signal;handling=optional\r\n");
  CHECK_FALSE(parts->find("text/html"));
  // parsed once, kept in the message
  CHECK(msg.body_parts()->raw() == parts->raw());
  // the core builds the body from its parts now: set_body is refused
  CHECK_FALSE(msg.set_body("x", "text/plain"));
}

TEST_CASE_METHOD(fresh, "body parts: a single-part body, no body, no Content-Type") {
  SECTION("application/sdp: one part, the message's Content-Type") {
    auto raw = sip_message::parse(with_body("application/sdp", "v=0\r\n"));
    auto parts = modsdk::message{raw.raw()}.body_parts();
    REQUIRE(parts);
    CHECK_FALSE(parts->multipart());
    CHECK(parts->boundary().empty());
    REQUIRE(parts->size() == 1);
    CHECK((*parts->begin()).content_type() == "application/sdp");
    CHECK((*parts->begin()).body() == "v=0\r\n");
    CHECK((*parts->begin()).headers().empty());
    CHECK(parts->find("application/sdp"));
  }
  SECTION("no body") {
    auto raw = sip_message::parse(with_body("application/sdp", ""));
    auto parts = modsdk::message{raw.raw()}.body_parts();
    REQUIRE(parts);
    CHECK(parts->empty());
  }
  SECTION("a body without Content-Type") {
    auto raw = sip_message::parse(with_body("", "hello"));
    auto parts = modsdk::message{raw.raw()}.body_parts();
    REQUIRE(parts);
    CHECK(parts->empty());
  }
}

TEST_CASE_METHOD(fresh, "body parts: a malformed multipart body is reported, not crashed on") {
  for (const char* bad : {"no delimiter at all\r\n", "--b\r\nContent-Type: text/plain\r\nno empty line\r\n--b--\r\n",
                          "--bX\r\n\r\ntext\r\n--b--\r\n", "--b\r\nContent-Type: */*\r\n\r\ntext\r\n--b--\r\n",
                          "--b\r\nNoColon\r\n\r\ntext\r\n--b--\r\n"}) {
    INFO(bad);
    core().reset();
    auto raw = sip_message::parse(with_body("multipart/mixed; boundary=b", bad));
    CHECK_FALSE(modsdk::message{raw.raw()}.body_parts());
    CHECK(core().logged("parse"));
  }
}
