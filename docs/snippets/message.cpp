// SPDX-License-Identifier: MIT
// docs/howto/message.md: reading (and rewriting) the SIP message a function runs on.
#include <modsdk/modsdk.hpp>

#include <string>

namespace {
// snippet: message_read
bool inspect(modsdk::message& msg) {
  modsdk::log::info("{} call {} from {} to {}", msg.is_request() ? "request" : "reply", msg.call_id(), msg.from_uri(),
                    msg.to_uri());
  if (auto ua = msg.header("User-Agent")) modsdk::log::info("User-Agent: {}", *ua);
  for (const auto& via : msg.headers("Via")) modsdk::log::debug("Via: {}", via.value);
  if (auto cseq = msg.cseq()) modsdk::log::debug("CSeq {} {}", cseq->number, cseq->method);
  return true;
}
// snippet-end: message_read

// snippet: message_headers
bool headers_report(modsdk::message& msg) {
  for (modsdk::header_field h : msg.headers())  // every line: name as written, value, the core's type id
    if (h.type == modsdk::header_type::other) modsdk::log::debug("extension header {}: {}", h.name, h.value);
  // by type id: the core splits headers only up to the first Max-Forwards
  if (auto mf = msg.header(modsdk::header_type::max_forwards)) modsdk::log::debug("Max-Forwards {}", *mf);
  // by name: case-insensitive, "Subject" also finds a compact "s:" (and "f" a long "From:")
  std::size_t subjects = msg.headers("Subject").size();
  return subjects <= 1 && !msg.has_header("X-Loop");
}
// snippet-end: message_headers

// snippet: message_parsed
bool caller_is_local(modsdk::request& req) {
  auto from = req.from();  // the core's parse_from_header(): nullopt when missing or malformed
  if (!from || from->tag().empty()) return false;
  auto from_uri = from->uri();    // the core's parse_uri()
  auto ruri = req.parsed_ruri();  // parse_sip_msg_uri(), cached by the core until the R-URI changes
  if (!from_uri || !ruri) return false;
  modsdk::log::debug("{} calls {} (port {}, transport '{}', lr {})", from->display(), ruri->user(), ruri->port_number(),
                     ruri->transport(), ruri->param("lr").has_value());
  return from_uri->host() == ruri->host();
}
// snippet-end: message_parsed

// snippet: message_request
bool route_to_voicemail(modsdk::request& req) {
  if (req.method() != "INVITE") return false;
  std::string target = "sip:vm-" + std::string(req.ruri_user()) + "@voicemail.example.com";
  return req.set_ruri(target);
}
bool log_status(modsdk::reply& rpl) {
  modsdk::log::info("{} {}", rpl.status(), rpl.reason());
  return true;
}
// snippet-end: message_request

// snippet: message_edit
bool tag_and_clean(modsdk::request& req) {
  bool ok = req.add_header("X-Proxied-By", "modsdk");  // after the last header
  req.remove_headers("X-Internal");                    // every one, any case
  if (auto pai = req.headers(modsdk::header_type::p_asserted_identity); !pai.empty())
    ok = req.replace_header_value(*pai.begin(), "<sip:anonymous@anonymous.invalid>") && ok;
  if (req.method_id() == modsdk::sip_method::message)
    ok = req.set_body("[filtered]", "text/plain") && ok;  // the core fixes Content-Length
  return ok;
}
bool refuse_busy(modsdk::request& req) {  // then, in the script: sl_send_reply(486, "Busy Here")
  return req.add_reply_header("Retry-After", "60") && req.set_reply_body("busy, retry later\r\n", "text/plain");
}
// snippet-end: message_edit

// snippet: message_state
bool mark_and_route(modsdk::request& req) {
  if (!req.is_flag_set(3)) req.set_flag(3);     // the script flag whose bit is 3 (see "Flags" below)
  return req.set_dst_uri("sip:10.0.0.7:5060");  // the next hop; reset_dst_uri() forgets it
}
// snippet-end: message_state

// snippet: message_contacts
bool log_bindings(modsdk::request& req) {
  auto contacts = req.contacts();  // nullopt: a Contact header is malformed (the core logged why)
  if (!contacts) return false;
  if (contacts->star()) modsdk::log::info("removing every binding");
  for (modsdk::contact c : *contacts)  // every contact of every Contact header, in message order
    modsdk::log::info("{} q={} expires={} instance={}", c.uri_text(), c.q().value_or(-1), c.expires().value_or(0),
                      c.param("+sip.instance").value_or(""));
  return true;
}
// snippet-end: message_contacts

// snippet: message_parts
bool find_sdp(modsdk::message& msg) {
  auto parts = msg.body_parts();  // nullopt: a malformed multipart body (the core logged why)
  if (!parts) return false;
  for (modsdk::body_part p : *parts) modsdk::log::debug("{}: {} bytes", p.content_type(), p.body().size());
  auto sdp = parts->find("application/sdp");  // media type, any case, parameters ignored
  return sdp && !sdp->body().empty();
}
// snippet-end: message_parts

// snippet: message_hdr_parsers
bool route_and_identity(modsdk::request& req) {
  auto routes = req.routes();  // every hop of every Route header (parse_rr); nullopt: one is malformed
  if (!routes) return false;
  if (!routes->empty() && !(*routes->begin()).loose_routing()) modsdk::log::info("strict router next");
  if (auto pai = req.asserted_identities(); pai && !pai->empty())  // the first PAI header's name-addrs
    modsdk::log::info("asserted {}", (*pai->begin()).uri_text());
  if (auto sup = req.supported(); sup && sup->has(modsdk::option_tag::timer))
    modsdk::log::info("session timer supported; expires {}", req.expires().value_or(0));
  auto allow = req.allow();  // the METHOD_* bits of every Allow header (parse_allow)
  return !allow || allow->contains(modsdk::sip_method::update);
}
// snippet-end: message_hdr_parsers

// snippet: message_branch_state
bool prefer_nat_branch(modsdk::request& req) {
  static const auto nat = modsdk::branch_flag_bit("NAT");  // the bit the cfg's setbflag(NAT) uses
  if (modsdk::route::current() == modsdk::route::failure) return false;
  if (nat && !req.set_branch_flag(*nat)) return false;  // on the R-URI's branch (0)
  return req.set_ruri_q(800) && req.force_send_socket("udp:127.0.0.1:5060");
}
// snippet-end: message_branch_state

// snippet: message_branches
bool reroute_branches(modsdk::request& req) {
  auto set = req.branches();  // the branches appended so far (0: the first appended one)
  for (modsdk::branch b : set) modsdk::log::debug("branch {}: {} q={}", b.index, b.uri, b.q.value_or(-1));
  for (std::size_t i = set.size(); i-- > 0;) {
    auto b = set.at(i);
    if (b && b->uri.find("@old.example.com") != std::string_view::npos && !set.remove(i)) return false;
  }
  if (set.empty()) return true;
  auto edge = modsdk::find_socket("udp:127.0.0.1:5060");  // a socket the core listens on (or its tag)
  return set.set_dst_uri(0, "sip:10.0.0.7:5060") && set.set_q(0, 900) && (!edge || set.set_socket(0, edge));
}
// snippet-end: message_branches

// snippet: message_sockets
bool log_sockets(modsdk::request& req) {
  if (auto in = req.received_socket())  // where the request arrived
    modsdk::log::info("in on {} ({} port {}, advertised as '{}')", in->text(), modsdk::protocol_name(in->proto()),
                      in->port(), in->advertised_name());
  if (auto spec = modsdk::parse_socket_spec("tcp:10.0.0.1:5070"))  // {sip_protocol::tcp, "10.0.0.1", 5070}
    if (auto s = modsdk::grep_socket(spec->host, spec->port, spec->proto)) req.set_send_socket(*s);
  if (auto out = req.send_socket()) modsdk::log::info("out via {}", out->text());
  return true;
}
// snippet-end: message_sockets
// snippet: message_more_hdrs
bool session_and_diversion(modsdk::request& req) {
  if (auto se = req.session_expires(); se && se->refresher() == modsdk::refresher::uas)  // parse_session_expires
    modsdk::log::info("refreshed by the UAS every {}s (Min-SE {})", se->interval(), req.min_se().value_or(90));
  if (auto divs = req.diversions())  // the first Diversion header's entries (parse_diversion_header)
    for (modsdk::diversion d : *divs) modsdk::log::info("diverted by {} ({})", d.uri_text(), d.reason().value_or("?"));
  if (auto to = req.refer_to()) modsdk::log::info("refer to {}", to->uri_text());  // requests only
  auto extra = modsdk::parse_params(req.header("X-Extra").value_or(""));           // any text: the core's parse_params
  auto methods = modsdk::parse_methods(req.header("X-Methods").value_or(""));      // any text: parse_methods
  return extra && extra->find("ok") && methods && !methods->contains(modsdk::sip_method::bye);
}
// snippet-end: message_more_hdrs
}  // namespace

MODSDK_MODULE(snippet_message,
              modsdk::functions(MODSDK_FN(inspect), MODSDK_FN(headers_report), MODSDK_FN(caller_is_local),
                                MODSDK_FN(route_to_voicemail), MODSDK_FN(log_status), MODSDK_FN(tag_and_clean),
                                MODSDK_FN(refuse_busy), MODSDK_FN(mark_and_route), MODSDK_FN(log_bindings),
                                MODSDK_FN(find_sdp), MODSDK_FN(prefer_nat_branch), MODSDK_FN(route_and_identity),
                                MODSDK_FN(reroute_branches), MODSDK_FN(log_sockets), MODSDK_FN(session_and_diversion)));
