// SPDX-License-Identifier: MIT
// docs/howto/pvars.md and docs/howto/avps.md: a module that exports pseudo-variables and shares AVPs with the
// script, and its tests on the fake core.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: pvars_module
namespace {
int active = 0;
std::map<std::string, std::string, std::less<>> greetings{{"en", "hello"}, {"fr", "bonjour"}};

int active_calls() { return active; }  // $active_calls

// $greeting(en): the key's name() is "en"; nullopt reads as NULL
std::optional<std::string_view> greeting(const modsdk::message&, const modsdk::pvar_key& key) {
  if (auto it = greetings.find(key.name()); it != greetings.end()) return it->second;
  return std::nullopt;
}
// $greeting(en) = "hi"; and $greeting(en) = NULL;
bool set_greeting(modsdk::message&, const modsdk::pvar_key& key, std::optional<std::string_view> v) {
  if (v)
    greetings[std::string(key.name())] = std::string(*v);
  else
    greetings.erase(std::string(key.name()));
  return true;
}
// checked at startup: $greeting(de) stops the cfg
bool known_language(std::string_view name) { return name == "en" || name == "fr"; }

MODSDK_DEFINE_MODULE(greeter_exports, greeter,
                     modsdk::pvars(modsdk::pvar<active_calls>{"active_calls"},
                                   modsdk::pvar<greeting, set_greeting, known_language>{"greeting"}));
}  // namespace
// snippet-end: pvars_module

// snippet: pvars_test
TEST_CASE("the script reads and assigns the module's variables") {
  using modsdk::testing::core;
  using modsdk::testing::script_value;
  core().reset();
  modsdk::testing::host h{greeter_exports};
  REQUIRE(h.start());
  auto msg = modsdk::testing::sip_message::parse(
      "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n\r\n");

  active = 3;
  CHECK(core().eval("$active_calls", msg) == script_value{3});
  CHECK(core().eval("$greeting(fr)", msg) == script_value{std::string("bonjour")});
  CHECK(core().assign("$greeting(en)", msg, script_value{std::string("hi")}));
  CHECK(greetings["en"] == "hi");
  CHECK_FALSE(core().parses("$greeting(de)"));  // the name check, as at startup
  CHECK(core().logged("pvar \"greeting\" has an invalid name param [de]"));
  CHECK_FALSE(core().assign("$active_calls", msg, script_value{1}));  // read-only
}
// snippet-end: pvars_test

// snippet: avps_module
namespace {
constinit modsdk::avp<std::string_view> tags{"tags"};  // $avp(tags): text values
constinit modsdk::avp<int> score{"score"};             // $avp(score): int values

bool rate(modsdk::request&) {
  int n = 0;
  tags.for_each([&](std::string_view tag) { n += tag == "vip" ? 10 : 1; });  // newest first
  return score.add(n);                                                       // the script reads it as $avp(score)
}

MODSDK_DEFINE_MODULE(rater_exports, rater, modsdk::functions(MODSDK_FN(rate)),
                     modsdk::avps(tags, score));  // names resolved in mod_init
}  // namespace
// snippet-end: avps_module

// snippet: avps_test
TEST_CASE("the module reads the script's AVPs and answers in another") {
  using modsdk::testing::core;
  using modsdk::testing::script_value;
  core().reset();
  modsdk::testing::host h{rater_exports};
  REQUIRE(h.start());
  auto msg = modsdk::testing::sip_message::parse(
      "INVITE sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
      "From: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n\r\n");

  REQUIRE(core().set_var("$avp(tags)", "new"));  // as `$avp(tags) = "new";` in the script
  REQUIRE(core().set_var("$avp(tags)", "vip"));
  CHECK(h.call("rate", msg, {}) == 1);
  CHECK(core().var("$avp(score)") == script_value{11});
  CHECK(tags.first() == "vip");  // the newest value, what $avp(tags) reads
}
// snippet-end: avps_test
