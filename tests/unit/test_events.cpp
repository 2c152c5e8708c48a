// SPDX-License-Identifier: MIT
// Events (modsdk/events.hpp): publication in mod_init with the core's checks, raising with a Boost.PFR
// payload as named int/string parameters, the no-subscriber shortcut, pkg accounting of the parameter list,
// and the reference's "Exported Events".
#include <catch2/catch.hpp>

#include <climits>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include <modsdk/events.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/reference.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::script_value;

namespace {
enum class reason : short { blacklist = 1, rate = 2 };

struct call_blocked {
  std::string_view caller;
  int code;
  reason why;
  bool retry;
  const char* note;
  std::string detail;
};
MODSDK_FIELDS(call_blocked, caller, code, why, retry, note, detail);

constinit modsdk::event<call_blocked> blocked{"E_CALL_BLOCKED"};
constinit modsdk::event<> flushed{"E_CACHE_FLUSHED"};
constinit modsdk::event<> never_listed{"E_NOT_LISTED"};

bool block(modsdk::request& req, int code) {
  return blocked.raise({req.from_uri(), code, reason::rate, false, nullptr, "from script"});
}
}  // namespace

MODSDK_DEFINE_MODULE(event_mod, events_test, modsdk::functions(MODSDK_FN(block)), modsdk::events(blocked, flushed));

// The same event name published by a second module: the core returns the first id, with a warning.
constinit modsdk::event<> flushed_again{"E_CACHE_FLUSHED"};
MODSDK_DEFINE_MODULE(dup_mod, events_dup, modsdk::events(flushed_again));

TEST_CASE("events: published in mod_init, each with its id") {
  core().reset();
  host h{event_mod};
  CHECK(core().published_events().empty());
  REQUIRE(h.start());
  CHECK(core().published_events() == std::vector<std::string>{"E_CALL_BLOCKED", "E_CACHE_FLUSHED"});
  CHECK(blocked.id() == 0);
  CHECK(flushed.id() == 1);
  CHECK(core().logged(modsdk::abi::l_info, "Registered event <E_CALL_BLOCKED(0)>"));
  host d{dup_mod};
  REQUIRE(d.start());
  CHECK(flushed_again.id() == 1);
  CHECK(core().logged(modsdk::abi::l_warn, "Event \"E_CACHE_FLUSHED\" was previously published"));
}

TEST_CASE("events: a payload's fields become the named parameters, in order") {
  core().reset();
  host h{event_mod};
  REQUIRE(h.start());
  leak_check lc;
  CHECK(blocked.raise({"sip:alice@a.example", 403, reason::blacklist, true, "listed", "since 2024"}));
  REQUIRE(core().raised_events().size() == 1);
  const auto& e = core().raised_events()[0];
  CHECK(e.name == "E_CALL_BLOCKED");
  REQUIRE(e.params.size() == 6);
  CHECK(e.params[0] == std::pair<std::string, script_value>{"caller", std::string("sip:alice@a.example")});
  CHECK(e.params[1] == std::pair<std::string, script_value>{"code", 403});
  CHECK(*e.param("why") == script_value{1});
  CHECK(*e.param("retry") == script_value{1});
  CHECK(*e.param("note") == script_value{std::string("listed")});
  CHECK(*e.param("detail") == script_value{std::string("since 2024")});
  CHECK(e.param("missing") == nullptr);
  CHECK(lc.clean());  // the core freed the list evi_get_params made
}

TEST_CASE("events: raised from a script function, with a null const char* as an empty string") {
  core().reset();
  host h{event_mod};
  REQUIRE(h.start());
  auto msg = modsdk::testing::sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: call-1\r\n"
      "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  CHECK(h.call("block", msg, {modsdk::testing::lit(486)}) == 1);
  REQUIRE(core().raised_events().size() == 1);
  const auto& e = core().raised_events()[0];
  CHECK(*e.param("code") == script_value{486});
  CHECK(*e.param("why") == script_value{2});
  CHECK(*e.param("note") == script_value{std::string()});
  CHECK(*e.param("caller") == script_value{std::string("sip:alice@example.com")});
}

