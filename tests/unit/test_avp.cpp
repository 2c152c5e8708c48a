// SPDX-License-Identifier: MIT
// AVPs (modsdk/avp.hpp): names resolved once in mod_init to the ids the script's $avp(name) uses, values read
// and written in the core's order (newest first), typed handles, and the one list the script and the module
// share in the fake core.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/avp.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

#include "sample_invite.hpp"

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::script_value;
using modsdk::testing::sip_message;

namespace {
constinit modsdk::avp<int> score{"caller_score"};
constinit modsdk::avp<std::string_view> tags{"tags"};
constinit modsdk::avp<> mixed{"mixed"};
constinit modsdk::avp<int> unlisted{"unlisted"};

std::string seen;
// Reads what the script put in $avp(tags), newest first, and answers in $avp(caller_score).
bool rate(modsdk::request&) {
  seen.clear();
  tags.for_each([](std::string_view t) { seen += std::string(t) + ";"; });
  return score.add(static_cast<int>(seen.size()));
}

sip_message invite() { return modsdk_test::sample_invite("avp-1"); }
struct fresh {
  fresh() { core().reset(); }
};
}  // namespace

MODSDK_DEFINE_MODULE(avp_mod, avp_test, modsdk::functions(MODSDK_FN(rate)), modsdk::avps(score, tags, mixed));

TEST_CASE_METHOD(fresh, "avps: names are resolved in mod_init to the script's ids") {
  host h{avp_mod};
  REQUIRE(h.start());
  const int id = score.id();
  CHECK(id > 0);
  CHECK(tags.id() > 0);
  CHECK(tags.id() != id);
  int script_id = -1;
  modsdk::abi::str n{const_cast<char*>("caller_score"), 12};
  REQUIRE(modsdk::abi::parse_avp_spec(&n, &script_id) == 0);  // what the cfg parser does for $avp(caller_score)
  CHECK(script_id == id);
  CHECK(unlisted.id() > 0);  // not listed: resolved on first use
}

TEST_CASE_METHOD(fresh, "avps: the module reads the script's values, newest first") {
  host h{avp_mod};
  REQUIRE(h.start());
  auto msg = invite();
  REQUIRE(core().assign("$avp(tags)", msg, script_value{std::string("first")}));
  REQUIRE(core().assign("$avp(tags)", msg, script_value{std::string("second")}));
  REQUIRE(core().assign("$avp(tags)", msg, script_value{std::string("third")}));
  CHECK(tags.first() == "third");
  CHECK(tags.at(1) == "second");
  CHECK(tags.at(-1) == "first");  // $(avp(tags)[-1]): the oldest
  CHECK_FALSE(tags.at(3));
  CHECK_FALSE(tags.at(-4));
  CHECK(tags.all() == std::vector<std::string_view>{"third", "second", "first"});
  CHECK(tags.count() == 3);
  CHECK(h.call("rate", msg, {}) == 1);
  CHECK(seen == "third;second;first;");
  CHECK(core().eval("$avp(caller_score)", msg) == script_value{19});  // the script reads the module's value
}

TEST_CASE_METHOD(fresh, "avps: add, replace and remove, seen by the script") {
  host h{avp_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(score.add(1));
  CHECK(score.add(2));
  CHECK(core().var("$avp(caller_score)") == script_value{2});
  CHECK(score.replace(20));      // the newest
  CHECK(score.replace(10, -1));  // the oldest
  CHECK(score.all() == std::vector<int>{20, 10});
  CHECK_FALSE(score.replace(5, 2));  // no such value
  CHECK(score.remove());
  CHECK(core().eval("$avp(caller_score)", msg) == script_value{10});
  CHECK(score.add(30));
  CHECK(score.remove_all() == 2);
  CHECK_FALSE(score.remove());
  CHECK_FALSE(score.first());
  CHECK_FALSE(core().eval("$avp(caller_score)", msg));  // NULL for the script too
}

TEST_CASE_METHOD(fresh, "avps: typed handles pass over values of the other type; avp<> sees both") {
  host h{avp_mod};
  REQUIRE(h.start());
  auto msg = invite();
  REQUIRE(core().set_var("$avp(mixed)", 7));
  REQUIRE(core().set_var("$avp(mixed)", "text"));
  CHECK(mixed.first() == modsdk::avp_value(std::string_view("text")));
  CHECK(mixed.at(1) == modsdk::avp_value(7));
  CHECK(mixed.add(modsdk::avp_value(8)));
  CHECK(mixed.add("more"));
  CHECK(mixed.count() == 4);
  constinit static modsdk::avp<int> mixed_ints{"mixed"};
  CHECK(mixed_ints.all() == std::vector<int>{8, 7});
  CHECK_FALSE(mixed_ints.first());  // the newest is text
  CHECK(mixed_ints.id() == mixed.id());
}

TEST_CASE_METHOD(fresh, "avps: text is copied into the list, and reset() frees it") {
  host h{avp_mod};
  REQUIRE(h.start());
  {
    std::string temporary = "built at run time";
    CHECK(tags.add(temporary));
    temporary.assign(temporary.size(), 'x');
  }
  CHECK(tags.first() == "built at run time");
  const int id = tags.id();
  core().reset();
  CHECK(modsdk::abi::count_avps(0, id) == 0);
  CHECK(tags.id() == id);  // the name keeps its id, as in a core process
}
