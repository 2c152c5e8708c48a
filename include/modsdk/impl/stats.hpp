// SPDX-License-Identifier: MIT
// Statistics machinery: the object behind modsdk::counter / modsdk::gauge and the `stats` section that
// hands the core a stat_export_t table. The core registers a module's stats right after its mod_init
// returns and writes each stat_var* through stat_pointer; updates are then an atomic add on the
// unsigned long the stat_var's `u` points to (update_stat is a macro, so modsdk does it inline).
//
// The table is filled at load time from the objects listed in the section: the objects' names are not
// constant expressions (the objects themselves are mutable globals), but the table's address is, so
// module_exports stays constant-initialised and the core finds the rows filled when it reads them.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {

/// What a computed statistic hands the core (STAT_IS_FUNC): F() inside the exception firewall.
template <auto F>
unsigned long computed_stat_read(void*) noexcept {
  return firewall([] { return static_cast<unsigned long>(F()); },
                  [](const char* what) {
                    log::write_for(log::level::error, "stats", "computed statistic failed: {}",
                                   what ? what : "unknown exception");
                    return 0ul;
                  });
}

/// What counter, gauge and computed share: the name, the flags and the core's stat_var (NULL until
/// registered), or for a computed one the function the core calls instead.
class stat_object {
 public:
  constexpr stat_object(const char* name, unsigned short flags, abi::stat_function fn = nullptr) noexcept
      : name_(name), flags_(flags), fn_(fn) {}
  stat_object(const stat_object&) = delete;
  stat_object& operator=(const stat_object&) = delete;

  /// The statistic's name (`<module>:<name>` in get_statistics).
  std::string_view name() const noexcept { return name_ ? std::string_view(name_) : std::string_view{}; }
  /// Whether the core has registered it (after mod_init, in every process forked afterwards).
  bool registered() const noexcept {
    if constexpr (!target.core.statistics)
      return false;
    else
      return var_ != nullptr;
  }

 protected:
  /// The counter word, or nullptr (not registered yet, statistics off, or a function-backed stat).
  unsigned long* word(const char* op) const noexcept {
    if constexpr (!target.core.statistics) {
      (void)op;
      return nullptr;
    } else {
      if (!var_) {
        log::write_for(log::level::debug, "stats",
                       "statistic '{}': {} before the core registered it (it does so "
                       "after mod_init); ignored",
                       name(), op);
        return nullptr;
      }
      const auto* v = reinterpret_cast<const abi::stat_var_layout*>(var_);
      if (v->flags & abi::stat_is_func) return nullptr;
      return static_cast<unsigned long*>(v->u);
    }
  }
  void add(unsigned long delta) noexcept {
    if (unsigned long* w = word("update")) __atomic_fetch_add(w, delta, __ATOMIC_RELAXED);
  }
  void store(unsigned long value) noexcept {
    if (unsigned long* w = word("set")) __atomic_store_n(w, value, __ATOMIC_RELAXED);
  }
  unsigned long load() const noexcept {
    if constexpr (!target.core.statistics)
      return 0;
    else {
      if (!var_) return 0;
      const auto* v = reinterpret_cast<const abi::stat_var_layout*>(var_);
      if (v->flags & abi::stat_is_func) {
        auto f = reinterpret_cast<abi::stat_function>(v->u);
        return f ? f(v->context) : 0;
      }
      return v->u ? __atomic_load_n(static_cast<const unsigned long*>(v->u), __ATOMIC_RELAXED) : 0;
    }
  }

 private:
  template <std::size_t N>
  friend struct stats_section;
  const char* name_;
  unsigned short flags_;
  abi::stat_function fn_;  ///< a computed statistic's function (STAT_IS_FUNC), else nullptr
  abi::stat_var* var_ = nullptr;
};

template <std::size_t N>
struct stats_section {
  static constexpr section_kind kind = section_kind::stats;
  std::array<stat_object*, N> objects;

  template <class Tag>
  struct table_storage {
    static inline constinit abi::stat_export rows[N + 1]{};
  };

  template <class Tag>
  static constexpr const abi::stat_export* table() {
    if constexpr (!target.core.statistics || N == 0)
      return nullptr;
    else
      return table_storage<Tag>::rows;
  }

  /// Fills the rows before the core reads them (after mod_init); refuses duplicate or empty names.
  template <class Tag>
  static bool fill() noexcept {
    if constexpr (!target.core.statistics)
      return true;
    else {
      const auto& self = get_section<Tag, section_kind::stats>();
      auto& rows = table_storage<Tag>::rows;
      for (std::size_t i = 0; i < N; ++i) {
        stat_object* o = self.objects[i];
        if (o->name().empty()) {
          log::write_for(log::level::error, "stats", "statistic #{} of modsdk::stats(...) has an empty name", i + 1);
          return false;
        }
        for (std::size_t j = 0; j < i; ++j)
          if (self.objects[j] == o || self.objects[j]->name() == o->name()) {
            log::write_for(log::level::error, "stats", "statistic '{}' is listed twice in modsdk::stats(...)",
                           o->name());
            return false;
          }
        if (o->fn_)  // STAT_IS_FUNC: the core takes the function where it would write the stat_var
          rows[i] = abi::stat_export{o->name_, static_cast<unsigned short>(o->flags_ | abi::stat_is_func),
                                     reinterpret_cast<abi::stat_var**>(o->fn_)};  // NOLINT(*-reinterpret-cast)
        else
          rows[i] = abi::stat_export{o->name_, o->flags_, &o->var_};
      }
      rows[N] = abi::stat_export{nullptr, 0, nullptr};
      return true;
    }
  }
  template <class Tag>
  static bool on_load() noexcept {
    return fill<Tag>();
  }
  template <class Tag>
  static bool on_init() noexcept {
    return fill<Tag>();
  }
  /// The core frees its statistics after destroy: forget them (a test host may outlive its module).
  template <class Tag>
  static void on_destroy() noexcept {
    for (stat_object* o : get_section<Tag, section_kind::stats>().objects) o->var_ = nullptr;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
