// SPDX-License-Identifier: MIT
// docs/howto/events.md: a module that raises an event, and its test on the fake core.
#include <catch2/catch.hpp>

#include <string_view>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: events_module
namespace {
struct call_blocked {
  std::string_view caller;
  int code;
};
MODSDK_FIELDS(call_blocked, caller, code);  // the parameters' names, in order

constinit modsdk::event<call_blocked> blocked{"E_CALL_BLOCKED"};
constinit modsdk::event<> flushed{"E_CACHE_FLUSHED"};  // an event without parameters

bool block(modsdk::request& req, int code) {
  blocked.raise({req.from_uri(), code});  // any process, after mod_init
  return false;
}

MODSDK_DEFINE_MODULE(blocker_exports, blocker, modsdk::functions(MODSDK_FN(block)),
                     modsdk::events(blocked, flushed));  // published in mod_init
}  // namespace
// snippet-end: events_module

// snippet: events_test
TEST_CASE("an event carries the payload's fields as named parameters") {
  using modsdk::testing::core;
  using modsdk::testing::script_value;
  core().reset();
  modsdk::testing::host h{blocker_exports};
  REQUIRE(h.start());

  CHECK(blocked.raise({"sip:alice@example.com", 403}));
  REQUIRE(core().raised_events().size() == 1);
  const auto& e = core().raised_events()[0];
  CHECK(e.name == "E_CALL_BLOCKED");
  CHECK(*e.param("caller") == script_value{std::string("sip:alice@example.com")});
  CHECK(*e.param("code") == script_value{403});
}
// snippet-end: events_test
