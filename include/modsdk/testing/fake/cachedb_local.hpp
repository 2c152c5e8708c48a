// SPDX-License-Identifier: MIT
// Test kit fake core: the core's cachedb support (cachedb/cachedb.c: engines registered by name, bound by a
// URL's engine, the capabilities computed from the functions an engine fills) and the stock engine
// cachedb_local (modules/cachedb_local) in memory. It keeps what a module can observe of the real one: the
// default collection only (`local://`; another collection is "not defined"), a connection handle in pkg per
// init, get's value copied into pkg for the caller to free, return codes (get and get_counter 1 found /
// -2 missing, get_counter -3 on text that is not a counter, set 1, remove 0 even for a missing key,
// add/sub 0 or -1 on text that is not a number), expiry in whole seconds on the core's tick clock (an entry
// is gone once the clock is past its expiry tick; add keeps an existing key's expiry and renews an expired
// one), counters as decimal text (str2sint: an optional sign, digits), binary values (CACHEDB_CAP_BINARY_VALUE).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <map>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>

#include <modsdk/abi/cachedb.hpp>
#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/impl/cachedb.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

using fake_cachedb_funcs = modsdk::detail::cachedb_funcs;

struct lcache_entry {
  std::string value;
  unsigned long expires = 0;  // tick after which it is gone; 0 = never
};

struct fake_cachedb_state {
  std::map<std::string, fake_cachedb_funcs, std::less<>> engines;  // register_cachedb
  std::map<std::string, lcache_entry, std::less<>> local;          // cachedb_local's default collection
  unsigned long ticks = 0;                                         // get_ticks()
};
inline fake_cachedb_state& cdb() noexcept {
  static fake_cachedb_state* s = new fake_cachedb_state();  // NOLINT: lives as long as the program
  return *s;
}

[[gnu::format(printf, 3, 4)]] inline void lcache_log(int level, const char* func, const char* fmt, ...) noexcept {
  if (g_log_level < level) return;
  try {
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (st().echo) std::fprintf(stderr, "[fake core] %s:cachedb_local:%s: %s\n", level_name(level), func, buf);
    record_log(level, "cachedb_local", func, buf);
  } catch (...) {
  }
}

inline std::string_view sv(const abi::str* s) noexcept {
  return s && s->s && s->len > 0 ? std::string_view(s->s, static_cast<std::size_t>(s->len)) : std::string_view();
}

/// ut.h str2sint(): an optional sign, then digits only; an empty text is not a number.
inline bool lcache_str2sint(std::string_view t, int& out) noexcept {
  if (t.empty()) return false;
  std::size_t i = 0;
  int sign = 1;
  if (t[0] == '-' || t[0] == '+') sign = t[i++] == '-' ? -1 : 1;
  unsigned v = 0;
  for (; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    v = v * 10u + unsigned(t[i] - '0');
  }
  out = static_cast<int>(v) * sign;
  return true;
}

/// The live entry of `key`, dropping it when it expired (what each cachedb_local lookup does).
inline lcache_entry* lcache_find(std::string_view key) {
  auto& m = cdb().local;
  auto it = m.find(key);
  if (it == m.end()) return nullptr;
  if (it->second.expires != 0 && it->second.expires < cdb().ticks) {
    m.erase(it);
    return nullptr;
  }
  return &it->second;
}

