// SPDX-License-Identifier: MIT
// modsdk/pv.hpp and modsdk/variable.hpp against the fake core: pseudo-variables given as text are parsed
// once into modsdk-owned buffers, read per message, and script variables are written back.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <type_traits>

#include <modsdk/abi/select.hpp>
#include <modsdk/pv.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::sip_message;

namespace {
// Module-level specs, as a module declares them.
constinit modsdk::pv_spec x_count = modsdk::pv("$hdr(X-Count)");
constinit modsdk::pv_spec x_missing = modsdk::pv("$hdr(X-Missing)");
constinit modsdk::pv_spec second_via = modsdk::pv("$(hdr(Via)[1])");
constinit modsdk::pv_spec call_id = modsdk::pv("$ci");
constinit modsdk::pv_spec out{"$var(out)"};
constinit modsdk::pv_spec n{"$var(n)"};
constinit modsdk::pv_spec bogus{"$no_such_variable"};
constinit modsdk::pv_spec junk{"$ci and more"};

sip_message invite() {
  return sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>\r\n"
      "Call-ID: pv-test-1\r\n"
      "CSeq: 1 INVITE\r\n"
      "X-Count: 17\r\n"
      "Content-Length: 0\r\n\r\n");
}

struct fresh {
  fresh() { core().reset(); }
};
}  // namespace

static_assert(std::is_trivially_destructible_v<modsdk::pv_spec>, "module-level specs must be trivially destructible");
static_assert(sizeof(modsdk::pv_spec) >= MODSDK_PV_SPEC_STORAGE);
static_assert(alignof(modsdk::pv_spec) >= 16);
static_assert(MODSDK_PV_SPEC_STORAGE >= modsdk::abi::for_profile_t<modsdk::target.profile>::pv_spec_size);

TEST_CASE_METHOD(fresh, "a spec is parsed once per process and reads a header") {
  auto msg = invite();
  CHECK(x_count.text() == "$hdr(X-Count)");
  CHECK(x_count.parse());
  modsdk::abi::pv_spec* first = x_count.get();
  REQUIRE(first != nullptr);
  CHECK(x_count.get() == first);  // the same buffer, no re-parse
  auto v = x_count(msg);
  CHECK(v.get_str() == std::optional<std::string_view>("17"));
  CHECK(v.get_int() == 17);  // decimal text reads as an int
  CHECK(v.has_value());
  CHECK(v.get_string() == std::optional<std::string>("17"));
  CHECK(second_via(msg).get_str() == std::optional<std::string_view>("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2"));
  CHECK(call_id(msg.raw()).get_str() == std::optional<std::string_view>("pv-test-1"));
}

TEST_CASE_METHOD(fresh, "an absent header reads as unset") {
  auto msg = invite();
  auto v = x_missing(msg);
  CHECK_FALSE(v.has_value());
  CHECK_FALSE(v.get_str());
  CHECK_FALSE(v.get_int());
}

TEST_CASE_METHOD(fresh, "a spec the core refuses fails once, logged, and reads as unset") {
  auto msg = invite();
  CHECK_FALSE(bogus.parse());
  CHECK(core().logged(modsdk::abi::l_err, "cannot parse pseudo-variable \"$no_such_variable\""));
  core().clear_logs();
  CHECK(bogus.get() == nullptr);
  CHECK_FALSE(bogus(msg).get_str());
  CHECK_FALSE(bogus(msg).set(1));
  CHECK_FALSE(bogus(msg).writable());
  CHECK_FALSE(core().logged("$no_such_variable"));  // not parsed (nor logged) again
}

TEST_CASE_METHOD(fresh, "text after the variable is refused") {
  CHECK_FALSE(junk.parse());
  CHECK(core().logged(modsdk::abi::l_err, "unexpected text \" and more\" after pseudo-variable \"$ci\""));
}

TEST_CASE_METHOD(fresh, "writing, reading back and unsetting a script variable") {
  auto msg = invite();
  auto v = out(msg);
  CHECK(v.writable());
  REQUIRE(v.set(42));
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{42});
  CHECK(v.get_int() == 42);
  CHECK(v.get_str() == std::optional<std::string_view>("42"));

  REQUIRE(v.set("forty-two"));
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("forty-two")});
  CHECK(v.get_str() == std::optional<std::string_view>("forty-two"));
  CHECK_FALSE(v.get_int());

  REQUIRE(v.set(std::string("from std::string")));
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("from std::string")});

  REQUIRE(v.unset());
  CHECK_FALSE(core().var("$var(out)"));
  CHECK_FALSE(v.has_value());
}

TEST_CASE_METHOD(fresh, "a value set by the script is seen by the module") {
  auto msg = invite();
  REQUIRE(core().set_var("$var(n)", 5));
  CHECK(n(msg).get_int() == 5);
  CHECK(n(msg).get_str() == std::optional<std::string_view>("5"));
  REQUIRE(core().set_var("$var(n)", "five"));
  CHECK(n(msg).get_str() == std::optional<std::string_view>("five"));
}

TEST_CASE_METHOD(fresh, "read-only variables refuse writes") {
  auto msg = invite();
  auto v = call_id(msg);
  CHECK_FALSE(v.writable());
  CHECK_FALSE(v.set("other"));
  CHECK(v.get_str() == std::optional<std::string_view>("pv-test-1"));
}

TEST_CASE_METHOD(fresh, "a pv_spec made at run time from kept text") {
  static const std::string text = "$hdr(X-Count)";
  static modsdk::pv_spec runtime{text.c_str()};
  auto msg = invite();
  CHECK(runtime(msg).get_int() == 17);
}
