// SPDX-License-Identifier: MIT
// ABI layer: the core's status/report framework (status_report.h), the same in 3.4.18, 3.5.9, 3.6.8 and
// 4.0.1 for what a module uses: a group (by convention the module's name) registered at startup, identifiers
// in it with a status (readiness: a negative status is "not ready") and a ring of the last reports, read by
// the MI commands sr_get_status, sr_list_status, sr_list_reports and the script's sr_check_status().
// Checked by tests/static/abi_services.cpp.
#pragma once
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

inline constexpr int sr_status_no_data = -2;        ///< SR_STATUS_NO_DATA
inline constexpr int sr_status_not_ready = -1;      ///< SR_STATUS_NOT_READY (and SR_STATUS_LOADING_DATA)
inline constexpr int sr_status_ready = 1;           ///< SR_STATUS_READY
inline constexpr int sr_status_reloading_data = 2;  ///< SR_STATUS_RELOADING_DATA

extern "C" {
/// Registers a group (startup only; the name is copied); NULL when a group of that name exists.
MODSDK_CORE_SYMBOL void* sr_register_group(char* name_s, int name_len, int is_public);
/// Adds an identifier to a group (the name and the status text are copied; NULL name: "main"). A status of
/// 0 is stored as 1; `max_reports` is how many reports it keeps (0: none). 0 on success, -1 (logged) when
/// the identifier exists.
MODSDK_CORE_SYMBOL int sr_register_identifier(void* group, char* identifier_s, int identifier_len, int init_status,
                                              char* status_txt_s, int status_txt_len, int max_reports);
/// Sets an identifier's status and its text (copied; NULL: none); `is_public` must match the group's. 0 on
/// success; raises E_CORE_SR_STATUS_CHANGED when the status changed.
MODSDK_CORE_SYMBOL int sr_set_status(void* group, char* identifier_s, int identifier_len, int status,
                                     char* status_txt_s, int status_txt_len, int is_public);
/// Adds a report (copied, timestamped) to an identifier's ring; the oldest goes when it is full. 0 on success.
MODSDK_CORE_SYMBOL int sr_add_report(void* group, char* identifier_s, int identifier_len, char* report_s,
                                     int report_len, int is_public);
}  // extern "C"

}  // namespace abi
MODSDK_END_NAMESPACE
