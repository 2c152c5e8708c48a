// SPDX-License-Identifier: MIT
// modsdk/pv_format.hpp against the fake core: a format from a modparam parsed in mod_init (an unknown
// variable stops the start with one line), a constant parsed on first use, printed per message into a
// caller's buffer or a std::string (several variables, "$$", NULL, a value too long for the buffer), the
// parsed format freed in destroy; literals checked while compiling.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/pv_format.hpp>
#include <modsdk/testing.hpp>

#include "sample_invite.hpp"

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

namespace {
modsdk::param<modsdk::pv_format> line_format{"line_format", "$fU calls $rU"};
modsdk::param<modsdk::pv_format> tag_format{"tag_format", "[$ci] cost 5$$"};
constinit modsdk::pv_format constant{"$rm from $fd, n=$var(n)"};
constinit modsdk::pv_format bad_constant = modsdk::pv_format::from_text("$nosuch(x)");

std::string printed;  // what the last call printed (or "nullopt")
int print_small(modsdk::request& msg) {
  char buf[16];
  const auto r = line_format->print(msg, buf);
  printed = r ? std::string(*r) : "nullopt";
  return r ? 1 : -1;
}
int print_big(modsdk::request& msg) {
  char buf[256];
  const auto r = line_format->print(msg, buf);
  printed = r ? std::string(*r) : "nullopt";
  return r ? 1 : -1;
}
int print_string(modsdk::request& msg) {
  const auto r = tag_format->print(msg);
  printed = r ? *r : "nullopt";
  return r ? 1 : -1;
}

MODSDK_DEFINE_MODULE(fmt_mod, fmt_test, modsdk::params(line_format, tag_format),
                     modsdk::functions(MODSDK_FN(print_small), MODSDK_FN(print_big), MODSDK_FN(print_string)));

sip_message invite() { return modsdk_test::sample_invite("fmt-1"); }
struct fresh {
  fresh() {
    core().reset();
    printed.clear();
  }
};
}  // namespace

static_assert(std::is_trivially_destructible_v<modsdk::pv_format>);
// the literal check: every '$' starts a variable or is doubled
static_assert(modsdk::detail::pv_format_flaw("$fU to $ru, $(hdr(X)[1]) ${c}name $$ $var(a b)") ==
              std::string_view::npos);
static_assert(modsdk::detail::pv_format_flaw("plain text") == std::string_view::npos);
static_assert(modsdk::detail::pv_format_flaw("cost 5$") == 6);
static_assert(modsdk::detail::pv_format_flaw("a $ b") == 2);
static_assert(modsdk::detail::pv_format_flaw("$(hdr(X)") == 0);
static_assert(modsdk::detail::pv_format_flaw("x $var(n") == 2);
static_assert(modsdk::detail::pv_format_flaw("$-") == 0);

TEST_CASE_METHOD(fresh, "pv_format: a modparam format is parsed in mod_init and printed per message") {
  host h{fmt_mod};
  REQUIRE(h.modparam("line_format", "call from $fU@$fd to $rU (ci $ci) method $rm"));
  REQUIRE(h.start());
  CHECK(line_format->is_parsed());
  CHECK(tag_format->is_parsed());  // the default, parsed as well
  auto msg = invite();
  CHECK(h.call("print_big", msg) == 1);
  CHECK(printed == "call from alice@example.com to bob (ci fmt-1) method INVITE");
  CHECK(h.call("print_string", msg) == 1);  // the default: "$$" is a '$'
  CHECK(printed == "[fmt-1] cost 5$");
}

TEST_CASE_METHOD(fresh, "pv_format: a value too long for the buffer logs a line and prints nullopt") {
  auto msg = invite();
  {
    host h{fmt_mod};
    REQUIRE(h.start());
    CHECK(h.call("print_small", msg) == 1);  // "alice calls bob": 15 bytes and the NUL fit 16
    CHECK(printed == "alice calls bob");
  }
  host h{fmt_mod};
  REQUIRE(h.modparam("line_format", "$fU calls $rU!"));  // one more byte
  REQUIRE(h.start());
  CHECK(h.call("print_small", msg) == -1);
  CHECK(printed == "nullopt");
  CHECK(core().logged("no more space for text [15][1]"));  // the core's reason
  CHECK(core().logged("format \"$fU calls $rU!\": cannot print it into 16 bytes"));
  CHECK(h.call("print_big", msg) == 1);
  CHECK(printed == "alice calls bob!");
  // the std::string form goes through the core's pv_print_buf_size
  core().set_pv_print_buf_size(8);
  CHECK(h.call("print_string", msg) == -1);
  CHECK(core().logged("buffer too small -- increase 'pv_print_buf_size' from [8]"));
  CHECK(core().logged("format \"[$ci] cost 5$$\": cannot print it"));
}

