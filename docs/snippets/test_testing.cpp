// SPDX-License-Identifier: MIT
// docs/howto/testing.md: a module tested on the in-process host, as a user's test file would do it.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: testing_module
namespace {
modsdk::param<std::string_view> greeting{"greeting", "Hello"};

bool greet(modsdk::request& req, modsdk::writable_variable out) {
  modsdk::log::info("greeting {}", req.from_uri());
  return out.set(std::string(*greeting) + " " + std::string(req.from_uri()));
}
// MODSDK_DEFINE_MODULE: like MODSDK_MODULE, but an ordinary variable, so a test program may hold several
MODSDK_DEFINE_MODULE(greeter_exports, greeter, modsdk::functions(MODSDK_FN(greet)), modsdk::params(greeting));
}  // namespace
// snippet-end: testing_module

// snippet: testing_test
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;
using modsdk::testing::var;

TEST_CASE("greet writes the greeting into the variable it is given") {
  core().reset();                         // a fresh fake core: logs, variables, replies
  host h{greeter_exports};                // or host::load("build/greeter.so")
  REQUIRE(h.modparam("greeting", "Hi"));  // modparam("greeter", "greeting", "Hi")
  REQUIRE(h.start());                     // mod_init, child_init

  auto msg = sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "From: <sip:alice@example.com>;tag=1\r\n"
      "To: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n");
  modsdk::testing::leak_check leaks;
  CHECK(h.call("greet", msg, {var("$var(out)")}) == 1);  // greet($var(out));
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("Hi sip:alice@example.com")});
  CHECK(core().logged(3, "greeting sip:alice@example.com"));  // level 3: INFO
  CHECK(leaks.clean());

  auto bad = h.prepare("greet", {modsdk::testing::lit("not a variable")});
  CHECK_FALSE(bad.ok());  // the cfg would not load: checked like the core does
}
// snippet-end: testing_test
