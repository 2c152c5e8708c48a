// SPDX-License-Identifier: MIT
// Bad input everywhere: every script-parameter kind and every modparam type fed wrong-typed or malformed
// values, from a literal (checked at startup) and from a variable (checked per call). Each row asserts
// the exact outcome: a startup error with the core's text and modsdk's log line, or a call that is
// skipped / returns negative with its log line. Never a crash, never a silently wrong value, never a
// leaked per-call value. Malformed Contact headers, multipart bodies, Session-Expires / Min-SE / Diversion /
// Refer-To and texts for parse_params / parse_methods: the view is nullopt with the core's log line.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::sip_message;
using modsdk::testing::var;
namespace mt = modsdk::testing;

namespace bad {
struct port {
  int value;
};
struct level {  // from an int only
  int value;
};
struct grumpy {
  int value;
};
enum class transport { udp, tcp, tls };
}  // namespace bad

template <>
struct modsdk::convert<bad::port> {
  static constexpr std::string_view expected = "a port number from 1 to 65535";
  static std::optional<bad::port> from_string(std::string_view text) {
    auto v = modsdk::convert<int>::from_string(text);
    if (!v || *v < 1 || *v > 65535) return std::nullopt;
    return bad::port{*v};
  }
};
template <>
struct modsdk::convert<bad::level> {
  static constexpr std::string_view expected = "a level from 0 to 9";
  static std::optional<bad::level> from_int(int v) {
    if (v < 0 || v > 9) return std::nullopt;
    return bad::level{v};
  }
};
template <>
struct modsdk::convert<bad::grumpy> {
  static constexpr std::string_view expected = "anything";
  static std::optional<bad::grumpy> from_string(std::string_view) { throw std::runtime_error("grumpy today"); }
};
template <>
struct modsdk::enum_names<bad::transport> {
  static constexpr modsdk::enum_name<bad::transport> names[] = {
      {"udp", bad::transport::udp}, {"tcp", bad::transport::tcp}, {"tls", bad::transport::tls}};
};

// ---- script functions: one per parameter kind; each counts its calls -----------------------------------
namespace {
int called = 0;
bool b_int(int) { return ++called, true; }
bool b_uint(unsigned) { return ++called, true; }
bool b_u16(std::uint16_t) { return ++called, true; }
bool b_str(std::string_view) { return ++called, true; }
bool b_static(modsdk::static_str) { return ++called, true; }
bool b_raw(modsdk::raw_str) { return ++called, true; }
bool b_regex(modsdk::regex) { return ++called, true; }
bool b_var(modsdk::variable) { return ++called, true; }
bool b_wvar(modsdk::writable_variable) { return ++called, true; }
bool b_port(bad::port) { return ++called, true; }
bool b_level(bad::level) { return ++called, true; }
bool b_flag(bool) { return ++called, true; }
bool b_proto(bad::transport) { return ++called, true; }
bool b_secs(std::chrono::seconds) { return ++called, true; }
bool b_opt(std::optional<std::uint16_t>) { return ++called, true; }
bool b_grumpy(bad::grumpy) { return ++called, true; }
bool b_two(bad::port, int) { return ++called, true; }
}  // namespace

MODSDK_DEFINE_MODULE(bad_fn_module, badfn,
                     modsdk::functions(MODSDK_FN(b_int), MODSDK_FN(b_uint), MODSDK_FN(b_u16), MODSDK_FN(b_str),
                                       MODSDK_FN(b_static), MODSDK_FN(b_raw), MODSDK_FN(b_regex), MODSDK_FN(b_var),
                                       MODSDK_FN(b_wvar), MODSDK_FN(b_port), MODSDK_FN(b_level), MODSDK_FN(b_flag),
                                       MODSDK_FN(b_proto), MODSDK_FN(b_secs), MODSDK_FN(b_opt), MODSDK_FN(b_grumpy),
                                       MODSDK_FN(b_two)));

