// SPDX-License-Identifier: MIT
// docs/howto/tm.md: binding tm, stateful replies and relays, transaction callbacks with per-transaction state, the
// transaction view, a reply with a body, a request sent from the module.
#include <modsdk/modsdk.hpp>

namespace {
// snippet: tm_binding
modsdk::tm::binding tm;  // at namespace scope; bound in mod_init
// snippet-end: tm_binding

// snippet: tm_callbacks
struct attempt {  // per transaction, copied into shm: trivially copyable
  unsigned label;
  int replies;
};
void on_reply(const modsdk::tm::transaction_event& e, attempt& a) {
  ++a.replies;
  if (e.type() == modsdk::tm::event::on_failure)
    modsdk::log::notice("transaction {} failed with {}{}", a.label, e.code(), e.reply_is_local() ? " (timeout)" : "");
}

bool forward(modsdk::message& msg) {
  if (tm.check(msg) != modsdk::tm::check_result::not_found) return false;  // a retransmission, or an ACK
  if (tm.newtran(msg) != modsdk::tm::newtran_result::created) return false;
  auto id = tm.current(msg);  // hash index and label, as $T_id shows them
  if (!id) return false;
  tm.on<on_reply>(msg, modsdk::tm::event::response_in | modsdk::tm::event::on_failure, attempt{id->label, 0});
  return tm.relay(msg);
}
// snippet-end: tm_callbacks

// snippet: tm_reply
bool answer(modsdk::message& msg) {
  return tm.reply(msg, 200, "OK");  // creates the transaction when there is none
}
// snippet-end: tm_reply

// snippet: tm_view
bool answer_with_body(modsdk::message& msg) {
  if (tm.newtran(msg) != modsdk::tm::newtran_result::created) return false;
  auto t = tm.current_transaction();  // tm's cell for this request (t_gett)
  if (!t) return false;
  modsdk::log::info("{} {} from {} (call {}, transaction {})", t->method(), t->ruri(), t->from(), t->call_id(),
                    t->id().label);
  return tm.reply_with_body(*t, 200, "OK", "pong\r\n", "Content-Type: text/plain\r\n");
}
// snippet-end: tm_view

// snippet: tm_request
struct ping {  // kept in shm until the completion runs (maybe in another process)
  int attempt;
};
void on_pong(const modsdk::tm::completion& c, ping& p) {
  modsdk::log::notice("OPTIONS #{} to {}: {}{}", p.attempt, c.trans().ruri(), c.code(),
                      c.reply_is_local() ? " (no reply: tm's own)" : "");
}
bool ping_peer(modsdk::message&) {
  return tm.request<on_pong>({.method = "OPTIONS",
                              .ruri = "sip:peer@192.0.2.10",
                              .to = "sip:peer@192.0.2.10",
                              .from = "sip:probe@192.0.2.1",
                              .headers = "X-Probe: 1\r\n"},
                             ping{1});
}
// snippet-end: tm_request
}  // namespace

// snippet: tm_module
MODSDK_MODULE(snippet_tm,
              modsdk::functions(MODSDK_FN(forward, modsdk::route::request), MODSDK_FN(answer, modsdk::route::request),
                                MODSDK_FN(answer_with_body, modsdk::route::request), MODSDK_FN(ping_peer)),
              modsdk::binds(tm));  // tm is initialised first; without tm.so the start fails, saying so
// snippet-end: tm_module
