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

// ---- headers: by type, by name, compact forms, counts, parsed on demand -----------------------------
namespace {
const char* const compact_text =
    "MESSAGE sip:bob@example.com SIP/2.0\r\n"
    "v: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9\r\n"
    "f: <sip:alice@example.com>;tag=1\r\n"
    "t: <sip:bob@example.com>\r\n"
    "i: compact@10.0.0.1\r\n"
    "CSeq: 7 MESSAGE\r\n"
    "m: <sip:alice@10.0.0.1>\r\n"
    "k: path\r\n"
    "o: presence\r\n"
    "s: hello\r\n"
    "e: gzip\r\n"
    "u: dialog\r\n"
    "x: 1800\r\n"
    "Subject: again\r\n"
    "Security-Client: ipsec-3gpp\r\n"
    "c: text/plain\r\n"
    "l: 2\r\n"
    "\r\n"
    "hi";
}  // namespace

TEST_CASE_METHOD(fresh, "headers: every line with its name, value and the core's type id") {
  auto raw = sip_message::parse(compact_text);
  modsdk::message msg{raw.raw()};
  std::vector<modsdk::header_field> all(msg.headers().begin(), msg.headers().end());
  REQUIRE(all.size() == 16);
  CHECK(all[0].name == "v");
  CHECK(all[0].type == modsdk::header_type::via);
  CHECK(all[1].type == modsdk::header_type::from);
  CHECK(all[2].type == modsdk::header_type::to);
  CHECK(all[3].type == modsdk::header_type::call_id);
  CHECK(all[4].type == modsdk::header_type::cseq);
  CHECK(all[5].type == modsdk::header_type::contact);
  CHECK(all[6].type == modsdk::header_type::supported);
  CHECK(all[7].type == modsdk::header_type::event);
  CHECK(all[8].type == modsdk::header_type::other);  // the core has no id for a compact "s"
  CHECK(all[11].type == modsdk::header_type::session_expires);
  CHECK(all[12].type == modsdk::header_type::subject);
  const bool security_typed = std::string_view(MODSDK_TEST_RELEASE) != "3.4.18";
  CHECK(all[13].type == (security_typed ? modsdk::header_type::security_client : modsdk::header_type::other));
  CHECK(all[14].type == modsdk::header_type::content_type);
  CHECK(all[15].value == "2");
}

TEST_CASE_METHOD(fresh, "headers: compact forms and long names find each other, by name and by type") {
  auto raw = sip_message::parse(compact_text);
  modsdk::message msg{raw.raw()};
  CHECK(msg.header("From") == std::optional<std::string_view>("<sip:alice@example.com>;tag=1"));
  CHECK(msg.header("f") == msg.header("FROM"));
  CHECK(msg.header("To") == std::optional<std::string_view>("<sip:bob@example.com>"));
  CHECK(msg.header("Via") == std::optional<std::string_view>("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK9"));
  CHECK(msg.header("Call-ID") == std::optional<std::string_view>("compact@10.0.0.1"));
  CHECK(msg.header("Contact") == std::optional<std::string_view>("<sip:alice@10.0.0.1>"));
  CHECK(msg.header("Supported") == std::optional<std::string_view>("path"));
  CHECK(msg.header("Event") == std::optional<std::string_view>("presence"));
  CHECK(msg.header("Content-Encoding") == std::optional<std::string_view>("gzip"));
  CHECK(msg.header("Allow-Events") == std::optional<std::string_view>("dialog"));
  CHECK(msg.header("Session-Expires") == std::optional<std::string_view>("1800"));
  CHECK(msg.header("Content-Type") == std::optional<std::string_view>("text/plain"));
  CHECK(msg.header("Content-Length") == std::optional<std::string_view>("2"));
  // Subject: "s:" is untyped in the core, "Subject:" typed; by name both, by type the typed one only
  CHECK(values(msg.headers("Subject")) == std::vector<std::string>{"hello", "again"});
  CHECK(values(msg.headers("s")) == std::vector<std::string>{"hello", "again"});
  CHECK(values(msg.headers(modsdk::header_type::subject)) == std::vector<std::string>{"again"});
  CHECK(msg.header("subject") == std::optional<std::string_view>("hello"));
  // Security-Client: by name on every version, by type too (3.4 has no id: matched by its name)
  CHECK(msg.header("security-client") == std::optional<std::string_view>("ipsec-3gpp"));
  CHECK(msg.header(modsdk::header_type::security_client) == std::optional<std::string_view>("ipsec-3gpp"));
  CHECK(msg.headers(modsdk::header_type::other).size() ==
        (std::string_view(MODSDK_TEST_RELEASE) == "3.4.18" ? 4u : 3u));  // s e u (+ Security-Client)
  CHECK(msg.has_header(modsdk::header_type::cseq));
  CHECK_FALSE(msg.has_header(modsdk::header_type::max_forwards));
  CHECK_FALSE(msg.has_header("Max-Forwards"));
}

