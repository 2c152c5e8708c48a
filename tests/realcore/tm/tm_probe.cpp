// SPDX-License-Identifier: MIT
// tm_probe: a module that binds tm (modsdk::binds) for the real-core test "realcore: tm: ...". tm_answer()
// creates the transaction and replies statefully; tm_forward() relays it with callbacks registered before the
// transaction exists (to $du, or to the R-URI). Every callback logs one "tm_probe:" line, so the test reads tm's order
// from the log.
#include <modsdk/modsdk.hpp>

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
}  // namespace

MODSDK_MODULE(tm_probe,
              modsdk::functions(MODSDK_FN(tm_answer, modsdk::route::request),
                                MODSDK_FN(tm_forward, modsdk::route::request)),
              modsdk::binds(tm));
