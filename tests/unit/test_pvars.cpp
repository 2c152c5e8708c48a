// SPDX-License-Identifier: MIT
// Exported pseudo-variables (modsdk/pvars.hpp): the pv_export_t table, names and indexes parsed at startup
// with the core's errors, typed getters (int, text, NULL) and setters driven the way the core drives them,
// the exception firewall, a module variable inside a formatted argument, and the reference.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>
#include <modsdk/reference.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::script_value;
using modsdk::testing::sip_message;

namespace {
int calls = 7;
std::map<std::string, std::string, std::less<>> greetings{{"en", "hello"}};
const char* const list[] = {"a", "b", "c"};
int stored = 0;
std::string last_text;

int count() { return calls; }
std::optional<std::string_view> greeting(const modsdk::message&, const modsdk::pvar_key& k) {
  if (auto it = greetings.find(k.name()); it != greetings.end()) return it->second;
  return std::nullopt;
}
bool set_greeting(modsdk::message&, const modsdk::pvar_key& k, std::optional<std::string_view> v) {
  if (!v)
    greetings.erase(std::string(k.name()));
  else
    greetings[std::string(k.name())] = std::string(*v);
  return true;
}
bool known_language(std::string_view n) { return n == "en" || n == "fr"; }

std::string item(const modsdk::message&, const modsdk::pvar_key& k) {
  if (k.all()) return "a,b,c";
  int i = k.index().value_or(0);
  if (i < 0) i += 3;
  if (i < 0 || i > 2) throw std::out_of_range("no such item");
  return list[i];
}
int method_len(const modsdk::message& m) { return static_cast<int>(m.method().size()); }
bool set_stored(modsdk::message&, int v) { return (stored = v) >= 0; }
std::string_view text() { return last_text; }
void set_text(modsdk::message&, std::string_view v) { last_text = std::string(v); }

bool echo(modsdk::request&, std::string_view s) {
  last_text = std::string(s);
  return true;
}
}  // namespace

MODSDK_DEFINE_MODULE(pv_mod, pvars_test, modsdk::functions(MODSDK_FN(echo)),
                     modsdk::pvars(modsdk::pvar<count>{"pv_count"},
                                   modsdk::pvar<greeting, set_greeting, known_language>{"pv_greet"},
                                   modsdk::pvar<item>{"pv.item"}, modsdk::pvar<method_len, set_stored>{"pv_int"},
                                   modsdk::pvar<text, set_text>{"pv_text"}));

// A second module exporting a name the first one registered: the core logs it and keeps the first.
int other() { return 1; }
MODSDK_DEFINE_MODULE(dup_pv_mod, pvars_dup, modsdk::pvars(modsdk::pvar<other>{"pv_count"}));

namespace {
sip_message invite() {
  return sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>\r\n"
      "Call-ID: pvars-1\r\n"
      "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
}
struct fresh {
  fresh() {
    core().reset();
    calls = 7;
    greetings = {{"en", "hello"}};
    stored = 0;
    last_text.clear();
  }
};
}  // namespace

TEST_CASE_METHOD(fresh, "pvars: the pv_export table has each variable with its parsers and setter") {
  const modsdk::abi::pv_export* t = pv_mod.items;
  REQUIRE(t);
  CHECK(std::string_view(t[0].name.s, 8) == "pv_count");
  CHECK(t[0].name.len == 8);
  CHECK(t[0].type != modsdk::abi::pvt_none);
  CHECK(t[0].getf);
  CHECK_FALSE(t[0].setf);        // read-only
  CHECK_FALSE(t[0].parse_name);  // the getter takes no key: no name, no index
  CHECK_FALSE(t[0].parse_index);
  CHECK(t[1].setf);
  CHECK(t[1].parse_name);
  CHECK(t[1].parse_index == &modsdk::abi::pv_parse_index);
  CHECK(std::string_view(t[2].name.s, static_cast<std::size_t>(t[2].name.len)) == "pv.item");
  CHECK_FALSE(t[5].name.s);
}