TEST_CASE_METHOD(fresh, "headers: by type and by name, first, all and counts") {
  auto raw = sip_message::parse(invite_text);
  modsdk::message msg{raw.raw()};
  CHECK(msg.headers(modsdk::header_type::via).size() == 2);
  CHECK(values(msg.headers(modsdk::header_type::via)) == values(msg.headers("Via")));
  CHECK(msg.header(modsdk::header_type::max_forwards) == std::optional<std::string_view>("70"));
  CHECK(msg.headers("x-CUSTOM").size() == 2);
  CHECK(msg.headers(modsdk::header_type::other).size() == 2);
  CHECK(msg.headers(modsdk::header_type::route).empty());
  CHECK_FALSE(msg.header(modsdk::header_type::route));
  const auto range = msg.headers("X-Custom");
  auto it = range.begin();
  const auto copy = it++;
  CHECK((*copy).value == "one");
  CHECK((*it).value == "two");
}

TEST_CASE_METHOD(fresh, "headers: a lookup by type splits headers only up to the first of that type, once") {
  auto raw = sip_message::parse(invite_text);
  modsdk::message msg{raw.raw()};
  CHECK(raw.headers_split() == 0);  // the first Via was split when the message arrived
  CHECK(msg.header(modsdk::header_type::via) ==
        std::optional<std::string_view>("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1"));
  CHECK(raw.headers_split() == 0);
  CHECK(raw.parse_calls() == 0);
  CHECK(msg.header(modsdk::header_type::from));  // v, Max-Forwards, f
  CHECK(raw.headers_split() == 3);
  CHECK(raw.parse_calls() == 1);
  CHECK(msg.header(modsdk::header_type::max_forwards));  // already split: no call
  CHECK(raw.parse_calls() == 1);
  CHECK(msg.header("Call-ID"));  // To, Call-ID
  CHECK(raw.headers_split() == 5);
  CHECK(msg.headers().size() == 11);  // to the end, the rest once
  CHECK(raw.headers_split() == 10);
  CHECK(msg.headers("X-Custom").size() == 2);
  CHECK(msg.header(modsdk::header_type::route) == std::nullopt);
  CHECK(raw.headers_split() == 10);
  CHECK(raw.parse_calls() == 3);  // From, Call-ID, the end: nothing split twice
}

TEST_CASE_METHOD(fresh, "headers: the core's sip_msg shortcuts point to the first header of each type") {
  auto raw = sip_message::parse(invite_text);
  modsdk::message msg{raw.raw()};
  (void)msg.headers().size();
  const auto& m = modsdk::detail::msg::core_msg(raw.raw());
  REQUIRE(m.from);
  CHECK(std::string_view(m.from->name.s, 1) == "f");
  REQUIRE(m.cseq);
  CHECK(m.cseq->type == static_cast<int>(modsdk::header_type::cseq));
  REQUIRE(m.h_via1);
  REQUIRE(m.h_via1->sibling);
  CHECK(m.h_via1->sibling->name.s[0] == 'v');
  CHECK(m.route == nullptr);
  CHECK(m.eoh == m.buf + std::string_view(invite_text).find("\r\n\r\n") + 2);
}

