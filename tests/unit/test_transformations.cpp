// SPDX-License-Identifier: MIT
// Transformations (modsdk/transformations.hpp): the module's class in its trans_export_t row, operations
// parsed where the cfg parser parses specs (typed literal parameters, variables read per call, the core's
// startup errors for a wrong count, a non-int, a malformed variable, an unknown operation), evaluated on int
// and text values, chained with the
// core's own transformations, NULL passing through, exceptions logged; the parsed parameters freed with the
// spec.
#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/reference.hpp>
#include <modsdk/testing.hpp>

#include <modsdk/transformations.hpp>
#include "sample_invite.hpp"

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::script_value;
using modsdk::testing::sip_message;

namespace {
std::string shout(std::string_view in, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += std::string(in) + "!";
  return out;
}
int clamp(int in, int lo, std::optional<int> hi) {
  if (in < lo) return lo;
  if (hi && in > *hi) return *hi;
  return in;
}
std::optional<std::string_view> after(std::string_view in, std::string_view sep) {
  const auto at = in.find(sep);
  if (at == std::string_view::npos) return std::nullopt;
  return in.substr(at + sep.size());
}
int boom(int) { throw std::runtime_error("trans boom"); }
std::string_view upper_tag(std::string_view) { return "TAG"; }

bool show(modsdk::request&, std::string_view v) { return v == "bob!bob!"; }

sip_message invite() { return modsdk_test::sample_invite("trans-1"); }
struct fresh {
  fresh() { core().reset(); }
};
}  // namespace

MODSDK_DEFINE_MODULE(trans_mod, trans_test, modsdk::functions(MODSDK_FN(show)),
                     modsdk::transformations("probe", modsdk::transformation<shout>{"shout"},
                                             modsdk::transformation<clamp>{"clamp"},
                                             modsdk::transformation<after>{"after"},
                                             modsdk::transformation<boom>{"boom"},
                                             modsdk::transformation<upper_tag>{"tag"}));

TEST_CASE_METHOD(fresh, "transformations: the module's class is its trans_export_t row") {
  const auto* t = trans_mod.trans;
  REQUIRE(t != nullptr);
  CHECK(std::string_view(t[0].name.s, static_cast<std::size_t>(t[0].name.len)) == "probe");
  CHECK(t[0].parse_func != nullptr);
  CHECK(t[0].eval_func != nullptr);
  CHECK(t[1].name.s == nullptr);
}

TEST_CASE_METHOD(fresh, "transformations: evaluated on text and int values in script expressions") {
  host h{trans_mod};
  REQUIRE(h.start());
  auto msg = invite();
  modsdk::testing::leak_check lc;
  CHECK(core().eval("$(rU{probe.shout,2})", msg) == script_value{std::string("bob!bob!")});
  CHECK(core().eval("$(rU{probe.SHOUT, 1 })", msg) == script_value{std::string("bob!")});  // as the core: any case
  REQUIRE(core().set_var("$var(n)", 42));
  CHECK(core().eval("$(var(n){probe.clamp,0,10})", msg) == script_value{10});
  CHECK(core().eval("$(var(n){probe.clamp,50})", msg) == script_value{50});
  CHECK(core().eval("$(var(n){probe.clamp,0})", msg) == script_value{42});
  // an int value reaches a text operation as its decimal text; chained with the core's own
  CHECK(core().eval("$(var(n){probe.shout,1}{s.len})", msg) == script_value{3});
  CHECK(core().eval("$(fu{probe.after,@})", msg) == script_value{std::string("example.com")});
  CHECK(core().eval("$(fu{probe.after,#})", msg) == std::nullopt);  // nullopt: NULL
  CHECK(core().eval("$(fu{s.toupper}{probe.after,@})", msg) == script_value{std::string("EXAMPLE.COM")});
  CHECK(lc.clean());  // the parsed parameters are freed with the spec
}

