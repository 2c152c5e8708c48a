// SPDX-License-Identifier: MIT
/// @file Key-value caches through the core's cachedb API: the operator's `cachedb_url` picks the engine
/// (cachedb_local in shared memory, cachedb_redis, cachedb_memcached ...), the module reads and writes
/// strings and counters.
///
///     namespace cachedb = modsdk::cachedb;
///     using namespace std::chrono_literals;
///
///     modsdk::param<cachedb::url> cachedb_url{"cachedb_url", "local://"};
///     cachedb::cache cache{cachedb_url, {.needs = cachedb::cap::add | cachedb::cap::get}};
///
///     int count_call(modsdk::request&, std::string_view caller) {
///       auto n = cache.add(fmt::format("calls:{}", caller), 1, 1h);   // created at 1, expires in an hour
///       return n ? *n : -1;                                             // the engine failed (logged)
///     }
///
///     MODSDK_MODULE(new_module, modsdk::params(cachedb_url), modsdk::caches(cache),
///                   modsdk::functions(MODSDK_FN(count_call)),
///                   modsdk::deps(modsdk::param_needs(cachedb_url, modsdk::module_type::cachedb)));
///
/// What modsdk::caches(cache) does with the module's lifecycle:
///   - mod_init: checks the URL's shape, binds its engine (cachedb_bind_mod) and checks the capabilities
///     declared in `.needs`. A failure stops the start with one line naming module, parameter, the URL
///     with its password masked, and what is wrong:
///       ERROR:new_module:mod_init: modparam new_module.cachedb_url: "redis://:***@10.0.0.1/": no cachedb
///       engine "redis" (is module cachedb_redis loaded?)
///   - child_init: each process that runs script opens its own connection; destroy closes it.
///   - With `.optional = true` an unset URL means "no cache": enabled() is false, operations fail.
/// Every operation fails with one log line (naming the parameter, the operation and the key) and a false
/// or empty result when the engine fails, lacks the function, the key is empty, the expiry is not positive,
/// or the process has no connection; it never throws (except std::bad_alloc copying a value out).
#pragma once
#include <modsdk/config.hpp>

#include <chrono>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/cachedb.hpp>
#include <modsdk/cachedb/options.hpp>
#include <modsdk/cachedb/url.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/impl/cachedb.hpp>
#include <modsdk/log.hpp>
#include <modsdk/params.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {
template <class T>
struct is_chrono_duration : std::false_type {};
template <class R, class P>
struct is_chrono_duration<std::chrono::duration<R, P>> : std::true_type {};

/// An expiry in whole seconds, rounded up (a positive sub-second expiry is 1 s, never 0 = "never");
/// nullopt when it is not positive or does not fit the core's int.
template <class R, class P>
constexpr std::optional<int> cachedb_seconds(std::chrono::duration<R, P> d) noexcept {
  if (!(d > std::chrono::duration<R, P>::zero())) return std::nullopt;
  if constexpr (std::is_floating_point_v<R>) {
    if (!(std::chrono::duration<double>(d).count() <= double(INT_MAX))) return std::nullopt;
  } else if (std::chrono::duration_cast<std::chrono::duration<long double>>(d).count() > (long double)INT_MAX) {
    return std::nullopt;
  }
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(d).count());
}
}  // namespace detail

namespace cachedb {

/// A module's cache: the URL parameter it uses and what the module needs from the engine. A module-level
/// object (constant-initialised, trivially destructible), listed in modsdk::caches(...). Keys and values are
/// bytes; a value holding a NUL byte needs an engine with cap::binary_value (cachedb_local has it).
class cache {
 public:
  /// The cache `url` names; `opts` says what the module needs (see cachedb::options).
  constexpr cache(const param<cachedb::url>& u, const options& opts = {}) noexcept : b_(u, opts) {}

  /// Whether it is bound to an engine (after mod_init; false for an optional cache left unset).
  bool enabled() const noexcept { return b_.bound(); }
  /// The engine's capabilities (after mod_init).
  cap capabilities() const noexcept { return cap(b_.caps()); }
  bool can(cap c) const noexcept { return has(capabilities(), c); }
  /// The URL (print it: it logs masked).
  const cachedb::url& url() const noexcept { return b_.url(); }
  /// Whether this process has its connection.
  bool connected() noexcept { return b_.handle().con != nullptr; }

