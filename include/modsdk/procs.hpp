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
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/procs.hpp>

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

/// The module's processes: `modsdk::procs(process_def{...}, ...)`.
template <class... D>
constexpr auto procs(D... d) {
  static_assert((std::is_same_v<D, process_def> && ...),
                "modsdk: procs(...) takes modsdk::process_def{\"name\", count, fn, flags} values");
  static_assert(sizeof...(D) > 0, "modsdk: procs() needs at least one modsdk::process_def");
  return detail::procs_section<process_def, sizeof...(D)>{{d...}};
}

MODSDK_END_NAMESPACE
