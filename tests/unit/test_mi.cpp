// SPDX-License-Identifier: MIT
// modsdk/mi.hpp through the test host: the mi section becomes the profile's mi_export_t table, recipes
// follow the handler's (optional) parameters, values are read and converted, and every kind of result,
// error and exception becomes the reply the core would send.
#include <catch2/catch.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

using modsdk::mi_param;
using modsdk::testing::core;
using modsdk::testing::host;

namespace {
int flushes = 0;

modsdk::mi_object show(mi_param<std::string_view, "user"> user, mi_param<std::optional<int>, "limit"> limit) {
  modsdk::mi_object out;
  out.add("user", *user).add("limit", limit->value_or(10));
  auto items = out.add_array("items");
  items.add("first").add(2).add(true).add(nullptr);
  items.add_object().add("nested", std::optional<int>{});
  items.add_array().add(1.5);
  out.add_object("meta").add("has_limit", limit->has_value());
  return out;
}
void flush() { ++flushes; }
modsdk::mi_result find(mi_param<int, "id"> id) {
  if (*id < 0) return modsdk::mi_error{404, "no such id", "ids are positive"};
  if (*id == 0) return modsdk::mi_array{};
  return "found " + std::to_string(*id);
}
double ratio(mi_param<int, "num">, mi_param<int, "den"> den) {
  if (*den == 0) throw std::domain_error("division by zero");
  return 0.5;
}
bool toggle(mi_param<bool, "on"> on) { return !*on; }
std::optional<std::string> lookup(mi_param<std::string, "key"> key) {
  if (*key == "known") return std::string("value");
  return std::nullopt;
}
int boom() { throw 42; }
int by_name(mi_param<std::string_view, "name"> name) { return static_cast<int>(name->size()); }
int by_id(mi_param<int, "id"> id) { return *id * 10; }
}  // namespace

MODSDK_DEFINE_MODULE(mi_module, test_mi,
                     modsdk::mi(MODSDK_MI(show, show, "show a user"), MODSDK_MI(flush, flush),
                                MODSDK_MI(find, find, "find by id"), MODSDK_MI(ratio, ratio), MODSDK_MI(toggle, toggle),
                                MODSDK_MI(lookup, lookup), MODSDK_MI(boom, boom),
                                MODSDK_MI_OVERLOADS(lookup_by, "by name or id", by_name, by_id)));

namespace {
struct reset_core {
  reset_core() { core().reset(); }
};
struct started : reset_core {
  host h{mi_module};
  started() {
    REQUIRE(h.loaded());
    REQUIRE(h.start());
  }
};
}  // namespace

TEST_CASE("the mi_export_t table follows the target profile") {
  using export_t = modsdk::abi::for_profile_t<modsdk::target.profile>::mi_export;
  const auto* t = static_cast<const export_t*>(mi_module.mi_cmds);
  REQUIRE(t != nullptr);
  CHECK(std::string_view(t[0].name) == "show");
  CHECK(std::string_view(t[0].help) == "show a user");
  CHECK(t[0].flags == 0);
  CHECK(t[0].init_f == nullptr);
  // one recipe per subset of the optional parameters, then the NULL recipe
  REQUIRE(t[0].recipes[0].cmd != nullptr);
  CHECK(std::string_view(t[0].recipes[0].params[0]) == "user");
  CHECK(t[0].recipes[0].params[1] == nullptr);
  REQUIRE(t[0].recipes[1].cmd != nullptr);
  CHECK(std::string_view(t[0].recipes[1].params[0]) == "user");
  CHECK(std::string_view(t[0].recipes[1].params[1]) == "limit");
  CHECK(t[0].recipes[1].params[2] == nullptr);
  CHECK(t[0].recipes[2].cmd == nullptr);
  CHECK(std::string_view(t[1].help).empty());
  CHECK(t[1].recipes[0].params[0] == nullptr);  // flush takes nothing
  CHECK(std::string_view(t[7].name) == "lookup_by");
  CHECK(std::string_view(t[7].recipes[0].params[0]) == "name");
  CHECK(std::string_view(t[7].recipes[1].params[0]) == "id");
  CHECK(t[8].name == nullptr);
  if constexpr (requires { t[0].aliases; }) CHECK(t[0].aliases[0] == nullptr);
}

