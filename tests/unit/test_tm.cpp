// SPDX-License-Identifier: MIT
// modsdk/binds.hpp + modsdk/tm.hpp against the fake tm module: the dependency in the deps table, binding in
// mod_init (and the one line when tm is not loaded), stateful replies and relays, transaction identity and
// lookup, and transaction callbacks run in tm's order with their shm state freed by tm's release callback.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <modsdk/binds.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>
#include <modsdk/tm.hpp>

namespace abi = modsdk::abi;
namespace mtm = modsdk::tm;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::sip_message;
using modsdk::testing::tm_fired;
using modsdk::testing::tm_module;

namespace {
mtm::binding tmb;
mtm::binding unlisted;  // never in binds(...)

std::vector<std::string> seen;

struct attempt {
  int n;
  char tag[8];
};
void on_event(const mtm::transaction_event& e, attempt& a) {
  ++a.n;
  std::string what = std::to_string(static_cast<int>(e.type())) + ":" + std::to_string(e.code()) + ":" + a.tag + ":" +
                     std::to_string(a.n);
  if (e.reply_is_local()) what += ":local";
  if (auto r = e.request()) what += ":" + std::string(r->method());
  seen.push_back(what);
}
void on_plain(const mtm::transaction_event& e) { seen.push_back("plain:" + std::to_string(e.code())); }
void on_throw(const mtm::transaction_event&) { throw std::runtime_error("callback broke"); }

int answer(modsdk::message& msg) {
  if (tmb.newtran(msg) != mtm::newtran_result::created) return -1;
  if (!tmb.on<on_event>(msg, mtm::event::response_out | mtm::event::trans_deleted, attempt{0, "ans"})) return -2;
  return tmb.reply(msg, 200, "OK") ? 1 : -3;
}
int relay_it(modsdk::message& msg) {
  // registered before the transaction exists: tm attaches it to the one relay creates
  if (!tmb.on<on_event>(msg, mtm::event::response_in | mtm::event::on_failure | mtm::event::response_out,
                        attempt{0, "rel"}))
    return -2;
  if (!tmb.on<on_throw>(msg, mtm::event::response_in)) return -2;
  if (!tmb.on<on_plain>(msg, mtm::event::response_in)) return -2;
  return tmb.relay(msg) ? 1 : -1;
}
int lookup(modsdk::message& msg) {
  switch (tmb.check(msg)) {
    case mtm::check_result::found:
      return 1;
    case mtm::check_result::retransmission:
      return 2;
    case mtm::check_result::e2e_ack:
      return 3;
    case mtm::check_result::not_found:
      return 4;
  }
  return -1;
}
int newtran(modsdk::message& msg) {
  switch (tmb.newtran(msg)) {
    case mtm::newtran_result::created:
      return 1;
    case mtm::newtran_result::retransmission:
      return 2;
    case mtm::newtran_result::failed:
      return 3;
  }
  return -1;
}
// ---- the transaction view, lookup by identity, replies with a body ----
std::vector<std::string> views;
int inspect(modsdk::message& msg) {
  if (tmb.newtran(msg) != mtm::newtran_result::created) return -1;
  auto t = tmb.current_transaction();
  if (!t) return -2;
  views.push_back(std::string(t->method()) + "|" + std::string(t->ruri()) + "|" + std::string(t->from()) + "|" +
                  std::string(t->to()) + "|" + std::string(t->call_id()) + "|" + std::string(t->cseq()) + "|" +
                  std::to_string(t->status()) + "|" + (t->is_local() ? "local" : "proxied") + "|" +
                  (t->is_invite() ? "invite" : "other") + "|" + (t->request() ? "req" : "noreq"));
  auto local = tmb.is_local(msg);
  if (!local || *local) return -3;
  const std::string tag(tmb.to_tag(msg));
  if (!tmb.reply_with_body(*t, 200, "OK", "v=0\r\n", "Content-Type: application/sdp\r\n", "")) return -4;
  views.push_back(tag + "|" + std::to_string(t->status()));
  return 1;
}
mtm::transaction_id remembered;
int remember(modsdk::message& msg) {
  if (tmb.newtran(msg) != mtm::newtran_result::created) return -1;
  auto id = tmb.current(msg);
  if (!id) return -2;
  remembered = *id;
  return 1;
}

// ---- requests sent from the module (t_request) ----
struct pending {
  int sent_at;
  char note[8];
};
void on_done(const mtm::completion& c) {
  std::string what = "done:" + std::to_string(c.code()) + (c.reply_is_local() ? ":local" : "") + ":" +
                     std::string(c.trans().method()) + ":" + std::string(c.trans().ruri());
  if (auto r = c.reply()) what += ":reply";
  seen.push_back(what);
}
void on_done_state(const mtm::completion& c, pending& p) {
  seen.push_back("state:" + std::to_string(c.code()) + ":" + std::to_string(p.sent_at) + ":" + p.note);
}
void on_done_throw(const mtm::completion&) { throw std::runtime_error("completion broke"); }
}  // namespace

