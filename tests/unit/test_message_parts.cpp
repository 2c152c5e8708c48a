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
