// SPDX-License-Identifier: MIT
// modsdk/message/parsed_headers.hpp in the fake core: Expires, Route / Record-Route / Path, P-Asserted- /
// P-Preferred-Identity, Remote-Party-ID, Supported / Require / Proxy-Require / Unsupported, Allow and Event,
// each parsed once by the core's parser (kept in the header), nullopt with the core's log line when malformed;
// Session-Expires / Min-SE, Diversion, Refer-To, and parse_params / parse_methods over any text.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <modsdk/message.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
struct fresh {
  fresh() { core().reset(); }
};

std::string with(const std::string& headers) {
  return "INVITE sip:bob@example.com SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
         "From: <sip:alice@example.com>;tag=a1\r\n"
         "To: <sip:bob@example.com>\r\n"
         "Call-ID: hdrs-1@10.0.0.1\r\n"
         "CSeq: 1 INVITE\r\n" +
         headers + "Content-Length: 0\r\n\r\n";
}

template <class R>
std::vector<std::string> texts(const R& r) {
  std::vector<std::string> out;
  for (auto v : r) out.emplace_back(v);
  return out;
}
}  // namespace

TEST_CASE_METHOD(fresh, "expires: the first Expires header's seconds, parsed once") {
  auto raw = sip_message::parse(with("Expires:  3600 \r\nExpires: 5\r\n"));
  modsdk::message msg{raw.raw()};
  CHECK(msg.expires() == 3600U);
  const void* parsed = (*msg.headers(modsdk::header_type::expires).begin()).raw->parsed;
  REQUIRE(parsed != nullptr);
  CHECK(msg.expires() == 3600U);
  CHECK((*msg.headers(modsdk::header_type::expires).begin()).raw->parsed == parsed);  // not parsed again

  auto none = sip_message::parse(with(""));
  CHECK_FALSE(modsdk::message{none.raw()}.expires());
  auto bad = sip_message::parse(with("Expires: soon\r\n"));
  CHECK_FALSE(modsdk::message{bad.raw()}.expires());
  CHECK(core().logged("body is not a number"));
}

TEST_CASE_METHOD(fresh, "routes: every hop of every Route header, Record-Route and Path alike") {
  auto raw = sip_message::parse(
      with("Route: <sip:p1.example.com;lr>, \"P 2\" <sip:p2.example.com:5070;transport=tcp;lr>;x=1;flag\r\n"
           "Route: <sip:p3.example.com>\r\n"
           "Record-Route: <sip:rr.example.com;lr;ftag=a1>\r\n"));
  modsdk::message msg{raw.raw()};
  auto rs = msg.routes();
  REQUIRE(rs);
  REQUIRE(rs->size() == 3);
  std::vector<std::string> uris;
  for (modsdk::route_hop h : *rs) uris.emplace_back(h.uri_text());
  CHECK(uris == std::vector<std::string>{"sip:p1.example.com;lr", "sip:p2.example.com:5070;transport=tcp;lr",
                                         "sip:p3.example.com"});
  auto it = rs->begin();
  CHECK((*it).loose_routing());
  CHECK((*it).params().empty());
  modsdk::route_hop second = *++it;
  CHECK(second.display() == "\"P 2\"");
  CHECK(second.loose_routing());
  CHECK(second.param("x") == "1");
  CHECK(second.param("flag") == "");
  CHECK_FALSE(second.param("y"));
  CHECK(second.params().size() == 2);
  REQUIRE(second.uri());
  CHECK(second.uri()->port_number() == 5070);
  CHECK_FALSE((*++it).loose_routing());
  auto rr = msg.record_routes();
  REQUIRE(rr);
  REQUIRE(rr->size() == 1);
  CHECK((*rr->begin()).uri()->param("ftag") == "a1");
  REQUIRE(msg.path());
  CHECK(msg.path()->empty());

  auto bad = sip_message::parse(with("Route: sip:p1.example.com;lr\r\n"));
  CHECK_FALSE(modsdk::message{bad.raw()}.routes());
  CHECK(core().logged("failed to parse RR headers"));
}

