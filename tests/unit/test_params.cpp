// SPDX-License-Identifier: MIT
// modsdk::param / param_list / params(): modparam lines through the fake core, as the cfg parser runs
// them. Every malformed value is asserted with the exact log line the author would read.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/testing.hpp>

using namespace std::chrono_literals;
using modsdk::testing::core;
using modsdk::testing::host;

namespace app {
enum class transport { udp, tcp, tls };

struct endpoint {  // a user type that views the text it was parsed from
  std::string_view host;
  int port;
};
struct fragile {
  int v;
};
}  // namespace app

template <>
struct modsdk::enum_names<app::transport> {
  static constexpr modsdk::enum_name<app::transport> names[] = {
      {"udp", app::transport::udp}, {"tcp", app::transport::tcp}, {"tls", app::transport::tls}};
};
template <>
struct modsdk::convert<app::endpoint> {
  static constexpr std::string_view expected = "an endpoint like host:port";
  static std::optional<app::endpoint> from_string(std::string_view s) {
    auto colon = s.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    auto port = modsdk::convert<int>::from_string(s.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) return std::nullopt;
    return app::endpoint{s.substr(0, colon), *port};
  }
};
template <>
struct modsdk::convert<app::fragile> {
  static constexpr std::string_view expected = "anything";
  static std::optional<app::fragile> from_string(std::string_view s) {
    if (s == "boom") throw std::runtime_error("fragile broke");
    return app::fragile{int(s.size())};
  }
};

namespace {
modsdk::param<int> port{"port", 5060, [](int p) { return p > 0 && p < 65536; }};
modsdk::param<long> big{"big", 7};
modsdk::param<bool> debug{"debug", false};
modsdk::param<std::string_view> db_url{"db_url", "mysql://localhost/db", [](std::string_view s) -> const char* {
                                         return s.starts_with("mysql://") ? nullptr : "must start with mysql://";
                                       }};
modsdk::param<std::string_view> label{"label"};
modsdk::param<app::transport> proto{"transport", app::transport::udp};
modsdk::param<std::chrono::milliseconds> timeout{"timeout", 2s};
modsdk::param<std::chrono::seconds> interval{"interval", 1min, [](std::chrono::seconds s) -> std::string {
                                               if (s < 1s)
                                                 return "must be at least 1s, got " + std::to_string(s.count()) + "s";
                                               return {};
                                             }};
modsdk::param<app::endpoint> upstream{"upstream", app::endpoint{"127.0.0.1", 5060}};
modsdk::param<app::fragile> fragile{"fragile"};
modsdk::param<int> thrower{"thrower", 0, [](int v) -> bool {
                             if (v == 13) throw std::runtime_error("unlucky");
                             return true;
                           }};
modsdk::param_list<std::string_view> peers{"peer"};
modsdk::param_list<int> weights{"weight",
                                [](int w) -> std::string_view { return w >= 0 ? "" : "must not be negative"; }};

static_assert(std::is_trivially_destructible_v<decltype(port)> && std::is_trivially_destructible_v<decltype(peers)>);
}  // namespace

MODSDK_DEFINE_MODULE(params_mod, new_module,
                     modsdk::params(port, big, debug, db_url, label, proto, timeout, interval, upstream, fragile,
                                    thrower, peers, weights));

namespace {
modsdk::param<std::string_view> must{"must", modsdk::required};
modsdk::param_list<int> must_list{"must_list", modsdk::required};
}  // namespace
MODSDK_DEFINE_MODULE(required_mod, req_module, modsdk::params(must, must_list));

namespace {
modsdk::param<int> dup_a{"same"};
modsdk::param<bool> dup_b{"same"};
}  // namespace
MODSDK_DEFINE_MODULE(dup_mod, dup_module, modsdk::params(dup_a, dup_b));

namespace {
/// The text of the last error line logged.
std::string last_error() {
  const auto& l = core().logs();
  for (auto it = l.rbegin(); it != l.rend(); ++it)
    if (it->level == modsdk::abi::l_err && it->function != "parse_opensips_cfg") return it->text;
  return {};
}
/// Sets a parameter expecting failure; returns the module's log line.
template <class V>
std::string rejected(host& h, std::string_view name, V value) {
  core().clear_logs();
  auto r = h.modparam(name, value);
  CHECK_FALSE(r.ok);
  // the refused value is an error of the cfg parse; the core adds no "not found ... can't set" line
  CHECK(r.error == "bad config file (1 errors)");
  CHECK_FALSE(core().logged("can't set"));
  return last_error();
}
}  // namespace

TEST_CASE("the params table: one USE_FUNC_PARAM entry per parameter, accepting strings and numbers") {
  const modsdk::abi::param_export* t = params_mod.params;
  std::vector<std::string> names;
  for (; t->name; ++t) {
    names.emplace_back(t->name);
    CHECK(t->type == (modsdk::abi::use_func_param | modsdk::abi::str_param | modsdk::abi::int_param));
    CHECK(t->param_pointer != nullptr);
  }
  CHECK(names == std::vector<std::string>{"port", "big", "debug", "db_url", "label", "transport", "timeout", "interval",
                                          "upstream", "fragile", "thrower", "peer", "weight"});
  CHECK(t->param_pointer == nullptr);
}

