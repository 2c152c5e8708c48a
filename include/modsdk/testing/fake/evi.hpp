// SPDX-License-Identifier: MIT
// Test kit fake core: the event interface (evi/event_interface.c, evi/evi_params.c): publish with the
// core's checks, parameter lists in counted pkg memory, raised events recorded for the test.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/evi.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

struct evi_state {
  std::vector<std::string> published;
  std::set<std::string, std::less<>> unsubscribed;
  std::vector<raised_event> raised;
};

inline evi_state& evi_st() noexcept {
  static evi_state* s = new evi_state();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

inline void reset_evi() noexcept {
  auto& e = evi_st();
  e.published.clear();
  e.unsubscribed.clear();
  e.raised.clear();
}

inline bool valid_event(abi::event_id id) noexcept {
  return id >= 0 && static_cast<std::size_t>(id) < evi_st().published.size();
}

}  // namespace detail

const std::vector<std::string>& fake_core::published_events() const noexcept { return detail::evi_st().published; }
const std::vector<raised_event>& fake_core::raised_events() const noexcept { return detail::evi_st().raised; }
void fake_core::clear_raised_events() noexcept { detail::evi_st().raised.clear(); }
void fake_core::set_event_subscribed(std::string_view name, bool subscribed) {
  auto& u = detail::evi_st().unsubscribed;
  if (subscribed) {
    if (auto it = u.find(name); it != u.end()) u.erase(it);
  } else {
    u.emplace(name);
  }
}

}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: events ---------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
event_id evi_publish_event(str event_name) {
  using namespace testing::detail;
  if (event_name.len > max_event_name) {
    core_log(l_err, "evi_publish_event", "event name too long [%d>%d]", event_name.len, max_event_name);
    return evi_error;
  }
  try {
    const std::string name(event_name.s, static_cast<std::size_t>(event_name.len));
    auto& p = evi_st().published;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i] == name) {
        core_log(l_warn, "evi_publish_event", "Event \"%s\" was previously published", name.c_str());
        return static_cast<event_id>(i);
      }
    p.push_back(name);
    core_log(l_info, "evi_publish_event", "Registered event <%s(%zu)>", name.c_str(), p.size() - 1);
    return static_cast<event_id>(p.size() - 1);
  } catch (...) {
    return evi_error;
  }
}

int evi_probe_event(event_id id) {
  using namespace testing::detail;
  if (!valid_event(id)) {
    core_log(l_err, "evi_probe_event", "invalid event %d", id);
    return -1;
  }
  return evi_st().unsubscribed.count(evi_st().published[static_cast<std::size_t>(id)]) ? 0 : 1;
}

evi_params* evi_get_params() {
  auto* l = static_cast<evi_params*>(testing::detail::counted_pkg_malloc(sizeof(evi_params), "evi_get_params"));
  if (!l) return nullptr;
  *l = evi_params{evi_free_list, nullptr, nullptr};
  return l;
}

int evi_param_add(evi_params* list, const str* name, const void* param, int flags) {
  using namespace testing::detail;
  if (!(flags & (evi_int_val | evi_str_val))) {
    core_log(l_err, "evi_param_add", "params should be int or str [%x]", static_cast<unsigned>(flags));
    return -1;
  }
  if (!list) {
    core_log(l_err, "evi_param_create", "invalid param list");
    return -1;
  }
  auto* p = static_cast<evi_param*>(counted_pkg_malloc(sizeof(evi_param), "evi_param_create"));
  if (!p) return -1;
  *p = evi_param{};
  if (name) p->name = *name;
  p->flags = flags;
  if (flags & evi_int_val)
    p->val.n = *static_cast<const int*>(param);
  else
    p->val.s = *static_cast<const str*>(param);
  if (list->last)
    list->last->next = p;
  else
    list->first = p;
  list->last = p;
  return 0;
}

void evi_free_params(evi_params* list) {
  if (!list) return;
  for (evi_param *n = list->first, *next = nullptr; n; n = next) {
    next = n->next;
    testing::detail::counted_pkg_free(n, "evi_free_params");
  }
  testing::detail::counted_pkg_free(list, "evi_free_params");
}

int evi_raise_event(event_id id, evi_params* params) {
  using namespace testing::detail;
  int rc = 0;
  if (!valid_event(id)) {
    core_log(l_err, "evi_raise_event_msg", "invalid event %d", id);
    rc = -1;
  } else {
    try {
      testing::raised_event e{evi_st().published[static_cast<std::size_t>(id)], {}};
      for (const evi_param* p = params ? params->first : nullptr; p; p = p->next) {
        std::string n(p->name.s ? p->name.s : "", static_cast<std::size_t>(p->name.len));
        if (p->flags & evi_int_val)
          e.params.emplace_back(std::move(n), p->val.n);
        else
          e.params.emplace_back(std::move(n),
                                std::string(p->val.s.s ? p->val.s.s : "", static_cast<std::size_t>(p->val.s.len)));
      }
      evi_st().raised.push_back(std::move(e));
    } catch (...) {
      rc = -1;
    }
  }
  if (params && (params->flags & evi_free_list)) evi_free_params(params);  // the core frees the list it made
  return rc;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
