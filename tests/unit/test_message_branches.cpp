// SPDX-License-Identifier: MIT
// modsdk/message/branches.hpp and message/socket.hpp in the fake core: the appended branches read, changed,
// removed and cleared; the sockets the core listens on (received, forced, a branch's), found by spec or
// host/port/proto; the "[proto:]host[:port]" syntax. Built for 4.0 and 3.4 (the two branch APIs).
#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/message.hpp>
#include <modsdk/testing.hpp>

#include "sample_invite.hpp"

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
sip_message invite() { return modsdk_test::sample_invite("branches-1"); }
struct fresh {
  fresh() { core().reset(); }
};
std::vector<std::string> uris(const modsdk::branch_set& set) {
  std::vector<std::string> out;
  for (modsdk::branch b : set) out.emplace_back(b.uri);
  return out;
}
}  // namespace

TEST_CASE_METHOD(fresh, "branches: read back what was appended, in order") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  auto set = req.branches();
  CHECK(set.empty());
  CHECK(set.begin() == set.end());
  REQUIRE(req.append_branch("sip:carol@example.com"));
  REQUIRE(req.append_branch("sip:dave@example.com", "sip:10.0.0.9:5070", 300));
  CHECK(set.size() == 2);
  CHECK(req.branch_count() == 2);
  CHECK(uris(set) == std::vector<std::string>{"sip:carol@example.com", "sip:dave@example.com"});
  auto b0 = set.at(0);
  REQUIRE(b0);
  CHECK(b0->index == 0);
  CHECK(b0->dst_uri.empty());
  CHECK(b0->path.empty());
  CHECK_FALSE(b0->q);
  CHECK(b0->flags == 0);
  CHECK_FALSE(b0->socket);
  auto b1 = set.at(1);
  REQUIRE(b1);
  CHECK(b1->index == 1);
  CHECK(b1->uri == "sip:dave@example.com");
  CHECK(b1->dst_uri == "sip:10.0.0.9:5070");
  CHECK(b1->q == 300);
  // branch flags count the R-URI's branch as 0: appended branch 1 is flag branch 2
  REQUIRE(req.set_branch_flag(4, 2));
  CHECK(set.at(1)->flags == 1U << 4);
}

TEST_CASE_METHOD(fresh, "branches: each field changed through the core, the others kept") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  auto set = req.branches();
  REQUIRE(req.append_branch("sip:carol@example.com", "sip:10.0.0.2"));
  REQUIRE(req.append_branch("sip:dave@example.com"));
  CHECK(set.set_uri(0, "sip:carol@10.0.0.3"));
  CHECK(set.set_dst_uri(1, "sip:10.0.0.4:5080;transport=tcp"));
  CHECK(set.set_path(1, "<sip:edge.example.com;lr>"));
  CHECK(set.set_q(0, 1000));
  CHECK(set.set_flags(1, 0x81));
  auto ext = modsdk::find_socket("udp:127.0.0.2:5080");
  REQUIRE(ext);
  CHECK(set.set_socket(1, ext));

  const auto b = sip_message::branches();
  REQUIRE(b.size() == 2);
  CHECK(b[0].uri == "sip:carol@10.0.0.3");
  CHECK(b[0].dst_uri == "sip:10.0.0.2");
  CHECK(b[0].q == 1000);
  CHECK(b[1].uri == "sip:dave@example.com");
  CHECK(b[1].dst_uri == "sip:10.0.0.4:5080;transport=tcp");
  CHECK(b[1].path == "<sip:edge.example.com;lr>");
  CHECK(b[1].bflags == 0x81);
  CHECK(b[1].socket == "udp:127.0.0.2:5080");

  auto b1 = set.at(1);
  REQUIRE(b1);
  CHECK(b1->path == "<sip:edge.example.com;lr>");
  REQUIRE(b1->socket);
  CHECK(*b1->socket == *ext);
  CHECK(b1->socket->text() == "udp:127.0.0.2:5080");
  // clearing: an empty next hop / Path, an unspecified q, no forced socket
  CHECK(set.set_dst_uri(1, ""));
  CHECK(set.set_path(1, ""));
  CHECK(set.set_q(0, std::nullopt));
  CHECK(set.set_socket(1, std::nullopt));
  CHECK(set.at(1)->dst_uri.empty());
  CHECK(set.at(1)->path.empty());
  CHECK_FALSE(set.at(0)->q);
  CHECK_FALSE(set.at(1)->socket);
  CHECK(sip_message::branches()[1].socket.empty());
}

