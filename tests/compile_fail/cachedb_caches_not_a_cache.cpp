// SPDX-License-Identifier: MIT
// modsdk::caches(...) registers cache objects, nothing else (not their URL parameter).
// expect: modsdk: caches(...) takes modsdk::cachedb::cache objects
#include <modsdk/cachedb.hpp>

namespace {
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "local://"};
modsdk::cachedb::cache cache{cachedb_url};
}  // namespace

int main() {
#ifdef MODSDK_CONTROL
  auto s = modsdk::caches(cache);
#else
  auto s = modsdk::caches(cachedb_url);
#endif
  (void)s;
  return 0;
}
