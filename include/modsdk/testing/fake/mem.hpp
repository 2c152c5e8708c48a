// SPDX-License-Identifier: MIT
// Test kit fake core: the pkg and shm allocators (mem/), with their accounting, and their core symbols.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <modsdk/config.hpp>
#include <mutex>
#include <string>

#include <modsdk/abi/core.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

inline int g_mem_lock = 0;
inline char g_mem_block_tag = 'p', g_shm_block_tag = 's';

inline constexpr std::size_t quarantine_max = 4096;

[[noreturn]] inline void die(const std::string& why) noexcept {
  std::fprintf(stderr, "modsdk fake core: %s\n", why.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void bad_free(const char* func, const std::string& why) noexcept {
  {
    std::lock_guard g(st().mem_mx);
    ++st().bad_frees;
  }
  core_log(abi::l_crit, func, "%s", why.c_str());
  if (st().abort_on_bad_free) die(why);
}

inline std::string where(const char* file, const char* func, unsigned line) {
  if (!file) return "unknown place (non-DBG allocator)";
  return std::string(file) + ":" + std::to_string(line) + " (" + (func ? func : "?") + ")";
}

inline void* fake_alloc(bool shm, void* block, std::size_t size, const char* file, const char* func,
                        unsigned line) noexcept {
  // mirrors mem/gen_alloc: one allocator per pool, selected by the block it is handed
  if (block != (shm ? static_cast<void*>(&g_shm_block_tag) : static_cast<void*>(&g_mem_block_tag))) {
    bad_free(shm ? "shm_malloc" : "pkg_malloc",
             std::string(shm ? "shm" : "pkg") +
                 " allocation called with the wrong memory block (mem_block vs shm_block) at " +
                 where(file, func, line));
    return nullptr;
  }
  {  // the pool has the core's size (-M / -m): what does not fit fails, as the core's allocator does
    std::lock_guard g(st().mem_mx);
    const auto& in_use = shm ? st().shm : st().pkg;
    const std::size_t pool = shm ? st().shm_pool_size : st().pkg_pool_size;
    if (size > pool || in_use.bytes > pool - size) {
      // mem/common.h's oom_errorf, as the default allocator (F_MALLOC) logs it
      core_log(abi::l_err, "fm_malloc",
               "not enough free %s memory (%zu bytes left, need %zu), please increase the \"-%s\" command line "
               "parameter!",
               shm ? "shm" : "pkg", pool - std::min(pool, in_use.bytes), size, shm ? "m" : "M");
      return nullptr;
    }
  }
  void* p = std::malloc(size ? size : 1);
  if (!p) return nullptr;
  std::memset(p, 0xbe, size ? size : 1);  // the core does not zero memory: make uninitialised reads visible
  std::lock_guard g(st().mem_mx);
  auto& s = st();
  s.live[p] = {size, shm, s.seq++, file, func, line};
  auto& pool = shm ? s.shm : s.pkg;
  pool.bytes += size;
  pool.blocks += 1;
  return p;
}

/// Releases a live block; returns false (after reporting) when `p` is not one.
inline bool fake_release(bool shm, void* block, void* p, const char* what, const char* file, const char* func,
                         unsigned line) noexcept {
  const char* pool_name = shm ? "shm" : "pkg";
  if (block != (shm ? static_cast<void*>(&g_shm_block_tag) : static_cast<void*>(&g_mem_block_tag))) {
    bad_free(what, std::string(what) + " called with the wrong memory block (mem_block vs shm_block) at " +
                       where(file, func, line));
    return false;
  }
  std::string problem;
  {
    std::lock_guard g(st().mem_mx);
    auto& s = st();
    auto it = s.live.find(p);
    if (it == s.live.end()) {
      problem = s.quarantined.count(p) ? "double free" : "free of a pointer the fake core never allocated";
    } else if (it->second.shm != shm) {
      problem = std::string("block allocated in ") + (it->second.shm ? "shm" : "pkg") + " but released with " + what;
    } else {
      auto& pool = shm ? s.shm : s.pkg;
      pool.bytes -= it->second.size;
      pool.blocks -= 1;
      std::memset(p, 0xdd, it->second.size);  // poison: use-after-free reads garbage
      s.live.erase(it);
      s.quarantine.push_back(p);
      s.quarantined[p] = true;
      if (s.quarantine.size() > quarantine_max) {
        void* old = s.quarantine.front();
        s.quarantine.pop_front();
        s.quarantined.erase(old);
        std::free(old);
      }
      return true;
    }
  }
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", p);
  bad_free(what, std::string(pool_name) + ": " + problem + " (" + addr + ") at " + where(file, func, line));
  return false;
}

inline void* fake_realloc(bool shm, void* block, void* p, std::size_t size, const char* file, const char* func,
                          unsigned line) noexcept {
  // mirrors q_malloc/f_malloc realloc: NULL pointer = malloc, size 0 = free
  const char* what = shm ? "shm_realloc" : "pkg_realloc";
  if (!p) return fake_alloc(shm, block, size, file, func, line);
  if (size == 0) {
    fake_release(shm, block, p, what, file, func, line);
    return nullptr;
  }
  std::size_t old = 0;
  {
    std::lock_guard g(st().mem_mx);
    auto it = st().live.find(p);
    if (it != st().live.end()) old = it->second.size;
  }
  void* n = fake_alloc(shm, block, size, file, func, line);
  if (!n) return nullptr;
  std::memcpy(n, p, std::min(old, size));
  if (!fake_release(shm, block, p, what, file, func, line)) return n;
  return n;
}

// The entry points in both signatures; gen_* get the one the stamped target's flags imply.
inline void* pkg_malloc_dbg(void* b, unsigned long n, const char* f, const char* fn, unsigned l) {
  return fake_alloc(false, b, n, f, fn, l);
}
inline void* shm_malloc_dbg(void* b, unsigned long n, const char* f, const char* fn, unsigned l) {
  return fake_alloc(true, b, n, f, fn, l);
}
inline void* pkg_realloc_dbg(void* b, void* p, unsigned long n, const char* f, const char* fn, unsigned l) {
  return fake_realloc(false, b, p, n, f, fn, l);
}
inline void* shm_realloc_dbg(void* b, void* p, unsigned long n, const char* f, const char* fn, unsigned l) {
  return fake_realloc(true, b, p, n, f, fn, l);
}
inline void pkg_free_dbg(void* b, void* p, const char* f, const char* fn, unsigned l) {
  if (p) fake_release(false, b, p, "pkg_free", f, fn, l);
}
inline void shm_free_dbg(void* b, void* p, const char* f, const char* fn, unsigned l) {
  if (p) fake_release(true, b, p, "shm_free", f, fn, l);
}
inline void* pkg_malloc_plain(void* b, unsigned long n) { return fake_alloc(false, b, n, nullptr, nullptr, 0); }
inline void* shm_malloc_plain(void* b, unsigned long n) { return fake_alloc(true, b, n, nullptr, nullptr, 0); }
inline void* pkg_realloc_plain(void* b, void* p, unsigned long n) {
  return fake_realloc(false, b, p, n, nullptr, nullptr, 0);
}
inline void* shm_realloc_plain(void* b, void* p, unsigned long n) {
  return fake_realloc(true, b, p, n, nullptr, nullptr, 0);
}
inline void pkg_free_plain(void* b, void* p) {
  if (p) fake_release(false, b, p, "pkg_free", nullptr, nullptr, 0);
}
inline void shm_free_plain(void* b, void* p) {
  if (p) fake_release(true, b, p, "shm_free", nullptr, nullptr, 0);
}

template <class Dbg, class Plain>
abi::any_fn pick_alloc(Dbg d, Plain p) noexcept {
  if constexpr (target.core.dbg_malloc)
    return reinterpret_cast<abi::any_fn>(d);
  else
    return reinterpret_cast<abi::any_fn>(p);
}

// Allocation helpers for the fake core's own module-visible memory (counted like a module's).
inline void* counted_pkg_malloc(std::size_t n, const char* func) noexcept {
  return fake_alloc(false, &g_mem_block_tag, n, "fake core", func, 0);
}
inline void counted_pkg_free(void* p, const char* func) noexcept {
  if (p) fake_release(false, &g_mem_block_tag, p, "pkg_free", "fake core", func, 0);
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: memory -----------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
void* mem_block = &testing::detail::g_mem_block_tag;
void* shm_block = &testing::detail::g_shm_block_tag;
any_fn gen_pkg_malloc =
    testing::detail::pick_alloc(&testing::detail::pkg_malloc_dbg, &testing::detail::pkg_malloc_plain);
any_fn gen_pkg_realloc =
    testing::detail::pick_alloc(&testing::detail::pkg_realloc_dbg, &testing::detail::pkg_realloc_plain);
any_fn gen_pkg_free = testing::detail::pick_alloc(&testing::detail::pkg_free_dbg, &testing::detail::pkg_free_plain);
any_fn gen_shm_malloc =
    testing::detail::pick_alloc(&testing::detail::shm_malloc_dbg, &testing::detail::shm_malloc_plain);
any_fn gen_shm_realloc =
    testing::detail::pick_alloc(&testing::detail::shm_realloc_dbg, &testing::detail::shm_realloc_plain);
any_fn gen_shm_free = testing::detail::pick_alloc(&testing::detail::shm_free_dbg, &testing::detail::shm_free_plain);
volatile int* mem_lock = &testing::detail::g_mem_lock;
int shm_use_global_lock = 1;
// Markers the module's load-time check looks for. (A non-DBG_MALLOC target would need fm_malloc_dbg
// absent; the stock targets all have DBG_MALLOC.)
void fm_malloc_dbg() {}
void fm_malloc() {}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
