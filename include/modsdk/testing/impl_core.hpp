// SPDX-License-Identifier: MIT
// Test kit implementation, part 1: the fake core's state, logging (dprint) and the pkg/shm allocators.
// Emitted once per program (testing/impl.hpp); never include directly.
#pragma once
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/core.hpp>

namespace modsdk::inline v0::testing::detail {

using profile_abi = abi::for_profile_t<target.profile>;

struct block_info {
  std::size_t size;
  bool shm;
  unsigned long long seq;
  const char* file;
  const char* func;
  unsigned line;
};

/// A $var / $avp value: NULL, an int, or a string (script_var.c semantics). The text is stored with a
/// non-NUL byte after it: like the core's values, it is not NUL-terminated, so a module that assumes
/// it is reads the garbage byte in tests too.
struct var_value {
  bool null = false;
  bool is_str = false;
  int n = 0;
  std::string s;  // text + one sentinel byte
  void set_text(std::string_view t) {
    is_str = true;
    s.assign(t);
    s += '\xA5';
  }
  std::string_view text() const noexcept { return std::string_view(s).substr(0, s.empty() ? 0 : s.size() - 1); }
};

struct core_state {
  // memory
  std::mutex mem_mx;
  std::unordered_map<void*, block_info> live;
  std::deque<void*> quarantine;  // freed blocks kept back from libc so a second free is recognised
  std::unordered_map<void*, bool> quarantined;
  pool_usage pkg, shm;
  unsigned long long seq = 1;
  bool abort_on_bad_free = true;
  std::size_t bad_frees = 0;
  // logs
  std::recursive_mutex log_mx;
  std::vector<log_entry> logs;
  bool echo = false;
  // script variables
  std::map<std::string, var_value, std::less<>> vars;
  std::map<std::string, std::vector<var_value>, std::less<>> avps;  // back() is the newest value
  // modules known to find_export: the newest first, as the core's module list
  std::vector<const abi::module_exports*> modules;
  bool sl_loaded = false, sig_loaded = false;
  std::vector<sl_reply> replies;
  // identity
  std::string version{target.version}, flags{target.flags}, scm_type{"git"}, scm_rev{"fake"};
  std::set<std::string, std::less<>> interned;  // names whose addresses specs keep
  std::vector<char*> strdups;                   // STR modparam values (the core never frees them)
};

inline core_state& st() noexcept {
  static core_state* s = [] {
    auto* p = new core_state();
    const char* e = std::getenv("MODSDK_TEST_LOG");
    p->echo = e && *e && *e != '0';
    return p;
  }();
  return *s;
}

inline const char* intern(std::string_view s) {
  auto& set = st().interned;
  auto it = set.find(s);
  if (it == set.end()) it = set.emplace(s).first;
  return it->c_str();
}

inline int g_log_level = abi::l_dbg;
inline char g_log_prefix[1] = "";
inline int g_mem_lock = 0;
inline char g_mem_block_tag = 'p', g_shm_block_tag = 's';

inline void record_log(int level, std::string_view module, std::string_view func, std::string_view text,
                       std::string_view line = {}) {
  std::string t(text);
  if (!t.empty() && t.back() == '\n') t.pop_back();
  std::lock_guard g(st().log_mx);
  st().logs.push_back({level, std::string(module), std::string(func), std::move(t), std::string(line)});
}

inline const char* level_name(int level) noexcept {
  switch (level) {
    case abi::l_alert: return "ALERT";
    case abi::l_crit: return "CRITICAL";
    case abi::l_err: return "ERROR";
    case abi::l_warn: return "WARNING";
    case abi::l_notice: return "NOTICE";
    case abi::l_info: return "INFO";
    default: return "DBG";
  }
}

/// The fake core's own LM_* lines (module "core"), filtered by the process level like the macros.
[[gnu::format(printf, 3, 4)]] inline void core_log(int level, const char* func, const char* fmt, ...) noexcept {
  if (g_log_level < level) return;
  try {
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = std::vsnprintf(nullptr, 0, fmt, ap);
    va_end(ap);
    std::string text(n > 0 ? std::size_t(n) : 0, '\0');
    if (n > 0) std::vsnprintf(text.data(), text.size() + 1, fmt, ap2);
    va_end(ap2);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    if (st().echo) std::fprintf(stderr, "[fake core] %s:core:%s: %s\n", level_name(level), func, text.c_str());
    record_log(level, "core", func, text);
  } catch (...) {
  }
}

// ---- memory ------------------------------------------------------------------------------------
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

inline void* fake_alloc(bool shm, void* block, std::size_t size, const char* file, const char* func, unsigned line) noexcept {
  // mirrors mem/gen_alloc: one allocator per pool, selected by the block it is handed
  if (block != (shm ? static_cast<void*>(&g_shm_block_tag) : static_cast<void*>(&g_mem_block_tag))) {
    bad_free(shm ? "shm_malloc" : "pkg_malloc",
             std::string(shm ? "shm" : "pkg") + " allocation called with the wrong memory block (mem_block vs shm_block) at " +
                 where(file, func, line));
    return nullptr;
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
inline void* pkg_malloc_dbg(void* b, unsigned long n, const char* f, const char* fn, unsigned l) { return fake_alloc(false, b, n, f, fn, l); }
inline void* shm_malloc_dbg(void* b, unsigned long n, const char* f, const char* fn, unsigned l) { return fake_alloc(true, b, n, f, fn, l); }
inline void* pkg_realloc_dbg(void* b, void* p, unsigned long n, const char* f, const char* fn, unsigned l) { return fake_realloc(false, b, p, n, f, fn, l); }
inline void* shm_realloc_dbg(void* b, void* p, unsigned long n, const char* f, const char* fn, unsigned l) { return fake_realloc(true, b, p, n, f, fn, l); }
inline void pkg_free_dbg(void* b, void* p, const char* f, const char* fn, unsigned l) { if (p) fake_release(false, b, p, "pkg_free", f, fn, l); }
inline void shm_free_dbg(void* b, void* p, const char* f, const char* fn, unsigned l) { if (p) fake_release(true, b, p, "shm_free", f, fn, l); }
inline void* pkg_malloc_plain(void* b, unsigned long n) { return fake_alloc(false, b, n, nullptr, nullptr, 0); }
inline void* shm_malloc_plain(void* b, unsigned long n) { return fake_alloc(true, b, n, nullptr, nullptr, 0); }
inline void* pkg_realloc_plain(void* b, void* p, unsigned long n) { return fake_realloc(false, b, p, n, nullptr, nullptr, 0); }
inline void* shm_realloc_plain(void* b, void* p, unsigned long n) { return fake_realloc(true, b, p, n, nullptr, nullptr, 0); }
inline void pkg_free_plain(void* b, void* p) { if (p) fake_release(false, b, p, "pkg_free", nullptr, nullptr, 0); }
inline void shm_free_plain(void* b, void* p) { if (p) fake_release(true, b, p, "shm_free", nullptr, nullptr, 0); }

template <class Dbg, class Plain>
abi::any_fn pick_alloc(Dbg d, Plain p) noexcept {
  if constexpr (target.core.dbg_malloc) return reinterpret_cast<abi::any_fn>(d);
  else return reinterpret_cast<abi::any_fn>(p);
}

// Allocation helpers for the fake core's own module-visible memory (counted like a module's).
inline void* counted_pkg_malloc(std::size_t n, const char* func) noexcept {
  return fake_alloc(false, &g_mem_block_tag, n, "fake core", func, 0);
}
inline void counted_pkg_free(void* p, const char* func) noexcept {
  if (p) fake_release(false, &g_mem_block_tag, p, "pkg_free", "fake core", func, 0);
}

}  // namespace modsdk::inline v0::testing::detail

// ---- the core symbols: logging and memory ------------------------------------------------------
namespace modsdk::inline v0::abi {
extern "C" {
scm_version core_scm_ver = {"git", "fake"};

int* log_level = &testing::detail::g_log_level;
int log_facility = 3 << 3;  // LOG_DAEMON
char* log_prefix = testing::detail::g_log_prefix;
char ctime_buf[256];

int dp_my_pid() { return static_cast<int>(::getpid()); }

// mirrors dprint.c:dprint() as its stderr/JSON consumers read the arguments: the varargs start with
// time, pid and prefix, then the function name when module and func are both given, then the user's.
void dprint(int level, int facility, const char* module, const char* func, char* stderr_fmt, char* syslog_fmt,
            char* fmt, ...) {
  (void)facility;
  (void)syslog_fmt;
  namespace d = testing::detail;
  va_list ap;
  va_start(ap, fmt);
  va_list echo;
  va_copy(echo, ap);
  (void)va_arg(ap, char*);  // time
  (void)va_arg(ap, int);    // pid
  (void)va_arg(ap, char*);  // prefix
  if (module && func) (void)va_arg(ap, char*);
  va_list user;
  va_copy(user, ap);
  char small[1024];
  int n = std::vsnprintf(small, sizeof small, fmt ? fmt : "", ap);
  std::string text;
  try {
    if (n >= 0 && std::size_t(n) < sizeof small) {
      text.assign(small, std::size_t(n));
    } else if (n > 0) {
      text.resize(std::size_t(n));
      std::vsnprintf(text.data(), text.size() + 1, fmt, user);
    }
    std::string line;
    if (stderr_fmt) {  // the plain stderr consumer's line
      va_list whole;
      va_copy(whole, echo);
      const int m = std::vsnprintf(nullptr, 0, stderr_fmt, whole);
      va_end(whole);
      if (m > 0) {
        line.resize(std::size_t(m));
        va_copy(whole, echo);
        std::vsnprintf(line.data(), line.size() + 1, stderr_fmt, whole);
        va_end(whole);
      }
    }
    if (d::st().echo && stderr_fmt) {
      std::fputs(line.c_str(), stderr);
      std::fflush(stderr);
    }
    d::record_log(level, module ? module : "", func ? func : "", text, line);
  } catch (...) {
  }
  va_end(user);
  va_end(echo);
  va_end(ap);
}

void* mem_block = &testing::detail::g_mem_block_tag;
void* shm_block = &testing::detail::g_shm_block_tag;
any_fn gen_pkg_malloc = testing::detail::pick_alloc(&testing::detail::pkg_malloc_dbg, &testing::detail::pkg_malloc_plain);
any_fn gen_pkg_realloc = testing::detail::pick_alloc(&testing::detail::pkg_realloc_dbg, &testing::detail::pkg_realloc_plain);
any_fn gen_pkg_free = testing::detail::pick_alloc(&testing::detail::pkg_free_dbg, &testing::detail::pkg_free_plain);
any_fn gen_shm_malloc = testing::detail::pick_alloc(&testing::detail::shm_malloc_dbg, &testing::detail::shm_malloc_plain);
any_fn gen_shm_realloc = testing::detail::pick_alloc(&testing::detail::shm_realloc_dbg, &testing::detail::shm_realloc_plain);
any_fn gen_shm_free = testing::detail::pick_alloc(&testing::detail::shm_free_dbg, &testing::detail::shm_free_plain);
volatile int* mem_lock = &testing::detail::g_mem_lock;
int shm_use_global_lock = 1;
// Markers the module's load-time check looks for. (A non-DBG_MALLOC target would need fm_malloc_dbg
// absent; the stock targets all have DBG_MALLOC.)
void fm_malloc_dbg() {}
void fm_malloc() {}

int async_status = 0;
}  // extern "C"
}  // namespace modsdk::inline v0::abi

// ---- fake_core: logs, memory, identity ---------------------------------------------------------
namespace modsdk::inline v0::testing {

fake_core& core() noexcept {
  static fake_core c;
  return c;
}

const std::vector<log_entry>& fake_core::logs() const noexcept { return detail::st().logs; }
bool fake_core::logged(std::string_view text) const noexcept {
  std::lock_guard g(detail::st().log_mx);
  for (auto& e : detail::st().logs)
    if (e.text.find(text) != std::string::npos) return true;
  return false;
}
bool fake_core::logged(int level, std::string_view text) const noexcept {
  std::lock_guard g(detail::st().log_mx);
  for (auto& e : detail::st().logs)
    if (e.level == level && e.text.find(text) != std::string::npos) return true;
  return false;
}
void fake_core::clear_logs() noexcept {
  std::lock_guard g(detail::st().log_mx);
  detail::st().logs.clear();
}
void fake_core::set_log_level(int level) noexcept { *abi::log_level = level; }
int fake_core::log_level() const noexcept { return *abi::log_level; }

std::size_t fake_core::pkg_in_use() const noexcept { return pkg_usage().bytes; }
std::size_t fake_core::shm_in_use() const noexcept { return shm_usage().bytes; }
std::size_t fake_core::pkg_blocks() const noexcept { return pkg_usage().blocks; }
std::size_t fake_core::shm_blocks() const noexcept { return shm_usage().blocks; }
pool_usage fake_core::pkg_usage() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().pkg;
}
pool_usage fake_core::shm_usage() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().shm;
}
unsigned long long fake_core::alloc_seq() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().seq;
}
std::vector<std::string> fake_core::live_blocks(unsigned long long since) const {
  std::vector<std::pair<unsigned long long, std::string>> rows;
  {
    std::lock_guard g(detail::st().mem_mx);
    for (auto& [p, b] : detail::st().live) {
      if (b.seq < since) continue;
      rows.emplace_back(b.seq, std::string(b.shm ? "shm " : "pkg ") + std::to_string(b.size) + " bytes at " +
                                   detail::where(b.file, b.func, b.line));
    }
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> out;
  for (auto& r : rows) out.push_back(std::move(r.second));
  return out;
}
void fake_core::set_abort_on_bad_free(bool abort) noexcept { detail::st().abort_on_bad_free = abort; }
std::size_t fake_core::bad_frees() const noexcept { return detail::st().bad_frees; }

void fake_core::set_target(std::string version, std::string flags, std::string scm_type, std::string scm_rev) {
  auto& s = detail::st();
  s.version = std::move(version);
  s.flags = std::move(flags);
  s.scm_type = std::move(scm_type);
  s.scm_rev = std::move(scm_rev);
  abi::core_scm_ver = {detail::intern(s.scm_type), detail::intern(s.scm_rev)};
}
std::string_view fake_core::target_version() const noexcept { return detail::st().version; }
std::string_view fake_core::target_flags() const noexcept { return detail::st().flags; }

leak_check::leak_check() noexcept
    : pkg_(core().pkg_usage()), shm_(core().shm_usage()), seq_(core().alloc_seq()) {}
bool leak_check::clean() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  for (auto& [p, b] : detail::st().live)
    if (b.seq >= seq_) return false;
  return true;
}
long long leak_check::pkg_delta() const noexcept {
  return static_cast<long long>(core().pkg_in_use()) - static_cast<long long>(pkg_.bytes);
}
long long leak_check::shm_delta() const noexcept {
  return static_cast<long long>(core().shm_in_use()) - static_cast<long long>(shm_.bytes);
}
std::string leak_check::report() const {
  std::string r;
  for (auto& line : core().live_blocks(seq_)) r += "leaked: " + line + "\n";
  return r;
}
void leak_check::expect_clean() const {
  if (!clean()) throw std::logic_error("modsdk::testing::leak_check: memory still allocated:\n" + report());
}

}  // namespace modsdk::inline v0::testing
