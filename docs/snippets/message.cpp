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
              modsdk::functions(MODSDK_FN(inspect), MODSDK_FN(route_to_voicemail), MODSDK_FN(log_status)));
