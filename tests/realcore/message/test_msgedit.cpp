// SPDX-License-Identifier: MIT
// msgedit's tests: the same requests through the fake core (rendered(): the text the core would send) and
// through a real OpenSIPS (realcore.cfg forwards them back to this program), compared byte for byte; the
// stock maxfwd / sipmsgops functions against their ports, in the real core; reply lumps, script flags and a
// branch forked by tm.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <optional>
#include <string>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::real_core;
using modsdk::testing::sip_message;

extern "C" modsdk::abi::module_exports exports;  // msgedit.cpp is compiled into this program

namespace {
// A request for `user` at 127.0.0.1:<port> (where the core forwards it: this program), with `extra` header
// lines, and `body`.
std::string request(const std::string& user, unsigned short port, const std::string& extra,
                    const std::string& body = "") {
  return "MESSAGE sip:" + user + "@127.0.0.1:" + std::to_string(port) +
         " SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:" +
         std::to_string(port) + ";branch=z9hG4bK-" + user +
         "\r\n"
         "From: <sip:alice@example.com>;tag=a1\r\n"
         "To: <sip:" +
         user +
         "@example.com>\r\n"
         "Call-ID: " +
         user + "-" + std::to_string(port) + "@msgedit\r\nCSeq: 1 MESSAGE\r\n" + extra +
         "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}
const std::string edit_headers = "X-Remove: one\r\nX-Replace: old value\r\nx-remove: two\r\n";

// A request with two Contact headers and a multipart body (for read_parts).
std::string parts_request(unsigned short port) {
  const std::string body =
      "--b-1\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
      "--b-1\r\nContent-Type: application/pidf+xml\r\nContent-ID: <p1>\r\n\r\n<presence/>\r\n--b-1--\r\n";
  return "MESSAGE sip:parts@127.0.0.1:" + std::to_string(port) +
         " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(port) +
         ";branch=z9hG4bK-parts\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:parts@example.com>\r\n"
         "Call-ID: parts-" +
         std::to_string(port) +
         "@msgedit\r\nCSeq: 1 MESSAGE\r\n"
         "Contact: \"Alice\" <sip:alice@127.0.0.1:5070;transport=udp>;q=0.5;expires=60, <sip:alice@127.0.0.2>\r\n"
         "m: sip:alice@127.0.0.3;+sip.instance=\"<urn:uuid:1>\";q=1\r\n"
         "Content-Type: multipart/mixed;boundary=\"b-1\"\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}
const std::string parts_headers =
    "X-Contacts: sip:alice@127.0.0.1:5070;transport=udp|500|60|-|Alice,sip:alice@127.0.0.2|-|-|-|,"
    "sip:alice@127.0.0.3|1000|-|<urn:uuid:1>|\r\nX-Parts: b-1,text/plain:5,application/pidf+xml:11\r\n";

// Requests for read_headers: every parsed header well formed, then malformed ones.
const std::string hdrs_good =
    "Expires: 300\r\n"
    "Route: <sip:p1.example.com;lr>, \"P2\" <sip:p2.example.com:5070;transport=tcp;lr>;x=1\r\n"
    "Record-Route: <sip:rr.example.com;lr;ftag=a1>\r\n"
    "P-Asserted-Identity: \"Alice\" <sip:alice@example.com>, <tel:+15551234>\r\n"
    "P-Preferred-Identity: <sip:alice.p@example.com>\r\n"
    "Remote-Party-ID: \"A\" <sip:+1555@gw.example.com>;party=calling;privacy=full\r\n"
    "Supported: timer, 100rel\r\nk: x-foo,path\r\nRequire: 100rel\r\n"
    "Allow: INVITE, ack,BYE\r\nAllow: X-FOO, options\r\n"
    "Event: dialog;sla;id=7\r\nPrivacy: id; User\r\n";
const std::string hdrs_good_summary =
    "X-Hdrs: exp=300;route=sip:p1.example.com;lr+lr,sip:p2.example.com:5070;transport=tcp;lr+lr+x=1;"
    "rr=sip:rr.example.com;lr;ftag=a1+lr;pai=Alice|sip:alice@example.com,|tel:+15551234;"
    "ppi=|sip:alice.p@example.com;rpid=sip:+1555@gw.example.com|calling;sup=7,timer,100rel,x-foo,path;"
    "req=2,100rel;allow=16429;event=dialog|7|7;priv=33\r\n";
const std::string hdrs_bad =
    "Expires: soon\r\nRoute: sip:p1.example.com;lr\r\nP-Asserted-Identity: <sip:alice@example.com\r\n"
    "Remote-Party-ID: <sip:a@b\r\nAllow: INVITE BYE\r\nEvent: presence;id=\r\nPrivacy: none;id\r\n";
const std::string hdrs_bad_summary =
    "X-Hdrs: exp=!;route=!;rr=;pai=!;ppi=;rpid=!;sup=-;req=-;allow=!;event=!;priv=!\r\n";

// Requests for read_more_headers: Session-Expires, Min-SE, Diversion, Refer-To, and texts for parse_params /
// parse_methods, well formed then malformed.
const std::string hdrs2_good =
    "Session-Expires: 1800;refresher=UAS\r\nMin-SE:  90\r\n"
    "Diversion: \"Bob\" <sip:bob@example.com>;reason=user-busy;counter=2, "
    "<sip:carol@example.com>;reason=\"unconditional\"\r\n"
    "Refer-To: \"Carol\" <sip:carol@example.com?Replaces=abc%40h>;method=INVITE\r\n"
    "X-Params: reason=busy; counter = 2 ;x;q=\"a b;c\", <next>\r\nX-Methods: INVITE,ack , X-Foo\r\n";
const std::string hdrs2_good_summary =
    "X-Hdrs2: se=1800|2;minse=90;div=Bob|sip:bob@example.com|user-busy|2,|sip:carol@example.com|unconditional|-,;"
    "refer=Carol|sip:carol@example.com?Replaces=abc%40h|INVITE;params=reason=busy,counter=2,x=,q=a b;c,rest=, <next>;"
    "methods=16389\r\n";
const std::string hdrs2_bad =
    "Session-Expires: 1800 ;refresher=uac\r\nMin-SE: 90s\r\nDiversion: <sip:bob@example.com;reason=x\r\n"
    "Refer-To: <sip:carol@example.com\r\nX-Params: a=1 b\r\nX-Methods: INVITE BYE\r\n";
const std::string hdrs2_bad_summary = "X-Hdrs2: se=!;minse=!;div=!;refer=!;params=!;methods=!\r\n";

// The text after the request line, without the Via the core added to the forwarded request (its sent-by is
// the core's address; it goes where the first Via was, after text inserted before the first header).
std::string after_core_via(const std::string& text, unsigned short core_port) {
  std::string out = text.substr(text.find("\r\n") + 2);
  const auto via = out.find("Via: SIP/2.0/UDP 127.0.0.1:" + std::to_string(core_port) + ";");
  if (via == std::string::npos) return "no Via of the core in: " + text;
  return out.erase(via, out.find("\r\n", via) + 2 - via);
}
std::string after_first_line(const std::string& text) { return text.substr(text.find("\r\n") + 2); }

// The fake core: what the module does to a request, as the core would forward it.
struct fake_side {
  host& h;
  std::string edit(const std::string& text) {
    auto msg = sip_message::parse(text);
    REQUIRE(h.call("edit_request", msg) == 1);
    CHECK((msg.flags() & 1U) == 1U);
    return after_first_line(msg.rendered());
  }
  // maxfwd_port(10) or append_hf_port + remove_hf_port, then the return code as "X-RC" (append_hf)
  std::string port(const std::string& what, const std::string& text) {
    auto msg = sip_message::parse(text);
    int rc = 0;
    if (what == "mf") {
      rc = h.call("maxfwd_port", msg, {lit(10)});
    } else {
      REQUIRE(h.call("append_hf_port", msg, {lit("X-App"), lit("v")}) == 1);
      rc = h.call("remove_hf_port", msg, {lit("X-Remove")});
    }
    if (rc < 0) return "reply: 483 rc " + std::to_string(rc);  // as realcore.cfg answers
    REQUIRE(h.call("append_hf_port", msg, {lit("X-RC"), lit(std::to_string(rc))}) == 1);
    return after_first_line(msg.rendered());
  }
  std::string parts(unsigned short port) {
    auto msg = sip_message::parse(parts_request(port));
    REQUIRE(h.call("read_parts", msg) == 1);
    return after_first_line(msg.rendered());
  }
  // branch_state in the request route, route_here in the branch route t_relay() runs
  std::string hdrs(const std::string& text, const char* function = "read_headers") {
    auto msg = sip_message::parse(text);
    REQUIRE(h.call(function, msg) == 1);
    return after_first_line(msg.rendered());
  }
  std::string state(unsigned short port) {
    core().name_flag("NAT", true);  // realcore.cfg's isbflagset("NAT"): its only branch flag, bit 0
    auto msg = sip_message::parse(request("state", port, ""));
    REQUIRE(h.call("branch_state", msg) == 1);
    CHECK(msg.ruri_bflags() == 1U);
    CHECK(msg.ruri_q() == 500);
    REQUIRE(h.call("route_here", msg, {}, modsdk::route::branch) == 1);
    return after_first_line(msg.rendered());
  }
};

// branches_sockets: the headers the module adds (the R-URI at 127.0.0.1:<uas>; the core's sockets: the one the
// request arrived on, 127.0.0.1:<in>, and the one tagged "ext", 127.0.0.2:<ext> advertised as 203.0.113.7:5080)
std::string bs_headers(unsigned short uas, unsigned short in, unsigned short ext) {
  const std::string hp = "127.0.0.1:" + std::to_string(uas), i = std::to_string(in), e = std::to_string(ext);
  return "X-Branches: sip:changed@" + hp + "|700|1|udp:127.0.0.2:" + e + ",sip:b3@" + hp + "|-|0|-\r\n" +
         "X-Sockets: in=udp:127.0.0.1:" + i + ";udp;" + i + ";forced=udp:127.0.0.1:" + i + ";ext=udp:127.0.0.2:" + e +
         ";adv=203.0.113.7:5080;tag=ext;grep-in=1\r\n";
}

// The real core: requests sent from (and forwarded back to) one UDP socket; a reply when the route answers.
struct real_side {
  real_core& c;
  modsdk::testing::detail::udp_socket s;
  std::string exchange(const std::string& text) {
    s.send_to(c.sip_address().ip, c.sip_address().port, text);
    auto got = s.receive(std::chrono::seconds(5));
    if (!got) return "nothing came back";
    if (got->rfind("SIP/2.0 ", 0) == 0) return "reply: " + got->substr(8, got->find("\r\n") - 8);
    return after_core_via(*got, c.sip_address().port);
  }
};

void cases_on_fake(host& h, unsigned short port, std::string& edited, std::string mf[4], std::string hf[2]) {
  fake_side f{h};
  edited = f.edit(request("edit", port, edit_headers, "old body"));
  const std::string mf_in[4] = {"", "Max-Forwards: 70\r\n", "Max-Forwards: 0\r\n", "Max-Forwards: 300\r\n"};
  for (int i = 0; i < 4; ++i) mf[i] = f.port("mf", request("mf-port", port, mf_in[i]));
  hf[0] = f.port("hf", request("hf-port", port, edit_headers));
  hf[1] = f.port("hf", request("hf-port", port, ""));
}
}  // namespace

TEST_CASE("edits on the fake core: rendered text") {
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  std::string edited, mf[4], hf[2];
  cases_on_fake(h, 5999, edited, mf, hf);
  CHECK(edited ==
        "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-edit\r\n"
        "From: <sip:alice@example.com>;tag=a1\r\n"
        "To: <sip:edit@example.com>\r\n"
        "X-Before-Call-ID: 1\r\n"
        "Call-ID: edit-5999@msgedit\r\nCSeq: 1 MESSAGE\r\n"
        "X-Replace: new value\r\n"
        "Content-Type: text/plain\r\nContent-Length: 12\r\nX-Added: by-modsdk\r\n\r\na new body\r\n");
  CHECK(mf[0].find("\r\nMax-Forwards: 10\r\n") == std::string::npos);  // before the first header
  CHECK(mf[0].rfind("Max-Forwards: 10\r\nVia:", 0) == 0);
  CHECK(mf[1].find("Max-Forwards: 69\r\n") != std::string::npos);
  CHECK(mf[2] == "reply: 483 rc -1");
  CHECK(mf[3].find("Max-Forwards: 256\r\n") != std::string::npos);
  CHECK(hf[0].find("X-Remove") == std::string::npos);
  CHECK(hf[0].find("X-App: v\r\nX-RC: 1\r\n\r\n") != std::string::npos);
  CHECK(hf[1] == "reply: 483 rc -1");
  fake_side f{h};
  const std::string parts = f.parts(5999);
  INFO(parts);
  CHECK(parts.find(parts_headers + "\r\n--b-1\r\n") != std::string::npos);
  const std::string state = f.state(5999);
  CHECK(state.find("X-State: nat=0;q=500;route=1;bad-socket-refused=1\r\nX-Route: 8\r\n\r\n") != std::string::npos);
}

TEST_CASE("edits in a real core: the same bytes as the fake core; stock functions and their ports agree",
          "[.realcore]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  real_side r{c, {}};
  const unsigned short port = r.s.port();
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  std::string edited, mf[4], hf[2];
  cases_on_fake(h, port, edited, mf, hf);

  CHECK(r.exchange(request("edit", port, edit_headers, "old body")) == edited);
  CHECK(r.exchange(request("flag", port, "")) == "reply: 200 flag 0 set");
  // the Contact list and the multipart body as the real core parsed them; the body it forwards, rebuilt from
  // its parts, is the received one
  CHECK(r.exchange(parts_request(port)) == fake_side{h}.parts(port));

  const std::string mf_in[4] = {"", "Max-Forwards: 70\r\n", "Max-Forwards: 0\r\n", "Max-Forwards: 300\r\n"};
  for (int i = 0; i < 4; ++i) {
    INFO("Max-Forwards case " << i);
    const std::string stock = r.exchange(request("mf-stock", port, mf_in[i]));
    const std::string ported = r.exchange(request("mf-port", port, mf_in[i]));
    CHECK(ported == mf[i]);
    // the stock module answers with the same return code and forwards the same headers (To and Call-ID
    // name the user)
    auto same_user = [](std::string t) {
      for (auto at = t.find("mf-stock"); at != std::string::npos; at = t.find("mf-stock")) t.replace(at, 8, "mf-port");
      return t;
    };
    CHECK(same_user(stock) == ported);
  }
  for (int i = 0; i < 2; ++i) {
    const std::string extra = i == 0 ? edit_headers : "";
    const std::string stock = r.exchange(request("hf-stock", port, extra));
    const std::string ported = r.exchange(request("hf-port", port, extra));
    CHECK(ported == hf[i]);
    std::string s = stock;
    for (auto at = s.find("hf-stock"); at != std::string::npos; at = s.find("hf-stock")) s.replace(at, 8, "hf-port");
    CHECK(s == ported);
  }

  // a branch: t_relay() forks to the R-URI and to the branch the module appended (tm retransmits: each
  // R-URI user counted once; the socket is this case's own)
  {
    modsdk::testing::detail::udp_socket uas;
    uas.send_to(c.sip_address().ip, c.sip_address().port, request("branch", uas.port(), ""));
    bool to_ruri = false, to_branch = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!(to_ruri && to_branch) && std::chrono::steady_clock::now() < deadline) {
      auto got = uas.receive(std::chrono::milliseconds(500));
      if (!got) continue;
      to_ruri = to_ruri || got->rfind("MESSAGE sip:branch@", 0) == 0;
      to_branch = to_branch || got->rfind("MESSAGE sip:forked@", 0) == 0;
    }
    CHECK(to_ruri);
    CHECK(to_branch);
  }

  // branch flag, q, a refused socket and the route type in the request route; the route type in the branch
  // route t_relay() runs: the request tm sends equals the fake core's
  {
    modsdk::testing::detail::udp_socket uas;
    const std::string expected = fake_side{h}.state(uas.port());
    uas.send_to(c.sip_address().ip, c.sip_address().port, request("state", uas.port(), ""));
    auto got = uas.receive(std::chrono::seconds(5));
    REQUIRE(got);
    if (got->rfind("SIP/2.0 ", 0) == 0) FAIL(*got);
    CHECK(after_core_via(*got, c.sip_address().port) == expected);
  }

  // reply lumps: the header and body the module added travel in sl's reply
  auto reply = c.send(request("reply", port, ""));
  REQUIRE(reply);
  CHECK(reply->code == 486);
  CHECK(reply->header("X-Reply-Extra") == "from-modsdk");
  CHECK(reply->header("Content-Type") == "text/plain");
  CHECK(reply->text.substr(reply->text.find("\r\n\r\n") + 4) == "busy body\r\n");
  INFO(reply->text);
}

TEST_CASE("header parsers on the fake core: Expires, Route, PAI/PPI, RPID, option tags, Allow, Event, Privacy") {
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  fake_side f{h};
  const std::string good = f.hdrs(request("hdrs", 5999, hdrs_good));
  INFO(good);
  CHECK(good.find(hdrs_good_summary + "\r\n") != std::string::npos);
  const std::string bad = f.hdrs(request("hdrs", 5999, hdrs_bad));
  INFO(bad);
  CHECK(bad.find(hdrs_bad_summary + "\r\n") != std::string::npos);
}

namespace {
/// A well-formed and a malformed request through `function` (the R-URI's user: `user`) in the real core and in
/// the fake core: each summary line as expected, and the two cores' forwarded requests the same byte for byte.
void same_in_both_cores(real_core& c, const char* user, const char* function, const std::string& good_hdrs,
                        const std::string& good_summary, const std::string& bad_hdrs, const std::string& bad_summary) {
  real_side r{c, {}};
  const unsigned short port = r.s.port();
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  fake_side f{h};
  const std::string good = r.exchange(request(user, port, good_hdrs));
  INFO(good);
  CHECK(good.find(good_summary + "\r\n") != std::string::npos);
  CHECK(good == f.hdrs(request(user, port, good_hdrs), function));
  const std::string bad = r.exchange(request(user, port, bad_hdrs));
  INFO(bad);
  CHECK(bad.find(bad_summary + "\r\n") != std::string::npos);
  CHECK(bad == f.hdrs(request(user, port, bad_hdrs), function));
}
}  // namespace

TEST_CASE("header parsers in a real core: what the core's parsers read equals the fake core's", "[.realcore-hdrs]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  same_in_both_cores(c, "hdrs", "read_headers", hdrs_good, hdrs_good_summary, hdrs_bad, hdrs_bad_summary);
  // the core's own lines for the malformed headers
  CHECK(c.logged("body is not a number"));
  CHECK(c.logged("failed to parse RR headers"));
  CHECK(c.logged("failed to parse P-Asserted-Identity header"));
  CHECK(c.logged("bad rpid header"));
  CHECK(c.logged("bad allow body header"));
  CHECK(c.logged("event_parser failed"));
  CHECK(c.logged("no other privacy values allowed with 'none'"));
}

TEST_CASE("session timers, diversion, refer-to, params and methods on the fake core") {
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  fake_side f{h};
  const std::string good = f.hdrs(request("hdrs2", 5999, hdrs2_good), "read_more_headers");
  INFO(good);
  CHECK(good.find(hdrs2_good_summary + "\r\n") != std::string::npos);
  const std::string bad = f.hdrs(request("hdrs2", 5999, hdrs2_bad), "read_more_headers");
  INFO(bad);
  CHECK(bad.find(hdrs2_bad_summary + "\r\n") != std::string::npos);
}

TEST_CASE("session timers, diversion, refer-to, params and methods in a real core: as the fake core reads them",
          "[.realcore-hdrs2]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  same_in_both_cores(c, "hdrs2", "read_more_headers", hdrs2_good, hdrs2_good_summary, hdrs2_bad, hdrs2_bad_summary);
  // the core's own lines for the malformed headers and texts (Min-SE: modsdk's, the core logs none)
  CHECK(c.logged("no semicolon separating se-params"));
  CHECK(c.logged("the core could not parse the Min-SE header: not a number"));
  CHECK(c.logged("bad diversion header"));
  CHECK(c.logged("bad Refer-To header"));
  CHECK(c.logged("invalid character, ; expected"));
  CHECK(c.logged("comma expected"));
}

TEST_CASE("branches and sockets on the fake core: the set read back and changed, one branch removed") {
  core().reset();
  host h{exports};
  REQUIRE(h.start());
  core().name_flag("NAT", true);  // realcore.cfg's only branch flag: bit 0
  auto msg = sip_message::parse(request("bs", 5999, ""));
  REQUIRE(h.call("branches_sockets", msg) == 1);
  INFO(msg.rendered());
  CHECK(after_first_line(msg.rendered()).find(bs_headers(5999, 5060, 5080)) != std::string::npos);
  const auto set = sip_message::branches();
  REQUIRE(set.size() == 2);
  CHECK(set[0].uri == "sip:changed@127.0.0.1:5999");
  CHECK(set[0].q == 700);
  CHECK(set[0].bflags == 1U);
  CHECK(set[0].socket == "udp:127.0.0.2:5080");
  CHECK(set[1].uri == "sip:b3@127.0.0.1:5999");
  CHECK(msg.send_socket() == std::optional<std::string_view>("udp:127.0.0.1:5060"));
  CHECK(core().logged("no branch 2"));
}

TEST_CASE("branches and sockets in a real core: t_relay() forks to the set as changed, from the forced socket",
          "[.realcore]") {
  REQUIRE(real_core::configured());
  auto c = real_core::from_env();
  modsdk::testing::detail::udp_socket uas;
  const unsigned short sip = c.sip_address().port;
  uas.send_to(c.sip_address().ip, sip, request("bs", uas.port(), ""));
  std::map<std::string, std::string> got;  // R-URI user -> the first request tm sent there
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (got.size() < 3 && std::chrono::steady_clock::now() < deadline) {
    auto r = uas.receive(std::chrono::milliseconds(500));
    if (!r) continue;
    if (r->rfind("SIP/2.0 ", 0) == 0) FAIL(*r);
    const auto at = r->find('@');
    if (r->rfind("MESSAGE sip:", 0) == 0 && at != std::string::npos) got.emplace(r->substr(12, at - 12), *r);
  }
  std::string all;
  for (const auto& [user, text] : got) all += user + ":\n" + text + "\n";
  INFO(all);
  REQUIRE(got.size() == 3);
  CHECK(got.count("bs") == 1);  // the R-URI's branch
  CHECK(got.count("changed") == 1);
  CHECK(got.count("b3") == 1);
  const std::string headers = bs_headers(uas.port(), sip, sip);
  for (const auto& [user, text] : got) {
    INFO(user << ":\n" << text);
    CHECK(text.find(headers) != std::string::npos);
    // the changed branch leaves from the "ext" socket (its Via: the advertised address) with the NAT flag
    const bool changed = user == "changed";
    CHECK((text.find("\r\nVia: SIP/2.0/UDP 203.0.113.7:5080;") != std::string::npos) == changed);
    CHECK((text.find("\r\nVia: SIP/2.0/UDP 127.0.0.1:" + std::to_string(sip) + ";") != std::string::npos) == !changed);
    CHECK((text.find("\r\nX-NAT: yes\r\n") != std::string::npos) == changed);
  }
}
