// SPDX-License-Identifier: MIT
// modsdk::provides / modsdk::api_binding: one modsdk module exports its API (a load_<name> row, flags 0),
// a second one in the same fake core binds it by module name and calls through it.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>

#include <modsdk/api.hpp>
#include <modsdk/binds.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

struct counter_api {
  int (*add)(int n);
  int (*total)();
  bool (*fail)(const char* why);
};

namespace {
int total_count = 0;
int add_impl(int n) {
  if (n < 0) throw std::invalid_argument("negative step");
  return total_count += n;
}
int total_impl() { return total_count; }
bool fail_impl(const char* why) { throw std::runtime_error(why); }

modsdk::api_binding<"counter", counter_api> counter;
modsdk::api_binding<"counter", counter_api> unlisted;

int bump(modsdk::message&, int n) { return counter->add(n); }
}  // namespace

MODSDK_DEFINE_MODULE(counter_mod, counter, modsdk::provides<"counter", counter_api, add_impl, total_impl, fail_impl>());
MODSDK_DEFINE_MODULE(user_mod, counter_user, modsdk::functions(MODSDK_FN(bump)), modsdk::binds(counter));

struct fresh {
  fresh() {
    core().reset();
    total_count = 0;
  }
  ~fresh() { core().reset(); }
};

TEST_CASE_METHOD(fresh, "the provider's load_<name> row is a non-script export, as load_tm") {
  const auto* c = counter_mod.cmds;
  REQUIRE(c);
  CHECK(std::strcmp(c[0].name, "load_counter") == 0);
  CHECK(c[0].flags == 0);
  CHECK(c[0].params[0].flags == 0);
  CHECK(c[1].name == nullptr);
  // the user's own functions come first, unchanged
  CHECK(std::strcmp(user_mod.cmds[0].name, "bump") == 0);
  CHECK(user_mod.cmds[1].name == nullptr);
}

TEST_CASE_METHOD(fresh, "a second modsdk module binds the first by name and calls through it") {
  host provider{counter_mod};
  REQUIRE(provider.start());
  host user{user_mod};
  REQUIRE(user.start());
  CHECK(counter.bound());
  CHECK(counter->add(2) == 2);
  auto msg = sip_message::parse("OPTIONS sip:x@y SIP/2.0\r\nCall-ID: a\r\nCSeq: 1 OPTIONS\r\n\r\n");
  CHECK(user.call("bump", msg, {3}) == 5);
  CHECK(counter->total() == 5);
  CHECK(total_count == 5);

  // a C caller's view: find_export("load_counter", 0) and int(*)(counter_api*)
  abi::cmd_function f = abi::find_export("load_counter", 0);
  REQUIRE(f);
  counter_api c{};
  CHECK(reinterpret_cast<int (*)(counter_api*)>(reinterpret_cast<void (*)()>(f))(&c) == 1);
  CHECK(c.total() == 5);
}

TEST_CASE_METHOD(fresh, "an exception never leaves a handed-out function: logged, the result value-initialised") {
  host provider{counter_mod};
  REQUIRE(provider.start());
  host user{user_mod};
  REQUIRE(user.start());
  CHECK(counter->add(-1) == 0);
  CHECK(core().logged(abi::l_err, "the counter API: a function threw: negative step"));
  CHECK_FALSE(counter->fail("boom"));
  CHECK(core().logged(abi::l_err, "the counter API: a function threw: boom"));
  CHECK(counter->total() == 0);
}

TEST_CASE_METHOD(fresh, "without the provider, the start fails with one line naming the loadmodule to add") {
  host user{user_mod};
  CHECK_FALSE(user.init());
  CHECK(core().logged(abi::l_err, "needs the 'counter' module: add loadmodule \"counter.so\" to the script"));
  std::size_t lines = 0;
  for (const auto& l : core().logs())
    if (l.level <= abi::l_err && l.module != "core") ++lines;
  CHECK(lines == 1);
}

TEST_CASE_METHOD(fresh, "a binding used before mod_init (or not listed in binds) gives nullptr or stubs, logged") {
  CHECK_FALSE(unlisted.bound());
  CHECK(unlisted.get() == nullptr);
  CHECK(core().logged(abi::l_err, "the counter API is not bound: list the binding in modsdk::binds(...)"));
  core().reset();
  CHECK(unlisted->add(1) == 0);  // a stub: logged, nothing called
  CHECK_FALSE(unlisted->fail("x"));
  CHECK(total_count == 0);
  CHECK(core().logged(abi::l_err, "the counter API is not bound"));
}