MODSDK_DEFINE_MODULE(tm_mod, tm_user,
                     modsdk::functions(MODSDK_FN(answer), MODSDK_FN(relay_it), MODSDK_FN(lookup), MODSDK_FN(newtran),
                                       MODSDK_FN(inspect), MODSDK_FN(remember)),
                     modsdk::binds(tmb));
MODSDK_DEFINE_MODULE(tm_deps_mod, tm_and_deps, modsdk::deps(modsdk::needs("sl")), modsdk::binds(tmb));

namespace {
struct fresh {
  fresh() {
    core().reset();
    seen.clear();
  }
  ~fresh() { core().reset(); }
};
sip_message invite(const char* callid = "tm1") {
  return sip_message::parse(
      std::string("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
                  "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: ") +
      callid + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
}
std::string ev(mtm::event e, int code, const char* rest) {
  return std::to_string(static_cast<int>(e)) + ":" + std::to_string(code) + ":" + rest;
}
}  // namespace

TEST_CASE_METHOD(fresh, "binds(tm): tm is a silent dependency in the deps table, after modsdk::deps entries") {
  const auto* d = static_cast<const abi::dep_export<0>*>(tm_mod.deps);
  REQUIRE(d);
  CHECK(d->md[0].mod_type == abi::mod_type_default);
  CHECK(std::strcmp(d->md[0].mod_name, "tm") == 0);
  CHECK(d->md[0].type == abi::dep_silent);
  CHECK(d->md[1].mod_type == abi::mod_type_null);

  const auto* both = static_cast<const abi::dep_export<0>*>(tm_deps_mod.deps);
  CHECK(std::strcmp(both->md[0].mod_name, "tm") == 0);
  CHECK(std::strcmp(both->md[1].mod_name, "sl") == 0);
  CHECK(both->md[1].type == abi::dep_abort);
  CHECK(both->md[2].mod_type == abi::mod_type_null);
}

TEST_CASE_METHOD(fresh, "without tm loaded, mod_init fails with one line naming the loadmodule to add") {
  host h{tm_mod};
  CHECK_FALSE(h.init());
  CHECK(core().logged(abi::l_err, "needs the 'tm' module: add loadmodule \"tm.so\" to the script"));
  std::size_t lines = 0;
  for (const auto& l : core().logs())
    if (l.level <= abi::l_err && l.module != "core") ++lines;
  CHECK(lines == 1);  // then the core's own "failed to initialize module tm_user"
  CHECK(core().logged(abi::l_err, "failed to initialize module tm_user"));
}

TEST_CASE_METHOD(fresh, "a binding not listed in binds(...) refuses every call with a log line") {
  REQUIRE(core().load_module("tm"));
  auto msg = invite();
  modsdk::message m{msg.raw()};
  CHECK_FALSE(unlisted.bound());
  CHECK(unlisted.raw() == nullptr);
  CHECK(unlisted.newtran(m) == mtm::newtran_result::failed);
  CHECK_FALSE(unlisted.reply(m, 200, "OK"));
  CHECK_FALSE(unlisted.relay(m));
  CHECK(unlisted.check(m) == mtm::check_result::not_found);
  CHECK_FALSE(unlisted.current(m));
  CHECK_FALSE(unlisted.on<on_plain>(m, mtm::event::response_out));
  CHECK(core().logged(abi::l_err, "tm.reply: the tm API is not bound: list the binding in modsdk::binds(...)"));
  CHECK(tm_module().size() == 0);
}

TEST_CASE_METHOD(fresh, "newtran + reply: a stateful 200, RESPONSE_OUT with the shm state, freed on delete") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  REQUIRE(tmb.bound());
  leak_check lc;
  auto msg = invite();
  CHECK(h.call("answer", msg) == 1);
  REQUIRE(tm_module().size() == 1);
  REQUIRE(tm_module().replies().size() == 1);
  CHECK(tm_module().replies()[0].code == 200);
  CHECK(tm_module().replies()[0].reason == "OK");
  CHECK(seen == std::vector<std::string>{ev(mtm::event::response_out, 200, "ans:1:local:INVITE")});
  CHECK(core().shm_in_use() > 0);