namespace {
const char* const request_text =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: bad-1\r\n"
    "CSeq: 1 INVITE\r\n\r\n";

/// Error lines since the last clear_logs(), split by who wrote them: the (fake) core or the module.
struct error_lines {
  std::vector<std::string> core, module;
};
error_lines errors() {
  error_lines e;
  for (const auto& l : core().logs())
    if (l.level == modsdk::abi::l_err) (l.module == "core" ? e.core : e.module).push_back(l.text);
  return e;
}
bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}
std::vector<std::string> none() { return {}; }
std::vector<std::string> one(std::string s) { return {std::move(s)}; }

/// A literal (startup) case: the call must not prepare; `error` is the core's text for it, `module_line`
/// the single line modsdk must log (or none when the core refuses before any fixup of ours runs).
struct startup_case {
  const char* what;
  const char* function;
  std::vector<mt::arg> args;
  std::string error;
  std::vector<std::string> module_lines;
};

/// A run-time case: `setup` assigns the script variables, the call must return negative without
/// reaching the function; `core_line` / `module_lines` are the error lines that must appear.
struct runtime_case {
  const char* what;
  const char* function;
  std::vector<mt::arg> args;
  void (*setup)();
  std::string core_line;
  std::vector<std::string> module_lines;
};

const std::string fixup_failed = "Fixup failed for param [1]";
const std::string int_expected = "Param [1] expected to be an integer or variable";
const std::string str_expected = "Param [1] expected to be a string or variable";
}  // namespace