TEST_CASE("events: an event without parameters") {
  core().reset();
  host h{event_mod};
  REQUIRE(h.start());
  CHECK(flushed.raise());
  REQUIRE(core().raised_events().size() == 1);
  CHECK(core().raised_events()[0].name == "E_CACHE_FLUSHED");
  CHECK(core().raised_events()[0].params.empty());
}

TEST_CASE("events: nobody subscribed: nothing is built or raised, and that is success") {
  core().reset();
  host h{event_mod};
  REQUIRE(h.start());
  core().set_event_subscribed("E_CALL_BLOCKED", false);
  const auto before = core().alloc_seq();
  CHECK(blocked.raise({"x", 1, reason::rate, false, "", ""}));
  CHECK(core().raised_events().empty());
  CHECK(core().alloc_seq() == before);  // no parameter list was allocated
  core().set_event_subscribed("E_CALL_BLOCKED", true);
  CHECK(blocked.raise({"x", 1, reason::rate, false, "", ""}));
  CHECK(core().raised_events().size() == 1);
}

TEST_CASE("events: a string over the core's int length is refused, the list freed") {
  core().reset();
  host h{event_mod};
  REQUIRE(h.start());
  leak_check lc;
  static const char byte = 'x';
  // never read: the length is checked before anything is handed to the core
  const std::string_view huge(&byte, static_cast<std::size_t>(INT_MAX) + 1);
  CHECK(!blocked.raise({huge, 1, reason::rate, false, "", ""}));
  CHECK(core().raised_events().empty());
  CHECK(core().logged(modsdk::abi::l_err, "parameter \"caller\" is 2147483648 bytes, over the core's limit"));
  CHECK(lc.clean());
}

TEST_CASE("events: raising an event the module never published fails, logged") {
  core().reset();
  CHECK(!never_listed.raise());
  CHECK(core().logged(modsdk::abi::l_err,
                      "event \"E_NOT_LISTED\" raised, but it was not published: list it in "
                      "modsdk::events(...)"));
  CHECK(core().raised_events().empty());
}

TEST_CASE("events: the reference lists each event with its parameters") {
  const auto r = MODSDK_MODULE_REFERENCE(event_mod);
  REQUIRE(r.events.size() == 2);
  CHECK(r.events[0].name == "E_CALL_BLOCKED");
  REQUIRE(r.events[0].params.size() == 6);
  CHECK(r.events[0].params[0].name == "caller");
  CHECK(r.events[0].params[0].type == "string");
  CHECK(r.events[0].params[1].type == "int");
  CHECK(r.events[0].params[2].type == "int");  // an enum
  CHECK(r.events[1].params.empty());
  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("## Exported Events\n\n### E_CALL_BLOCKED\n\nParameters:\n\n- *caller* (string)\n"
                                 "- *code* (int)\n"));
  CHECK_THAT(md, Catch::Contains("event_route[E_CALL_BLOCKED] {\n    xlog(\"E_CALL_BLOCKED caller=$param(caller) "
                                 "code=$param(code)"));
  CHECK_THAT(r.json(), Catch::Contains("\"events\": [\n    {\"name\": \"E_CALL_BLOCKED\", \"params\": [{\"name\": "
                                       "\"caller\", \"type\": \"string\"}, "));
}

// ---- the name check, as the core and the cfg parser do it -----------------------------------------------
static_assert(modsdk::detail::valid_event_name("E_CALL_BLOCKED"));
static_assert(modsdk::detail::valid_event_name("e1"));
static_assert(!modsdk::detail::valid_event_name(""));
static_assert(!modsdk::detail::valid_event_name("1E"));
static_assert(!modsdk::detail::valid_event_name("E-DASH"));
static_assert(!modsdk::detail::valid_event_name("E.DOT"));
static_assert(modsdk::detail::valid_event_name(
    std::string_view("E_23456789012345678901234567890123456789012345678901234567890123", 64)));
static_assert(!modsdk::detail::valid_event_name("E_234567890123456789012345678901234567890123456789012345678901234"));
static_assert(modsdk::detail::event_int_like<int>() && modsdk::detail::event_int_like<bool>() &&
              modsdk::detail::event_int_like<reason>() && !modsdk::detail::event_int_like<long>() &&
              !modsdk::detail::event_int_like<unsigned>() && !modsdk::detail::event_int_like<double>());
