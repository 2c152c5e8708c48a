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

MODSDK_MODULE(snippet_message, modsdk::functions(MODSDK_FN(inspect), MODSDK_FN(headers_report),
                                                 MODSDK_FN(route_to_voicemail), MODSDK_FN(log_status)));