TEST_CASE("bad literals: every parameter kind refuses startup with the core's error and one exact modsdk line") {
  const std::vector<startup_case> cases = {
      {"int given text", "b_int", {lit("five")}, int_expected, none()},
      {"int given nothing", "b_int", {}, "too few parameters for command <b_int>", none()},
      {"int given two", "b_int", {lit(1), lit(2)}, "too many parameters for command <b_int>", none()},
      {"int given a malformed variable",
       "b_int",
       {var("$var(")},
       "bad variable <$var(> in argument 1 of <b_int>",
       none()},
      {"unsigned given -5",
       "b_uint",
       {lit(-5)},
       fixup_failed,
       one("parameter 1 of b_uint(): -5 is not an integer from 0 to 4294967295")},
      {"uint16 given 70000",
       "b_u16",
       {lit(70000)},
       fixup_failed,
       one("parameter 1 of b_u16(): 70000 is not an integer from 0 to 65535")},
      {"uint16 given -1",
       "b_u16",
       {lit(-1)},
       fixup_failed,
       one("parameter 1 of b_u16(): -1 is not an integer from 0 to 65535")},
      {"uint16 given text", "b_u16", {lit("7")}, int_expected, none()},
      {"string given a number", "b_str", {lit(5)}, str_expected, none()},
      {"static string given a variable", "b_static", {var("$var(x)")}, "Param [1] does not support variables", none()},
      {"static string given a format",
       "b_static",
       {mt::formatted("a $rm")},
       "Param [1] does not support formatted strings",
       none()},
      {"raw string given a number", "b_raw", {lit(3)}, str_expected, none()},
      {"regex that does not compile", "b_regex", {lit("(unclosed")}, "bad re (unclosed", none()},
      {"regex given a number", "b_regex", {lit(1)}, str_expected, none()},
      {"variable given text", "b_var", {lit("x")}, "Param [1] expected to be a variable", none()},
      {"variable given a number", "b_var", {lit(1)}, "Param [1] expected to be a variable", none()},
      {"writable variable given a read-only one",
       "b_wvar",
       {var("$ci")},
       fixup_failed,
       one("parameter 1 of b_wvar(): the variable cannot be written; pass one the script can assign, like "
           "$var(name) or $avp(name)")},
      {"user type out of range",
       "b_port",
       {lit("99999")},
       fixup_failed,
       one(R"(parameter 1 of b_port(): "99999" is not a port number from 1 to 65535)")},
      {"user type empty",
       "b_port",
       {lit("")},
       fixup_failed,
       one(R"(parameter 1 of b_port(): "" is not a port number from 1 to 65535)")},
      {"user type given a number", "b_port", {lit(5060)}, str_expected, none()},
      {"int-only user type given text", "b_level", {lit("3")}, int_expected, none()},
      {"int-only user type out of range",
       "b_level",
       {lit(12)},
       fixup_failed,
       one("parameter 1 of b_level(): 12 is not a level from 0 to 9")},
      {"bool given maybe",
       "b_flag",
       {lit("maybe")},
       fixup_failed,
       one(R"(parameter 1 of b_flag(): "maybe" is not a boolean (yes/no, on/off, true/false or 1/0))")},
      {"enum given an unknown name",
       "b_proto",
       {lit("sctp")},
       fixup_failed,
       one(R"(parameter 1 of b_proto(): "sctp" is not one of udp, tcp, tls)")},
      {"seconds given 1500ms",
       "b_secs",
       {lit("1500ms")},
       fixup_failed,
       one(R"(parameter 1 of b_secs(): "1500ms" is not a duration in whole seconds like 10s, 2m or 1h)")},
      {"seconds given a negative",
       "b_secs",
       {lit("-1s")},
       fixup_failed,
       one(R"(parameter 1 of b_secs(): "-1s" is not a duration in whole seconds like 10s, 2m or 1h)")},
      {"seconds given a blank",
       "b_secs",
       {lit("10 s")},
       fixup_failed,
       one(R"(parameter 1 of b_secs(): "10 s" is not a duration in whole seconds like 10s, 2m or 1h)")},
      {"optional uint16 given 70000",
       "b_opt",
       {lit(70000)},
       fixup_failed,
       one("parameter 1 of b_opt(): 70000 is not an integer from 0 to 65535")},
      {"a conversion that throws",
       "b_grumpy",
       {lit("x")},
       fixup_failed,
       one("parameter 1 of b_grumpy(): conversion failed: exception: grumpy today")},
      {"second argument of the wrong type",
       "b_two",
       {lit("5060"), lit("x")},
       "Param [2] expected to be an integer or variable",
       none()},
      {"an unknown function", "b_nope", {}, "unknown command <b_nope>, missing loadmodule?", none()},
  };
  host h{bad_fn_module};
  REQUIRE(h.start());
  for (const auto& c : cases) {
    INFO(c.what << ": " << c.function);
    core().clear_logs();
    called = 0;
    auto p = h.prepare(c.function, c.args);
    CHECK_FALSE(p.ok());
    CHECK(p.error() == c.error);
    const auto e = errors();
    CHECK(e.module == c.module_lines);  // exactly these lines from modsdk, nothing else
    CHECK(contains(e.core, c.error));
    CHECK(called == 0);
    auto msg = sip_message::parse(request_text);
    CHECK(p.invoke(msg) < 0);  // a call that failed to prepare never runs
    CHECK(called == 0);
  }
}

