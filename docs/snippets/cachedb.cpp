// SPDX-License-Identifier: MIT
// docs/howto/cachedb.md: a module's cache, strings with an expiry and counters.
#include <fmt/format.h>
#include <modsdk/modsdk.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace {
namespace cachedb = modsdk::cachedb;
using namespace std::chrono_literals;

// snippet: cdb_declare
modsdk::param<cachedb::url> cachedb_url{"cachedb_url", "local://"};

cachedb::cache cache{cachedb_url, {.needs = cachedb::cap::get | cachedb::cap::set | cachedb::cap::add}};
// snippet-end: cdb_declare

// snippet: cdb_strings
/// remember_caller($fU, $si): who called last from this address, kept for 10 minutes.
bool remember_caller(modsdk::request&, std::string_view caller, std::string_view address) {
  return cache.set(fmt::format("last_caller:{}", address), caller, 10min);  // false: failed, logged
}

/// last_caller($si, $var(out)): false when there is none (or it expired).
bool last_caller(modsdk::request&, std::string_view address, modsdk::writable_variable out) {
  const std::optional<std::string> caller = cache.get(fmt::format("last_caller:{}", address));
  return caller && out.set(*caller);
}
// snippet-end: cdb_strings

// snippet: cdb_counters
/// calls_from($fU): counts the caller's calls in a one-hour window; refuses the 101st.
int calls_from(modsdk::request&, std::string_view caller) {
  const std::optional<int> n = cache.add(fmt::format("calls:{}", caller), 1, 1h);  // created at 1
  if (!n) return -1;                                                               // the engine failed (logged)
  return *n <= 100 ? *n : -2;
}
// snippet-end: cdb_counters
}  // namespace

// snippet: cdb_module
MODSDK_MODULE(cache_module, modsdk::params(cachedb_url),
              modsdk::caches(cache),                                                         // bind, connect, close
              modsdk::deps(modsdk::param_needs(cachedb_url, modsdk::module_type::cachedb)),  // the engine first
              modsdk::functions(MODSDK_FN(remember_caller), MODSDK_FN(last_caller), MODSDK_FN(calls_from)));
// snippet-end: cdb_module
