// SPDX-License-Identifier: MIT
// modsdk::param_group: a struct described with MODSDK_FIELDS becomes one typed modparam per field.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/params_group.hpp>
#include <modsdk/testing.hpp>

using namespace std::chrono_literals;
using modsdk::testing::core;
using modsdk::testing::host;

namespace app {
enum class mode { fast, safe };
struct settings {
  std::chrono::seconds timeout{30};
  std::string_view url;
  bool debug = false;
  int retries = 3;
  mode how = mode::safe;
};
MODSDK_FIELDS(settings, timeout, url, debug, retries, how);

struct limits {
  int low = 1;
  int high = 10;
};
MODSDK_FIELDS(limits, low, high);
}  // namespace app

template <>
struct modsdk::enum_names<app::mode> {
  static constexpr modsdk::enum_name<app::mode> names[] = {{"fast", app::mode::fast}, {"safe", app::mode::safe}};
};

namespace {
modsdk::param_group<app::settings> db{"db_"};
modsdk::param_group<app::limits> range{app::limits{2, 20}, [](const app::limits& l) -> const char* {
                                         return l.low <= l.high ? nullptr : "low must not exceed high";
                                       }};
modsdk::param<int> other{"other", 1};
static_assert(std::is_trivially_destructible_v<decltype(db)>);
}  // namespace

MODSDK_DEFINE_MODULE(group_mod, grouped, modsdk::params(other, db, range));

namespace {
std::string last_error() {
  const auto& l = core().logs();
  for (auto it = l.rbegin(); it != l.rend(); ++it)
    if (it->level == modsdk::abi::l_err && it->function != "parse_opensips_cfg") return it->text;
  return {};
}
}  // namespace

TEST_CASE("one modparam per field, named prefix + field, in declaration order") {
  std::vector<std::string> names;
  for (const auto* t = group_mod.params; t->name; ++t) names.emplace_back(t->name);
  CHECK(names ==
        std::vector<std::string>{"other", "db_timeout", "db_url", "db_debug", "db_retries", "db_how", "low", "high"});
  CHECK(db.param_name(1) == "db_url");
}

TEST_CASE("fields start from the struct's initialisers or the given defaults") {
  host h{group_mod};
  REQUIRE(h.start());
  CHECK(db->timeout == 30s);
  CHECK(db->url.empty());
  CHECK(db->debug == false);
  CHECK(db->retries == 3);
  CHECK(db->how == app::mode::safe);
  CHECK(range->low == 2);
  CHECK(range->high == 20);
  CHECK_FALSE(db.is_set("url"));
}

TEST_CASE("each field is typed by its declaration") {
  host h{group_mod};
  REQUIRE(h.modparam("db_timeout", "2m"));
  REQUIRE(h.modparam("db_url", "mysql://db"));
  REQUIRE(h.modparam("db_debug", "on"));
  REQUIRE(h.modparam("db_retries", 5));
  REQUIRE(h.modparam("db_how", "FAST"));
  REQUIRE(h.modparam("high", 30));
  REQUIRE(h.start());
  CHECK(db->timeout == 120s);
  CHECK(db->url == "mysql://db");
  CHECK(db->debug);
  CHECK(db->retries == 5);
  CHECK(db->how == app::mode::fast);
  CHECK(db.is_set("url"));
  CHECK_FALSE(db.is_set("nope"));
  CHECK((*range).high == 30);
}

TEST_CASE("a malformed field value fails its line with the field's own expectation") {
  host h{group_mod};
  core().clear_logs();
  CHECK_FALSE(h.modparam("db_timeout", "soon"));
  CHECK(last_error() == R"(modparam grouped.db_timeout: "soon" is not a duration in whole seconds like 10s, 2m or 1h)");
  CHECK_FALSE(h.modparam("db_how", "slow"));
  CHECK(last_error() == R"(modparam grouped.db_how: "slow" is not one of fast, safe)");
  CHECK_FALSE(h.modparam("db_retries", "3.5"));
  CHECK(last_error() == R"(modparam grouped.db_retries: "3.5" is not an integer from -2147483648 to 2147483647)");
  CHECK(db->retries == 3);
}

TEST_CASE("the group validator sees all lines together and fails mod_init") {
  host h{group_mod};
  REQUIRE(h.modparam("low", 50));  // fine on its own: high is set afterwards
  REQUIRE(h.modparam("high", 40));
  core().clear_logs();
  CHECK_FALSE(h.start());
  CHECK(core().logged(modsdk::abi::l_err, "modparam grouped: low, high not accepted: low must not exceed high"));
}

TEST_CASE("a new load resets every field") {
  {
    host h{group_mod};
    REQUIRE(h.modparam("db_url", "mysql://x"));
    REQUIRE(h.modparam("low", 7));
  }
  host h{group_mod};
  CHECK(db->url.empty());
  CHECK(range->low == 2);
}