TEST_CASE("bad values from variables: the call is skipped (negative) with its log line, nothing leaks") {
  const std::vector<runtime_case> cases = {
      {"int from a text variable",
       "b_int",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "abc"); },
       "Variable in param [1] is not an integer",
       none()},
      {"int from an unset variable",
       "b_int",
       {var("$var(v)")},
       [] { core().unset_var("$var(v)"); },
       "Variable in param [1] is not an integer",
       none()},
      {"unsigned from -1",
       "b_uint",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", -1); },
       fixup_failed,
       one("parameter 1 of b_uint(): -1 is not an integer from 0 to 4294967295")},
      {"uint16 from 70000",
       "b_u16",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", 70000); },
       fixup_failed,
       one("parameter 1 of b_u16(): 70000 is not an integer from 0 to 65535")},
      {"string from an unset variable",
       "b_str",
       {var("$var(v)")},
       [] { core().unset_var("$var(v)"); },
       "Variable in param [1] is not a string",
       none()},
      {"regex from a variable that does not compile",
       "b_regex",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "(bad"); },
       "bad re (bad",
       none()},
      {"user type from a malformed text",
       "b_port",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "abc"); },
       fixup_failed,
       one(R"(parameter 1 of b_port(): "abc" is not a port number from 1 to 65535)")},
      {"user type from an int variable out of range",
       "b_port",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", 70000); },
       fixup_failed,
       one(R"(parameter 1 of b_port(): "70000" is not a port number from 1 to 65535)")},
      {"user type from a format",
       "b_port",
       {mt::formatted("x$var(v)")},
       [] { core().set_var("$var(v)", "1"); },
       "Fixup failed for param [1]",
       one(R"(parameter 1 of b_port(): "x1" is not a port number from 1 to 65535)")},
      {"user type from an unset variable",
       "b_port",
       {var("$var(v)")},
       [] { core().unset_var("$var(v)"); },
       "Variable in param [1] is not a string",
       none()},
      {"int-only user type from text",
       "b_level",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "3"); },
       "Variable in param [1] is not an integer",
       none()},
      {"int-only user type out of range",
       "b_level",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", 12); },
       fixup_failed,
       one("parameter 1 of b_level(): 12 is not a level from 0 to 9")},
      {"bool from 2",
       "b_flag",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "2"); },
       fixup_failed,
       one(R"(parameter 1 of b_flag(): "2" is not a boolean (yes/no, on/off, true/false or 1/0))")},
      {"enum from an empty text",
       "b_proto",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", ""); },
       fixup_failed,
       one(R"(parameter 1 of b_proto(): "" is not one of udp, tcp, tls)")},
      {"seconds from 10x",
       "b_secs",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "10x"); },
       fixup_failed,
       one(R"(parameter 1 of b_secs(): "10x" is not a duration in whole seconds like 10s, 2m or 1h)")},
      {"optional uint16 from 70000",
       "b_opt",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", 70000); },
       fixup_failed,
       one("parameter 1 of b_opt(): 70000 is not an integer from 0 to 65535")},
      {"a conversion that throws",
       "b_grumpy",
       {var("$var(v)")},
       [] { core().set_var("$var(v)", "x"); },
       fixup_failed,
       one("parameter 1 of b_grumpy(): conversion failed: exception: grumpy today")},
      {"a good first argument, a bad second",
       "b_two",
       {var("$var(p)"), var("$var(v)")},
       [] {
         core().set_var("$var(p)", "5060");
         core().set_var("$var(v)", "not a number");
       },
       "Variable in param [2] is not an integer",
       none()},
  };
  host h{bad_fn_module};
  REQUIRE(h.start());
  auto msg = sip_message::parse(request_text);
  for (const auto& c : cases) {
    INFO(c.what << ": " << c.function);
    core().reset();
    c.setup();
    auto p = h.prepare(c.function, c.args);
    REQUIRE(p.ok());  // variables are only evaluated per call
    modsdk::testing::leak_check lc;
    core().clear_logs();
    called = 0;
    CHECK(p.invoke(msg) < 0);
    CHECK(called == 0);
    const auto e = errors();
    CHECK(e.module == c.module_lines);
    CHECK(contains(e.core, c.core_line));
    // the module's next per-call conversion reclaims what a skipped call left behind
    core().set_var("$var(ok)", "5060");
    CHECK(h.call("b_port", msg, {var("$var(ok)")}) == 1);
    CHECK(lc.clean());
  }
}

TEST_CASE("a variable's text with control bytes is refused, and its log line stays one printable line") {
  host h{bad_fn_module};
  REQUIRE(h.start());
  auto msg = sip_message::parse(request_text);
  core().set_var("$var(v)", std::string_view("50\0\n60", 6));
  core().clear_logs();
  called = 0;
  CHECK(h.call("b_port", msg, {var("$var(v)")}) < 0);
  CHECK(called == 0);
  const auto e = errors();
  // escaped like modparam values: a raw NUL would cut the line at dprint's %s, a raw newline would forge one
  CHECK(e.module == one(R"(parameter 1 of b_port(): "50\x00\n60" is not a port number from 1 to 65535)"));
}

