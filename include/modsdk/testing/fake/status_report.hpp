// SPDX-License-Identifier: MIT
// Test kit fake core: the status/report framework (status_report.c): groups and identifiers with the core's
// checks (a duplicated group or identifier refused, a private group changed only by its owner, status 0 stored
// as 1, no reports for an identifier that keeps none, a ring of the newest max_reports reports), recorded for
// the test (fake_core::status_report). Not done: the E_CORE_SR_STATUS_CHANGED event and the MI commands.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/status_report.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

struct sr_identifier_state {
  std::string name;
  status_entry entry;
};
struct sr_group_state {
  std::string name;
  bool is_public = false;
  std::list<sr_identifier_state> identifiers;
};
struct sr_state {
  std::list<sr_group_state> groups;  // stable addresses: the group pointer a module keeps
};

inline sr_state& sr_st() noexcept {
  static sr_state* s = new sr_state();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}
inline void reset_status_reports() noexcept { sr_st().groups.clear(); }

inline std::string sr_text(const char* s, int len) { return s ? std::string(s, static_cast<std::size_t>(len)) : ""; }

/// The identifier named (NULL: "main") in `g`, or nullptr.
inline sr_identifier_state* sr_find(sr_group_state& g, const char* id_s, int id_len) {
  const std::string_view id = id_s ? std::string_view(id_s, static_cast<std::size_t>(id_len)) : "main";
  for (auto& i : g.identifiers)
    if (i.name == id) return &i;
  return nullptr;
}

/// The checks sr_set_status and sr_add_report share: the group's owner, a known identifier.
inline sr_identifier_state* sr_target(void* group, const char* id_s, int id_len, int is_public, const char* what) {
  auto* g = static_cast<sr_group_state*>(group);
  const std::string id = id_s ? sr_text(id_s, id_len) : "main";
  if ((is_public != 0) != g->is_public) {
    core_log(abi::l_err, what, "forbidden %s identifier [%s] group [%s]", what, id.c_str(), g->name.c_str());
    return nullptr;
  }
  sr_identifier_state* i = sr_find(*g, id_s, id_len);
  if (!i) core_log(abi::l_err, what, "unknown identifier [%s] group [%s]", id.c_str(), g->name.c_str());
  return i;
}

}  // namespace detail

std::vector<std::string> fake_core::status_groups() const {
  std::vector<std::string> out;
  for (const auto& g : detail::sr_st().groups) out.push_back(g.name);
  return out;
}
const status_entry* fake_core::status_report(std::string_view group, std::string_view identifier) const noexcept {
  for (auto& g : detail::sr_st().groups)
    if (g.name == group)
      for (auto& i : g.identifiers)
        if (i.name == identifier) return &i.entry;
  return nullptr;
}

}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: status/report ---------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
void* sr_register_group(char* name_s, int name_len, int is_public) {
  using namespace testing::detail;
  try {
    const std::string name = sr_text(name_s, name_len);
    for (const auto& g : sr_st().groups)
      if (g.name == name) {
        core_log(l_err, "sr_register_group", "duplicated group already existing [%s]", name.c_str());
        return nullptr;
      }
    auto& g = sr_st().groups.emplace_back();
    g.name = name;
    g.is_public = is_public != 0;
    return &g;
  } catch (...) {
    return nullptr;
  }
}

int sr_register_identifier(void* group, char* identifier_s, int identifier_len, int init_status, char* status_txt_s,
                           int status_txt_len, int max_reports) {
  using namespace testing::detail;
  try {
    auto* g = static_cast<sr_group_state*>(group);
    const std::string id = identifier_s ? sr_text(identifier_s, identifier_len) : "main";
    if (sr_find(*g, identifier_s, identifier_len)) {
      core_log(l_err, "sr_register_identifier",
               "failed to add identifier (already existing) when registering the [%s] identifier in [%s] group",
               id.c_str(), g->name.c_str());
      return -1;
    }
    auto& i = g->identifiers.emplace_front();  // the core adds at the head of the group's list
    i.name = id;
    i.entry.status = init_status == 0 ? 1 : init_status;
    if (status_txt_s) i.entry.details = sr_text(status_txt_s, status_txt_len);
    i.entry.max_reports = max_reports;
    return 0;
  } catch (...) {
    return -1;
  }
}

int sr_set_status(void* group, char* identifier_s, int identifier_len, int status, char* status_txt_s,
                  int status_txt_len, int is_public) {
  using namespace testing::detail;
  try {
    sr_identifier_state* i = sr_target(group, identifier_s, identifier_len, is_public, "sr_set_status");
    if (!i) return -1;
    i->entry.status = status == 0 ? 1 : status;
    i->entry.details.reset();
    if (status_txt_s) i->entry.details = sr_text(status_txt_s, status_txt_len);
    ++i->entry.changes;
    return 0;
  } catch (...) {
    return -1;
  }
}

int sr_add_report(void* group, char* identifier_s, int identifier_len, char* report_s, int report_len, int is_public) {
  using namespace testing::detail;
  try {
    if (!group || !report_s) {
      core_log(l_crit, "sr_add_report", "BUG: bogus call with group %p, report %p", group,
               static_cast<void*>(report_s));
      return -1;
    }
    sr_identifier_state* i = sr_target(group, identifier_s, identifier_len, is_public, "sr_add_report");
    if (!i) return -1;
    if (i->entry.max_reports == 0) {
      core_log(l_err, "sr_add_report", "identifier [%s] group [%s] does not accept reports", i->name.c_str(),
               static_cast<sr_group_state*>(group)->name.c_str());
      return -1;
    }
    auto& r = i->entry.reports;
    if (r.size() >= static_cast<std::size_t>(i->entry.max_reports)) r.erase(r.begin());  // the oldest goes
    r.push_back(sr_text(report_s, report_len));
    return 0;
  } catch (...) {
    return -1;
  }
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
