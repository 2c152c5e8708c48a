// SPDX-License-Identifier: MIT
// A default cachedb URL written in the source is checked at compile time (engine[:group]://...).
// expect: modsdk_error_cachedb_url_is_not_like_engine_colon_slash_slash
#include <modsdk/cachedb.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "redis:sessions://localhost:6379/"};
#else
modsdk::param<modsdk::cachedb::url> cachedb_url{"cachedb_url", "redis:sessions:/localhost:6379/"};
#endif
int main() { return cachedb_url->empty() ? 1 : 0; }