// ---- modparams: every type x malformed value -> one exact line, the line (and so startup) refused -------
namespace {
modsdk::param<int> m_int{"m_int", 1};
modsdk::param<unsigned> m_uint{"m_uint", 1};
modsdk::param<std::uint16_t> m_u16{"m_u16", 1};
modsdk::param<long long> m_ll{"m_ll", 1};
modsdk::param<bool> m_bool{"m_bool", false};
modsdk::param<std::string_view> m_str{"m_str", "x",
                                      [](std::string_view s) { return !s.empty() && s.find('\n') == s.npos; }};
modsdk::param<bad::transport> m_proto{"m_proto", bad::transport::udp};
modsdk::param<std::chrono::milliseconds> m_ms{"m_ms", std::chrono::milliseconds(1)};
modsdk::param<std::chrono::seconds> m_secs{"m_secs", std::chrono::seconds(1)};
modsdk::param<bad::port> m_port{"m_port", bad::port{5060}};
modsdk::param<bad::grumpy> m_grumpy{"m_grumpy"};
modsdk::param_list<int> m_ints{"m_ints"};
modsdk::param<std::string_view> m_required{"m_required", modsdk::required};
}  // namespace

MODSDK_DEFINE_MODULE(bad_params_module, badparams,
                     modsdk::params(m_int, m_uint, m_u16, m_ll, m_bool, m_str, m_proto, m_ms, m_secs, m_port, m_grumpy,
                                    m_ints, m_required));

namespace {
struct modparam_case {
  const char* name;
  std::optional<int> number;  // given as a number, else as `text`
  const char* text;
  std::string line;
};
}  // namespace

