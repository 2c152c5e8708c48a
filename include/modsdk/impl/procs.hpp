// SPDX-License-Identifier: MIT
// Module processes (modsdk/procs.hpp): the procs section and the core's proc_export_t table, with one
// process body per definition that runs the user's function inside the exception firewall.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The procs section: N process definitions (modsdk::process_def) and the table that runs each.
template <class Def, std::size_t N>
struct procs_section {
  static constexpr section_kind kind = section_kind::procs;
  Def defs[N];

  template <class Tag, std::size_t K>
  static void run(int rank) noexcept {
    const Def& d = get_section<Tag, section_kind::procs>().defs[K];
    firewall(
        [&] { d.fn(rank); },
        [&](const char* what) {
          if (what)
            log::write_for(log::level::error, d.name, "process \"{}\" #{} failed: exception: {}", d.name, rank, what);
          else
            log::write_for(log::level::error, d.name, "process \"{}\" #{} failed: unknown exception", d.name, rank);
        });
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
MODSDK_END_NAMESPACE
