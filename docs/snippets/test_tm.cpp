// SPDX-License-Identifier: MIT
// docs/howto/tm.md: driving the fake tm from a test.
#include <catch2/catch.hpp>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

#include <string>
#include <vector>

namespace {
modsdk::tm::binding tmb;
std::vector<int> codes;
void on_reply(const modsdk::tm::transaction_event& e) { codes.push_back(e.code()); }
bool forward(modsdk::message& msg) {
  return tmb.on<on_reply>(msg, modsdk::tm::event::response_in | modsdk::tm::event::on_failure) && tmb.relay(msg);
}
}  // namespace
MODSDK_DEFINE_MODULE(tm_doc_mod, tm_doc, modsdk::functions(MODSDK_FN(forward)), modsdk::binds(tmb));

// snippet: tm_testing
TEST_CASE("a relayed request that fails runs the callbacks in tm's order") {
  using namespace modsdk::testing;
  core().reset();
  REQUIRE(core().load_module("tm"));  // the fake tm: load_tm, transactions, callbacks
  host h{tm_doc_mod};
  REQUIRE(h.start());
  auto msg = sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n");
  REQUIRE(h.call("forward", msg) == 1);
  CHECK(tm_module().transaction(0)->relayed);
  tm_module().receive_reply(0, 180);  // RESPONSE_IN (then forwarded upstream)
  tm_module().receive_reply(0, 486);  // RESPONSE_IN, ON_FAILURE, then the 486 upstream
  CHECK(codes == std::vector<int>{180, 486, 486});
  leak_check lc;
  tm_module().remove(0);  // TRANS_DELETED, then tm's release callbacks
  CHECK(lc.clean());
}
// snippet-end: tm_testing