TEST_CASE("bad modparam values: each type refuses the line with one exact error, the value unchanged") {
  const std::string int_range = "an integer from -2147483648 to 2147483647";
  const std::vector<modparam_case> cases = {
      {"m_int", {}, "abc", R"(modparam badparams.m_int: "abc" is not )" + int_range},
      {"m_int", {}, "", R"(modparam badparams.m_int: "" is not )" + int_range},
      {"m_int", {}, "1.5", R"(modparam badparams.m_int: "1.5" is not )" + int_range},
      {"m_int", {}, "0x10", R"(modparam badparams.m_int: "0x10" is not )" + int_range},
      {"m_int", {}, " 1", R"(modparam badparams.m_int: " 1" is not )" + int_range},
      {"m_int", {}, "2147483648", R"(modparam badparams.m_int: "2147483648" is not )" + int_range},
      {"m_int", {}, "-", R"(modparam badparams.m_int: "-" is not )" + int_range},
      {"m_uint", {}, "-1", R"(modparam badparams.m_uint: "-1" is not an integer from 0 to 4294967295)"},
      {"m_uint", -1, "", "modparam badparams.m_uint: -1 is not an integer from 0 to 4294967295"},
      {"m_u16", 70000, "", "modparam badparams.m_u16: 70000 is not an integer from 0 to 65535"},
      {"m_ll",
       {},
       "9223372036854775808",
       R"(modparam badparams.m_ll: "9223372036854775808" is not an integer from -9223372036854775808 to 9223372036854775807)"},
      {"m_bool",
       {},
       "maybe",
       R"(modparam badparams.m_bool: "maybe" is not a boolean (yes/no, on/off, true/false or 1/0))"},
      {"m_bool", 2, "", "modparam badparams.m_bool: 2 is not a boolean (yes/no, on/off, true/false or 1/0)"},
      {"m_str", {}, "", R"(modparam badparams.m_str: "" is not accepted)"},
      {"m_proto", {}, "sctp", R"(modparam badparams.m_proto: "sctp" is not one of udp, tcp, tls)"},
      {"m_proto", 0, "", "modparam badparams.m_proto: 0 is not one of udp, tcp, tls"},
      {"m_ms", {}, "10 s", R"(modparam badparams.m_ms: "10 s" is not a duration like 10s, 500ms or 2m)"},
      {"m_ms", {}, "1.5s", R"(modparam badparams.m_ms: "1.5s" is not a duration like 10s, 500ms or 2m)"},
      {"m_ms", -5, "", "modparam badparams.m_ms: -5 is not a duration like 10s, 500ms or 2m"},
      {"m_secs",
       {},
       "1500ms",
       R"(modparam badparams.m_secs: "1500ms" is not a duration in whole seconds like 10s, 2m or 1h)"},
      {"m_secs",
       {},
       "99999999999999999999s",
       R"(modparam badparams.m_secs: "99999999999999999999s" is not a duration in whole seconds like 10s, 2m or 1h)"},
      {"m_port", {}, "0", R"(modparam badparams.m_port: "0" is not a port number from 1 to 65535)"},
      {"m_port", 70000, "", "modparam badparams.m_port: 70000 is not a port number from 1 to 65535"},
      {"m_grumpy", {}, "x", R"(modparam badparams.m_grumpy: "x" was rejected: exception: grumpy today)"},
      {"m_ints", {}, "one", R"(modparam badparams.m_ints: "one" is not )" + int_range},
      {"m_str", {}, "line\nbreak\x01", R"(modparam badparams.m_str: "line\nbreak\x01" is not accepted)"},
  };
  for (const auto& c : cases) {
    INFO(c.name << " = " << (c.number ? std::to_string(*c.number) : '"' + std::string(c.text) + '"'));
    host h{bad_params_module};
    REQUIRE(h.loaded());
    core().clear_logs();
    const auto r = c.number ? h.modparam(c.name, *c.number) : h.modparam(c.name, c.text);
    CHECK_FALSE(r.ok);
    CHECK(r.error == "bad config file (1 errors)");  // counted as a parse error, no "can't set" line
    CHECK_FALSE(core().logged("can't set"));
    const auto e = errors();
    CHECK(e.module == one(c.line));
    // the value stays the default: nothing was silently set
    CHECK(*m_int == 1);
    CHECK(*m_uint == 1u);
    CHECK(*m_u16 == 1);
    CHECK(*m_bool == false);
    CHECK(*m_str == "x");
    CHECK(*m_proto == bad::transport::udp);
    CHECK(*m_ms == std::chrono::milliseconds(1));
    CHECK(*m_secs == std::chrono::seconds(1));
    CHECK(m_port->value == 5060);
    CHECK(m_ints.empty());
  }
}

TEST_CASE("modparam lines the core itself refuses, and a required parameter left unset") {
  host h{bad_params_module};
  core().clear_logs();
  auto r = h.modparam("no_such_param", "1");
  CHECK_FALSE(r.ok);
  CHECK(contains(errors().core, "parameter <no_such_param> not found in module <badparams>"));
  CHECK(errors().module.empty());
  core().clear_logs();
  const auto started = h.start();
  CHECK_FALSE(started.ok);  // m_required has no modparam line
  CHECK(errors().module == one("modparam badparams.m_required is required but was not set"));
  CHECK(contains(errors().core, "failed to initialize module badparams"));
}