// ---- parsed views: URIs, From/To -------------------------------------------------------------------
TEST_CASE_METHOD(fresh, "uri::parse: parts, port number, transport, parameters and headers") {
  auto u = modsdk::uri::parse("sip:alice:secret@example.com:5070;transport=TCP;lr;x-a=1;maddr=10.0.0.9?subject=hi");
  REQUIRE(u);
  CHECK(u->scheme() == modsdk::uri_scheme::sip);
  CHECK(u->user() == "alice");
  CHECK(u->password() == "secret");
  CHECK(u->host() == "example.com");
  CHECK(u->port() == "5070");
  CHECK(u->port_number() == 5070);
  CHECK(u->transport() == "TCP");
  CHECK(u->param("lr") == std::optional<std::string_view>(""));
  CHECK(u->param("X-A") == std::optional<std::string_view>("1"));
  CHECK(u->param("maddr") == std::optional<std::string_view>("10.0.0.9"));
  CHECK_FALSE(u->param("ttl"));
  CHECK(u->params().size() == 4);
  std::vector<std::string> names;
  for (modsdk::uri_param p : u->params()) names.emplace_back(p.name);
  CHECK(names == std::vector<std::string>{"transport", "lr", "x-a", "maddr"});
  CHECK(u->headers() == "subject=hi");

  auto v6 = modsdk::uri::parse("sips:[2001:db8::1]:5061");
  REQUIRE(v6);
  CHECK(v6->scheme() == modsdk::uri_scheme::sips);
  CHECK(v6->host() == "[2001:db8::1]");
  CHECK(v6->port_number() == 5061);
  CHECK(v6->user().empty());
  CHECK(v6->params().empty());

  auto tel = modsdk::uri::parse("tel:+15551234;phone-context=example.com");
  REQUIRE(tel);
  CHECK(tel->scheme() == modsdk::uri_scheme::tel);
  CHECK(tel->user() == "+15551234");
  CHECK(tel->param("phone-context") == std::optional<std::string_view>("example.com"));
}

TEST_CASE_METHOD(fresh, "uri: a parsed copy owns its storage; a parameter found by name as the iteration reads it") {
  std::optional<modsdk::uri> copy;
  {
    const std::string text = "sip:alice@example.com:5070;transport=tcp;foo=bar";
    auto u = modsdk::uri::parse(text);
    REQUIRE(u);
    copy = *u;                      // assigned
    const modsdk::uri second = *u;  // copied
    u.reset();
    CHECK(second.port_number() == 5070);
    CHECK(&second.raw() != &copy->raw());
  }
  CHECK(copy->port_number() == 5070);  // the core's struct copied, not pointed to

  // find() reads a parameter as the iteration does: blanks around names and values, empty parameters skipped
  const modsdk::param_range r(" a = 1 ;; B ;=z;c=;d");
  CHECK(r.find("A") == std::optional<std::string_view>("1"));
  CHECK(r.find("b") == std::optional<std::string_view>(""));
  CHECK(r.find("") == std::optional<std::string_view>("z"));
  CHECK(r.find("c") == std::optional<std::string_view>(""));
  CHECK(r.find("d") == std::optional<std::string_view>(""));
  CHECK_FALSE(r.find("e"));
  CHECK_FALSE(r.find(" a"));
  for (modsdk::uri_param p : r) CHECK(r.find(p.name) == std::optional<std::string_view>(p.value));
  CHECK_FALSE(modsdk::param_range("").find("a"));
  CHECK_FALSE(modsdk::param_range(std::string_view{}).find(""));
}

TEST_CASE_METHOD(fresh, "uri::parse: what the core refuses is nullopt and logged, never a crash") {
  for (std::string_view bad : {"", "example.com", "http://example.com", "sip:", "sip:alice@", "sip:a@[::1",
                               "sip:a@host:99999", "sip:a@host:5x", "sip:a b@host"}) {
    INFO(bad);
    CHECK_FALSE(modsdk::uri::parse(bad));
  }
  CHECK(core().logged("parse_uri"));
}

TEST_CASE_METHOD(fresh, "parsed_ruri: the current Request-URI through parse_sip_msg_uri, re-parsed after set_ruri") {
  auto raw = sip_message::parse(invite_text);
  modsdk::request req{raw.raw()};
  auto u = req.parsed_ruri();
  REQUIRE(u);
  CHECK(u->user() == "bob");
  CHECK(u->port_number() == 5070);
  CHECK(u->transport() == "udp");
  CHECK(modsdk::detail::msg::core_msg(raw.raw()).parsed_uri_ok == 1);
  REQUIRE(req.set_ruri("sip:carol@example.org;user=phone"));
  auto v = req.parsed_ruri();
  REQUIRE(v);
  CHECK(v->user() == "carol");
  CHECK(v->port_number() == 0);
  CHECK(v->param("user") == std::optional<std::string_view>("phone"));
  REQUIRE(req.set_ruri("not a uri"));
  CHECK_FALSE(req.parsed_ruri());
}

