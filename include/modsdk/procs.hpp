// SPDX-License-Identifier: MIT
/// @file The module's own processes (the core's proc_export_t), forked by the core at startup:
///
///     void sync_loop(int rank) { for (;;) { sync_once(); sleep(1); } }
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::procs(modsdk::process_def{"cache sync", 2, sync_loop,
///                                           modsdk::process_flag::init_child | modsdk::process_flag::has_ipc}));
///
/// `fn(rank)` runs in each of the `count` processes, rank = 0 .. count-1; it should not return (when it
/// does, the core ends the process). An exception escaping it is logged and ends the process the same
/// way. Flags: init_child (every module's child_init runs in the new process with rank
/// process_rank::module_process(), so per_process<T> state exists there), has_ipc (the process takes
/// part in IPC), needs_script (it takes part in script reloads; from 3.5 on also give has_ipc).
#pragma once
#include <modsdk/config.hpp>
#include <array>
#include <cstddef>
#include <exception>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// proc_export_t flags.
enum class process_flag : unsigned {
  none = 0,
  init_child = abi::proc_flag_initchild,
  has_ipc = abi::proc_flag_has_ipc,
  needs_script = abi::proc_flag_needs_script,
};
constexpr process_flag operator|(process_flag a, process_flag b) noexcept {
  return process_flag(unsigned(a) | unsigned(b));
}

/// One kind of module process: its name (as `ps` and the MI show it), how many, and what it runs.
struct process_def {
  const char* name;
  unsigned count;
  void (*fn)(int rank);
  process_flag flags = process_flag::none;
};

namespace detail {

template <std::size_t N>
struct procs_section {
  static constexpr section_kind kind = section_kind::procs;
  process_def defs[N];

  template <class Tag, std::size_t K>
  static void run(int rank) noexcept {
    const process_def& d = get_section<Tag, section_kind::procs>().defs[K];
    try {
      d.fn(rank);
    } catch (const std::exception& e) {
      log::write_for(log::level::error, d.name, "process \"{}\" #{} failed: exception: {}", d.name, rank, e.what());
    } catch (...) {
      log::write_for(log::level::error, d.name, "process \"{}\" #{} failed: unknown exception", d.name, rank);
    }
  }

  template <class Tag, std::size_t... K>
  static constexpr std::array<abi::proc_export, N + 1> make(std::index_sequence<K...>) {
    constexpr const auto& s = get_section<Tag, section_kind::procs>();
    return {{{s.defs[K].name, nullptr, nullptr, &run<Tag, K>, s.defs[K].count, unsigned(s.defs[K].flags)}...,
             {nullptr, nullptr, nullptr, nullptr, 0, 0}}};
  }
  template <class Tag>
  static constexpr std::array<abi::proc_export, N + 1> table_data = make<Tag>(std::make_index_sequence<N>{});

  template <class Tag>
  static constexpr const abi::proc_export* table() {
    return table_data<Tag>.data();
  }
};

}  // namespace detail

/// The module's processes: `modsdk::procs(process_def{...}, ...)`.
template <class... D>
constexpr auto procs(D... d) {
  static_assert((std::is_same_v<D, process_def> && ...),
                "modsdk: procs(...) takes modsdk::process_def{\"name\", count, fn, flags} values");
  static_assert(sizeof...(D) > 0, "modsdk: procs() needs at least one modsdk::process_def");
  return detail::procs_section<sizeof...(D)>{{d...}};
}

MODSDK_END_NAMESPACE