TEST_CASE("malformed Contact headers and multipart bodies: nullopt with the core's line, never a crash") {
  const std::string head =
      "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: bad-1\r\n"
      "CSeq: 1 REGISTER\r\n";
  struct row {
    const char* contact;
    bool ok;
  };
  for (const row& r : std::vector<row>{{"<sip:a@x>", true},
                                       {"*", true},
                                       {"<sip:a@x", false},
                                       {"sip:a@x>", false},
                                       {"<<sip:a@x>>", false},
                                       {"\"Alice <sip:a@x>", false},
                                       {"<sip:a@x>, ", false},
                                       {"<sip:a@x>;", false},
                                       {"<sip:a@x>;q=", false},
                                       {"<sip:a@x>;q=\"0.5", false},
                                       {"<>", false},
                                       {"* , <sip:a@x>", false},
                                       {"no scheme", false},
                                       {"<sip:a@x>;a=b c", false}}) {
    INFO(r.contact);
    core().reset();
    auto msg = sip_message::parse(head + "Contact: " + r.contact + "\r\nContent-Length: 0\r\n\r\n");
    auto cl = modsdk::message{msg.raw()}.contacts();
    CHECK(cl.has_value() == r.ok);
    if (!r.ok) CHECK(core().logged("failed to parse contact"));
  }
  struct body_row {
    const char* content_type;
    const char* body;
    bool ok;
  };
  for (const body_row& r : std::vector<body_row>{
           {"multipart/mixed;boundary=b", "--b\r\n\r\nx\r\n--b--\r\n", true},
           {"multipart/mixed;boundary=b", "x\r\n--b--\r\n", true},  // one delimiter: no part, not an error
           {"multipart/mixed;boundary=b", "no delimiter\r\n", false},
           {"multipart/mixed;boundary=b", "--bx\r\n\r\nx\r\n--b--\r\n", false},
           {"multipart/mixed;boundary=b", "--b\r\nNoColon\r\n\r\nx\r\n--b--\r\n", false},
           {"multipart/mixed;boundary=b", "--b\r\nContent-Type: nonsense\r\n\r\nx\r\n--b--\r\n", false},
           {"multipart/mixed;boundary=b", "--b\r\nContent-Type: text/plain\r\n--b--\r\n", false},
           {"multipart/mixed;boundary=\"b", "--b\r\n\r\nx\r\n--b--\r\n", true},  // a bad Content-Type: no parts
           {"text/plain", "--b\r\n", true},
       }) {
    INFO(r.content_type << " / " << r.body);
    core().reset();
    auto msg = sip_message::parse(head + "Content-Type: " + r.content_type + "\r\nContent-Length: " +
                                  std::to_string(std::string_view(r.body).size()) + "\r\n\r\n" + r.body);
    auto parts = modsdk::message{msg.raw()}.body_parts();
    CHECK(parts.has_value() == r.ok);
  }
}

TEST_CASE("malformed Session-Expires, Min-SE, Diversion, Refer-To, params and methods: nullopt with a log line") {
  const std::string head =
      "REFER sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: bad-2\r\n"
      "From: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCSeq: 1 REFER\r\n";
  struct row {
    const char* header;  // one header line
    bool ok;
    const char* line;  // the core's (or, for Min-SE, modsdk's) log line when refused
  };
  for (const row& r : std::vector<row>{
           {"Session-Expires: 90", true, ""},
           {"Session-Expires: 90;refresher=uas;x", true, ""},
           {"Session-Expires: refresher=uac", false, "no expiry interval"},
           {"Session-Expires: 90 ;refresher=uac", false, "no semicolon separating se-params"},
           {"Session-Expires: 90;refresher=both", false, "unrecognized refresher"},
           {"Session-Expires: 90;refresher=uacx", false, "no semicolon separating se-params"},
           {"Session-Expires: 90;refresher=ua", false, "unrecognized refresher"},
           {"Session-Expires: ;90", false, "no expiry interval"},
           {"Min-SE: 90", true, ""},
           {"Min-SE: 0", true, ""},
           {"Min-SE: 90;x=1", false, "the core could not parse the Min-SE header: not a number"},
           {"Min-SE: ninety", false, "the core could not parse the Min-SE header: not a number"},
           {"Diversion: <sip:a@x>;reason=deflection;counter=1", true, ""},
           {"Diversion: <sip:a@x", false, "bad diversion header"},
           {"Diversion: <sip:a@x>;reason=\"x", false, "bad diversion header"},
           {"Refer-To: <sip:c@x?Replaces=y>", true, ""},
           {"Refer-To: <sip:c@x", false, "bad Refer-To header"},
           {"Refer-To: <>", false, "bad Refer-To header"},
       }) {
    INFO(r.header);
    core().reset();
    auto msg = sip_message::parse(head + r.header + "\r\nContent-Length: 0\r\n\r\n");
    modsdk::request req{msg.raw()};
    const std::string_view h = r.header;
    bool got = false;
    if (h.rfind("Session-Expires", 0) == 0) got = req.session_expires().has_value();
    if (h.rfind("Min-SE", 0) == 0) got = req.min_se().has_value();
    if (h.rfind("Diversion", 0) == 0) got = req.diversions().has_value();
    if (h.rfind("Refer-To", 0) == 0) got = req.refer_to().has_value();
    CHECK(got == r.ok);
    if (!r.ok) CHECK(core().logged(r.line));
  }
  struct text_row {
    const char* text;
    bool params_ok, methods_ok;
  };
  for (const text_row& r : std::vector<text_row>{{"INVITE", true, true},
                                                 {"a=1;b", true, false},
                                                 {"a=", false, false},
                                                 {"a=\"", false, false},
                                                 {";", false, false},
                                                 {"INVITE BYE", false, false},
                                                 {"a=1,b", true, false},
                                                 {"\"", true, false}}) {
    INFO(r.text);
    core().reset();
    const auto pkg = core().pkg_in_use();
    CHECK(modsdk::parse_params(r.text).has_value() == r.params_ok);
    CHECK(modsdk::parse_methods(r.text).has_value() == r.methods_ok);
    CHECK(core().pkg_in_use() == pkg);  // nothing kept after a refusal, the list freed after a success
  }
}