TEST_CASE_METHOD(fresh, "pvars: getters give ints, text and NULL to script expressions") {
  host h{pv_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(core().eval("$pv_count", msg) == script_value{7});
  calls = 8;
  CHECK(core().eval("$pv_count", msg) == script_value{8});
  CHECK(core().eval("$pv_greet(en)", msg) == script_value{std::string("hello")});
  CHECK_FALSE(core().eval("$pv_greet(fr)", msg));         // nullopt: NULL
  CHECK(core().eval("$pv_int", msg) == script_value{6});  // "INVITE"
  CHECK(core().eval("$(pv_greet(en))", msg) == script_value{std::string("hello")});
}

TEST_CASE_METHOD(fresh, "pvars: names and indexes are parsed at startup with the core's errors") {
  host h{pv_mod};
  REQUIRE(h.start());
  CHECK(core().parses("$pv_greet(fr)"));
  CHECK_FALSE(core().parses("$pv_greet(de)"));  // the module's check
  CHECK(core().logged(modsdk::abi::l_err, "pseudo-variable name \"de\": refused by the module's check"));
  CHECK(core().logged(modsdk::abi::l_err, "pvar \"pv_greet\" has an invalid name param [de]"));
  CHECK_FALSE(core().parses("$pv_count(x)"));
  CHECK(core().logged(modsdk::abi::l_err, "pvar \"pv_count\" has an invalid name param [x]"));
  CHECK_FALSE(core().parses("$(pv_count[1])"));
  CHECK(core().logged(modsdk::abi::l_err, "pvar \"pv_count\" does not get index param"));
  CHECK_FALSE(core().parses("$(pv.item[x1])"));
  CHECK(core().logged(modsdk::abi::l_err, "invalid index [x1]"));
  CHECK_FALSE(core().parses("$pv_greet()"));
  CHECK(core().logged(modsdk::abi::l_err, "pvar \"pv_greet\" does not get empty name param"));
  CHECK_FALSE(core().parses("$pv_nothing"));
  CHECK(core().parses("$(pv.item[-1])"));
  CHECK(core().parses("$(pv.item[*])"));
}

TEST_CASE_METHOD(fresh, "pvars: an index, negative, all, or read from a variable") {
  host h{pv_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(core().eval("$pv.item", msg) == script_value{std::string("a")});
  CHECK(core().eval("$(pv.item[1])", msg) == script_value{std::string("b")});
  CHECK(core().eval("$(pv.item[-1])", msg) == script_value{std::string("c")});
  CHECK(core().eval("$(pv.item[*])", msg) == script_value{std::string("a,b,c")});
  REQUIRE(core().set_var("$var(i)", 2));
  CHECK(core().eval("$(pv.item[$var(i)])", msg) == script_value{std::string("c")});
  REQUIRE(core().set_var("$var(i)", "two"));
  CHECK_FALSE(core().eval("$(pv.item[$var(i)])", msg));  // the core: "invalid index value", NULL
  CHECK(core().logged(modsdk::abi::l_err, "invalid index value"));
}

TEST_CASE_METHOD(fresh, "pvars: an exception in a getter is logged and reads as NULL") {
  host h{pv_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK_FALSE(core().eval("$(pv.item[5])", msg));
  CHECK(core().logged(modsdk::abi::l_err, "a pseudo-variable getter failed: exception: no such item"));
}

TEST_CASE_METHOD(fresh, "pvars: setters take the assigned int, text or NULL") {
  host h{pv_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(core().assign("$pv_greet(fr)", msg, script_value{std::string("salut")}));
  CHECK(core().eval("$pv_greet(fr)", msg) == script_value{std::string("salut")});
  CHECK(core().assign("$pv_greet(en)", msg, std::nullopt));
  CHECK_FALSE(core().eval("$pv_greet(en)", msg));
  CHECK(core().assign("$pv_int", msg, script_value{42}));
  CHECK(stored == 42);
  CHECK_FALSE(core().assign("$pv_int", msg, script_value{-1}));  // the setter said no
  CHECK_FALSE(core().assign("$pv_int", msg, script_value{std::string("x")}));
  CHECK(core().logged(modsdk::abi::l_err, "this pseudo-variable takes an int, not the text \"x\""));
  CHECK_FALSE(core().assign("$pv_int", msg, std::nullopt));
  CHECK(core().logged(modsdk::abi::l_err, "this pseudo-variable cannot be set to NULL"));
  CHECK(core().assign("$pv_text", msg, script_value{12}));  // an int reaches a text setter as its text
  CHECK(last_text == "12");
  CHECK_FALSE(core().assign("$pv_count", msg, script_value{1}));
  CHECK(core().logged(modsdk::abi::l_err, "invalid left operand in assignment"));
}

TEST_CASE_METHOD(fresh, "pvars: a module variable inside a formatted argument") {
  host h{pv_mod};
  REQUIRE(h.start());
  auto msg = invite();
  using modsdk::testing::formatted;
  CHECK(h.call("echo", msg, {formatted("calls=$pv_count greet=$pv_greet(en) last=$(pv.item[-1])")}) == 1);
  CHECK(last_text == "calls=7 greet=hello last=c");
}

TEST_CASE_METHOD(fresh, "pvars: a name another module registered first is refused, logged") {
  host h{pv_mod};
  REQUIRE(h.start());
  host d{dup_pv_mod};
  REQUIRE(d.start());
  CHECK(core().logged(modsdk::abi::l_err, "pvar [pv_count] already exists"));
  CHECK(core().logged(modsdk::abi::l_err, "failed to register pseudo-variable <pv_count> for module pvars_dup"));
  auto msg = invite();
  CHECK(core().eval("$pv_count", msg) == script_value{7});  // the first module's
}

TEST_CASE("pvars: the reference lists each variable with its type, access and parameters") {
  const auto r = MODSDK_MODULE_REFERENCE(pv_mod);
  REQUIRE(r.pvars.size() == 5);
  CHECK(r.pvars[0].name == "pv_count");
  CHECK(r.pvars[0].type == "int");
  CHECK_FALSE(r.pvars[0].writable);
  CHECK_FALSE(r.pvars[0].keyed);
  CHECK(r.pvars[1].type == "string");
  CHECK(r.pvars[1].nullable);
  CHECK(r.pvars[1].writable);
  CHECK(r.pvars[1].keyed);
  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("## Exported Pseudo-Variables\n\n### $pv_count\n\nAn int, read-only.\n\n"
                                 "```\nxlog(\"pv_count is $pv_count\\n\");\n```\n"));
  CHECK_THAT(md, Catch::Contains("### $pv_greet\n\nA string, read and written by the script. It may be NULL.\n\n"
                                 "Takes a name and an index: `$pv_greet(name)`, `$(pv_greet(name)[index])`"));
  CHECK_THAT(r.json(), Catch::Contains("\"pvars\": [\n    {\"name\": \"pv_count\", \"type\": \"int\", \"nullable\": "
                                       "false, \"writable\": false, \"keyed\": false},"));
}

// ---- the name check, as the core registers module variables --------------------------------------------
static_assert(modsdk::detail::valid_pvar_name("my_pv"));
static_assert(modsdk::detail::valid_pvar_name("my.pv2"));
static_assert(modsdk::detail::valid_pvar_name("1x"));  // the core takes it: is_pv_valid_char only
static_assert(!modsdk::detail::valid_pvar_name(""));
static_assert(!modsdk::detail::valid_pvar_name("my-pv"));
static_assert(!modsdk::detail::valid_pvar_name("my pv"));
static_assert(!modsdk::detail::valid_pvar_name("$my_pv"));