  /// The value of `key`; nullopt when there is none (or it expired), or on failure (logged).
  std::optional<std::string> get(std::string_view key) {
    auto h = usable("get", key, h_get);
    if (!h.con) return std::nullopt;
    abi::str k = detail::cachedb_text(key), v{nullptr, 0};
    const int rc = h.f->get(h.con, &k, &v);
    struct freer {
      char* p;
      ~freer() { detail::mem::pkg_free(p, detail::source_location::current()); }
    } owned{rc >= 0 ? v.s : nullptr};
    if (rc == -2) return std::nullopt;
    if (rc < 0) return none(failed(h, "get", key, rc));
    if (v.len < 0 || (!v.s && v.len > 0)) return none(failed(h, "get", key, rc));
    return std::string(v.s ? v.s : "", static_cast<std::size_t>(v.len));
  }

  /// Stores `value` under `key` (replacing any value), never expiring.
  bool set(std::string_view key, std::string_view value) { return store(key, value, 0); }
  /// Stores `value` under `key`, expiring after `expires` (whole seconds, rounded up; must be positive).
  template <class R, class P>
  bool set(std::string_view key, std::string_view value, std::chrono::duration<R, P> expires) {
    const auto s = detail::cachedb_seconds(expires);
    if (!s) return bad_expiry("set", key);
    return store(key, value, *s);
  }
  template <class T>
  requires(!detail::is_chrono_duration<T>::value) bool set(std::string_view, std::string_view, T) {
    static_assert(detail::is_chrono_duration<T>::value,
                  "modsdk: cache::set(key, value, expires): expires is a std::chrono duration (60s, 5min, 1h), "
                  "not a number; omit it for a value that never expires");
    return false;
  }

  /// Removes `key` (true also when there was none).
  bool remove(std::string_view key) {
    auto h = usable("remove", key, h_remove);
    if (!h.con) return false;
    abi::str k = detail::cachedb_text(key);
    const int rc = h.f->remove(h.con, &k);
    return rc >= 0 || failed(h, "remove", key, rc);
  }

  /// Adds `delta` to the counter `key` (created at `delta` when missing) and returns its new value; nullopt
  /// on failure (logged; e.g. the key holds text that is not a number). The expiry applies when the key is
  /// created (cachedb_local keeps an existing key's expiry; other engines may renew it).
  std::optional<int> add(std::string_view key, int delta) { return count("add", key, delta, 0); }
  template <class R, class P>
  std::optional<int> add(std::string_view key, int delta, std::chrono::duration<R, P> expires) {
    const auto s = detail::cachedb_seconds(expires);
    if (!s) return none(bad_expiry("add", key));
    return count("add", key, delta, *s);
  }
  /// Subtracts `delta` from the counter `key` (created at -delta when missing); as add().
  std::optional<int> sub(std::string_view key, int delta) { return count("sub", key, delta, 0); }
  template <class R, class P>
  std::optional<int> sub(std::string_view key, int delta, std::chrono::duration<R, P> expires) {
    const auto s = detail::cachedb_seconds(expires);
    if (!s) return none(bad_expiry("sub", key));
    return count("sub", key, delta, *s);
  }
  template <class T, class... E>
  requires(!std::is_same_v<T, int>) std::optional<int> add(std::string_view, T, E...) {
    static_assert(std::is_same_v<T, int>, "modsdk: cache::add/sub(key, delta): cachedb counters are int; pass an int");
    return std::nullopt;
  }
  template <class T, class... E>
  requires(!std::is_same_v<T, int>) std::optional<int> sub(std::string_view, T, E...) {
    static_assert(std::is_same_v<T, int>, "modsdk: cache::add/sub(key, delta): cachedb counters are int; pass an int");
    return std::nullopt;
  }

  /// The counter `key`; nullopt when there is none, or on failure (logged; e.g. it holds text).
  std::optional<int> get_counter(std::string_view key) {
    auto h = usable("get_counter", key, h_get_counter);
    if (!h.con) return std::nullopt;
    abi::str k = detail::cachedb_text(key);
    int v = 0;
    const int rc = h.f->get_counter(h.con, &k, &v);
    if (rc == -2) return std::nullopt;
    if (rc < 0) return none(failed(h, "get_counter", key, rc));
    return v;
  }

