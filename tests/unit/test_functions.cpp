// SPDX-License-Identifier: MIT
// Script functions (modsdk/functions.hpp): every parameter kind called through the generated
// cmd_export_t the way the core does it (fake core: mod_fix.c's fix_cmd / get_cmd_fixups /
// free_cmd_fixups and action.c's call with 8 slots), with literal, variable and formatted arguments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

// ---- a global operator new that counts (the "no allocation per call" checks) -----------------------
// Not under AddressSanitizer, which brings its own operator new (its allocation bookkeeping would see
// our delete free() its blocks).
namespace {
unsigned long long g_news = 0;
}
#if defined(__SANITIZE_ADDRESS__)
#define MODSDK_TEST_COUNTS_NEW 0
#else
#define MODSDK_TEST_COUNTS_NEW 1
void* operator new(std::size_t n) {
  ++g_news;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

using modsdk::testing::core;
namespace mt = modsdk::testing;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::omit;
using modsdk::testing::sip_message;
using modsdk::testing::var;
namespace route = modsdk::route;

namespace app {
/// A user type parsed from text; counts its conversions so tests see when the fixup runs.
struct port {
  int value;
};
inline int port_parses = 0;
/// A user type converted from an int only.
struct level {
  int value;
};
/// A user type whose conversion throws.
struct grumpy {
  int value;
};
}  // namespace app

template <>
struct modsdk::convert<app::port> {
  static constexpr std::string_view expected = "a port number from 1 to 65535";
  static std::optional<app::port> from_string(std::string_view text) {
    ++app::port_parses;
    auto v = modsdk::convert<int>::from_string(text);
    if (!v || *v < 1 || *v > 65535) return std::nullopt;
    return app::port{*v};
  }
};
template <>
struct modsdk::convert<app::level> {
  static constexpr std::string_view expected = "a level from 0 to 9";
  static std::optional<app::level> from_int(int v) {
    if (v < 0 || v > 9) return std::nullopt;
    return app::level{v};
  }
};
template <>
struct modsdk::convert<app::grumpy> {
  static constexpr std::string_view expected = "anything";
  static std::optional<app::grumpy> from_string(std::string_view) { throw std::runtime_error("grumpy today"); }
};

namespace {
std::vector<std::string> seen;  // what the functions received, one entry per call

int f_int(int n) {
  seen.push_back("int:" + std::to_string(n));
  return n == 0 ? 5 : n;
}
bool f_str(modsdk::message&, std::string_view s) {
  seen.push_back("str:" + std::string(s));
  return true;
}
bool f_opt(std::optional<int> a, std::optional<std::string_view> b) {
  seen.push_back("opt:" + (a ? std::to_string(*a) : std::string("-")) + "," + (b ? std::string(*b) : std::string("-")));
  return true;
}
bool f_var(modsdk::variable out, int v) { return out.set(v); }
bool f_writable(modsdk::writable_variable out) { return out.set("written"); }
bool f_regex(modsdk::regex re, std::string_view text) {
  auto m = re.find(text);
  seen.push_back("regex:" + (m ? std::string(*m) : std::string("-")));
  return m.has_value();
}
bool f_static(modsdk::static_str s) {
  seen.push_back("static:" + std::string(s.c_str()));
  return true;
}
bool f_raw(modsdk::raw_str s) {
  seen.push_back("raw:" + std::string(s.view()));
  return true;
}
bool f_port(modsdk::message&, app::port p) {
  seen.push_back("port:" + std::to_string(p.value));
  return true;
}
bool f_port_ref(const app::port& p, std::optional<app::port> q) {
  seen.push_back("port_ref:" + std::to_string(p.value) + "," + (q ? std::to_string(q->value) : std::string("-")));
  return true;
}
bool f_two(app::port p, int n) {
  seen.push_back("two:" + std::to_string(p.value) + "," + std::to_string(n));
  return true;
}
bool f_level(app::level l) {
  seen.push_back("level:" + std::to_string(l.value));
  return true;
}
bool f_grumpy(app::grumpy) { return true; }
bool f_u16(std::uint16_t v) {
  seen.push_back("u16:" + std::to_string(v));
  return true;
}
bool f_throws(std::string_view what) {
  if (what == "std") throw std::runtime_error("boom");
  throw 42;
}
int f_zero() { return 0; }
int f_minus(int n) { return -n; }
int f_len(std::string_view s, std::optional<int> extra, std::optional<std::uint16_t> more) {
  return static_cast<int>(s.size()) + extra.value_or(0) + more.value_or(0);
}
void f_void() { seen.push_back("void"); }
modsdk::result f_result(std::string_view what) {
  if (what == "ok") return modsdk::result::ok();
  if (what == "fail") return modsdk::result::fail();
  if (what == "stop") return modsdk::result::stop();
  if (what == "seven") return modsdk::result::code(7);
  if (what == "zero") return modsdk::result::code(0);
  return what == "true";
}
bool f_request(modsdk::request& r) {
  seen.push_back(std::string("request:") + (r.is_request() ? "yes" : "no"));
  return true;
}
bool f_reply(modsdk::reply&) { return true; }
bool f_narrow(modsdk::message&) { return true; }
bool f_anywhere() { return true; }

// An overload set: one export, dispatched on the number of arguments given.
bool f_ov(modsdk::message&) {
  seen.push_back("ov0");
  return true;
}
bool f_ov(modsdk::message&, std::string_view a) {
  seen.push_back("ov1:" + std::string(a));
  return true;
}
bool f_ov(modsdk::message&, std::string_view a, int b) {
  seen.push_back("ov2:" + std::string(a) + "," + std::to_string(b));
  return true;
}
// An overload set whose shorter member ends in an optional.
int g_ov(int a, std::optional<int> b) { return 100 + a + b.value_or(0); }
int g_ov(int a, int b, app::port c) { return 1000 + a + b + c.value; }

// Eight parameters: the 8th is a variable (the only kind the core can hold there).
bool f_eight(int a, int b, int c, int d, int e, int f, int g, modsdk::variable out) {
  return out.set(a + b + c + d + e + f + g);
}
}  // namespace

MODSDK_DEFINE_MODULE(fn_module, fnmod,
                     modsdk::functions(MODSDK_FN(f_int), MODSDK_FN(f_str), MODSDK_FN(f_opt), MODSDK_FN(f_var),
                                       MODSDK_FN(f_writable), MODSDK_FN(f_regex), MODSDK_FN(f_static), MODSDK_FN(f_raw),
                                       MODSDK_FN(f_port), MODSDK_FN(f_port_ref), MODSDK_FN(f_two), MODSDK_FN(f_level),
                                       MODSDK_FN(f_grumpy), MODSDK_FN(f_u16), MODSDK_FN(f_throws), MODSDK_FN(f_zero),
                                       MODSDK_FN(f_minus), MODSDK_FN(f_len), MODSDK_FN(f_void), MODSDK_FN(f_result),
                                       MODSDK_FN(f_request), MODSDK_FN(f_reply), MODSDK_FN(f_narrow, route::request),
                                       MODSDK_FN(f_anywhere),
                                       MODSDK_OVERLOADS(f_ov, bool(modsdk::message&),
                                                        bool(modsdk::message&, std::string_view),
                                                        bool(modsdk::message&, std::string_view, int)),
                                       MODSDK_OVERLOADS(g_ov, int(int, std::optional<int>), int(int, int, app::port)),
                                       MODSDK_FN(f_eight)));

namespace {
const char* const invite_text =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: call-1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Content-Length: 0\r\n\r\n";
const char* const reply_text =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>;tag=b1\r\n"
    "Call-ID: call-1\r\n"
    "CSeq: 1 INVITE\r\n"
    "Content-Length: 0\r\n\r\n";

struct fixture {
  host h{fn_module};
  sip_message msg = sip_message::parse(invite_text);
  fixture() {
    core().reset();
    seen.clear();
    REQUIRE(h.start());
  }
};

const modsdk::abi::cmd_export& entry(const char* name) {
  for (const auto* c = fn_module.cmds; c->name; ++c)
    if (std::string_view(c->name) == name) return *c;
  FAIL("no export " << name);
  throw std::logic_error("unreachable");
}
}  // namespace

// ---- the generated table ---------------------------------------------------------------------------

TEST_CASE("the cmd_export_t table: names, flags, route masks, terminators") {
  namespace abi = modsdk::abi;
  CHECK(entry("f_int").params[0].flags == abi::cmd_param_int);
  CHECK(entry("f_int").params[1].flags == 0);  // the params list ends here
  CHECK(entry("f_int").flags == abi::all_routes);
  CHECK(entry("f_str").params[0].flags == abi::cmd_param_str);
  CHECK(entry("f_str").flags == (abi::request_route | abi::failure_route | abi::onreply_route | abi::branch_route |
                                 abi::error_route | abi::local_route));
  CHECK(entry("f_opt").params[0].flags == (abi::cmd_param_int | abi::cmd_param_opt));
  CHECK(entry("f_opt").params[1].flags == (abi::cmd_param_str | abi::cmd_param_opt));
  CHECK(entry("f_static").params[0].flags == (abi::cmd_param_str | abi::cmd_param_static));
  CHECK(entry("f_raw").params[0].flags == (abi::cmd_param_str | abi::cmd_param_no_expand));
  CHECK(entry("f_regex").params[0].flags == abi::cmd_param_regex);
  CHECK(entry("f_regex").params[0].fixup == nullptr);  // the core compiles it; no FIX_NULL anywhere
  CHECK(entry("f_var").params[0].flags == abi::cmd_param_var);
  CHECK(entry("f_port").params[0].fixup != nullptr);
  CHECK(entry("f_port").params[0].free_fixup != nullptr);
  CHECK(entry("f_level").params[0].flags == abi::cmd_param_int);
  CHECK(entry("f_request").flags ==
        (abi::request_route | abi::failure_route | abi::branch_route | abi::error_route | abi::local_route));
  CHECK(entry("f_reply").flags == abi::onreply_route);
  CHECK(entry("f_narrow").flags == abi::request_route);
  CHECK(entry("f_ov").params[0].flags == (abi::cmd_param_str | abi::cmd_param_opt));
  CHECK(entry("f_ov").params[1].flags == (abi::cmd_param_int | abi::cmd_param_opt));
  CHECK(entry("g_ov").params[0].flags == abi::cmd_param_int);  // mandatory in every overload
  CHECK(entry("g_ov").params[1].flags == (abi::cmd_param_int | abi::cmd_param_opt));
  CHECK(entry("g_ov").params[2].flags == (abi::cmd_param_str | abi::cmd_param_opt));
  CHECK(entry("f_eight").params[7].flags == abi::cmd_param_var);
  CHECK(entry("f_eight").params[8].flags == 0);
  int n = 0;
  for (const auto* c = fn_module.cmds; c->name; ++c) ++n;
  CHECK(n == 27);
  CHECK(fn_module.acmds == nullptr);  // no async section
}

// ---- int ---------------------------------------------------------------------------------------------

TEST_CASE("int: literal, variable, a variable that is not an int, and a returned 0") {
  fixture f;
  CHECK(f.h.call("f_int", f.msg, {lit(42)}) == 42);
  core().set_var("$var(n)", 7);
  CHECK(f.h.call("f_int", f.msg, {var("$var(n)")}) == 7);
  core().set_var("$var(n)", "text");
  CHECK(f.h.call("f_int", f.msg, {var("$var(n)")}) < 0);  // the core skips the call
  CHECK(seen == std::vector<std::string>{"int:42", "int:7"});
  CHECK(f.h.call("f_minus", f.msg, {lit(3)}) == -3);
  CHECK(f.h.call("f_int", f.msg, {lit(-8)}) == -8);
}

TEST_CASE("returning 0 would stop the script: int 0 becomes -1 with one error line, result::stop() is 0") {
  fixture f;
  CHECK(f.h.call("f_zero", f.msg) == -1);
  CHECK(core().logged(modsdk::abi::l_err, "f_zero() returned 0, which would stop the script"));
  core().clear_logs();
  CHECK(f.h.call("f_zero", f.msg) == -1);
  CHECK_FALSE(core().logged("returned 0"));  // logged once per function and process
  CHECK(f.h.call("f_result", f.msg, {lit("stop")}) == 0);
  CHECK(f.h.call("f_result", f.msg, {lit("ok")}) == 1);
  CHECK(f.h.call("f_result", f.msg, {lit("fail")}) == -1);
  CHECK(f.h.call("f_result", f.msg, {lit("seven")}) == 7);
  CHECK(f.h.call("f_result", f.msg, {lit("true")}) == 1);
  CHECK(f.h.call("f_result", f.msg, {lit("false")}) == -1);
  CHECK(f.h.call("f_result", f.msg, {lit("zero")}) == -1);
  CHECK(core().logged("f_result() returned 0"));
  CHECK(f.h.call("f_void", f.msg) == 1);
}

TEST_CASE("other integer types: range-checked through convert<T>::from_int") {
  fixture f;
  CHECK(f.h.call("f_u16", f.msg, {lit(65535)}) == 1);
  auto bad = f.h.prepare("f_u16", {lit(70000)});
  CHECK_FALSE(bad.ok());  // a literal out of range stops startup
  CHECK(core().logged(modsdk::abi::l_err, "parameter 1 of f_u16(): 70000 is not an integer from 0 to 65535"));
  core().set_var("$var(n)", -1);
  CHECK(f.h.call("f_u16", f.msg, {var("$var(n)")}) < 0);  // from a variable: the call is skipped
  CHECK(seen == std::vector<std::string>{"u16:65535"});
}

// ---- strings -------------------------------------------------------------------------------------------

TEST_CASE("string_view: literal, formatted string, variable") {
  fixture f;
  CHECK(f.h.call("f_str", f.msg, {lit("hello")}) == 1);
  CHECK(f.h.call("f_str", f.msg, {mt::formatted("method $rm from $fU")}) == 1);
  core().set_var("$var(s)", "from a variable");
  CHECK(f.h.call("f_str", f.msg, {var("$var(s)")}) == 1);
  core().set_var("$var(i)", 12);
  CHECK(f.h.call("f_str", f.msg, {var("$var(i)")}) == 1);  // an int variable has a text form too
  CHECK(seen == std::vector<std::string>{"str:hello", "str:method INVITE from alice", "str:from a variable", "str:12"});
}

TEST_CASE("static_str: literals only, NUL-terminated; raw_str: no $ expansion") {
  fixture f;
  CHECK(f.h.call("f_static", f.msg, {lit("fixed")}) == 1);
  CHECK_FALSE(f.h.prepare("f_static", {var("$var(x)")}).ok());
  CHECK_FALSE(f.h.prepare("f_static", {mt::formatted("a $rm")}).ok());
  CHECK(f.h.call("f_raw", f.msg, {lit("$rm costs $5")}) == 1);
  core().set_var("$var(r)", "via var");
  CHECK(f.h.call("f_raw", f.msg, {var("$var(r)")}) == 1);
  CHECK(seen == std::vector<std::string>{"static:fixed", "raw:$rm costs $5", "raw:via var"});
}

// ---- optional ------------------------------------------------------------------------------------------

TEST_CASE("optional parameters: omitted at the end, left empty in the middle, given") {
  fixture f;
  CHECK(f.h.call("f_opt", f.msg) == 1);
  CHECK(f.h.call("f_opt", f.msg, {lit(3)}) == 1);
  CHECK(f.h.call("f_opt", f.msg, {omit(), lit("b")}) == 1);
  CHECK(f.h.call("f_opt", f.msg, {lit(1), lit("x")}) == 1);
  CHECK(seen == std::vector<std::string>{"opt:-,-", "opt:3,-", "opt:-,b", "opt:1,x"});
}

// ---- variables and regex ----------------------------------------------------------------------------------

TEST_CASE("variable: the function writes it; writable_variable refuses read-only ones at startup") {
  fixture f;
  CHECK(f.h.call("f_var", f.msg, {var("$var(out)"), lit(5)}) == 1);
  CHECK(core().var("$var(out)") == modsdk::testing::script_value(5));
  CHECK_FALSE(f.h.prepare("f_var", {lit("x"), lit(5)}).ok());  // VAR needs a bare variable
  CHECK(f.h.call("f_writable", f.msg, {var("$avp(w)")}) == 1);
  CHECK(core().var("$avp(w)") == modsdk::testing::script_value(std::string("written")));
  core().clear_logs();
  CHECK_FALSE(f.h.prepare("f_writable", {var("$ci")}).ok());
  CHECK(core().logged(modsdk::abi::l_err, "parameter 1 of f_writable(): the variable cannot be written"));
}

TEST_CASE("regex: a literal compiled at startup, a pattern from a variable compiled per call") {
  fixture f;
  CHECK(f.h.call("f_regex", f.msg, {lit("b+c"), lit("aabbbcc")}) == 1);
  CHECK(f.h.call("f_regex", f.msg, {lit("^x"), lit("abc")}) == -1);
  core().set_var("$var(re)", "[0-9]+");
  CHECK(f.h.call("f_regex", f.msg, {var("$var(re)"), lit("port 5060 open")}) == 1);
  CHECK(seen == std::vector<std::string>{"regex:bbbc", "regex:-", "regex:5060"});
  CHECK_FALSE(f.h.prepare("f_regex", {lit("(unclosed"), lit("x")}).ok());
}

TEST_CASE("regex matches a view that is not NUL-terminated, within its bounds only") {
  regex_t re;
  REQUIRE(regcomp(&re, "bc$", REG_EXTENDED) == 0);
  const char text[] = "abcd";
  modsdk::regex r(&re);
  CHECK(r.matches(std::string_view(text, 3)));  // "abc": the 'd' after the view is not seen
  CHECK_FALSE(r.matches(std::string_view(text, 4)));
  CHECK_FALSE(r.matches(std::string_view()));
  regfree(&re);
}

// ---- convert<T> types ---------------------------------------------------------------------------------

TEST_CASE("a user type from a literal: parsed once at startup, never again, never freed") {
  fixture f;
  app::port_parses = 0;
  auto call = f.h.prepare("f_port", {lit("5060")});
  REQUIRE(call.ok());
  CHECK(app::port_parses == 1);
  for (int i = 0; i < 3; ++i) CHECK(call.invoke(f.msg) == 1);
  CHECK(app::port_parses == 1);
  CHECK(seen == std::vector<std::string>{"port:5060", "port:5060", "port:5060"});
}

TEST_CASE("a user type from a variable or a format: parsed on every call and freed after it") {
  fixture f;
  app::port_parses = 0;
  core().set_var("$var(p)", "5080");
  auto by_var = f.h.prepare("f_port", {var("$var(p)")});
  auto by_fmt = f.h.prepare("f_port", {mt::formatted("50$var(p)")});
  REQUIRE(by_var.ok());
  REQUIRE(by_fmt.ok());
  CHECK(app::port_parses == 0);
  {
    modsdk::testing::leak_check lc;
    CHECK(by_var.invoke(f.msg) == 1);
    CHECK(by_var.invoke(f.msg) == 1);
    core().set_var("$var(p)", "61");
    CHECK(by_fmt.invoke(f.msg) == 1);
    CHECK(app::port_parses == 3);
    CHECK(lc.clean());  // the generated free_fixup ran after each call
  }
  CHECK(seen == std::vector<std::string>{"port:5080", "port:5080", "port:5061"});
}

TEST_CASE("a bad literal for a user type stops startup with one line naming function, argument and value") {
  fixture f;
  core().clear_logs();
  auto call = f.h.prepare("f_port", {lit("99999")});
  CHECK_FALSE(call.ok());
  CHECK(core().logged(modsdk::abi::l_err, "parameter 1 of f_port(): \"99999\" is not a port number from 1 to 65535"));
  const auto& logs = core().logs();
  auto it = std::find_if(logs.begin(), logs.end(), [](auto& l) { return l.text.find("99999") != std::string::npos; });
  REQUIRE(it != logs.end());
  CHECK(it->module == modsdk::detail::current_module_name());  // the module named in the prefix
  CHECK(it->function == "f_port");
}

TEST_CASE("a bad value of a user type at run time skips the call, logs, and leaks nothing") {
  fixture f;
  core().set_var("$var(p)", "not-a-port");
  auto call = f.h.prepare("f_port", {var("$var(p)")});
  REQUIRE(call.ok());
  core().clear_logs();
  modsdk::testing::leak_check lc;
  CHECK(call.invoke(f.msg) < 0);
  CHECK(core().logged(modsdk::abi::l_err, "parameter 1 of f_port(): \"not-a-port\" is not a port number"));
  CHECK(seen.empty());
  CHECK(lc.clean());
}

TEST_CASE(
    "values left by a call the core skipped (a later argument failed) are freed by the next call that can hold such "
    "values") {
  // The core skips both the call and every free_fixup when a later argument fails to evaluate; modsdk
  // keeps such per-call values pending and frees them at the next fixup or call.
  fixture f;
  core().set_var("$var(p)", "5060");
  core().set_var("$var(n)", "not an int");
  auto failing = f.h.prepare("f_two", {var("$var(p)"), var("$var(n)")});
  auto literal = f.h.prepare("f_two", {lit("7"), lit(1)});
  REQUIRE(failing.ok());
  REQUIRE(literal.ok());
  modsdk::testing::leak_check lc;
  const auto blocks = core().pkg_blocks();
  for (int i = 0; i < 5; ++i) CHECK(failing.invoke(f.msg) < 0);
  CHECK(core().pkg_blocks() == blocks + 1);        // only the last failure's value is still pending
  CHECK(f.h.call("f_int", f.msg, {lit(1)}) == 1);  // a function without convert<T> parameters leaves it
  CHECK(core().pkg_blocks() == blocks + 1);
  CHECK(literal.invoke(f.msg) == 1);  // a call of a function with convert<T> parameters frees it
  CHECK(lc.clean());
  CHECK(failing.invoke(f.msg) < 0);
  core().set_var("$var(n)", 3);
  CHECK(failing.invoke(f.msg) == 1);  // the next preparation of f_two's first argument freed it too
  CHECK(literal.invoke(f.msg) == 1);  // startup values are never touched
  CHECK(lc.clean());
  CHECK(seen == std::vector<std::string>{"int:1", "two:7,1", "two:5060,3", "two:7,1"});
}

TEST_CASE("user types by const reference and in std::optional; int-only user types") {
  fixture f;
  modsdk::testing::leak_check lc;
  core().set_var("$var(p)", "7");
  CHECK(f.h.call("f_port_ref", f.msg, {lit("1")}) == 1);
  CHECK(f.h.call("f_port_ref", f.msg, {lit("2"), var("$var(p)")}) == 1);
  CHECK(f.h.call("f_level", f.msg, {lit(3)}) == 1);
  core().set_var("$var(l)", 4);
  CHECK(f.h.call("f_level", f.msg, {var("$var(l)")}) == 1);
  core().set_var("$var(l)", 12);
  CHECK(f.h.call("f_level", f.msg, {var("$var(l)")}) < 0);
  CHECK(core().logged("parameter 1 of f_level(): 12 is not a level from 0 to 9"));
  CHECK_FALSE(f.h.prepare("f_level", {lit("3")}).ok());  // INT: the core refuses a string
  CHECK(seen == std::vector<std::string>{"port_ref:1,-", "port_ref:2,7", "level:3", "level:4"});
  CHECK(lc.pkg_delta() >= 0);  // startup literals stay allocated (the core never frees them)
}

TEST_CASE("a throwing convert<T> fails the fixup with a log line, never the process") {
  fixture f;
  core().clear_logs();
  CHECK_FALSE(f.h.prepare("f_grumpy", {lit("x")}).ok());
  CHECK(core().logged(modsdk::abi::l_err, "parameter 1 of f_grumpy(): conversion failed: exception: grumpy today"));
}

// ---- exceptions, contexts, routes -----------------------------------------------------------------------

TEST_CASE("an exception leaving the function is logged with its name and returns false") {
  fixture f;
  core().clear_logs();
  CHECK(f.h.call("f_throws", f.msg, {lit("std")}) == MODSDK_EXCEPTION_RESULT);
  CHECK(core().logged(modsdk::abi::l_err, "f_throws() failed: exception: boom"));
  CHECK(f.h.call("f_throws", f.msg, {lit("int")}) == MODSDK_EXCEPTION_RESULT);
  CHECK(core().logged(modsdk::abi::l_err, "f_throws() failed: exception: unknown exception"));
  const auto& last = core().logs().back();
  CHECK(last.module == modsdk::detail::current_module_name());
  CHECK(last.function == "f_throws");
}

TEST_CASE("route masks: the core refuses a call from a route the function does not allow") {
  fixture f;
  CHECK(f.h.prepare("f_request", {}, route::failure).ok());
  CHECK_FALSE(f.h.prepare("f_request", {}, route::onreply).ok());
  CHECK(f.h.prepare("f_request", {}, route::onreply).error().find("cannot be used in the block") != std::string::npos);
  CHECK(f.h.prepare("f_reply", {}, route::onreply).ok());
  CHECK_FALSE(f.h.prepare("f_reply", {}, route::request).ok());
  CHECK(f.h.prepare("f_str", {lit("x")}, route::onreply).ok());
  CHECK_FALSE(f.h.prepare("f_str", {lit("x")}, route::startup).ok());
  CHECK(f.h.prepare("f_narrow", {}, route::request).ok());
  CHECK_FALSE(f.h.prepare("f_narrow", {}, route::onreply).ok());  // narrowed by its explicit mask
  CHECK(f.h.prepare("f_anywhere", {}, route::timer).ok());
  CHECK(f.h.prepare("f_anywhere", {}, route::event).ok());
}

TEST_CASE("request& on a reply (an error route after an onreply assert) is refused at run time") {
  fixture f;
  auto reply = sip_message::parse(reply_text);
  auto call = f.h.prepare("f_request", {}, route::error);
  REQUIRE(call.ok());
  core().clear_logs();
  CHECK(call.invoke(reply) == -1);
  CHECK(core().logged(modsdk::abi::l_err, "f_request() takes a SIP request but was called on a SIP reply"));
  CHECK(call.invoke(f.msg) == 1);
  CHECK(seen == std::vector<std::string>{"request:yes"});
  CHECK(f.h.prepare("f_reply", {}, route::onreply).invoke(f.msg) == -1);
}

// ---- overloads -------------------------------------------------------------------------------------------

TEST_CASE("an overload set: one export, dispatched on the number of arguments given") {
  fixture f;
  CHECK(f.h.call("f_ov", f.msg) == 1);
  CHECK(f.h.call("f_ov", f.msg, {lit("a")}) == 1);
  CHECK(f.h.call("f_ov", f.msg, {lit("a"), lit(2)}) == 1);
  CHECK(seen == std::vector<std::string>{"ov0", "ov1:a", "ov2:a,2"});
  core().clear_logs();
  CHECK(f.h.call("f_ov", f.msg, {omit(), lit(2)}) == -1);  // no overload takes (, 2)
  CHECK(core().logged(modsdk::abi::l_err, "no overload of f_ov() takes 2 arguments with argument 1 left empty"));
  CHECK(f.h.call("g_ov", f.msg, {lit(1)}) == 101);
  CHECK(f.h.call("g_ov", f.msg, {lit(1), lit(2)}) == 103);
  CHECK(f.h.call("g_ov", f.msg, {lit(1), lit(2), lit("3")}) == 1006);
  CHECK(f.h.call("g_ov", f.msg, {lit(1), omit(), lit("3")}) == -1);
  CHECK_FALSE(f.h.prepare("g_ov", {}).ok());  // the first argument is mandatory in every overload
}

// ---- limits ----------------------------------------------------------------------------------------------

TEST_CASE("eight parameters, the 8th a variable; unused slots are never read") {
  fixture f;
  CHECK(f.h.call("f_eight", f.msg, {lit(1), lit(2), lit(3), lit(4), lit(5), lit(6), lit(7), var("$var(sum)")}) == 1);
  CHECK(core().var("$var(sum)") == modsdk::testing::script_value(28));
  // f_int has one parameter: the fake core fills the 7 other slots with garbage (0xdeadbeef...)
  CHECK(f.h.call("f_int", f.msg, {lit(9)}) == 9);
}

// ---- costs -------------------------------------------------------------------------------------------------

TEST_CASE("no allocation on the call path for int, string and optional arguments") {
  fixture f;
  core().set_var("$var(n)", 11);
  core().set_var("$var(s)", "text");
  auto c1 = f.h.prepare("f_minus", {lit(4)});
  auto c2 = f.h.prepare("f_minus", {var("$var(n)")});
  auto c3 = f.h.prepare("f_len", {var("$var(s)")});
  auto c4 = f.h.prepare("f_len", {lit("abc"), var("$var(n)"), lit(100)});
  auto c5 = f.h.prepare("f_len", {lit("ab"), omit(), var("$var(n)")});
  auto c6 = f.h.prepare("f_opt", {omit(), var("$var(s)")});
  auto c7 = f.h.prepare("f_port", {lit("5060")});  // a startup user-type value costs nothing per call
  for (auto* c : {&c1, &c2, &c3, &c4, &c5, &c6, &c7}) REQUIRE(c->ok());
  seen.reserve(64);
  const auto seq = core().alloc_seq();
  const auto news = g_news;
  const int sum = c1.invoke(f.msg) + c2.invoke(f.msg) + c3.invoke(f.msg) + c4.invoke(f.msg) + c5.invoke(f.msg);
  const auto news_after = g_news;
  CHECK(sum == -4 - 11 + 4 + (3 + 11 + 100) + (2 + 11));
  if (MODSDK_TEST_COUNTS_NEW) CHECK(news_after == news);
  CHECK(core().alloc_seq() == seq);  // no pkg or shm block either
  // f_opt and f_port record what they saw (their own std::string allocations): pkg/shm only here
  CHECK(c6.invoke(f.msg) == 1);
  CHECK(c7.invoke(f.msg) == 1);
  CHECK(core().alloc_seq() == seq);
}