TEST_CASE_METHOD(fresh, "transformations: in a function's variable argument and in a format") {
  host h{trans_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(h.call("show", msg, {modsdk::testing::var("$(rU{probe.shout,2})")}) == 1);
  CHECK(h.call("show", msg, {modsdk::testing::var("$(rU{probe.shout,1})")}) == -1);
}

TEST_CASE_METHOD(fresh, "transformations: a value the operation cannot take, NULL, and exceptions") {
  host h{trans_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(core().eval("$(rU{probe.clamp,0})", msg) == std::nullopt);  // "bob" is not an int
  CHECK(core().logged("transformation clamp takes an int, not the text \"bob\""));
  CHECK(core().eval("$(var(unset){probe.shout,2})", msg) == std::nullopt);  // NULL passes through
  REQUIRE(core().set_var("$var(n)", 1));
  CHECK(core().eval("$(var(n){probe.boom})", msg) == std::nullopt);
  CHECK(core().logged("transformation boom failed: exception: trans boom"));
  CHECK(core().eval("$(var(n){probe.tag})", msg) == script_value{std::string("TAG")});
}

TEST_CASE_METHOD(fresh, "transformations: malformed parameters stop the cfg as the core's parser does") {
  host h{trans_mod};
  REQUIRE(h.start());
  modsdk::testing::leak_check lc;
  CHECK_FALSE(core().parses("$(rU{probe.shout})"));
  CHECK(core().logged("{probe.shout} takes 1 parameter(s) (int), got 0 in [probe.shout]"));
  CHECK(core().logged("error parsing [$(rU{probe.shout})]"));
  CHECK_FALSE(core().parses("$(rU{probe.shout,2,3})"));
  CHECK(core().logged("{probe.shout} takes 1 parameter(s) (int), got 2"));
  CHECK_FALSE(core().parses("$(rU{probe.shout,two})"));
  CHECK(core().logged("{probe.shout} parameter 1 is not an int: \"two\""));
  CHECK_FALSE(core().parses("$(rU{probe.shout,99999999999})"));
  CHECK_FALSE(core().parses("$(rU{probe.shout,$nosuch})"));
  CHECK(core().logged("{probe.shout} parameter 1: the core cannot parse the variable in \"$nosuch\""));
  CHECK_FALSE(core().parses("$(rU{probe.shout,$var(n) 2})"));
  CHECK(core().logged("{probe.shout} parameter 1: unexpected \"2\" after the variable $var(n)"));
  CHECK_FALSE(core().parses("$(rU{probe.shout,$var(n),$var(m)})"));  // the count, after parsing both variables
  CHECK(core().logged("{probe.shout} takes 1 parameter(s) (int), got 2"));
  CHECK_FALSE(core().parses("$(rU{probe.whisper,1})"));
  CHECK(core().logged("unknown transformation: probe.whisper in [probe.whisper,1]"));
  CHECK_FALSE(core().parses("$(var(n){probe.clamp,0,1,2})"));
  CHECK(core().logged("{probe.clamp} takes 1 to 2 parameters"));
  CHECK_FALSE(core().parses("$(rU{nosuch.op})"));
  CHECK(lc.clean());
}

TEST_CASE_METHOD(fresh, "transformations: a parameter that is a variable is read on every call, typed") {
  host h{trans_mod};
  REQUIRE(h.start());
  auto msg = invite();
  modsdk::testing::leak_check lc;
  REQUIRE(core().parses("$(rU{probe.shout,$var(n)})"));
  REQUIRE(core().set_var("$var(n)", 3));
  CHECK(core().eval("$(rU{probe.shout,$var(n)})", msg) == script_value{std::string("bob!bob!bob!")});
  REQUIRE(core().set_var("$var(n)", 1));  // read per call
  CHECK(core().eval("$(rU{probe.shout, $var(n) })", msg) == script_value{std::string("bob!")});
  REQUIRE(core().set_var("$var(n)", "2"));  // text that is an int, for an int parameter
  CHECK(core().eval("$(rU{probe.shout,$var(n)})", msg) == script_value{std::string("bob!bob!")});
  // variables and literals mixed; an optional parameter given by a variable
  REQUIRE(core().set_var("$var(lo)", 5));
  REQUIRE(core().set_var("$var(hi)", 8));
  REQUIRE(core().set_var("$var(x)", 42));
  CHECK(core().eval("$(var(x){probe.clamp,$var(lo),$var(hi)})", msg) == script_value{8});
  CHECK(core().eval("$(var(x){probe.clamp,0,$var(hi)})", msg) == script_value{8});
  CHECK(core().eval("$(var(x){probe.clamp,$var(lo),$var(unset)})", msg) == script_value{42});  // NULL: nullopt
  // a text parameter from a variable: text as is, an int as its decimal text, a message's variable
  REQUIRE(core().set_var("$var(sep)", "@"));
  CHECK(core().eval("$(fu{probe.after,$var(sep)})", msg) == script_value{std::string("example.com")});
  REQUIRE(core().set_var("$var(sep)", 7));
  REQUIRE(core().set_var("$var(t)", "a7b"));
  CHECK(core().eval("$(var(t){probe.after,$var(sep)})", msg) == script_value{std::string("b")});
  CHECK(core().eval("$(fu{probe.after,$rU})", msg) == std::nullopt);  // "bob" is not in the From URI
  CHECK(core().eval("$(tu{probe.after,$rU})", msg) == script_value{std::string("@example.com")});
  CHECK(lc.clean());  // the variables' specs are freed with the transformation
}

TEST_CASE_METHOD(fresh, "transformations: a variable whose value cannot be the parameter fails, logged") {
  host h{trans_mod};
  REQUIRE(h.start());
  auto msg = invite();
  REQUIRE(core().set_var("$var(n)", "two"));
  CHECK(core().eval("$(rU{probe.shout,$var(n)})", msg) == std::nullopt);
  CHECK(core().logged("transformation shout: parameter 1 ($var(n)) is \"two\", not an int"));
  CHECK(core().eval("$(rU{probe.shout,$var(unset)})", msg) == std::nullopt);
  CHECK(core().logged("transformation shout: parameter 1 ($var(unset)) is NULL, not an int"));
  CHECK(core().eval("$(fu{probe.after,$var(nothing)})", msg) == std::nullopt);
  CHECK(core().logged("transformation after: parameter 1 ($var(nothing)) is NULL, not a string"));
  // in a function's argument: the transformation's failure is the argument's
  REQUIRE(core().set_var("$var(n)", 2));
  CHECK(h.call("show", msg, {modsdk::testing::var("$(rU{probe.shout,$var(n)})")}) == 1);
}

TEST_CASE("transformations: the reference lists each operation with its parameters and types") {
  const auto r = MODSDK_MODULE_REFERENCE(trans_mod);
  REQUIRE(r.transformations.size() == 5);
  CHECK(r.transformations[1].cls == "probe");
  CHECK(r.transformations[1].op == "clamp");
  CHECK(r.transformations[1].params == std::vector<std::string>{"int", "int"});
  CHECK(r.transformations[1].required == 1);
  CHECK(r.transformations[2].nullable);
  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("## Exported Transformations\n\n### {probe.shout,int}\n\nTakes a string value, "
                                 "gives a string.\n\n```\nxlog(\"$(var(x){probe.shout,1})\\n\");\n```\n"));
  CHECK_THAT(md, Catch::Contains("### {probe.clamp,int[,int]}\n\nTakes an int value, gives an int."));
  CHECK_THAT(md, Catch::Contains("### {probe.after,string}\n\nTakes a string value, gives a string or NULL."));
  CHECK_THAT(r.json(), Catch::Contains("{\"class\": \"probe\", \"name\": \"clamp\", \"params\": [{\"type\": "
                                       "\"int\", \"optional\": false}, {\"type\": \"int\", \"optional\": true}], "
                                       "\"value\": \"int\", \"result\": \"int\", \"nullable\": false}"));
}