TEST_CASE_METHOD(fresh, "identities: P-Asserted-Identity list, P-Preferred-Identity, Remote-Party-ID") {
  auto raw =
      sip_message::parse(with("P-Asserted-Identity: \"Alice\" <sip:alice@example.com>, <tel:+15551234>\r\n"
                              "P-Preferred-Identity: <sip:alice.p@example.com>\r\n"
                              "Remote-Party-ID: \"A\" <sip:+1555@gw.example.com>;party=calling;privacy=full\r\n"));
  modsdk::message msg{raw.raw()};
  auto pai = msg.asserted_identities();
  REQUIRE(pai);
  REQUIRE(pai->size() == 2);
  CHECK((*pai->begin()).display() == "Alice");
  CHECK((*pai->begin()).uri_text() == "sip:alice@example.com");
  CHECK((*++pai->begin()).uri_text() == "tel:+15551234");
  auto ppi = msg.preferred_identities();
  REQUIRE(ppi);
  REQUIRE(ppi->size() == 1);
  CHECK((*ppi->begin()).uri()->user() == "alice.p");
  auto rpid = msg.remote_party_id();
  REQUIRE(rpid);
  CHECK(rpid->uri_text() == "sip:+1555@gw.example.com");
  CHECK(rpid->param("party") == "calling");
  CHECK(rpid->param("privacy") == "full");

  auto none = sip_message::parse(with(""));
  modsdk::message n{none.raw()};
  REQUIRE(n.asserted_identities());
  CHECK(n.asserted_identities()->empty());
  CHECK_FALSE(n.remote_party_id());
  auto bad = sip_message::parse(with("P-Asserted-Identity: <sip:alice@example.com\r\n"));
  CHECK_FALSE(modsdk::message{bad.raw()}.asserted_identities());
  CHECK(core().logged("failed to parse P-Asserted-Identity header"));
}

TEST_CASE_METHOD(fresh, "option tags: Supported bits from the core, every tag as written, Require and co.") {
  auto raw =
      sip_message::parse(with("Supported: timer, 100rel\r\nk: x-foo,path\r\nRequire: 100rel\r\n"
                              "Proxy-Require: sec-agree\r\n"));
  modsdk::message msg{raw.raw()};
  auto s = msg.supported();
  REQUIRE(s);
  CHECK(s->has(modsdk::option_tag::timer));
  CHECK(s->has(modsdk::option_tag::rel100));
  CHECK(s->has(modsdk::option_tag::path));
  CHECK_FALSE(s->has(modsdk::option_tag::gruu));
  CHECK(s->known_bits() == (1U | 2U | 4U));
  CHECK(texts(*s) == std::vector<std::string>{"timer", "100rel", "x-foo", "path"});
  CHECK(s->contains("X-Foo"));
  CHECK_FALSE(s->contains("x-bar"));
  auto r = msg.required();
  REQUIRE(r);
  CHECK(r->has(modsdk::option_tag::rel100));
  CHECK(texts(*r) == std::vector<std::string>{"100rel"});
  REQUIRE(msg.proxy_required());
  CHECK(msg.proxy_required()->known_bits() == 0);
  CHECK(msg.proxy_required()->contains("sec-agree"));
  CHECK_FALSE(msg.unsupported());
}

TEST_CASE_METHOD(fresh, "allow: the methods of every Allow header as the core's bits") {
  auto raw = sip_message::parse(with("Allow: INVITE, ack,BYE\r\nAllow: X-FOO, options\r\n"));
  modsdk::message msg{raw.raw()};
  auto a = msg.allow();
  REQUIRE(a);
  using modsdk::sip_method;
  for (auto m : {sip_method::invite, sip_method::ack, sip_method::bye, sip_method::options, sip_method::other})
    CHECK(a->contains(m));
  CHECK_FALSE(a->contains(sip_method::register_));
  CHECK(a->bits() == (1U | 4U | 8U | 32U | 16384U));
  CHECK(msg.allow()->bits() == a->bits());  // kept in the header

  auto bad = sip_message::parse(with("Allow: INVITE BYE\r\n"));
  modsdk::message b{bad.raw()};
  CHECK_FALSE(b.allow());
  CHECK_FALSE(b.allow());  // the core answers 0 the second time: still refused
  CHECK(core().logged("bad allow body header"));
  auto none = sip_message::parse(with(""));
  CHECK_FALSE(modsdk::message{none.raw()}.allow());
}

TEST_CASE_METHOD(fresh, "event: the package, the core's id and the parameters") {
  auto raw = sip_message::parse(with("Event: presence;id=7;x\r\n"));
  modsdk::message msg{raw.raw()};
  auto e = msg.event();
  REQUIRE(e);
  CHECK(e->package() == "presence");
  CHECK(e->id() == modsdk::event_package::presence);
  CHECK(e->param("id") == "7");
  CHECK(e->param("x") == "");
  CHECK(e->params().size() == 2);

  auto sla = sip_message::parse(with("Event: Dialog;sla\r\n"));
  CHECK(modsdk::message{sla.raw()}.event()->id() == modsdk::event_package::dialog_sla);
  auto reg = sip_message::parse(with("Event: reg\r\n"));
  CHECK(modsdk::message{reg.raw()}.event()->id() ==
        (modsdk::target.profile >= modsdk::profile::v3_5 ? modsdk::event_package::reg : modsdk::event_package::other));
  auto other = sip_message::parse(with("Event: x-custom\r\n"));
  CHECK(modsdk::message{other.raw()}.event()->id() == modsdk::event_package::other);
  auto bad = sip_message::parse(with("Event: presence;id=\r\n"));
  CHECK_FALSE(modsdk::message{bad.raw()}.event());
  CHECK(core().logged("event_parser failed"));
}