TEST_CASE_METHOD(fresh, "from() / to(): display, URI, tag and parameters through the core's parsers") {
  auto raw = sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: \"Alice Smith\" <sip:alice@example.com;user=phone>;tag=a1;x-p=7;flag\r\n"
      "t: sip:bob@example.com;tag=b2\r\n"
      "Call-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
  modsdk::message msg{raw.raw()};
  auto f = msg.from();
  REQUIRE(f);
  CHECK(f->display() == "Alice Smith");
  CHECK(f->uri_text() == "sip:alice@example.com;user=phone");
  CHECK(f->tag() == "a1");
  CHECK(f->param("X-P") == std::optional<std::string_view>("7"));
  CHECK(f->param("flag") == std::optional<std::string_view>(""));
  CHECK_FALSE(f->param("nope"));
  CHECK(f->params().size() == 3);
  auto fu = f->uri();
  REQUIRE(fu);
  CHECK(fu->host() == "example.com");
  CHECK(fu->param("user") == std::optional<std::string_view>("phone"));
  auto t = msg.to();
  REQUIRE(t);
  CHECK(t->display().empty());
  CHECK(t->uri_text() == "sip:bob@example.com");
  CHECK(t->tag() == "b2");
  // parsed once: the second call returns the same to_body
  CHECK(&msg.from()->raw() == &f->raw());
}

TEST_CASE_METHOD(fresh, "from() / to(): missing or malformed headers are nullopt, with the core's log line") {
  auto raw = sip_message::parse("OPTIONS sip:x@example.com SIP/2.0\r\nFrom: <sip:a@example.com\r\nCall-ID: c\r\n\r\n");
  modsdk::message msg{raw.raw()};
  CHECK_FALSE(msg.from());
  CHECK(core().logged("bad from header"));
  CHECK_FALSE(msg.to());
  CHECK(core().logged("missing To header"));
}

TEST_CASE_METHOD(fresh, "first_via, cseq, content_length, content_type, max_forwards: what the core parsed") {
  auto raw = sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/TCP [2001:db8::5]:5062;rport;received=192.0.2.1;branch=z9hG4bKabc;x=y\r\n"
      "Via: SIP/2.0/UDP 10.0.0.2\r\n"
      "Max-Forwards: 69\r\n"
      "CSeq: 4294967295 INVITE\r\n"
      "c: application/sdp\r\n"
      "l: 4\r\n\r\nv=0\r\n");
  modsdk::message msg{raw.raw()};
  auto v = msg.first_via();
  REQUIRE(v);
  CHECK(v->protocol() == "SIP");
  CHECK(v->version() == "2.0");
  CHECK(v->transport() == "TCP");
  CHECK(v->host() == "[2001:db8::5]");
  CHECK(v->port_number() == 5062);
  CHECK(v->branch() == "z9hG4bKabc");
  CHECK(v->received() == std::optional<std::string_view>("192.0.2.1"));
  CHECK(v->rport() == std::optional<std::string_view>(""));
  CHECK(v->param("X") == std::optional<std::string_view>("y"));
  CHECK(v->params().size() == 4);
  CHECK(raw.headers_split() == 0);  // the first Via was parsed when the message arrived
  auto cseq = msg.cseq();
  REQUIRE(cseq);
  CHECK(cseq->number == 4294967295u);
  CHECK(cseq->method == "INVITE");
  CHECK(cseq->method_id == modsdk::sip_method::invite);
  CHECK(msg.max_forwards() == 69);
  CHECK(msg.content_type() == std::optional<std::string_view>("application/sdp"));
  CHECK(msg.content_length() == 4u);
  CHECK(msg.body() == "v=0\r\n");

  auto plain = sip_message::parse(reply_text);
  modsdk::message rpl{plain.raw()};
  CHECK(rpl.first_via()->port_number() == 5060);
  CHECK_FALSE(rpl.first_via()->rport());
  CHECK(rpl.content_length() == 0u);
  CHECK_FALSE(rpl.max_forwards());
  CHECK_FALSE(rpl.content_type());
}

TEST_CASE_METHOD(fresh, "a header the core cannot parse stops the split: later headers are not seen, logged") {
  auto raw = sip_message::parse(
      "OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCall-ID: c\r\nl: many\r\nX-After: 1\r\n\r\n");
  modsdk::message msg{raw.raw()};
  CHECK(msg.header("Call-ID") == std::optional<std::string_view>("c"));
  CHECK_FALSE(msg.content_length());
  CHECK_FALSE(msg.header("X-After"));
  CHECK(core().logged("bad l header"));
  CHECK(msg.headers().size() == 2);
}