TEST_CASE_METHOD(started, "an optional parameter: with and without it, named and positional") {
  auto r = h.mi("show", {{"user", "alice"}});
  CHECK_FALSE(r.error);
  CHECK(
      r.json ==
      R"({"user":"alice","limit":10,"items":["first",2,true,null,{"nested":null},[1.5]],"meta":{"has_limit":false}})");

  r = h.mi("show", {{"user", "bob"}, {"limit", 3}});
  CHECK(r.json ==
        R"({"user":"bob","limit":3,"items":["first",2,true,null,{"nested":null},[1.5]],"meta":{"has_limit":true}})");

  r = h.mi("show", {{"limit", "7"}, {"user", "carol"}});  // names in any order; a numeric string converts
  CHECK(r.json.starts_with(R"({"user":"carol","limit":7,)"));

  r = h.mi_positional("show", {{"", "dave"}, {"", 4}});
  CHECK(r.json.starts_with(R"({"user":"dave","limit":4,)"));

  r = h.mi("test_mi:show", {{"user", "erin"}});  // 4.0 also registers <module>:<cmd>
  CHECK_FALSE(r.error);
}

TEST_CASE_METHOD(started, "a void handler replies OK") {
  flushes = 0;
  auto r = h.mi("flush");
  CHECK_FALSE(r.error);
  CHECK(r.json == "\"OK\"");
  CHECK(flushes == 1);
}

TEST_CASE_METHOD(started, "mi_result: a string, an array or an error chosen at run time") {
  CHECK(h.mi("find", {{"id", 7}}).json == "\"found 7\"");
  CHECK(h.mi("find", {{"id", 0}}).json == "[]");
  auto r = h.mi("find", {{"id", -1}});
  CHECK(r.error);
  CHECK(r.json == R"({"code":404,"message":"no such id","data":"ids are positive"})");
}

TEST_CASE_METHOD(started, "a parameter that does not convert is an Invalid params reply naming it") {
  auto r = h.mi("find", {{"id", "seven"}});
  CHECK(r.error);
  CHECK(r.json.find("-32602") != std::string::npos);
  CHECK(r.json.find(R"(parameter 'id': \"seven\" is not an integer)") != std::string::npos);
  r = h.mi("toggle", {{"on", "maybe"}});
  CHECK(r.error);
  CHECK(r.json.find("parameter 'on'") != std::string::npos);
}

TEST_CASE_METHOD(started, "numbers, booleans and optional results") {
  CHECK(h.mi("ratio", {{"num", 1}, {"den", 2}}).json == "0.5");
  CHECK(h.mi("toggle", {{"on", "yes"}}).json == "false");
  CHECK(h.mi("toggle", {{"on", 0}}).json == "true");
  CHECK(h.mi("lookup", {{"key", "known"}}).json == "\"value\"");
  CHECK(h.mi("lookup", {{"key", "other"}}).json == "null");
}

TEST_CASE_METHOD(started, "an exception becomes an error reply, never a crash") {
  auto r = h.mi("ratio", {{"num", 1}, {"den", 0}});
  CHECK(r.error);
  CHECK(r.json == R"({"code":500,"message":"division by zero"})");
  CHECK(core().logged(modsdk::abi::l_err, "MI command failed: exception: division by zero"));
  r = h.mi("boom");
  CHECK(r.error);
  CHECK(r.json == R"({"code":500,"message":"unknown exception"})");
}

TEST_CASE_METHOD(started, "several handlers for one command: the core picks by parameter name") {
  CHECK(h.mi("lookup_by", {{"name", "abcd"}}).json == "4");
  CHECK(h.mi("lookup_by", {{"id", 3}}).json == "30");
  auto r = h.mi_positional("lookup_by", {{"", "x"}});  // one positional parameter fits both
  CHECK(r.error);
  CHECK(r.json.find("Ambiguous") != std::string::npos);
}

TEST_CASE_METHOD(started, "the core rejects calls no recipe fits before the handler runs") {
  auto r = h.mi("show", {{"user", "a"}, {"limit", 1}, {"extra", 2}});
  CHECK(r.error);
  CHECK(r.json.find("-32602") != std::string::npos);
  r = h.mi("show");
  CHECK(r.error);
}
