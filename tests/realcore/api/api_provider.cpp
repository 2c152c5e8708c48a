// SPDX-License-Identifier: MIT
// realcore: api: a module exporting its own API (modsdk::provides): load_api_provider fills a counter_api.
#include <modsdk/modsdk.hpp>

#include <stdexcept>

#include "counter_api.hpp"

namespace {
long value = 0;
long add(long n) {
  if (n < 0) throw std::invalid_argument("negative step");
  return value += n;
}
long total() { return value; }
}  // namespace

MODSDK_MODULE(api_provider, modsdk::provides<"api_provider", counter_api, add, total>());