TEST_CASE_METHOD(fresh, "pv_format: NULL variables print as <null>, an int as its text") {
  host h{fmt_mod};
  REQUIRE(h.modparam("line_format", "n=$var(n) unset=$var(unset) x=$hdr(X-None)"));
  REQUIRE(h.start());
  auto msg = invite();
  REQUIRE(core().set_var("$var(n)", 42));
  CHECK(h.call("print_big", msg) == 1);
  CHECK(printed == "n=42 unset=<null> x=<null>");
}

TEST_CASE_METHOD(fresh, "pv_format: an unknown variable stops the start with one line naming it") {
  host h{fmt_mod};
  modsdk::testing::leak_check lc;
  REQUIRE(h.modparam("line_format", "$fU to $nosuch"));  // the shape is fine; the core does not know it
  CHECK_FALSE(h.start());
  CHECK(core().logged("modparam fmt_test.line_format: \"$fU to $nosuch\" is not a format the core can parse"));
  CHECK(core().logged("error searching pvar \"nosuch\""));  // the core's own reason, logged before
  CHECK(core().logged("parsing PV spec failed"));
  h.stop();
  CHECK(lc.clean());  // the default tag_format parsed before the failure was released
}

TEST_CASE_METHOD(fresh, "pv_format: a malformed format is refused by its modparam line") {
  host h{fmt_mod};
  auto r = h.modparam("line_format", "cost 5$");
  CHECK_FALSE(r);
  CHECK(core().logged("modparam fmt_test.line_format: \"cost 5$\" is not a format string"));
  CHECK_FALSE(h.modparam("tag_format", "$(hdr(X)"));
  CHECK(h.modparam("tag_format", "cost 5$$"));
}

TEST_CASE_METHOD(fresh, "pv_format: the parsed formats are freed in destroy") {
  modsdk::testing::leak_check lc;
  {
    host h{fmt_mod};
    REQUIRE(h.start());
    CHECK_FALSE(lc.clean());  // two parsed formats in pkg memory
    h.stop();
    CHECK_FALSE(line_format->is_parsed());
  }
  CHECK(lc.clean());
}

TEST_CASE_METHOD(fresh, "pv_format: a constant is parsed on first use, released on request") {
  host h{fmt_mod};
  REQUIRE(h.start());
  auto raw = invite();
  modsdk::request msg{raw.raw()};
  modsdk::testing::leak_check lc;
  REQUIRE(core().set_var("$var(n)", 7));
  CHECK_FALSE(constant.is_parsed());
  char buf[64];
  CHECK(constant.print(msg, buf) == std::optional<std::string_view>("INVITE from example.com, n=7"));
  CHECK(constant.is_parsed());
  CHECK(constant.print(msg) == std::optional<std::string>("INVITE from example.com, n=7"));
  constant.release();
  CHECK(lc.clean());
  // a run-time text the core refuses: one line, then nullopt without parsing again
  CHECK(bad_constant.print(msg) == std::nullopt);
  CHECK(core().logged("format \"$nosuch(x)\": the core cannot parse it"));
  core().clear_logs();
  CHECK(bad_constant.print(msg, buf) == std::nullopt);
  CHECK_FALSE(core().logged("the core cannot parse it"));
  bad_constant.release();
  // an empty buffer, an empty format
  CHECK(constant.print(msg, std::span<char>{}) == std::nullopt);
  CHECK(core().logged("printed into an empty buffer"));
  constant.release();
  static modsdk::pv_format empty;
  CHECK(empty.print(msg) == std::optional<std::string>(""));
  CHECK_FALSE(lc.clean());  // parsed on use; a constant's format lives until released
  empty.release();
  CHECK(lc.clean());
}