TEST_CASE_METHOD(fresh, "privacy: the priv-values of the first Privacy header as the core's bits") {
  auto raw = sip_message::parse(with("Privacy: id; User\r\n"));
  modsdk::message msg{raw.raw()};
  auto p = msg.privacy();
  REQUIRE(p);
  CHECK(p->has(modsdk::privacy_value::id));
  CHECK(p->has(modsdk::privacy_value::user));
  CHECK_FALSE(p->has(modsdk::privacy_value::none));
  CHECK(p->bits() == 33U);
  CHECK(msg.privacy()->bits() == 33U);  // kept in the header

  auto none = sip_message::parse(with(""));
  CHECK_FALSE(modsdk::message{none.raw()}.privacy());
  for (const char* bad : {"Privacy: idx\r\n", "Privacy: none;id\r\n", "Privacy: id,user\r\n", "Privacy: id;\r\n"}) {
    auto b = sip_message::parse(with(bad));
    CHECK_FALSE(modsdk::message{b.raw()}.privacy());
  }
  CHECK(core().logged("invalid privacy value"));
}

TEST_CASE_METHOD(fresh, "session timers: Session-Expires interval and refresher, Min-SE seconds, parsed once") {
  auto raw = sip_message::parse(with("Session-Expires: 1800;refresher=UAC\r\nMin-SE:  90 \r\n"));
  modsdk::message msg{raw.raw()};
  auto se = msg.session_expires();
  REQUIRE(se);
  CHECK(se->interval() == 1800U);
  CHECK(se->refresher() == modsdk::refresher::uac);
  const void* parsed = (*msg.headers(modsdk::header_type::session_expires).begin()).raw->parsed;
  REQUIRE(parsed != nullptr);
  CHECK(msg.session_expires()->interval() == 1800U);
  CHECK((*msg.headers(modsdk::header_type::session_expires).begin()).raw->parsed == parsed);  // kept
  CHECK(msg.min_se() == 90U);
  CHECK(msg.min_se() == 90U);

  struct row {
    const char* se;
    std::uint32_t interval;
    modsdk::refresher r;
  };
  for (const row& r : std::vector<row>{{"x: 90", 90, modsdk::refresher::none},  // the compact form
                                       {"Session-Expires: 4000;refresher=uas;x=1", 4000, modsdk::refresher::uas},
                                       {"Session-Expires: 600;other;refreshe=uac", 600, modsdk::refresher::none},
                                       {"Session-Expires: 600; refresher=uac", 600, modsdk::refresher::none},
                                       {"Session-Expires: 600;", 600, modsdk::refresher::none}}) {
    INFO(r.se);
    auto m = sip_message::parse(with(std::string(r.se) + "\r\n"));
    auto v = modsdk::message{m.raw()}.session_expires();
    REQUIRE(v);
    CHECK(v->interval() == r.interval);
    CHECK(v->refresher() == r.r);
  }
  auto none = sip_message::parse(with(""));
  CHECK_FALSE(modsdk::message{none.raw()}.session_expires());
  CHECK_FALSE(modsdk::message{none.raw()}.min_se());
  auto bad = sip_message::parse(with("Session-Expires: 1800;refresher=me\r\nMin-SE: 90s\r\n"));
  modsdk::message b{bad.raw()};
  CHECK_FALSE(b.session_expires());
  CHECK(core().logged("unrecognized refresher"));
  CHECK_FALSE(b.min_se());
  CHECK(core().logged("the core could not parse the Min-SE header: not a number"));
}