TEST_CASE("defaults when no modparam line sets a parameter") {
  host h{params_mod};
  REQUIRE(h.loaded());
  REQUIRE(h.start());
  CHECK(*port == 5060);
  CHECK_FALSE(port.is_set());
  CHECK(*big == 7);
  CHECK(*debug == false);
  CHECK(*db_url == "mysql://localhost/db");
  CHECK(label->empty());
  CHECK(*proto == app::transport::udp);
  CHECK(*timeout == 2s);
  CHECK(*interval == 1min);
  CHECK(upstream->host == "127.0.0.1");
  CHECK(peers.empty());
  CHECK(peers.begin() == peers.end());
  CHECK_FALSE(peers.is_set());
}

TEST_CASE("good values of every parameter type, quoted or bare") {
  host h{params_mod};
  REQUIRE(h.modparam("port", 5070));
  CHECK(*port == 5070);
  REQUIRE(h.modparam("port", "5080"));
  CHECK(*port == 5080);
  CHECK(port.is_set());
  REQUIRE(h.modparam("big", "-9000000000"));
  CHECK(*big == -9000000000L);
  REQUIRE(h.modparam("debug", "yes"));
  CHECK(*debug);
  REQUIRE(h.modparam("debug", 0));
  CHECK_FALSE(*debug);
  REQUIRE(h.modparam("debug", "ON"));
  CHECK(*debug);
  REQUIRE(h.modparam("db_url", "mysql://u:p@db/x"));
  CHECK(*db_url == "mysql://u:p@db/x");
  REQUIRE(h.modparam("label", 42));  // a number given to a string parameter is its text
  CHECK(*label == "42");
  REQUIRE(h.modparam("label", ""));
  CHECK(label->empty());
  CHECK(label.is_set());
  REQUIRE(h.modparam("transport", "TLS"));
  CHECK(*proto == app::transport::tls);
  REQUIRE(h.modparam("timeout", "500ms"));
  CHECK(*timeout == 500ms);
  REQUIRE(h.modparam("timeout", "2m"));
  CHECK(*timeout == 2min);
  REQUIRE(h.modparam("timeout", 250));  // a bare number is in the parameter's unit
  CHECK(*timeout == 250ms);
  REQUIRE(h.modparam("interval", "1h"));
  CHECK(*interval == 1h);
  REQUIRE(h.modparam("upstream", "sip.example.com:5061"));
  CHECK(upstream->host == "sip.example.com");
  CHECK(upstream->port == 5061);
  REQUIRE(h.start());
}

TEST_CASE("string values are private copies that outlive the parser's buffer") {
  host h{params_mod};
  std::string text = "mysql://first";
  REQUIRE(h.modparam("db_url", text.c_str()));
  std::string ep = "proxy.local:5080";
  REQUIRE(h.modparam("upstream", ep));
  REQUIRE(h.modparam("peer", "a.example"));
  // the host keeps its own copies too; what matters is that ours are not those buffers
  CHECK(db_url->data() != text.data());
  CHECK(*db_url == "mysql://first");
  CHECK(upstream->host == "proxy.local");
  CHECK(upstream->host.data()[upstream->host.size()] == ':');  // views into modsdk's copy of the whole text
  CHECK(*peers.begin() == "a.example");
}

