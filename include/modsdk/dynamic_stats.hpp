// SPDX-License-Identifier: MIT
/// @file Statistics made at run time, next to the static ones of modsdk::stats(...):
///
///     modsdk::stat_ref per_gw[8];
///     unsigned long queued() { return job_queue->size(); }   // read by MI get_statistics, in its process
///
///     void on_init() {                                   // or later, in any process (not for computed ones)
///       for (int i = 0; i < gateways; ++i)
///         per_gw[i] = modsdk::register_stat("gw" + std::to_string(i) + "_calls", "gateways");
///       modsdk::register_computed_stat<queued>("queued");  // group: the module's name
///     }
///     ... per_gw[i].inc();
///
/// `opensips-cli -x mi get_statistics gateways:` lists them. The group is the module's name by default, or
/// any other name (a new group appears in `list_statistics`); the core copies group and name. A name or
/// group is refused (logged, empty stat_ref) when empty, longer than 255 bytes, or holding ':', a blank
/// or a control character (MI could not name it). Register a name once: the core merges a repeated name only
/// in its "dynamic" group (modsdk::dynamic_group), the only group it locks against concurrent registration.
///
/// A computed statistic (STAT_IS_FUNC) is a function named at compile time, `unsigned long f()` or any
/// integer result, which the core calls whenever the value is read (in the MI process): it must only read
/// shared (shm) data. Register it in on_init, before the fork, so the MI process knows it. An exception
/// is logged and reads as 0. With a target built without statistics (`STATS: Off`) everything is a no-op.
#pragma once
#include <concepts>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/stats.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/module_name.hpp>
#include <modsdk/log.hpp>
#include <modsdk/stats.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// The core's "dynamic" group (register_dynamic_stat's).
inline constexpr std::string_view dynamic_group = "dynamic";

/// A statistic registered at run time (a handle to the core's stat_var; copyable, valid in every process
/// forked after registration, and in the registering process). Empty when registration failed.
class stat_ref {
 public:
  constexpr stat_ref() noexcept = default;
  explicit stat_ref(abi::stat_var* v) noexcept : var_(v) {}
  explicit operator bool() const noexcept { return var_ != nullptr; }

  /// Adds `n` (default 1).
  void inc(unsigned long n = 1) noexcept {
    if (unsigned long* w = word()) __atomic_fetch_add(w, n, __ATOMIC_RELAXED);
  }
  /// Adds `delta` (may be negative: a gauge).
  void add(long delta) noexcept { inc(static_cast<unsigned long>(delta)); }
  /// Sets the value.
  void set(unsigned long v) noexcept {
    if (unsigned long* w = word()) __atomic_store_n(w, v, __ATOMIC_RELAXED);
  }
  /// The current value (0 when empty).
  unsigned long value() const noexcept {
    const unsigned long* w = word();
    return w ? __atomic_load_n(w, __ATOMIC_RELAXED) : 0;
  }
  abi::stat_var* raw() const noexcept { return var_; }

 private:
  unsigned long* word() const noexcept {
    if (!var_) return nullptr;
    return static_cast<unsigned long*>(reinterpret_cast<const abi::stat_var_layout*>(var_)->u);
  }
  abi::stat_var* var_ = nullptr;
};

namespace detail {
/// Why the core's MI could not name `s` as a statistic or a group, or nullptr.
constexpr const char* stat_name_problem(std::string_view s) noexcept {
  if (s.empty()) return "it is empty";
  if (s.size() > 255) return "it is longer than 255 bytes";
  for (char c : s) {
    if (c == ':') return "it holds ':' (MI names a statistic as group:name)";
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return "it holds a blank or a control character";
  }
  return nullptr;
}

inline bool stat_names_ok(std::string_view group, std::string_view name) noexcept {
  for (auto [what, s] : {std::pair{"group", group}, std::pair{"name", name}})
    if (const char* p = stat_name_problem(s)) {
      log::write_for(log::level::error, "stats", "statistic '{}:{}' refused: its {} is not valid ({})", group, name,
                     what, p);
      return false;
    }
  return true;
}

inline int register_stat_raw(std::string_view group, std::string_view name, abi::stat_var** pvar,
                             unsigned short flags) {
  const std::string g(group), n(name);                                                           // the core copies both
  return abi::register_stat2(g.c_str(), const_cast<char*>(n.c_str()), pvar, flags, nullptr, 0);  // NOLINT(*-const-cast)
}

}  // namespace detail

/// Registers statistic `group:name` (group: the module's name when empty) and returns its handle; an empty
/// handle when the name is refused or the core fails (logged).
inline stat_ref register_stat(std::string_view name, std::string_view group = {},
                              stat_flag flags = stat_flag::none) noexcept {
  if constexpr (!target.core.statistics) {
    (void)name, (void)group, (void)flags;
    return {};
  } else {
    if (group.empty()) group = detail::current_module_name();
    if (!detail::stat_names_ok(group, name)) return {};
    abi::stat_var* v = nullptr;
    try {
      if (detail::register_stat_raw(group, name, &v, static_cast<unsigned short>(flags)) != 0 || !v) {
        log::write_for(log::level::error, "stats", "the core could not register statistic '{}:{}'", group, name);
        return {};
      }
    } catch (...) {
      log::write_for(log::level::error, "stats", "statistic '{}:{}': out of memory", group, name);
      return {};
    }
    return stat_ref(v);
  }
}

/// Registers a computed statistic `group:name` whose value is `F()` each time it is read. False when the
/// name is refused or the core fails (logged).
template <auto F>
bool register_computed_stat(std::string_view name, std::string_view group = {},
                            stat_flag flags = stat_flag::none) noexcept {
  static_assert(
      std::is_invocable_v<decltype(F)> && std::is_integral_v<std::remove_cvref_t<std::invoke_result_t<decltype(F)>>>,
      "modsdk: register_computed_stat<F>: F is a function (or captureless lambda) taking nothing and "
      "returning an integer, e.g. `unsigned long queued()`, named at compile time");
  if constexpr (!target.core.statistics) {
    (void)name, (void)group, (void)flags;
    return false;
  } else {
    if (group.empty()) group = detail::current_module_name();
    if (!detail::stat_names_ok(group, name)) return false;
    auto fn = &detail::computed_stat_read<F>;
    try {
      // STAT_IS_FUNC: the core takes the function where it would write the stat_var
      if (detail::register_stat_raw(
              group, name, reinterpret_cast<abi::stat_var**>(fn),
              static_cast<unsigned short>(static_cast<unsigned short>(flags) | abi::stat_is_func)) != 0) {
        log::write_for(log::level::error, "stats", "the core could not register statistic '{}:{}'", group, name);
        return false;
      }
    } catch (...) {
      log::write_for(log::level::error, "stats", "statistic '{}:{}': out of memory", group, name);
      return false;
    }
    return true;
  }
}

MODSDK_END_NAMESPACE
