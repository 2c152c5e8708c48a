// SPDX-License-Identifier: MIT
// An expiry is a std::chrono duration: a bare number has no unit (seconds? milliseconds?).
// expect: modsdk: cache::set(key, value, expires): expires is a std::chrono duration
#include <chrono>
#include <modsdk/cachedb.hpp>

namespace {
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
modsdk::cachedb::cache cache{cachedb_url};
}  // namespace

int main() {
#ifdef MODSDK_CONTROL
  return cache.set("session", "s1", std::chrono::seconds(60)) ? 0 : 1;
#else
  return cache.set("session", "s1", 60) ? 0 : 1;
#endif
}
