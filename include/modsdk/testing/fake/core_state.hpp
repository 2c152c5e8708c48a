// SPDX-License-Identifier: MIT
// Test kit fake core: its state (memory blocks, logs, variables, modules, identity) and its log (dprint.c).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <unistd.h>
#include <modsdk/config.hpp>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <modsdk/abi/avp.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/core.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

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
  abi::usr_avp* avp_list = nullptr;    // $avp values, the newest first (fake/avp.hpp)
  std::vector<std::string> avp_names;  // AVP id - 1 -> name (parse_avp_spec)
  // modules known to find_export: the newest first, as the core's module list
  std::vector<const abi::module_exports*> modules;
  bool sl_loaded = false, sig_loaded = false;
  std::vector<sl_reply> replies;
  // identity
  std::string version{target.version}, flags{target.flags}, scm_type{"git"}, scm_rev{"fake"};
  std::set<std::string, std::less<>> interned;  // names whose addresses specs keep
  std::vector<char*> strdups;                   // STR modparam values (the core never frees them)
  // limits the core enforces
  int pv_print_buf_size = 20000;                      // the cfg's pv_print_buf_size (pvar.c's default)
  std::size_t pkg_pool_size = std::size_t{16} << 20;  // -M (config.h: PKG_MEM_SIZE 16 MB)
  std::size_t shm_pool_size = std::size_t{32} << 20;  // -m (config.h: SHM_MEM_SIZE 32 MB)
};

inline core_state& st() noexcept {
  static core_state* s = [] {
    auto* p = new core_state();  // NOLINT(bugprone-unhandled-exception-at-new): at first use, in a test program
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

inline void record_log(int level, std::string_view module, std::string_view func, std::string_view text,
                       std::string_view line = {}) {
  std::string t(text);
  if (!t.empty() && t.back() == '\n') t.pop_back();
  std::lock_guard g(st().log_mx);
  st().logs.push_back({level, std::string(module), std::string(func), std::move(t), std::string(line)});
}

inline const char* level_name(int level) noexcept {
  switch (level) {
    case abi::l_alert:
      return "ALERT";
    case abi::l_crit:
      return "CRITICAL";
    case abi::l_err:
      return "ERROR";
    case abi::l_warn:
      return "WARNING";
    case abi::l_notice:
      return "NOTICE";
    case abi::l_info:
      return "INFO";
    default:
      return "DBG";
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

inline std::string fmt_text(const char* f, ...) __attribute__((format(printf, 1, 2)));
inline std::string fmt_text(const char* f, ...) {
  va_list ap;
  va_start(ap, f);
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, f, ap);
  va_end(ap);
  std::string s(n > 0 ? std::size_t(n) : 0, '\0');
  if (n > 0) std::vsnprintf(s.data(), s.size() + 1, f, ap2);
  va_end(ap2);
  return s;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: logging ----------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
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
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