TEST_CASE_METHOD(fresh, "diversion: every entry of the first Diversion header, reason and counter") {
  auto raw =
      sip_message::parse(with("Diversion: \"Bob\" <sip:bob@example.com>;reason=user-busy;counter=2;privacy=off,\r\n"
                              " <sip:carol@example.com>;reason=\"unconditional\"\r\n"
                              "Diversion: <sip:dave@example.com>\r\n"));
  modsdk::message msg{raw.raw()};
  auto d = msg.diversions();
  REQUIRE(d);
  REQUIRE(d->size() == 2);  // the first header only
  auto it = d->begin();
  modsdk::diversion first = *it;
  CHECK(first.display() == "Bob");
  CHECK(first.uri_text() == "sip:bob@example.com");
  CHECK(first.reason() == "user-busy");
  CHECK(first.counter() == 2U);
  CHECK(first.param("privacy") == "off");
  modsdk::diversion second = *++it;
  CHECK(second.uri()->user() == "carol");
  CHECK(second.reason() == "unconditional");  // the core drops the quotes
  CHECK_FALSE(second.counter());

  auto none = sip_message::parse(with(""));
  REQUIRE(modsdk::message{none.raw()}.diversions());
  CHECK(modsdk::message{none.raw()}.diversions()->empty());
  auto bad = sip_message::parse(with("Diversion: <sip:bob@example.com;reason=x\r\n"));
  CHECK_FALSE(modsdk::message{bad.raw()}.diversions());
  CHECK(core().logged("bad diversion header"));
}

TEST_CASE_METHOD(fresh, "refer-to: the Refer-To of a request, its URI with headers, display name and params") {
  auto raw = sip_message::parse(
      with("Refer-To: \"Carol\" <sip:carol@example.com?Replaces=abc%40h%3Bto-tag%3D1>;method=INVITE\r\n"));
  modsdk::request req{raw.raw()};
  auto to = req.refer_to();
  REQUIRE(to);
  CHECK(to->display() == "Carol");
  CHECK(to->uri_text() == "sip:carol@example.com?Replaces=abc%40h%3Bto-tag%3D1");
  CHECK(to->param("method") == "INVITE");
  CHECK(req.refer_to()->uri_text() == to->uri_text());  // kept in the header

  auto none = sip_message::parse(with(""));
  CHECK_FALSE(modsdk::request{none.raw()}.refer_to());
  auto bad = sip_message::parse(with("Refer-To: <sip:carol@example.com\r\n"));
  CHECK_FALSE(modsdk::request{bad.raw()}.refer_to());
  CHECK(core().logged("bad Refer-To header"));
}

TEST_CASE_METHOD(fresh, "parse_params: any text through the core's parse_params, the list freed by the core") {
  const auto before = core().pkg_in_use();
  {
    const std::string text = "reason=busy; counter = 2 ;x;q=\"a b;c\", <next>";
    auto ps = modsdk::parse_params(text);
    REQUIRE(ps);
    CHECK(ps->size() == 4);
    CHECK(core().pkg_in_use() > before);  // the core's list, in pkg memory
    std::vector<std::string> names;
    for (modsdk::uri_param p : *ps) names.emplace_back(p.name);
    CHECK(names == std::vector<std::string>{"reason", "counter", "x", "q"});
    CHECK(ps->find("COUNTER") == "2");
    CHECK(ps->find("x") == "");
    CHECK(ps->find("q") == "a b;c");
    CHECK_FALSE(ps->find("y"));
    CHECK(ps->rest() == ", <next>");
    modsdk::parsed_params moved = std::move(*ps);
    CHECK(moved.size() == 4);
    CHECK(ps->empty());  // NOLINT(bugprone-use-after-move): a moved-from list is empty
  }
  CHECK(core().pkg_in_use() == before);  // free_params

  auto empty = modsdk::parse_params("");
  REQUIRE(empty);
  CHECK(empty->empty());
  {
    auto all = modsdk::parse_params("a=1");
    REQUIRE(all);
    CHECK(all->rest().empty());
  }
  for (const char* bad : {"a=", "a=\"x", "a=1 b", "a;", "a=;b"}) {
    INFO(bad);
    CHECK_FALSE(modsdk::parse_params(bad));
  }
  CHECK(core().logged("body missing"));
  CHECK(core().logged("failed to parse quoted string"));
  CHECK(core().logged("invalid character, ; expected"));
  CHECK(core().logged("param name missing after ;"));
  CHECK(core().logged("failed to parse token"));
  CHECK(core().pkg_in_use() == before);
}

TEST_CASE_METHOD(fresh, "parse_methods: any text through the core's parse_methods, as a method_set") {
  using modsdk::sip_method;
  auto m = modsdk::parse_methods(" INVITE,ack , X-Foo,");
  REQUIRE(m);
  CHECK(m->contains(sip_method::invite));
  CHECK(m->contains(sip_method::ack));
  CHECK(m->contains(sip_method::other));
  CHECK(m->bits() == (1U | 4U | 16384U));
  REQUIRE(modsdk::parse_methods(""));
  CHECK(modsdk::parse_methods("")->empty());
  CHECK_FALSE(modsdk::parse_methods("INVITE BYE"));
  CHECK(core().logged("comma expected"));
  CHECK_FALSE(modsdk::parse_methods("INV(TE"));
  CHECK(core().logged("invalid method [INV(TE]"));
}
