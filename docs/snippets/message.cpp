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
}  // namespace

MODSDK_MODULE(snippet_message,
              modsdk::functions(MODSDK_FN(inspect), MODSDK_FN(headers_report), MODSDK_FN(caller_is_local),
                                MODSDK_FN(route_to_voicemail), MODSDK_FN(log_status)));
