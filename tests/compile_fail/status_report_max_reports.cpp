// SPDX-License-Identifier: MIT
// The core keeps an identifier's report count in a short: 0 (no reports) to 32767.
// expect: modsdk_status_report_error_max_reports_must_be_0_to_32767
#include <modsdk/status_report.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::status_report r{"main", modsdk::status::ready, "up", 32767};
#else
constinit modsdk::status_report r{"main", modsdk::status::ready, "up", 40000};
#endif
int main() { return r.report("x") ? 0 : 1; }
