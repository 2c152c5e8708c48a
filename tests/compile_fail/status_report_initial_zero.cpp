// SPDX-License-Identifier: MIT
// Status 0 is not a status (the core stores it as 1, ready): an initial status says ready or not ready.
// expect: modsdk_status_report_error_initial_status_0_is_not_a_status_use_a_negative_not_ready_or_positive_ready
#include <modsdk/status_report.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::status_report r{"main", modsdk::status{3}};
#else
constinit modsdk::status_report r{"main", modsdk::status{0}};
#endif
int main() { return r.set(modsdk::status::ready) ? 0 : 1; }