  // ---- for modsdk::caches (modsdk internals) ----
  detail::cachedb_binding<param<cachedb::url>>& cachedb_lifecycle() noexcept { return b_; }

 private:
  enum op_fn { h_get, h_get_counter, h_set, h_remove, h_add, h_sub };
  static bool has_fn(const detail::cachedb_funcs& f, op_fn which) noexcept {
    switch (which) {
      case h_get:
        return f.get != nullptr;
      case h_get_counter:
        return f.get_counter != nullptr;
      case h_set:
        return f.set != nullptr;
      case h_remove:
        return f.remove != nullptr;
      case h_add:
        return f.add != nullptr;
      default:
        return f.sub != nullptr;
    }
  }
  /// This process's handle when the operation can run (con set); otherwise con is null and it was logged.
  detail::cachedb_handle usable(std::string_view op, std::string_view key, op_fn which) noexcept {
    detail::cachedb_handle h = b_.handle();
    const char* why = h.missing;
    if (!why && !has_fn(*h.f, which)) why = "the engine does not implement it";
    if (!why && key.empty()) why = "the key is empty";
    if (!why && key.size() > INT_MAX) why = "the key is too long";
    if (why) {
      log::write_for(log::level::error, "cachedb", "{}: {} {:?}: {}", h.label, op, key, why);
      h.con = nullptr;
    }
    return h;
  }
  /// No value, after the failure `logged` (always false) was logged.
  static std::nullopt_t none(bool logged) noexcept {
    (void)logged;
    return std::nullopt;
  }
  static bool failed(const detail::cachedb_handle& h, std::string_view op, std::string_view key, int rc) noexcept {
    log::write_for(log::level::error, "cachedb", "{}: {} {:?}: the engine failed (returned {})", h.label, op, key, rc);
    return false;
  }
  bool bad_expiry(std::string_view op, std::string_view key) noexcept {
    log::write_for(log::level::error, "cachedb",
                   "{}: {} {:?}: the expiry must be positive and under 2^31 seconds (omit it: never expires)",
                   b_.label(), op, key);
    return false;
  }
  bool store(std::string_view key, std::string_view value, int seconds) noexcept {
    auto h = usable("set", key, h_set);
    if (!h.con) return false;
    if (value.size() > INT_MAX) {
      log::write_for(log::level::error, "cachedb", "{}: set {:?}: the value is too long", h.label, key);
      return false;
    }
    if (value.find('\0') != std::string_view::npos && !(h.f->capability & abi::cachedb_cap_binary_value)) {
      log::write_for(log::level::error, "cachedb",
                     "{}: set {:?}: the value holds a NUL byte and the engine cannot store binary values "
                     "(CACHEDB_CAP_BINARY_VALUE)",
                     h.label, key);
      return false;
    }
    abi::str k = detail::cachedb_text(key), v = detail::cachedb_text(value);
    const int rc = h.f->set(h.con, &k, &v, seconds);
    return rc >= 0 || failed(h, "set", key, rc);
  }
  std::optional<int> count(std::string_view op, std::string_view key, int delta, int seconds) noexcept {
    auto h = usable(op, key, op == "add" ? h_add : h_sub);
    if (!h.con) return std::nullopt;
    abi::str k = detail::cachedb_text(key);
    int v = 0;
    const int rc = (op == "add" ? h.f->add : h.f->sub)(h.con, &k, delta, seconds, &v);
    if (rc < 0) return none(failed(h, op, key, rc));
    return v;
  }

  detail::cachedb_binding<param<cachedb::url>> b_;
};

}  // namespace cachedb

/// The module's caches: bound in mod_init, connected in child_init, closed in destroy (see above).
template <class... C>
constexpr auto caches(C&... c) {
  static_assert(sizeof...(C) > 0 && (std::is_same_v<C, cachedb::cache> && ...),
                "modsdk: caches(...) takes modsdk::cachedb::cache objects (module-level variables)");
  return detail::caches_section<C...>{{&c...}};
}

MODSDK_END_NAMESPACE
