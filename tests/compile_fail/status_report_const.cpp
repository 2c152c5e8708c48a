// SPDX-License-Identifier: MIT
// mod_init stores the core's group in each listed status_report: a const (constexpr) one cannot be listed.
// expect: declare each status_report `constinit`, not const or constexpr
#include <modsdk/module.hpp>
#include <modsdk/status_report.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::status_report r{"main"};
#else
constexpr modsdk::status_report r{"main"};
#endif
MODSDK_MODULE(cf_status, modsdk::status_reports(r));