TEST_CASE_METHOD(fresh, "branches: remove one (the later move down), clear all") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  auto set = req.branches();
  for (const char* u : {"sip:a@x", "sip:b@x", "sip:c@x"}) REQUIRE(req.append_branch(u));
  CHECK(set.remove(1));
  CHECK(uris(set) == std::vector<std::string>{"sip:a@x", "sip:c@x"});
  CHECK(set.at(1)->index == 1);
  CHECK(set.remove(1));
  CHECK(uris(set) == std::vector<std::string>{"sip:a@x"});
  REQUIRE(req.append_branch("sip:d@x"));
  set.clear();
  CHECK(set.empty());
  CHECK(sip_message::branches().empty());
  REQUIRE(req.append_branch("sip:e@x"));  // appending works again after a clear
  CHECK(uris(set) == std::vector<std::string>{"sip:e@x"});
}

TEST_CASE_METHOD(fresh, "branches: bad index or value refused with a log line, nothing changed") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  auto set = req.branches();
  CHECK_FALSE(set.at(0));
  CHECK(core().logged("branch: no branch 0"));
  REQUIRE(req.append_branch("sip:carol@example.com"));
  CHECK_FALSE(set.at(1));
  CHECK_FALSE(set.at(static_cast<std::size_t>(-1)));
  CHECK_FALSE(set.set_uri(1, "sip:x@y"));
  CHECK(core().logged("set_uri: no branch 1"));
  CHECK_FALSE(set.set_uri(0, ""));
  CHECK(core().logged("set_uri: empty URI"));
  CHECK_FALSE(set.set_q(0, 1001));
  CHECK_FALSE(set.set_q(0, -1));
  CHECK(core().logged("q is in thousandths"));
  CHECK_FALSE(set.set_flags(5, 1));
  CHECK_FALSE(set.set_socket(2, std::nullopt));
  CHECK_FALSE(set.remove(1));
  CHECK(core().logged("remove: no branch 1"));
  CHECK_FALSE(set.set_uri(0, "sip:" + std::string(1100, 'a') + "@x"));  // the core's MAX_URI_SIZE
  CHECK(core().logged("the core refused"));
  CHECK_FALSE(set.set_path(0, std::string(300, 'p')));  // MAX_PATH_SIZE
  const auto b = sip_message::branches();
  REQUIRE(b.size() == 1);
  CHECK(b[0].uri == "sip:carol@example.com");
  CHECK(b[0].path.empty());
  CHECK(b[0].q == -1);
}

