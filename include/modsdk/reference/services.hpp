// SPDX-License-Identifier: MIT
// Reference generation: describers for the core services a module registers (timers, events, pseudo-variables,
// transformations).
// They read only what the sections hold at compile time.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>

#include <fmt/format.h>

#include <modsdk/abi/timer.hpp>
#include <modsdk/impl/events.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/impl/pvars.hpp>
#include <modsdk/impl/timers.hpp>
#include <modsdk/impl/transformations.hpp>
#include <modsdk/reference/model.hpp>
#include <modsdk/reference/sections.hpp>
#include <modsdk/reference/writer.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// "10 s" or "200 ms".
inline std::string period_text(long long us) {
  return us % 1000000 == 0 ? fmt::format("{} s", us / 1000000) : fmt::format("{} ms", us / 1000);
}

template <std::size_t N>
struct section_describer<timers_section<timer_spec, N>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    for (const timer_spec& t : get_section_at<Tag, I>().defs) {
      reference_timer r;
      r.name = t.name;
      r.period = period_text(t.source.set ? t.source.read_us(t.source.param) : t.period_us);
      if (t.source.set) r.period_param = std::string(t.source.name(t.source.param));
      r.kind = t.utimer ? "milliseconds" : "seconds";
      r.on_delay = (t.flags & abi::timer_flag_skip_on_delay)    ? "skip"
                   : (t.flags & abi::timer_flag_delay_on_delay) ? "delay"
                                                                : "overlap";
      w.ref().timers.push_back(std::move(r));
    }
  }
};

template <std::size_t N>
struct section_describer<events_section<N>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    for (const event_base* e : get_section_at<Tag, I>().objs) {
      reference_event r;
      r.name = std::string(e->name());
      for (std::size_t k = 0; k < e->field_count(); ++k)
        r.params.push_back({std::string(e->fields()[k].name), e->fields()[k].is_int ? "int" : "string"});
      w.ref().events.push_back(std::move(r));
    }
  }
};

template <std::size_t N>
struct section_describer<pvars_section<N>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    for (const pvar_def& d : get_section_at<Tag, I>().defs)
      w.ref().pvars.push_back({d.name, d.value_type, d.nullable, d.setf != nullptr, d.parse_name != nullptr});
  }
};

template <std::size_t N>
struct section_describer<transformations_section<N>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    const auto& s = get_section_at<Tag, I>();
    for (const trans_op_def& d : s.ops) {
      reference_transformation r{s.cls,        d.name,        {},        static_cast<std::size_t>(d.min_params),
                                 d.value_type, d.result_type, d.nullable};
      for (int k = 0; k < d.max_params; ++k)
        r.params.emplace_back(d.kinds[k] == trans_param_kind::integer ? "int" : "string");
      w.ref().transformations.push_back(std::move(r));
    }
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
