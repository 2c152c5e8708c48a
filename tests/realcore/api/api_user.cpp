// SPDX-License-Identifier: MIT
// realcore: api: a second modsdk module binding api_provider's API in the same core and calling through it
// from its mod_init (a wrong result fails the start).
#include <modsdk/modsdk.hpp>

#include "counter_api.hpp"

namespace {
modsdk::api_binding<"api_provider", counter_api> counter;

bool check() {
  const long a = counter->add(40);
  const long b = counter->add(2);
  const long thrown = counter->add(-1);  // throws in the provider: logged there, 0 here
  const long t = counter->total();
  modsdk::log::notice("API-CHECK add40={} add2={} thrown={} total={}", a, b, thrown, t);
  return a == 40 && b == 42 && thrown == 0 && t == 42;
}
}  // namespace

MODSDK_MODULE(api_user, modsdk::binds(counter), modsdk::on_init(check));
