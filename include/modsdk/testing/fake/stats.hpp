// SPDX-License-Identifier: MIT
// Test kit fake core: statistics registered at run time (statistics.c: register_stat2), read back with
// core().stat("group:name") the way MI get_statistics reads them (a computed one calls its function).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <deque>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/stats.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

struct dyn_stat {
  std::string group, name;
  abi::stat_var_layout var{};
  unsigned long counter = 0;
};

inline std::deque<dyn_stat>& dyn_stats() noexcept {
  static auto* s = new std::deque<dyn_stat>();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

inline void reset_dyn_stats() noexcept { dyn_stats().clear(); }

}  // namespace detail

std::optional<unsigned long> fake_core::stat(std::string_view group_name) const {
  for (auto& s : detail::dyn_stats()) {
    if (s.group + ":" + s.name != group_name) continue;
    if (s.var.flags & abi::stat_is_func) {
      auto f = reinterpret_cast<abi::stat_function>(s.var.u);
      return f(s.var.context);
    }
    return __atomic_load_n(&s.counter, __ATOMIC_RELAXED);
  }
  return std::nullopt;
}
std::size_t fake_core::stat_count(std::string_view group_name) const noexcept {
  std::size_t n = 0;
  for (auto& s : detail::dyn_stats()) n += (s.group + ":" + s.name == group_name) ? 1 : 0;
  return n;
}

}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: statistics registered at run time ------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int register_stat2(const char* module, char* name, stat_var** pvar, unsigned short flags, void* ctx, int) {
  using testing::detail::dyn_stats;
  if (!module || !name || !pvar) {
    testing::detail::core_log(l_err, "__register_stat", "invalid parameters module=%p, name=%p, pvar=%p",
                              static_cast<const void*>(module), static_cast<void*>(name), static_cast<void*>(pvar));
    return -1;
  }
  try {
    // the core merges a repeated name only in its locked "dynamic" group
    if (std::string_view(module) == dynamic_stat_group && !(flags & stat_is_func))
      for (auto& s : dyn_stats())
        if (s.group == module && s.name == name) {
          *pvar = reinterpret_cast<stat_var*>(&s.var);
          return 0;
        }
    auto& s = dyn_stats().emplace_back();
    s.group = module;
    s.name = name;
    s.var.name = {s.name.data(), static_cast<int>(s.name.size())};
    s.var.flags = flags;
    s.var.context = ctx;
    if (flags & stat_is_func) {
      s.var.u = reinterpret_cast<void*>(pvar);  // the function, passed where the stat_var would go
    } else {
      s.var.u = &s.counter;
      *pvar = reinterpret_cast<stat_var*>(&s.var);
    }
    return 0;
  } catch (...) {
    return -1;
  }
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
