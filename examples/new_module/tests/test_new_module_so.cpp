// SPDX-License-Identifier: MIT
// The built new_module.so, dlopen()ed into the fake core the way OpenSIPS loads it; and its generated
// reference (new_module.json, written at build time from the declarations) checked against the C tables
// of the .so that was really built.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/src.hpp>  // header-only Boost.JSON: this program's one definition

#include <modsdk/reference.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::sip_message;
using modsdk::testing::var;

namespace {
sip_message options() {
  return sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: c1@example.com\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n");
}
}  // namespace

// snippet: test_dlopen
TEST_CASE("new_module.so loads into the host and runs like it does in OpenSIPS") {
  using modsdk::testing::formatted;
  core().reset();
  core().load_module("sl");
  host h = host::load(NEW_MODULE_SO);
  REQUIRE(h.loaded());
  REQUIRE(h.modparam("new_param", "Hi"));
  REQUIRE(h.modparam("max_greetings", 10));
  REQUIRE(h.start());

  auto msg = options();
  CHECK(h.call("new_function", msg, {formatted("hello $rm")}) == 1);
  CHECK(core().logged(3, "hello OPTIONS (a request)"));
  CHECK(h.call("new_function", msg) == 1);
  CHECK(core().logged(3, "Hi (a request)"));
  CHECK(h.call("greet", msg, {formatted("$fU"), var("$var(out)")}) == 1);
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("Hi, alice")});
  CHECK(h.call("reply_with", msg, {lit(403), lit("Not Today")}) == 1);
  REQUIRE(core().replies().size() == 1);
  CHECK(core().replies()[0].code == 403);
  CHECK(h.mi("greetings").json == R"({"greetings":1,"max_greetings":10})");
}
// snippet-end: test_dlopen

TEST_CASE("new_module.so refuses a bad modparam value the way OpenSIPS shows it") {
  core().reset();
  host h = host::load(NEW_MODULE_SO);
  REQUIRE(h.loaded());
  CHECK_FALSE(h.modparam("max_greetings", 0));
  CHECK(core().logged(-1, "max_greetings"));
  CHECK(core().logged(-1, "must be at least 1"));
}

namespace {
std::vector<std::string> strings(const boost::json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string().c_str());
  return out;
}
}  // namespace

TEST_CASE("the generated reference (new_module.json) matches the tables of the built .so") {
  std::ifstream in(NEW_MODULE_REFERENCE_JSON);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::object doc = boost::json::parse(text.str()).as_object();

  core().reset();
  host h = host::load(NEW_MODULE_SO);
  REQUIRE(h.loaded());
  const modsdk::module_reference tables = modsdk::reference_from_exports(h.exports());

  CHECK(doc.at("module").as_string() == tables.name);
  CHECK(doc.at("target").at("version").as_string() == tables.target_version);

  const auto& functions = doc.at("functions").as_array();
  REQUIRE(functions.size() == tables.functions.size());
  for (std::size_t i = 0; i < functions.size(); ++i) {
    const auto& f = functions[i].as_object();
    const auto& t = tables.functions[i];
    INFO("function " << t.name);
    CHECK(f.at("name").as_string() == t.name);
    CHECK(strings(f.at("routes")) == t.routes);
    const auto& params = f.at("params").as_array();
    REQUIRE(params.size() == t.params.size());
    for (std::size_t j = 0; j < params.size(); ++j) {
      CHECK(strings(params[j].at("accepts")) == t.params[j].accepts);
      CHECK(params[j].at("optional").as_bool() == t.params[j].optional);
      CHECK_FALSE(params[j].at("type").as_string().empty());  // the declarations add the C++ type
    }
  }

  const auto& params = doc.at("params").as_array();
  REQUIRE(params.size() == tables.params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    CHECK(params[i].at("name").as_string() == tables.params[i].name);
    CHECK_FALSE(params[i].at("type").as_string().empty());
  }

  const auto& mi = doc.at("mi").as_array();
  REQUIRE(mi.size() == tables.mi.size());
  for (std::size_t i = 0; i < mi.size(); ++i) {
    CHECK(mi[i].at("name").as_string() == tables.mi[i].name);
    CHECK(mi[i].at("help").as_string() == tables.mi[i].help);
  }
  // the stats rows of a .so are filled when it loads; the declarations name them at build time
  REQUIRE(doc.at("stats").as_array().size() == 1);
  CHECK(doc.at("stats").as_array()[0].at("name").as_string() == "greetings");
}

TEST_CASE("the generated reference lists the libraries the built .so needs at run time") {
  std::ifstream in(NEW_MODULE_REFERENCE_JSON);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::object doc = boost::json::parse(text.str()).as_object();
  REQUIRE(doc.at("runtime_libraries").is_array());  // the build read them from new_module.so (objdump -p)
  const std::vector<std::string> libs = strings(doc.at("runtime_libraries"));
  INFO("FMT " << NEW_MODULE_FMT_MODE);
  const auto has = [&](std::string_view name) { return std::find(libs.begin(), libs.end(), name) != libs.end(); };
  CHECK(has("libstdc++.so.6"));
  CHECK(has("libc.so.6"));
  // FMT SHARED: {fmt}'s shared library; FMT EMBEDDED: {fmt}'s compiled part is inside the .so
  CHECK(has("libfmt.so.9") == (std::string_view(NEW_MODULE_FMT_MODE) == "SHARED"));
  for (const auto& l : libs) CHECK(l.rfind("lib", 0) == 0);
}

TEST_CASE("the generated reference documents new_module's declarations") {
  std::ifstream in(NEW_MODULE_REFERENCE_JSON);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const boost::json::object doc = boost::json::parse(text.str()).as_object();
  const auto& functions = doc.at("functions").as_array();
  const boost::json::object* reply_with = nullptr;
  for (const auto& f : functions)
    if (f.at("name").as_string() == "reply_with") reply_with = &f.as_object();
  REQUIRE(reply_with);
  CHECK(strings(reply_with->at("routes")) ==
        std::vector<std::string>{"REQUEST_ROUTE", "FAILURE_ROUTE", "BRANCH_ROUTE", "ERROR_ROUTE", "LOCAL_ROUTE"});
  const auto& p = reply_with->at("params").as_array();
  REQUIRE(p.size() == 2);
  CHECK(p[0].at("type").as_string() == "final_code");
  CHECK(p[0].at("expected").as_string() == "a final SIP status code from 300 to 699");
  CHECK(p[1].at("optional").as_bool());

  const boost::json::object* max = nullptr;
  for (const auto& q : doc.at("params").as_array())
    if (q.at("name").as_string() == "max_greetings") max = &q.as_object();
  REQUIRE(max);
  CHECK(max->at("type").as_string() == "int");
  CHECK(max->at("default").as_int64() == 100);
  CHECK(max->at("validated").as_bool());
}
