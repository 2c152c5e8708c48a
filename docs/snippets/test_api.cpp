// SPDX-License-Identifier: MIT
// docs/howto/api.md: a module exporting its own API, a second module binding it, both in one fake core.
#include <catch2/catch.hpp>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

#include <atomic>
#include <stdexcept>

// snippet: api_struct
// counter_api.h: shared with the modules that bind it (C or C++)
struct counter_api {
  long (*add)(long n);  // adds n to the counter, returns the new total
  long (*total)();
};
// snippet-end: api_struct

namespace {
// snippet: api_provide
std::atomic<long> counter_value{0};  // (real code would keep it in shm: see modsdk::state)
long add(long n) {
  if (n < 0) throw std::invalid_argument("the counter only goes up");
  return counter_value += n;
}
long total() { return counter_value; }
// snippet-end: api_provide
}  // namespace

// snippet: api_provider_module
MODSDK_DEFINE_MODULE(counter_module, counter, modsdk::provides<"counter", counter_api, add, total>());
// snippet-end: api_provider_module

namespace {
// snippet: api_bind
modsdk::api_binding<"counter", counter_api> counter;  // at namespace scope; bound in mod_init

int count_request(modsdk::message&) { return counter->add(1) > 0 ? 1 : -1; }
// snippet-end: api_bind
}  // namespace

// snippet: api_user_module
MODSDK_DEFINE_MODULE(user_module, counter_user, modsdk::functions(MODSDK_FN(count_request)),
                     modsdk::binds(counter));  // counter is initialised first; without it the start fails
// snippet-end: api_user_module

// snippet: api_testing
TEST_CASE("a module binds the counter module's API and calls through it") {
  using namespace modsdk::testing;
  core().reset();
  host provider{counter_module};  // both modules in one fake core, the provider first
  REQUIRE(provider.start());
  host user{user_module};
  REQUIRE(user.start());
  auto msg = sip_message::parse("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n");
  CHECK(user.call("count_request", msg) == 1);
  CHECK(counter->total() == 1);
  CHECK(counter->add(-5) == 0);  // the exception stayed in the provider: logged, 0 returned
  CHECK(core().logged(modsdk::abi::l_err, "the counter API: a function threw: the counter only goes up"));
}
// snippet-end: api_testing
