// SPDX-License-Identifier: MIT
// tm_probe: a module that binds tm (modsdk::binds) for the real-core test "realcore: tm: ...". tm_answer()
// creates the transaction and replies statefully; tm_forward() relays it with callbacks registered before the
// transaction exists (to $du, or to the R-URI). Every callback logs one "tm_probe:" line, so the test reads tm's order
// from the log. tm_send() sends an OPTIONS from the module (t_request) to the URI in the request's X-Send-To
// header, with a completion callback that logs the final reply, then answers the request with a body through
// the transaction view (t_gett, t_lookup_ident, t_gen_totag, t_reply_with_body).
#include <modsdk/modsdk.hpp>

#include <string>
#include <string_view>

namespace {
modsdk::tm::binding tm;

struct probe_state {
  unsigned label;
  int calls;
};

const char* name_of(modsdk::tm::event e) {
  switch (e) {
    case modsdk::tm::event::response_in:
      return "response_in";
    case modsdk::tm::event::on_failure:
      return "on_failure";
    case modsdk::tm::event::response_out:
      return "response_out";
    case modsdk::tm::event::trans_deleted:
      return "trans_deleted";
    default:
      return "other";
  }
}

void on_event(const modsdk::tm::transaction_event& e, probe_state& s) {
  ++s.calls;
  std::string_view server;  // the Server header of a reply received from downstream
  if (auto r = e.reply())
    if (auto v = r->header("Server")) server = *v;
  modsdk::log::notice("tm_probe: {} code {} label {} call {}{}{}{}", name_of(e.type()), e.code(), s.label, s.calls,
                      e.reply_is_local() ? " (local reply)" : "", server.empty() ? "" : " from ", server);
}

bool tm_answer(modsdk::message& msg) {
  if (tm.newtran(msg) != modsdk::tm::newtran_result::created) return false;
  auto id = tm.current(msg);
  if (!id) return false;
  modsdk::log::notice("tm_probe: transaction {}:{} created", id->hash_index, id->label);
  if (!tm.on<on_event>(msg, modsdk::tm::event::response_out | modsdk::tm::event::trans_deleted,
                       probe_state{id->label, 0}))
    return false;
  return tm.reply(msg, 200, "Stateful OK");
}

bool tm_forward(modsdk::message& msg) {
  if (!tm.on<on_event>(msg,
                       modsdk::tm::event::response_in | modsdk::tm::event::on_failure |
                           modsdk::tm::event::response_out | modsdk::tm::event::trans_deleted,
                       probe_state{0, 0}))
    return false;
  return tm.relay(msg);
}
struct sent_state {
  int marker;
};
void on_completed(const modsdk::tm::completion& c, sent_state& s) {
  std::string_view server;
  if (auto r = c.reply())
    if (auto v = r->header("Server")) server = *v;
  modsdk::log::notice("tm_probe: completion code {}{} state {} method {} ruri {} to {} local {}{}{}", c.code(),
                      c.reply_is_local() ? " (local reply)" : "", s.marker, c.trans().method(), c.trans().ruri(),
                      c.trans().to(), c.trans().is_local() ? "yes" : "no", server.empty() ? "" : " from ", server);
}

bool tm_send(modsdk::message& msg) {
  auto target = msg.header("X-Send-To");
  if (!target) return false;
  const bool sent = tm.request<on_completed>({.method = "OPTIONS",
                                              .ruri = *target,
                                              .to = *target,
                                              .from = "sip:tm_probe@127.0.0.1",
                                              .headers = "Content-Type: text/plain\r\nX-Probe: uac\r\n",
                                              .body = "ping"},
                                             sent_state{42});
  if (tm.newtran(msg) != modsdk::tm::newtran_result::created) return false;
  auto t = tm.current_transaction();
  if (!t) return false;
  auto held = tm.lookup(t->id());
  modsdk::log::notice("tm_probe: view method {} ruri {} call-id {} cseq {} local {} lookup {} from {}", t->method(),
                      t->ruri(), t->call_id(), t->cseq(), t->is_local() ? "yes" : "no",
                      held && held->get().id() == t->id() ? "same" : "none", t->from());
  const std::string tag(tm.to_tag(msg));
  const std::string headers = "Content-Type: text/plain\r\nX-To-Tag: " + tag + "\r\n";
  return tm.reply_with_body(*t, 200, "Sent", sent ? "sent" : "not sent", headers);
}
}  // namespace

MODSDK_MODULE(tm_probe,
              modsdk::functions(MODSDK_FN(tm_answer, modsdk::route::request),
                                MODSDK_FN(tm_forward, modsdk::route::request),
                                MODSDK_FN(tm_send, modsdk::route::request)),
              modsdk::binds(tm));