TEST_CASE("malformed socket specs and out-of-range branches: nullopt / false with a log line, never a crash") {
  struct row {
    const char* spec;
    const char* why;  // the log line's reason
  };
  for (const row& r : std::vector<row>{{"", "empty"},
                                       {":", "nothing after the last ':'"},
                                       {"udp:", "nothing after the last ':'"},
                                       {"udp:h:", "nothing after the last ':'"},
                                       {"udp:h:5060:1", "too many ':'"},
                                       {"a:b:c:d", "too many ':'"},
                                       {"[[::1]]", "nested '['"},
                                       {"::1]", "']' without '['"},
                                       {"[::1", "'[' without ']'"},
                                       {"foo:h:5060", "unknown protocol"},
                                       {"udpx:h", "unknown protocol"},
                                       {"udp:h:50x0", "bad port number"},
                                       {"udp:h:65536", "bad port number"},
                                       {"udp:h:99999999999", "bad port number"},
                                       {"udp::5060", "no host"},
                                       {":5060", "no host"},
                                       {"h:5060 ", "unknown protocol"},
                                       {"udp:h:-1", "bad port number"}}) {
    INFO(r.spec);
    core().reset();
    CHECK_FALSE(modsdk::parse_socket_spec(r.spec));
    CHECK(core().logged(r.why));
    CHECK_FALSE(modsdk::find_socket(r.spec));
  }
  core().reset();
  auto msg = sip_message::parse(
      "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nCall-ID: bad-br\r\n"
      "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
  modsdk::request req{msg.raw()};
  REQUIRE(req.append_branch("sip:c@x"));
  auto set = req.branches();
  for (std::size_t i : {std::size_t{1}, std::size_t{11}, std::size_t{12}, std::size_t{0xffffffffU},
                        std::size_t{0x100000000U}, static_cast<std::size_t>(-1)}) {
    INFO(i);
    CHECK_FALSE(set.at(i));
    CHECK_FALSE(set.set_uri(i, "sip:d@x"));
    CHECK_FALSE(set.set_dst_uri(i, ""));
    CHECK_FALSE(set.set_path(i, ""));
    CHECK_FALSE(set.set_q(i, 1));
    CHECK_FALSE(set.set_flags(i, 1));
    CHECK_FALSE(set.set_socket(i, std::nullopt));
    CHECK_FALSE(set.remove(i));
    CHECK(core().logged("no branch " + std::to_string(i)));
  }
  CHECK(set.size() == 1);
  CHECK(set.at(0)->uri == "sip:c@x");
}