  // the identity of the message's transaction
  auto id = tmb.current(modsdk::message{msg.raw()});
  REQUIRE(id);
  CHECK(id->hash_index == tm_module().transaction(0)->hash_index);
  CHECK(id->label == tm_module().transaction(0)->label);
  CHECK(h.call("lookup", msg) == 1);
  CHECK(h.call("newtran", msg) == 3);  // a transaction already exists for it

  REQUIRE(tm_module().remove(0));
  CHECK(seen.back() == ev(mtm::event::trans_deleted, 0, "ans:2"));
  CHECK(lc.clean());  // the state went back to shm through tm's release callback
}

TEST_CASE_METHOD(fresh, "relay: callbacks registered before the transaction run in tm's order") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  leak_check lc;
  auto msg = invite();
  CHECK(h.call("relay_it", msg) == 1);
  REQUIRE(tm_module().transaction(0));
  CHECK(tm_module().transaction(0)->relayed);
  CHECK(tm_module().transaction(0)->callbacks == 3);

  REQUIRE(tm_module().receive_reply(0, 180));
  REQUIRE(tm_module().receive_reply(0, 486));
  CHECK(seen == std::vector<std::string>{ev(mtm::event::response_in, 180, "rel:1:INVITE"), "plain:180",
                                         ev(mtm::event::response_out, 180, "rel:2:INVITE"),
                                         ev(mtm::event::response_in, 486, "rel:3:INVITE"), "plain:486",
                                         ev(mtm::event::on_failure, 486, "rel:4:INVITE"),
                                         ev(mtm::event::response_out, 486, "rel:5:INVITE")});
  // the throwing callback was contained and logged, the next one still ran
  CHECK(core().logged(abi::l_err, "a tm callback threw: callback broke"));
  CHECK_FALSE(tm_module().receive_reply(0, 200));  // completed
  const std::vector<tm_fired>& f = tm_module().fired();
  REQUIRE_FALSE(f.empty());
  CHECK(f.front() == tm_fired{0, abi::tmcb_response_in, 180});
  tm_module().remove_all();
  CHECK(lc.clean());
}

TEST_CASE_METHOD(fresh, "a timeout is ON_FAILURE 408 with tm's own reply, then the 408 goes upstream") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(h.call("relay_it", msg) == 1);
  REQUIRE(tm_module().timeout(0));
  CHECK(seen == std::vector<std::string>{ev(mtm::event::on_failure, 408, "rel:1:local:INVITE"),
                                         ev(mtm::event::response_out, 408, "rel:2:local:INVITE")});
  REQUIRE(tm_module().replies().size() == 1);
  CHECK(tm_module().replies()[0].code == 408);
}

TEST_CASE_METHOD(fresh, "a retransmission is absorbed by newtran and check; no transaction: current() is empty") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  auto first = invite("rtx");
  auto again = invite("rtx");
  auto other = invite("other");
  CHECK(h.call("lookup", other) == 4);
  CHECK_FALSE(tmb.current(modsdk::message{other.raw()}));
  CHECK(core().logged(abi::l_err, "no transaction found"));
  CHECK(h.call("newtran", first) == 1);
  CHECK(h.call("newtran", again) == 2);
  CHECK(h.call("lookup", again) == 2);
  CHECK(tm_module().retransmissions() == 2);
  CHECK(tm_module().size() == 1);
}

