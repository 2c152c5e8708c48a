// SPDX-License-Identifier: MIT
// The script services (modsdk/context.hpp, modsdk/script_callbacks.hpp, modsdk/script_routes.hpp): context
// slots registered in mod_init, their values per message and the objects the core destroys when the message
// is done; script callbacks before/after the script deciding whether it runs; named routes looked up at
// startup (a missing one fails the start, naming it) and run from C++ with their return value.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <modsdk/context.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/script_callbacks.hpp>
#include <modsdk/script_routes.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

namespace {
std::vector<std::string> trail;

struct call_note {
  call_note(std::string w, int s) : who(std::move(w)), score(s) {}
  call_note(const call_note&) = delete;
  call_note& operator=(const call_note&) = delete;
  ~call_note() { trail.push_back("destroyed " + who); }
  std::string who;
  int score;
};

constinit modsdk::context_slot<int> hops;
constinit modsdk::context_slot<std::string_view> caller;
constinit modsdk::context_slot<call_note> note;
constinit modsdk::context_slot<int> unlisted;

modsdk::script_verdict screen(modsdk::request& req) {
  trail.push_back("before " + std::string(req.method()) + " hops=" + std::to_string(hops.get()));
  hops.put(1);
  caller.put(req.from_uri());
  note.emplace("alice", 1);
  if (req.method() == "PUBLISH") return modsdk::script_verdict::drop;
  if (req.method() == "MESSAGE") return modsdk::script_verdict::skip_script;
  return modsdk::script_verdict::run;
}
void account(modsdk::message&) {
  const call_note* n = note.get();
  trail.push_back("after hops=" + std::to_string(hops.get()) + " caller=" + std::string(caller.get()) +
                  " score=" + std::to_string(n ? n->score : -1));
}
bool reply_gate(modsdk::reply& rpl) {
  trail.push_back("reply " + std::to_string(rpl.status()));
  return rpl.status() != 503;
}
void late(modsdk::request&) { trail.push_back("late (priority 5)"); }
void throws(modsdk::request&) { throw std::runtime_error("callback boom"); }

// a script function reading and changing the slots in the middle of the script
bool bump(modsdk::request&) {
  hops.put(hops.get() + 1);
  if (call_note* n = note.get()) n->score += 10;
  return unlisted.get() == 0;
}

constinit modsdk::script_route screening{"screening"};
constinit modsdk::script_route audit{"audit"};
constinit modsdk::script_route unlisted_route{"not_in_cfg"};
int run_screening(modsdk::request& req) { return screening.run(req); }
int run_unlisted(modsdk::request& req) { return unlisted_route.run(req); }

sip_message request(std::string_view method) {
  return sip_message::parse(std::string(method) + " sip:bob@example.com SIP/2.0\r\n" +
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
                            "From: <sip:alice@example.com>;tag=a1\r\n"
                            "To: <sip:bob@example.com>\r\n"
                            "Call-ID: script-1\r\n"
                            "CSeq: 1 " +
                            std::string(method) + "\r\nContent-Length: 0\r\n\r\n");
}
sip_message reply(int code) {
  return sip_message::parse("SIP/2.0 " + std::to_string(code) +
                            " Whatever\r\n"
                            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
                            "From: <sip:alice@example.com>;tag=a1\r\n"
                            "To: <sip:bob@example.com>;tag=b1\r\n"
                            "Call-ID: script-1\r\n"
                            "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
}
struct fresh {
  fresh() {
    core().reset();
    trail.clear();
  }
};
}  // namespace

MODSDK_DEFINE_MODULE(script_mod, script_test, modsdk::functions(MODSDK_FN(bump), MODSDK_FN(run_screening)),
                     modsdk::context_slots(hops, caller, note),
                     modsdk::script_callbacks(modsdk::before_request<screen>{}, modsdk::after_request<account>{},
                                              modsdk::before_reply<reply_gate>{}, modsdk::after_request<late>{5}));

MODSDK_DEFINE_MODULE(throwing_mod, script_throwing,
                     modsdk::script_callbacks(modsdk::before_request<throws>{}, modsdk::after_request<throws>{}));

MODSDK_DEFINE_MODULE(route_mod, script_routes_test,
                     modsdk::functions(MODSDK_FN(run_screening), MODSDK_FN(run_unlisted)),
                     modsdk::script_routes(screening, audit));

TEST_CASE_METHOD(fresh, "context slots: one value per message, the object destroyed when the message is done") {
  host h{script_mod};
  REQUIRE(h.start());
  CHECK(hops.position() >= 0);
  CHECK(note.position() >= 0);
  CHECK(unlisted.position() < 0);
  auto msg = request("INVITE");
  modsdk::testing::leak_check lc;
  const auto r = core().run_script(msg, [&](modsdk::abi::sip_msg*) {
    trail.push_back("script");
    CHECK(h.call("bump", msg, {}) == 1);
    CHECK(hops.get() == 2);
    return 1;
  });
  CHECK(r.script_ran);
  CHECK(r.after_ran);
  CHECK_FALSE(r.dropped);
  // the post-script callback with the highest priority first; the object is destroyed after it
  CHECK(trail == std::vector<std::string>{"before INVITE hops=0", "script", "late (priority 5)",
                                          "after hops=2 caller=sip:alice@example.com score=11", "destroyed alice"});
  CHECK(lc.clean());
  // a second message starts with empty slots
  trail.clear();
  auto second = request("OPTIONS");
  core().run_script(second);
  CHECK(trail.front() == "before OPTIONS hops=0");
  CHECK_FALSE(core().in_message());
}

TEST_CASE_METHOD(fresh, "context slots: outside a message there is nothing to read and put fails (logged)") {
  host h{script_mod};
  REQUIRE(h.start());
  CHECK(hops.get() == 0);
  CHECK_FALSE(hops.put(3));
  CHECK(note.get() == nullptr);
  CHECK(note.emplace("bob", 2) == nullptr);
  CHECK(core().logged("context_slot::put: no message is being processed here"));
  core().clear_logs();
  auto msg = request("INVITE");
  core().run_script(msg, [&](modsdk::abi::sip_msg*) {
    CHECK(unlisted.get() == 0);
    CHECK_FALSE(unlisted.put(1));
    return 1;
  });
  CHECK(core().logged("the slot is not registered (list it in modsdk::context_slots(...))"));
}

TEST_CASE_METHOD(fresh, "script callbacks: the verdict before the script decides what runs") {
  host h{script_mod};
  REQUIRE(h.start());
  auto publish = request("PUBLISH");
  auto r = core().run_script(publish, [](modsdk::abi::sip_msg*) { return 1; });
  CHECK(r.dropped);
  CHECK_FALSE(r.script_ran);
  CHECK_FALSE(r.after_ran);
  CHECK(trail == std::vector<std::string>{"before PUBLISH hops=0", "destroyed alice"});

  trail.clear();
  auto message = request("MESSAGE");
  r = core().run_script(message, [](modsdk::abi::sip_msg*) { return 1; });
  CHECK_FALSE(r.script_ran);
  CHECK(r.after_ran);

  // replies: the reply callbacks only; false drops the reply
  trail.clear();
  auto ok = reply(200);
  r = core().run_script(ok, [](modsdk::abi::sip_msg*) { return 1; });
  CHECK(r.script_ran);
  CHECK(trail == std::vector<std::string>{"reply 200"});
  auto busy = reply(503);
  CHECK(core().run_script(busy, [](modsdk::abi::sip_msg*) { return 1; }).dropped);
}

TEST_CASE_METHOD(fresh, "script callbacks: an exception is logged, the script still runs") {
  host h{throwing_mod};
  REQUIRE(h.start());
  auto msg = request("INVITE");
  const auto r = core().run_script(msg, [](modsdk::abi::sip_msg*) { return 1; });
  CHECK(r.script_ran);
  CHECK(r.after_ran);
  CHECK(core().logged("a script callback failed: exception: callback boom"));
}

TEST_CASE_METHOD(fresh, "script routes: looked up in mod_init, run with the message, their return read back") {
  core().define_route("screening", [](modsdk::abi::sip_msg* m) {
    trail.push_back("route screening, stack top " + core().route_stack().back());
    return modsdk::message(m).method() == "INVITE" ? 2 : -3;
  });
  core().define_route("audit", [](modsdk::abi::sip_msg*) { return 1; });
  host h{route_mod};
  REQUIRE(h.start());
  CHECK(screening.defined());
  auto invite = request("INVITE");
  auto bye = request("BYE");
  CHECK(h.call("run_screening", invite, {}) == 2);
  CHECK(h.call("run_screening", bye, {}) == -3);
  CHECK(trail ==
        std::vector<std::string>{"route screening, stack top screening", "route screening, stack top screening"});
  CHECK(core().route_stack().empty());
  // a handle not listed is looked up on its first run: the cfg has no such route
  CHECK(h.call("run_unlisted", invite, {}) == -1);
  CHECK(core().logged("route \"not_in_cfg\" is not defined in the script (route[not_in_cfg] { ... })"));
  CHECK_FALSE(unlisted_route.defined());
}

TEST_CASE_METHOD(fresh, "script routes: a route missing from the cfg fails the start, naming it") {
  core().define_route("screening", [](modsdk::abi::sip_msg*) { return 1; });
  host h{route_mod};
  CHECK_FALSE(h.start());
  CHECK(core().logged("route \"audit\" is not defined in the script (route[audit] { ... })"));
  CHECK_FALSE(core().logged("route \"screening\" is not defined"));
}

TEST_CASE_METHOD(fresh, "script routes: a route redefined after a reset is found again") {
  core().define_route("other", [](modsdk::abi::sip_msg*) { return 7; });
  core().define_route("audit", [](modsdk::abi::sip_msg*) { return 8; });
  core().define_route("screening", [](modsdk::abi::sip_msg*) { return 9; });
  host h{route_mod};
  REQUIRE(h.start());
  auto msg = request("INVITE");
  CHECK(h.call("run_screening", msg, {}) == 9);
}
