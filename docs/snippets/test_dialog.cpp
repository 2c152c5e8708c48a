// SPDX-License-Identifier: MIT
// docs/howto/dialog.md: driving the fake dialog module from a test.
#include <catch2/catch.hpp>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

#include <string>
#include <vector>

namespace {
modsdk::dialog::binding dlgb;
modsdk::dialog::profile calls{dlgb, "calls"};
std::vector<std::string> seen;
void on_state(const modsdk::dialog::dialog_event& e) { seen.push_back(std::to_string(static_cast<int>(e.type()))); }
void new_call(const modsdk::dialog::dialog_event& e) {
  dlgb.on<on_state>(e.dialog(), modsdk::dialog::event::confirmed | modsdk::dialog::event::terminated);
  calls.set(e.dialog());
}
modsdk::dialog::on_created<new_call> created{dlgb};
}  // namespace
MODSDK_DEFINE_MODULE(dialog_doc_mod, dialog_doc, modsdk::binds(dlgb));

// snippet: dialog_testing
TEST_CASE("a call's dialog: created, confirmed, terminated, counted in its profile") {
  using namespace modsdk::testing;
  core().reset();
  REQUIRE(core().load_module("dialog"));  // the fake dialog module: load_dlg, dialogs, callbacks
  dialog_module().define_profile("calls", false);
  host h{dialog_doc_mod};
  REQUIRE(h.start());
  auto invite = sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n");
  auto n = dialog_module().create(invite);  // create_dialog(): the created callbacks run
  REQUIRE(n);
  CHECK(calls.count() == 1);
  dialog_module().confirm(*n, "b");  // a 200 with To tag b: CONFIRMED
  dialog_module().terminate(*n);     // a BYE: TERMINATED; the dialog leaves its profiles
  CHECK(seen == std::vector<std::string>{"8", "32"});
  CHECK(calls.count() == 0);
  leak_check lc;
  dialog_module().destroy(*n);  // DESTROY, then the dialog module frees every callback's state
  CHECK(lc.clean());
}
// snippet-end: dialog_testing
