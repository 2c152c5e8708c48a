// SPDX-License-Identifier: MIT
// docs/howto/replies.md: answering a request from module code.
#include <modsdk/modsdk.hpp>

#include <string_view>

namespace {
// snippet: replies_send
bool require_auth(modsdk::request& req) {
  if (req.header("Authorization")) return true;
  modsdk::send_reply(req, 403, "Forbidden");  // stateless, through sl
  return false;
}
bool busy(modsdk::request& req) {  // stateful when a transaction exists
  return modsdk::send_reply(req, 486, "Busy Here", modsdk::reply_via::signaling);
}
// snippet-end: replies_send
}  // namespace

// snippet: replies_module
MODSDK_MODULE(snippet_replies, modsdk::functions(MODSDK_FN(require_auth), MODSDK_FN(busy)),
              modsdk::deps(modsdk::needs("sl"), modsdk::needs("signaling")));  // the start fails without them
// snippet-end: replies_module
