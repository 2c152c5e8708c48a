// SPDX-License-Identifier: MIT
// status_probe: the module tests/realcore/status_report loads into a real core. Two status reports in the
// module's group "status_probe": "main" (not ready, "starting", 5 reports kept; a report from mod_init) and
// "cache" (no data, "empty", 3 reports kept). MI `probe_set` sets main's status and details, MI `probe_report`
// adds a formatted report to cache; the core's own MI sr_get_status / sr_list_reports read them.
#include <unistd.h>

#include <string_view>

#include <modsdk/modsdk.hpp>

namespace {
constinit modsdk::status_report main_rep{"main", modsdk::status::not_ready, "starting", 5};
constinit modsdk::status_report cache{"cache", modsdk::status::no_data, "empty", 3};

bool probe_set(modsdk::mi_param<int, "status"> s, modsdk::mi_param<std::string_view, "details"> details) {
  return main_rep.set(modsdk::status{*s}, *details);
}
bool probe_report(modsdk::mi_param<int, "round"> round) {
  return cache.report("round {:02} from pid {}", *round, getpid());
}

void init() { main_rep.report("registered in mod_init, pid {}", getpid()); }
}  // namespace

MODSDK_MODULE(status_probe, modsdk::status_reports(main_rep, cache), modsdk::on_init(init),
              modsdk::mi(MODSDK_MI(probe_set, probe_set, "sets main's status and details"),
                         MODSDK_MI(probe_report, probe_report, "adds a report to cache")));