TEST_CASE_METHOD(fresh, "sockets: received, forced and read back, looked up by host/port/proto") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  auto in = req.received_socket();
  REQUIRE(in);
  CHECK(in->text() == "udp:127.0.0.1:5060");
  CHECK(in->name() == "127.0.0.1");
  CHECK(in->address() == "127.0.0.1");
  CHECK(in->port() == 5060);
  CHECK(in->proto() == modsdk::sip_protocol::udp);
  CHECK(modsdk::protocol_name(in->proto()) == "udp");
  CHECK(in->tag().empty());
  CHECK(in->advertised_name().empty());
  CHECK(in->advertised_port() == 0);

  raw.set_received_socket("tls:127.0.0.1:5061");
  CHECK(req.received_socket()->proto() == modsdk::sip_protocol::tls);
  CHECK(req.received_socket()->port() == 5061);
  CHECK_THROWS_AS(raw.set_received_socket("udp:10.0.0.1:5060"), std::invalid_argument);

  CHECK_FALSE(req.send_socket());
  REQUIRE(req.force_send_socket("tcp:127.0.0.1:5060"));
  REQUIRE(req.send_socket());
  CHECK(req.send_socket()->proto() == modsdk::sip_protocol::tcp);
  CHECK(req.send_socket()->text() == "tcp:127.0.0.1:5060");

  auto ext = modsdk::grep_socket("127.0.0.2", 5080, modsdk::sip_protocol::udp);
  REQUIRE(ext);
  CHECK(ext->tag() == "ext");
  CHECK(ext->advertised_name() == "203.0.113.7");
  CHECK(ext->advertised_port() == 5080);
  CHECK(ext->advertised_text() == "udp:203.0.113.7:5080");
  req.set_send_socket(*ext);
  CHECK(raw.send_socket() == std::optional<std::string_view>("udp:127.0.0.2:5080"));
  CHECK(*req.send_socket() == *ext);
  req.reset_send_socket();
  CHECK_FALSE(req.send_socket());

  // grep_sock_info: any port / any proto, the advertised name, case-insensitive names; none is not an error
  CHECK(modsdk::grep_socket("127.0.0.1")->text() == "udp:127.0.0.1:5060");
  CHECK(modsdk::grep_socket("127.0.0.1", 5061)->text() == "tls:127.0.0.1:5061");
  CHECK(modsdk::grep_socket("127.0.0.1", 0, modsdk::sip_protocol::tcp)->text() == "tcp:127.0.0.1:5060");
  CHECK(modsdk::grep_socket("203.0.113.7") == ext);
  CHECK_FALSE(modsdk::grep_socket("127.0.0.1", 5070));
  CHECK_FALSE(modsdk::grep_socket("127.0.0.1", 5060, modsdk::sip_protocol::sctp));
  CHECK_FALSE(modsdk::grep_socket(""));
  // find_socket: parse_sock_info, which also matches a tag
  CHECK(modsdk::find_socket("ext") == ext);
  CHECK(modsdk::find_socket("tls:127.0.0.1")->port() == 5061);
  CHECK_FALSE(modsdk::find_socket("udp:10.0.0.1:5060"));
  CHECK(core().logged("the core does not listen on that socket"));
}

TEST_CASE("parse_socket_spec: the core's [proto:]host[:port]") {
  using modsdk::sip_protocol;
  auto p = modsdk::parse_socket_spec("udp:10.0.0.1:5060");
  REQUIRE(p);
  CHECK(p->proto == sip_protocol::udp);
  CHECK(p->host == "10.0.0.1");
  CHECK(p->port == 5060);
  p = modsdk::parse_socket_spec("10.0.0.1:5070");
  REQUIRE(p);
  CHECK(p->proto == sip_protocol::none);
  CHECK(p->host == "10.0.0.1");
  CHECK(p->port == 5070);
  p = modsdk::parse_socket_spec("TCP:proxy.example.com");
  REQUIRE(p);
  CHECK(p->proto == sip_protocol::tcp);
  CHECK(p->host == "proxy.example.com");
  CHECK(p->port == 0);
  p = modsdk::parse_socket_spec("[2001:db8::1]:5060");
  REQUIRE(p);
  CHECK(p->host == "[2001:db8::1]");
  CHECK(p->port == 5060);
  p = modsdk::parse_socket_spec("hep_tcp:[::1]:9060");
  REQUIRE(p);
  CHECK(p->proto == sip_protocol::hep_tcp);
  CHECK(p->host == "[::1]");
  p = modsdk::parse_socket_spec("ext");
  REQUIRE(p);
  CHECK(p->host == "ext");
  CHECK(p->port == 0);
  CHECK(modsdk::parse_socket_spec("ws:h:80")->proto == sip_protocol::ws);
  CHECK(modsdk::parse_socket_spec("wss:h:443")->proto == sip_protocol::wss);
  CHECK(modsdk::parse_socket_spec("sctp:h")->proto == sip_protocol::sctp);
  CHECK(modsdk::parse_socket_spec("bins:h")->proto == sip_protocol::bins);
}
