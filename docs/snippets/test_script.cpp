// SPDX-License-Identifier: MIT
// docs/howto/script.md: a module using the script services (a transformation, context slots, script
// callbacks, a cfg route run from C++), and its test on the fake core.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: script_module
namespace {
// {acct.mask,4}: all but the last 4 characters replaced by '*'
std::string mask(std::string_view in, int keep) {
  const std::size_t k = keep < 0 ? 0 : std::min(in.size(), static_cast<std::size_t>(keep));
  return std::string(in.size() - k, '*') + std::string(in.substr(in.size() - k));
}
// {acct.bound,0} or {acct.bound,0,100}: an int kept within bounds (the upper one optional)
int bound(int in, int lo, std::optional<int> hi) { return in < lo ? lo : hi && in > *hi ? *hi : in; }

struct call_record {  // one per message, destroyed by the core when the message is done
  call_record(std::string_view m, int c) : method(m), cost(c) {}
  std::string method;
  int cost;
};
constinit modsdk::context_slot<int> attempts;        // an int per message, 0 until put
constinit modsdk::context_slot<call_record> record;  // an object per message

modsdk::script_verdict on_request(modsdk::request& req) {  // before the request script
  record.emplace(req.method(), 0);
  return req.method() == "PUBLISH" ? modsdk::script_verdict::drop : modsdk::script_verdict::run;
}
void after_request(modsdk::request&) {  // after the request script: the slots are still there
  if (const call_record* r = record.get())
    modsdk::log::info("{} cost {} in {} attempt(s)", r->method, r->cost, attempts.get());
}

constinit modsdk::script_route rating{"rating"};  // route[rating] { ... return(5); } in the cfg
int rate(modsdk::request& req) {                  // a script function: rate();
  attempts.put(attempts.get() + 1);
  const int cost = rating.run(req);  // the route's return value
  if (call_record* r = record.get()) r->cost = cost;
  return cost > 0 ? 1 : -1;
}

MODSDK_DEFINE_MODULE(acct_exports, acct, modsdk::functions(MODSDK_FN(rate)),
                     modsdk::transformations("acct", modsdk::transformation<mask>{"mask"},
                                             modsdk::transformation<bound>{"bound"}),
                     modsdk::context_slots(attempts, record),
                     modsdk::script_callbacks(modsdk::before_request<on_request>{},
                                              modsdk::after_request<after_request>{}),
                     modsdk::script_routes(rating));
}  // namespace
// snippet-end: script_module

namespace {
modsdk::testing::sip_message invite() {
  return modsdk::testing::sip_message::parse(
      "INVITE sip:4412345678@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>\r\n"
      "Call-ID: acct-1\r\n"
      "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
}
}  // namespace

// snippet: script_test
TEST_CASE("a message through the callbacks, the script, a route and a transformation") {
  using modsdk::testing::core;
  using modsdk::testing::script_value;
  core().reset();
  core().define_route("rating", [](modsdk::abi::sip_msg*) { return 5; });  // route[rating] { return(5); }
  modsdk::testing::host h{acct_exports};
  REQUIRE(h.start());  // mod_init: slots and callbacks registered, route[rating] looked up

  auto msg = invite();
  const auto run = core().run_script(msg, [&](modsdk::abi::sip_msg*) {  // the cfg's main route
    CHECK(core().eval("$(rU{acct.mask,4})", msg) == script_value{std::string("******5678")});
    return h.call("rate", msg, {});
  });
  CHECK(run.script_ran);
  CHECK(run.rc == 1);
  CHECK(core().logged("INVITE cost 5 in 1 attempt(s)"));  // after the script, before the context is released
  CHECK_FALSE(core().parses("$(rU{acct.mask,four})"));    // what the core says at startup
  CHECK(core().logged("{acct.mask} parameter 1 is not an int: \"four\""));
}
// snippet-end: script_test
