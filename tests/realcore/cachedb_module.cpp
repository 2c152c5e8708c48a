// SPDX-License-Identifier: MIT
// The cachedb module of "realcore: cachedb: local" (cachedb_realcore.cpp drives it): a counter every SIP
// worker increments in the one cache cachedb_local keeps in shared memory, read back from another process
// (the MI process) and by the script's own cache_counter_fetch(); a value set with an expiry; bad input.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/cachedb.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/variable.hpp>

namespace {
namespace cachedb = modsdk::cachedb;

modsdk::param<cachedb::url> cachedb_url{"cachedb_url", "local://"};
cachedb::cache cache{cachedb_url,
                     {.needs = cachedb::cap::get | cachedb::cap::set | cachedb::cap::remove | cachedb::cap::add}};

/// cdb_hit(key, $var(n)): adds 1 to the counter `key`, its new value into n.
bool cdb_hit(modsdk::request&, std::string_view key, modsdk::writable_variable n) {
  const std::optional<int> v = cache.add(key, 1);
  return v && n.set(*v);
}

/// cdb_set(key, value, seconds): stores value for that many seconds (0: never expires).
bool cdb_set(modsdk::request&, std::string_view key, std::string_view value, int seconds) {
  return seconds == 0 ? cache.set(key, value) : cache.set(key, value, std::chrono::seconds(seconds));
}

/// cdb_get(key, $var(v)): the value of key into v; false when there is none.
bool cdb_get(modsdk::request&, std::string_view key, modsdk::writable_variable v) {
  const std::optional<std::string> s = cache.get(key);
  return s && v.set(*s);
}

/// cdb_counter(key, $var(n)): the counter key into n; false when there is none or it is not a number.
bool cdb_counter(modsdk::request&, std::string_view key, modsdk::writable_variable n) {
  const std::optional<int> v = cache.get_counter(key);
  return v && n.set(*v);
}

/// cdb_remove(key)
bool cdb_remove(modsdk::request&, std::string_view key) { return cache.remove(key); }

/// MI `cdb_hits`: the counter "hits", read in the MI process with its own connection.
modsdk::mi_object cdb_hits() {
  modsdk::mi_object o;
  o.add("hits", static_cast<long long>(cache.get_counter("hits").value_or(-1)));
  return o;
}
}  // namespace

MODSDK_MODULE(cachedb_counter, modsdk::params(cachedb_url), modsdk::caches(cache),
              modsdk::deps(modsdk::param_needs(cachedb_url, modsdk::module_type::cachedb)),
              modsdk::functions(MODSDK_FN(cdb_hit), MODSDK_FN(cdb_set), MODSDK_FN(cdb_get), MODSDK_FN(cdb_counter),
                                MODSDK_FN(cdb_remove)),
              modsdk::mi(MODSDK_MI(cdb_hits, cdb_hits, "the counter hits")));