TEST_CASE_METHOD(fresh, "reply refuses status codes outside 100-699 before reaching tm") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK_FALSE(tmb.reply(modsdk::message{msg.raw()}, 99, "Low"));
  CHECK_FALSE(tmb.reply(modsdk::message{msg.raw()}, 700, "High"));
  CHECK(core().logged(abi::l_err, "status codes go from 100 to 699"));
  CHECK(tm_module().size() == 0);
}

TEST_CASE_METHOD(fresh, "current_transaction: a view of the cell; reply_with_body sends the body and headers") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  views.clear();
  auto msg = invite("view1");
  CHECK(h.call("inspect", msg) == 1);
  REQUIRE(views.size() == 2);
  CHECK(views[0] ==
        "INVITE|sip:bob@example.com|<sip:alice@example.com>;tag=a1|<sip:bob@example.com>|view1|1|0|proxied|"
        "invite|req");
  CHECK(views[1].starts_with("fake-totag-"));
  CHECK(views[1].ends_with("|200"));  // the view reads the status tm keeps after the reply
  REQUIRE(tm_module().replies().size() == 1);
  const auto& r = tm_module().replies()[0];
  CHECK(r.code == 200);
  CHECK(r.body == "v=0\r\n");
  CHECK(r.headers == "Content-Type: application/sdp\r\n");
  CHECK(r.to_tag.empty());
  // bad input is refused before tm
  auto t = tmb.current_transaction();
  REQUIRE(t);
  CHECK_FALSE(tmb.reply_with_body(*t, 700, "No", ""));
  CHECK_FALSE(tmb.reply_with_body(*t, 200, "OK", "x", "Content-Type: text/plain"));
  CHECK(core().logged(abi::l_err, "the headers must end in CRLF"));
  CHECK(tm_module().replies().size() == 1);
}

TEST_CASE_METHOD(fresh, "lookup: a transaction by its identity, referenced while the handle lives") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  auto msg = invite("look1");
  CHECK(h.call("remember", msg) == 1);
  {
    auto held = tmb.lookup(remembered);
    REQUIRE(held);
    CHECK(tm_module().transaction(0)->references == 1);
    CHECK(held->get().id() == remembered);
    CHECK(held->get().call_id() == "look1");
    {
      mtm::transaction_ref copy = *held;  // ref_cell
      CHECK(tm_module().transaction(0)->references == 2);
      mtm::transaction_ref moved = std::move(copy);
      CHECK(tm_module().transaction(0)->references == 2);
    }
    CHECK(tm_module().transaction(0)->references == 1);
    CHECK(tmb.reply_with_body(held->get(), 486, "Busy Here", "", "Retry-After: 30\r\n", "mytag"));
    CHECK(tm_module().replies().back().to_tag == "mytag");
  }
  CHECK(tm_module().transaction(0)->references == 0);  // unref_cell when the handle went
  CHECK_FALSE(tmb.lookup({remembered.hash_index, remembered.label + 1}));
  CHECK_FALSE(tmb.lookup({70000, 1}));
  CHECK(core().logged(abi::l_err, "invalid hash_index=70000"));
  tm_module().remove(0);
  CHECK_FALSE(tmb.lookup(remembered));
  CHECK_FALSE(tmb.is_local(modsdk::message{msg.raw()}));
}

