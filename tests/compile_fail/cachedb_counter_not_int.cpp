// SPDX-License-Identifier: MIT
// cachedb counters are int in every engine: a double (or unsigned, long ...) delta would be cut silently.
// expect: modsdk: cache::add/sub(key, delta): cachedb counters are int
#include <chrono>
#include <modsdk/cachedb.hpp>

namespace {
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
modsdk::cachedb::cache cache{cachedb_url};
}  // namespace

int main() {
  using namespace std::chrono_literals;
#ifdef MODSDK_CONTROL
  return cache.add("calls", 1, 1h) ? 0 : 1;
#else
  return cache.add("calls", 0.5, 1h) ? 0 : 1;
#endif
}
