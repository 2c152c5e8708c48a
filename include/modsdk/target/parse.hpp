// SPDX-License-Identifier: MIT
// Target layer: constexpr parsing of the strings a core prints in `opensips -V` into a profile.
// Nothing here reads macros; target.hpp applies it to the stamped strings.
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

MODSDK_BEGIN_NAMESPACE

/// The ABI families modsdk knows. A profile decides every per-version layout and constant.
enum class profile : std::uint8_t {
  v3_4,    ///< 3.4.x
  v3_5,    ///< 3.5.x: sip_msg grew; parse_headers became parse_headers_aux
  v3_6,    ///< 3.6.0 - 3.6.6: F_PARALLEL_MALLOC, new DEP_REVERSE_* values
  v3_6_7,  ///< 3.6.7+: pv_param_t/pv_spec_t grew by 8 bytes
  v4_0,    ///< 4.0.x: mi_export_t doubled (20 params, aliases), async_ctx grew
  master,  ///< 4.1.0-dev (best effort: same ABI as 4.0)
};

/// The lock implementation a core was built with (decides the protocol of the core's mem_lock).
enum class lock_kind : std::uint8_t { fast, futex, pthread_mutex, posix_sem, sysv_sem, umutex, none };

struct release {
  int major = 0, minor = 0, patch = 0;
  bool dev = false;  ///< "-dev" or any other build suffix
};

/// The compile-flags string of a core, as tokens that matter to a module.
struct core_flags {
  bool statistics = false, shm_extra_stats = false, pkg_malloc = false;
  bool q_malloc = false, f_malloc = false, hp_malloc = false, f_parallel_malloc = false;
  bool dbg_malloc = false, dbg_lock = false, nosmp = false, no_log = false, no_debug = false;
  lock_kind lock = lock_kind::none;

  constexpr int allocator_count() const noexcept {
    return int(q_malloc) + int(f_malloc) + int(hp_malloc) + int(f_parallel_malloc);
  }
  /// Two or more allocators: pkg/shm go through the gen_* function-pointer variables.
  constexpr bool multi_allocator() const noexcept { return allocator_count() >= 2; }
  /// shm_use_global_lock exists and decides whether mem_lock is taken (HP or F_PARALLEL compiled in).
  constexpr bool conditional_shm_lock() const noexcept { return multi_allocator() && (hp_malloc || f_parallel_malloc); }
};

namespace detail {
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr std::optional<int> parse_uint(std::string_view& s) noexcept {
  if (s.empty() || !is_digit(s.front())) return std::nullopt;
  int v = 0;
  while (!s.empty() && is_digit(s.front())) {
    if (v > 100000) return std::nullopt;
    v = v * 10 + (s.front() - '0');
    s.remove_prefix(1);
  }
  return v;
}
}  // namespace detail

/// Parses "opensips 4.0.1 (x86_64/linux)" (the `version:` line of `opensips -V`).
constexpr std::optional<release> parse_release(std::string_view full) noexcept {
  constexpr std::string_view name = "opensips ";
  if (!full.starts_with(name)) return std::nullopt;
  full.remove_prefix(name.size());
  release r;
  auto major = detail::parse_uint(full);
  if (!major || full.empty() || full.front() != '.') return std::nullopt;
  full.remove_prefix(1);
  auto minor = detail::parse_uint(full);
  if (!minor || full.empty() || full.front() != '.') return std::nullopt;
  full.remove_prefix(1);
  auto patch = detail::parse_uint(full);
  if (!patch) return std::nullopt;
  r.major = *major;
  r.minor = *minor;
  r.patch = *patch;
  if (!full.empty() && full.front() == '-') {
    r.dev = true;
    while (!full.empty() && full.front() != ' ') full.remove_prefix(1);
  }
  if (!full.starts_with(" (") || !full.ends_with(")")) return std::nullopt;
  return r;
}

/// The profile of a release, or nullopt when modsdk does not serve it.
constexpr std::optional<profile> profile_of(release r) noexcept {
  if (r.major == 3 && r.minor == 4) return profile::v3_4;
  if (r.major == 3 && r.minor == 5) return profile::v3_5;
  if (r.major == 3 && r.minor == 6) return r.patch >= 7 ? profile::v3_6_7 : profile::v3_6;
  if (r.major == 4 && r.minor == 0) return profile::v4_0;
  if (r.major == 4 && r.minor == 1) return profile::master;
  return std::nullopt;
}

/// Parses the `flags:` line of `opensips -V`.
constexpr core_flags parse_flags(std::string_view s) noexcept {
  core_flags f;
  if (s.starts_with("STATS: On")) f.statistics = true;
  // Tokens are separated by ", " except "-NOSMP", which is glued to the lock token.
  while (!s.empty()) {
    auto end = s.find(", ");
    std::string_view tok = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end + 2);
    if (tok.ends_with("-NOSMP")) {
      f.nosmp = true;
      tok.remove_suffix(6);
    }
    if (tok == "SHM_EXTRA_STATS")
      f.shm_extra_stats = true;
    else if (tok == "PKG_MALLOC")
      f.pkg_malloc = true;
    else if (tok == "Q_MALLOC")
      f.q_malloc = true;
    else if (tok == "F_MALLOC")
      f.f_malloc = true;
    else if (tok == "HP_MALLOC")
      f.hp_malloc = true;
    else if (tok == "F_PARALLEL_MALLOC")
      f.f_parallel_malloc = true;
    else if (tok == "DBG_MALLOC")
      f.dbg_malloc = true;
    else if (tok == "DBG_LOCK")
      f.dbg_lock = true;
    else if (tok == "NO_LOG")
      f.no_log = true;
    else if (tok == "NO_DEBUG")
      f.no_debug = true;
    else if (tok.starts_with("FAST_LOCK"))
      f.lock = tok.starts_with("FAST_LOCK-FUTEX") ? lock_kind::futex : lock_kind::fast;
    else if (tok == "USE_PTHREAD_MUTEX")
      f.lock = lock_kind::pthread_mutex;
    else if (tok == "USE_UMUTEX")
      f.lock = lock_kind::umutex;
    else if (tok == "USE_POSIX_SEM")
      f.lock = lock_kind::posix_sem;
    else if (tok == "USE_SYSV_SEM")
      f.lock = lock_kind::sysv_sem;
  }
  return f;
}

/// Why modsdk cannot serve a core with these flags, or an empty view when it can.
constexpr std::string_view unsupported_flags_reason(const core_flags& f) noexcept {
  if (f.shm_extra_stats) return "SHM_EXTRA_STATS (per-module shm accounting needs an index generated into the core)";
  if (f.dbg_lock) return "DBG_LOCK (changes gen_lock_t)";
  if (!f.pkg_malloc) return "no PKG_MALLOC";
  if (!f.multi_allocator()) return "a single-allocator build (inline fm_/qm_/hp_ calls)";
  if (f.lock != lock_kind::fast && f.lock != lock_kind::futex)
    return "a lock type other than FAST_LOCK / FAST_LOCK-FUTEX";
  return {};
}

MODSDK_END_NAMESPACE