TEST_CASE_METHOD(fresh, "request: tm gets what the spec says; the completion sees the final reply") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  leak_check lc;
  mtm::request_spec r{.method = "OPTIONS",
                      .ruri = "sip:probe@10.0.0.9:5080",
                      .to = "sip:probe@example.com",
                      .from = "sip:modsdk@example.com",
                      .headers = "Content-Type: text/plain\r\nX-Probe: 1\r\n",
                      .body = "hello",
                      .next_hop = "sip:10.0.0.1:5060"};
  REQUIRE(tmb.request<on_done>(r));
  REQUIRE(tm_module().requests().size() == 1);
  const auto& sent = tm_module().requests()[0];
  CHECK(sent.method == "OPTIONS");
  CHECK(sent.ruri == "sip:probe@10.0.0.9:5080");
  CHECK(sent.to == "sip:probe@example.com");
  CHECK(sent.from == "sip:modsdk@example.com");
  CHECK(sent.headers == "Content-Type: text/plain\r\nX-Probe: 1\r\n");
  CHECK(sent.body == "hello");
  CHECK(sent.next_hop == "sip:10.0.0.1:5060");
  CHECK(tm_module().transaction(sent.transaction)->local);
  CHECK(tm_module().receive_reply(sent.transaction, 100));  // provisional: not completed
  CHECK(seen.empty());
  auto ok = sip_message::parse(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:modsdk@example.com>;tag=x\r\n"
      "To: <sip:probe@example.com>;tag=y\r\nCall-ID: fake-callid-0\r\nCSeq: 1 OPTIONS\r\n\r\n");
  CHECK(tm_module().receive_reply(sent.transaction, 200, &ok));
  CHECK(seen == std::vector<std::string>{"done:200:OPTIONS:sip:probe@10.0.0.9:5080:reply"});
  CHECK(tm_module().transaction(sent.transaction)->final_code == 200);
  CHECK(tm_module().replies().empty());  // nothing goes upstream for a local transaction

  // with a state in shm, freed by tm's release; a timeout is tm's own 408
  REQUIRE(tmb.request<on_done_state>({.method = "MESSAGE", .to = "sip:x@example.com", .from = "sip:m@example.com"},
                                     pending{7, "st"}));
  CHECK(tm_module().requests().back().ruri == "sip:x@example.com");  // no R-URI: the To URI
  CHECK(tm_module().timeout(tm_module().requests().back().transaction));
  CHECK(seen.back() == "state:408:7:st");
  REQUIRE(tmb.request<on_done_throw>({.method = "OPTIONS", .to = "sip:x@example.com", .from = "sip:m@example.com"}));
  CHECK(tm_module().timeout(tm_module().requests().back().transaction));
  CHECK(core().logged(abi::l_err, "a request's completion callback threw: completion broke"));
  CHECK(tmb.request({.method = "NOTIFY", .to = "sip:x@example.com", .from = "sip:m@example.com"}));
  tm_module().remove_all();
  CHECK(lc.clean());
}

TEST_CASE_METHOD(fresh, "request: a spec tm cannot send is refused; a failed send frees the state") {
  REQUIRE(core().load_module("tm"));
  host h{tm_mod};
  REQUIRE(h.start());
  leak_check lc;
  CHECK_FALSE(tmb.request<on_done>({.method = "", .to = "sip:x@e.com", .from = "sip:m@e.com"}));
  CHECK(core().logged(abi::l_err, "the method is empty"));
  CHECK_FALSE(tmb.request<on_done>({.method = "OPTIONS", .to = "", .from = "sip:m@e.com"}));
  CHECK(core().logged(abi::l_err, "the To URI is empty"));
  CHECK_FALSE(
      tmb.request<on_done>({.method = "OPTIONS", .to = "sip:x@e.com", .from = "sip:m@e.com", .headers = "X: 1"}));
  CHECK(core().logged(abi::l_err, "the extra headers must end in CRLF"));
  CHECK_FALSE(tmb.request<on_done>({.method = "MESSAGE", .to = "sip:x@e.com", .from = "sip:m@e.com", .body = "hi"}));
  CHECK(core().logged(abi::l_err, "a body needs its Content-Type in the headers"));
  CHECK(tmb.request<on_done>(
      {.method = "MESSAGE", .to = "sip:x@e.com", .from = "sip:m@e.com", .headers = "c: text/plain\r\n", .body = "hi"}));
  CHECK(tm_module().requests().size() == 1);
  tm_module().fail_requests();
  CHECK_FALSE(
      tmb.request<on_done_state>({.method = "OPTIONS", .to = "sip:x@e.com", .from = "sip:m@e.com"}, pending{1, "f"}));
  CHECK(core().logged(abi::l_err, "tm could not send the OPTIONS request to sip:x@e.com"));
  tm_module().remove_all();
  CHECK(lc.clean());  // the state of the request tm did not send went back to shm
  CHECK_FALSE(unlisted.request<on_done>({.method = "OPTIONS", .to = "sip:x@e.com", .from = "sip:m@e.com"}));
  CHECK_FALSE(unlisted.current_transaction());
  CHECK_FALSE(unlisted.lookup({1, 1}));
}
