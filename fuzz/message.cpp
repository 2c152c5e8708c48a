// SPDX-License-Identifier: MIT
// fuzz/: arbitrary SIP messages through the fake core's parser and every view of modsdk/message.hpp
// (headers by name and type, R-URI, From/To, CSeq, first Via, Content-Length, Max-Forwards, the Contact
// list, the body's parts, Expires, Route / Record-Route / Path, PAI / PPI, RPID, option tags, Allow, Event,
// Privacy) and a few edits rendered. Checked: no crash or overrun (ASan+UBSan), every view
// lies inside the message text, q values stay in 0 - 1000, parsing twice gives the same list.
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/message.hpp>

#include "common.hpp"

namespace {
std::string_view text_of;  // the message text of the current input

void inside(std::string_view v, const char* what) {
  if (v.empty()) return;
  const bool ok = v.data() >= text_of.data() && v.data() + v.size() <= text_of.data() + text_of.size();
  fuzz::require(ok, what, text_of);
}

template <class L>
std::size_t hops_inside(const L& l) {
  std::size_t n = 0;
  for (modsdk::route_hop h : l) {
    ++n;
    inside(h.uri_text(), "route URI outside the message");
    inside(h.display(), "route name outside the message");
    for (modsdk::uri_param p : h.params()) {
      inside(p.name, "route param name outside the message");
      inside(p.value, "route param value outside the message");
    }
    (void)h.loose_routing();
  }
  return n;
}

// Expires, Route / Record-Route / Path, PAI / PPI, RPID, option tags, Allow, Event, Privacy: inside the
// message, and the same when asked twice (the core's result kept in the header).
void read_parsed_headers(const modsdk::message& msg) {
  if (auto e = msg.expires()) fuzz::require(msg.expires() == e, "a second expires() differs", text_of);
  for (auto r : {msg.routes(), msg.record_routes(), msg.path()})
    if (r) fuzz::require(hops_inside(*r) == r->size(), "route hops counted twice differ", text_of);
  for (auto ids : {msg.asserted_identities(), msg.preferred_identities()})
    if (ids)
      for (modsdk::name_addr a : *ids) inside(a.uri_text(), "identity URI outside the message");
  if (auto r = msg.remote_party_id()) inside(r->uri_text(), "RPID URI outside the message");
  for (auto t : {msg.supported(), msg.required(), msg.proxy_required(), msg.unsupported()})
    if (t)
      for (std::string_view tag : *t) inside(tag, "option tag outside the message");
  if (auto a = msg.allow()) fuzz::require(msg.allow() && msg.allow()->bits() == a->bits(), "allow() differs", text_of);
  if (auto e = msg.event()) {
    inside(e->package(), "event package outside the message");
    for (modsdk::uri_param p : e->params()) inside(p.value, "event param outside the message");
  }
  if (auto p = msg.privacy()) fuzz::require(p->bits() != 0 && p->bits() < 128, "privacy bits out of range", text_of);
}

void check_uri(const modsdk::uri& u) {
  inside(u.user(), "uri user outside the message");
  inside(u.host(), "uri host outside the message");
  inside(u.params_text(), "uri params outside the message");
  for (modsdk::uri_param p : u.params()) inside(p.name, "uri param outside the message");
}

void read_all(modsdk::message& msg) {
  for (modsdk::header_field h : msg.headers()) {
    inside(h.name, "header name outside the message");
    inside(h.value, "header value outside the message");
    (void)msg.headers(h.type).size();
    (void)msg.header(h.name);
  }
  if (auto f = msg.from()) {
    inside(f->uri_text(), "From URI outside the message");
    if (auto u = f->uri()) check_uri(*u);
    for (modsdk::uri_param p : f->params()) inside(p.value, "From param outside the message");
  }
  if (auto t = msg.to()) inside(t->tag(), "To tag outside the message");
  if (auto c = msg.cseq()) inside(c->method, "CSeq method outside the message");
  if (auto v = msg.first_via()) inside(v->host(), "Via host outside the message");
  (void)msg.content_length();
  (void)msg.max_forwards();
  if (auto cl = msg.contacts()) {
    (void)cl->star();
    std::size_t n = 0;
    for (modsdk::contact c : *cl) {
      ++n;
      inside(c.uri_text(), "contact URI outside the message");
      inside(c.display(), "contact name outside the message");
      if (auto q = c.q()) fuzz::require(*q >= 0 && *q <= 1000, "contact q outside 0 - 1000", text_of);
      (void)c.expires();
      for (modsdk::uri_param p : c.params()) {
        inside(p.name, "contact param name outside the message");
        inside(p.value, "contact param value outside the message");
      }
      if (auto u = c.uri()) check_uri(*u);
    }
    auto again = msg.contacts();
    fuzz::require(again && again->size() == n, "a second contacts() differs", text_of);
  }
  if (auto parts = msg.body_parts()) {
    inside(parts->boundary(), "boundary outside the message");
    std::size_t n = 0;
    for (modsdk::body_part p : *parts) {
      ++n;
      inside(p.content_type(), "part Content-Type outside the message");
      inside(p.headers(), "part headers outside the message");
      inside(p.body(), "part body outside the message");
    }
    auto again = msg.body_parts();
    fuzz::require(again && again->size() == n, "a second body_parts() differs", text_of);
    (void)parts->find("application/sdp");
  }
  read_parsed_headers(msg);
  if (auto req = msg.as_request()) {
    if (auto u = req->parsed_ruri()) check_uri(*u);
    (void)req->ruri_q();
    (void)req->is_branch_flag_set(0);
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  modsdk::testing::core().reset();
  const std::string input(reinterpret_cast<const char*>(data), size);
  try {
    auto raw = modsdk::testing::sip_message::parse(input);
    text_of = raw.text();
    modsdk::message msg{raw.raw()};
    read_all(msg);
    msg.add_header("X-Fuzz", "1");
    msg.remove_headers(modsdk::header_type::contact);
    (void)raw.rendered();
  } catch (const std::invalid_argument&) {
    // not a SIP first line, or a header line without ':' (the fake's parser refuses it whole)
  }
  modsdk::testing::core().clear_logs();
  return 0;
}