TEST_CASE("malformed values fail the modparam line with one exact log line") {
  host h{params_mod};
  CHECK(rejected(h, "timeout", "abc") ==
        R"(modparam new_module.timeout: "abc" is not a duration like 10s, 500ms or 2m)");
  CHECK(rejected(h, "timeout", "10 s") ==
        R"(modparam new_module.timeout: "10 s" is not a duration like 10s, 500ms or 2m)");
  CHECK(rejected(h, "timeout", -5) == R"(modparam new_module.timeout: -5 is not a duration like 10s, 500ms or 2m)");
  CHECK(rejected(h, "interval", "1500ms") ==
        R"(modparam new_module.interval: "1500ms" is not a duration in whole seconds like 10s, 2m or 1h)");
  CHECK(rejected(h, "port", "12x") ==
        R"(modparam new_module.port: "12x" is not an integer from -2147483648 to 2147483647)");
  CHECK(rejected(h, "port", "99999999999") ==
        R"(modparam new_module.port: "99999999999" is not an integer from -2147483648 to 2147483647)");
  CHECK(rejected(h, "port", "") == R"(modparam new_module.port: "" is not an integer from -2147483648 to 2147483647)");
  CHECK(rejected(h, "port", 70000) == R"(modparam new_module.port: 70000 is not accepted)");
  CHECK(rejected(h, "port", "0") == R"(modparam new_module.port: "0" is not accepted)");
  CHECK(rejected(h, "debug", "maybe") ==
        R"(modparam new_module.debug: "maybe" is not a boolean (yes/no, on/off, true/false or 1/0))");
  CHECK(rejected(h, "debug", 2) ==
        R"(modparam new_module.debug: 2 is not a boolean (yes/no, on/off, true/false or 1/0))");
  CHECK(rejected(h, "db_url", "pg://x") ==
        R"(modparam new_module.db_url: "pg://x" is not accepted: must start with mysql://)");
  CHECK(rejected(h, "transport", "sctp") == R"(modparam new_module.transport: "sctp" is not one of udp, tcp, tls)");
  CHECK(rejected(h, "transport", 1) == R"(modparam new_module.transport: 1 is not one of udp, tcp, tls)");
  CHECK(rejected(h, "interval", "0") ==
        R"(modparam new_module.interval: "0" is not accepted: must be at least 1s, got 0s)");
  CHECK(rejected(h, "upstream", "nohost") ==
        R"(modparam new_module.upstream: "nohost" is not an endpoint like host:port)");
  CHECK(rejected(h, "fragile", "boom") ==
        R"(modparam new_module.fragile: "boom" was rejected: exception: fragile broke)");
  CHECK(rejected(h, "thrower", 13) == R"(modparam new_module.thrower: 13 was rejected: exception: unlucky)");
  CHECK(rejected(h, "weight", "-1") == R"(modparam new_module.weight: "-1" is not accepted: must not be negative)");
}

TEST_CASE("a rejected line leaves the previous value in place, and each failure logs exactly one line") {
  host h{params_mod};
  REQUIRE(h.modparam("port", 6000));
  core().clear_logs();
  CHECK_FALSE(h.modparam("port", "nope"));
  CHECK(*port == 6000);
  std::size_t module_lines = 0;
  for (const auto& l : core().logs())
    if (l.function == "modparam") ++module_lines;
  CHECK(module_lines == 1);
  CHECK_FALSE(h.modparam("weight", -3));
  CHECK(weights.empty());
}

TEST_CASE("text with quotes and control characters is shown escaped") {
  host h{params_mod};
  CHECK(rejected(h, "port", std::string_view("1\"2\n")) ==
        R"(modparam new_module.port: "1\"2\n" is not an integer from -2147483648 to 2147483647)");
}

TEST_CASE("repeats: the last line wins for a param, every line appends to a param_list") {
  host h{params_mod};
  REQUIRE(h.modparam("label", "one"));
  REQUIRE(h.modparam("label", "two"));
  CHECK(*label == "two");
  for (const char* p : {"a.example", "b.example", "c.example", "d.example", "e.example", "f.example"})
    REQUIRE(h.modparam("peer", p));
  REQUIRE(h.modparam("weight", 3));
  REQUIRE(h.modparam("weight", "5"));
  REQUIRE(h.start());
  std::vector<std::string> got(peers.begin(), peers.end());
  CHECK(got == std::vector<std::string>{"a.example", "b.example", "c.example", "d.example", "e.example", "f.example"});
  CHECK(peers.size() == 6);
  CHECK(peers[5] == "f.example");
  CHECK(std::vector<int>(weights.begin(), weights.end()) == std::vector<int>{3, 5});
}

TEST_CASE("a new host (a new load) starts every parameter from its default again") {
  {
    host h{params_mod};
    REQUIRE(h.modparam("port", 7000));
    REQUIRE(h.modparam("peer", "x"));
    REQUIRE(h.modparam("db_url", "mysql://other"));
  }
  host h{params_mod};
  CHECK(*port == 5060);
  CHECK_FALSE(port.is_set());
  CHECK(peers.empty());
  CHECK(*db_url == "mysql://localhost/db");
}

TEST_CASE("unknown parameter names are the core's error") {
  host h{params_mod};
  auto r = h.modparam("nope", "1");
  CHECK_FALSE(r.ok);
  CHECK(core().logged("parameter <nope> not found in module <new_module>"));
}

TEST_CASE("required parameters: mod_init fails naming each one that is missing") {
  {
    host h{required_mod};
    core().clear_logs();
    CHECK_FALSE(h.start());
    CHECK(core().logged(modsdk::abi::l_err, "modparam req_module.must is required but was not set"));
    CHECK(core().logged(modsdk::abi::l_err, "modparam req_module.must_list is required but was not set"));
  }
  host h{required_mod};
  REQUIRE(h.modparam("must", "x"));
  REQUIRE(h.modparam("must_list", 1));
  CHECK(h.start());
}

TEST_CASE("two parameters with one name fail the load") {
  core().clear_logs();
  host h{dup_mod};
  CHECK_FALSE(h.loaded());
  CHECK(core().logged(modsdk::abi::l_err, R"(module dup_module declares the parameter "same" twice)"));
}