// ---- the engine's functions ------------------------------------------------------------------------------
inline abi::cachedb_con* lcache_init(abi::str* url) {
  const std::string_view u = sv(url);
  const std::size_t sep = u.find("://");
  std::string_view coll = sep == std::string_view::npos ? std::string_view() : u.substr(sep + 3);
  if (!coll.empty() && coll.front() == '/') coll.remove_prefix(1);
  if (!coll.empty() && coll != "default") {
    lcache_log(abi::l_err, "lcache_new_connection", "collection <%.*s> not defined!", static_cast<int>(coll.size()),
               coll.data());
    return nullptr;
  }
  auto* c = static_cast<abi::cachedb_con*>(counted_pkg_malloc(sizeof(abi::cachedb_con) + u.size(), "cachedb_do_init"));
  if (!c) return nullptr;
  char* text = reinterpret_cast<char*>(c + 1);
  if (!u.empty()) std::memcpy(text, u.data(), u.size());
  c->url = {text, static_cast<int>(u.size())};
  c->data = &cdb().local;
  return c;
}
inline void lcache_destroy(abi::cachedb_con* c) {
  if (c) counted_pkg_free(c, "cachedb_do_close");
}
inline int lcache_get(abi::cachedb_con*, abi::str* attr, abi::str* res) {
  try {
    const lcache_entry* e = lcache_find(sv(attr));
    if (!e) return -2;
    auto* p = static_cast<char*>(counted_pkg_malloc(e->value.empty() ? 1 : e->value.size(), "lcache_htable_fetch"));
    if (!p) {
      lcache_log(abi::l_err, "lcache_htable_fetch", "no more memory");
      return -1;
    }
    std::copy(e->value.begin(), e->value.end(), p);  // not NUL-terminated, as the engine's copy
    *res = {p, static_cast<int>(e->value.size())};
    return 1;
  } catch (...) {
    return -1;
  }
}
inline int lcache_get_counter(abi::cachedb_con*, abi::str* attr, int* val) {
  try {
    const lcache_entry* e = lcache_find(sv(attr));
    if (!e) return -2;
    int n = 0;
    if (!lcache_str2sint(e->value, n)) {
      lcache_log(abi::l_err, "lcache_htable_fetch_counter", "Not a counter key");
      return -3;
    }
    if (val) *val = n;
    return 1;
  } catch (...) {
    return -1;
  }
}
inline int lcache_set(abi::cachedb_con*, abi::str* attr, abi::str* val, int expires) {
  try {
    lcache_entry e{std::string(sv(val)), expires != 0 ? cdb().ticks + static_cast<unsigned long>(expires) : 0};
    cdb().local.insert_or_assign(std::string(sv(attr)), std::move(e));
    return 1;
  } catch (...) {
    lcache_log(abi::l_err, "_lcache_htable_insert", "no more shared memory");
    return -1;
  }
}
inline int lcache_remove(abi::cachedb_con*, abi::str* attr) {
  auto& m = cdb().local;
  if (auto it = m.find(sv(attr)); it != m.end()) m.erase(it);
  return 0;
}
inline int lcache_add(abi::cachedb_con* c, abi::str* attr, int val, int expires, int* new_val) {
  try {
    lcache_entry* e = lcache_find(sv(attr));
    if (!e) {
      const std::string text = std::to_string(val);
      abi::str v{const_cast<char*>(text.data()), static_cast<int>(text.size())};  // NOLINT: the core's signature
      if (lcache_set(c, attr, &v, expires) < 0) return -1;
      if (new_val) *new_val = val;
      return 0;
    }
    int old = 0;
    if (!lcache_str2sint(e->value, old)) {
      lcache_log(abi::l_err, "lcache_htable_add", "not an integer");
      return -1;
    }
    const int sum = static_cast<int>(static_cast<unsigned>(old) + static_cast<unsigned>(val));  // wraps like C
    e->value = std::to_string(sum);
    if (new_val) *new_val = sum;
    return 0;
  } catch (...) {
    return -1;
  }
}
inline int lcache_sub(abi::cachedb_con* c, abi::str* attr, int val, int expires, int* new_val) {
  return lcache_add(c, attr, -val, expires, new_val);
}

// ---- register_cachedb / check_cachedb_api and the module ---------------------------------------------------
inline void fake_register_local() {
  fake_cachedb_funcs f{};
  f.init = &lcache_init;
  f.destroy = &lcache_destroy;
  f.get = &lcache_get;
  f.get_counter = &lcache_get_counter;
  f.set = &lcache_set;
  f.remove = &lcache_remove;
  f.add = &lcache_add;
  f.sub = &lcache_sub;
  f.capability = static_cast<int>(abi::cachedb_cap_binary_value | abi::cachedb_cap_get | abi::cachedb_cap_set |
                                  abi::cachedb_cap_remove | abi::cachedb_cap_add | abi::cachedb_cap_sub);
  cdb().engines.insert_or_assign("local", f);
}

struct fake_cachedb_module {
  abi::cmd_export cmds[1];
  abi::module_exports exp;
};
inline fake_cachedb_module& fake_cachedb_local_module() {
  static fake_cachedb_module m = [] {
    fake_cachedb_module x{};
    x.exp.name = "cachedb_local";
    x.exp.type = abi::mod_type_cachedb;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

/// fake_core::load_module("cachedb_local"): the module listed, its engine registered (its mod_init's work).
inline void fake_load_cachedb_local() {
  auto& mods = st().modules;
  const abi::module_exports* e = &fake_cachedb_local_module().exp;
  if (std::find(mods.begin(), mods.end(), e) == mods.end()) mods.push_back(e);
  fake_register_local();
}

/// fake_core::reset(): the module unlisted, no engine, an empty cache, the clock at 0.
inline void fake_cachedb_reset() {
  unregister_module(&fake_cachedb_local_module().exp);
  cdb().engines.clear();
  cdb().local.clear();
  cdb().ticks = 0;
}

}  // namespace testing::detail

// ---- fake_core: the tick clock -----------------------------------------------------------------------------
void testing::fake_core::advance_ticks(unsigned seconds) noexcept { detail::cdb().ticks += seconds; }
unsigned long testing::fake_core::ticks() const noexcept { return detail::cdb().ticks; }
MODSDK_END_NAMESPACE

// ---- the core symbols: cachedb support -------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
// mirrors cachedb.c:cachedb_bind_mod(): the engine is the text before the first ':'.
int cachedb_bind_mod(str* url, void* funcs) {
  namespace d = testing::detail;
  if (!url || !url->s || !funcs) {
    d::core_log(l_err, "cachedb_bind_mod", "NULL parameter provided");
    return -1;
  }
  std::memset(funcs, 0, sizeof(d::fake_cachedb_funcs));
  const std::string_view u(url->s, static_cast<std::size_t>(url->len));
  const std::size_t colon = u.find(':');
  if (colon == std::string_view::npos) {
    d::core_log(l_err, "cachedb_bind_mod", "cannot extract cachedb type");
    return -1;
  }
  const auto it = d::cdb().engines.find(u.substr(0, colon));
  if (it == d::cdb().engines.end()) {
    d::core_log(l_err, "cachedb_bind_mod", "failed to bind to [%.*s] module. Is it loaded ?", static_cast<int>(colon),
                url->s);
    return -1;
  }
  std::memcpy(funcs, &it->second, sizeof it->second);
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
