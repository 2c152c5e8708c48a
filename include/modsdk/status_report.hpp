// SPDX-License-Identifier: MIT
/// @file Status reports (the core's status/report framework): the module's readiness, per identifier, as
/// MI `sr_get_status` / `sr_list_status` and the script's `sr_check_status()` show it, and a ring of the
/// last reports, as MI `sr_list_reports` shows them.
///
///     constinit modsdk::status_report cache{"cache"};                    // not ready (-1) until set
///     constinit modsdk::status_report link{"link", modsdk::status::ready, "idle", 20};   // keeps 20 reports
///
///     void reload() {
///       cache.set(modsdk::status::reloading_data, "reloading");
///       const int n = load_everything();
///       cache.set(modsdk::status::ready, "loaded");
///       cache.report("reload done, {} rules", n);              // {fmt} formatting, checked at compile time
///     }
///     MODSDK_MODULE(new_module, ..., modsdk::status_reports(cache, link));
///
/// The group is the module's name (`opensips-cli -x mi sr_get_status new_module cache`); each
/// status_report is one identifier in it ("main" is the one MI reads when no identifier is given).
/// Registered in mod_init, before the fork, with its initial status and details; set() and report() work
/// in any process after that. A negative status reads as "not ready" (Readiness false), a positive one as
/// ready. The group is private to the module: the script and MI read it, only the module changes it. A
/// report is formatted on the stack (at most MODSDK_STATUS_REPORT_MAX bytes, cut on a UTF-8 boundary) and
/// copied by the core, which keeps the newest `max_reports` of them with their time.
#pragma once
#include <modsdk/config.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/status_report.hpp>
#include <modsdk/impl/status_report.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when a status report is declared wrong.
void modsdk_status_report_error_identifier_must_be_1_to_64_characters_without_blanks_or_quotes_and_not_all();
void modsdk_status_report_error_initial_status_0_is_not_a_status_use_a_negative_not_ready_or_positive_ready();
void modsdk_status_report_error_max_reports_must_be_0_to_32767();

consteval std::string_view checked_sr_identifier(const char* id) {
  if (!id || !valid_sr_identifier(id))
    modsdk_status_report_error_identifier_must_be_1_to_64_characters_without_blanks_or_quotes_and_not_all();
  return id;
}
consteval status checked_sr_status(status s) {
  if (static_cast<int>(s) == 0)
    modsdk_status_report_error_initial_status_0_is_not_a_status_use_a_negative_not_ready_or_positive_ready();
  return s;
}
consteval int checked_sr_max_reports(int n) {
  if (n < 0 || n > 32767) modsdk_status_report_error_max_reports_must_be_0_to_32767();  // the core keeps a short
  return n;
}
}  // namespace detail

/// One identifier of the module's status group: its status (readiness) and its last reports.
class status_report : public detail::status_report_base {
 public:
  /// `identifier`: as MI names it ("main": the group's default). `initial`: the status from mod_init on;
  /// `details`: its text (none when null); `max_reports`: how many reports the core keeps (0: none).
  consteval explicit status_report(const char* identifier, status initial = status::not_ready,
                                   const char* details = nullptr, int max_reports = 10)
      : status_report_base(detail::checked_sr_identifier(identifier), detail::checked_sr_status(initial),
                           details ? std::string_view(details) : std::string_view(), details != nullptr,
                           detail::checked_sr_max_reports(max_reports)) {}

  /// Sets the status and its details (copied by the core). False (logged) when the core refuses it. A
  /// change raises the core's E_CORE_SR_STATUS_CHANGED event. Status 0 is stored as 1 (ready) by the core.
  bool set(status s, std::string_view details) const noexcept { return put_status(s, details.data(), details.size()); }
  /// Sets the status, without details (MI then shows none).
  bool set(status s) const noexcept { return put_status(s, nullptr, 0); }

  /// Adds a report, formatted by {fmt} (`"reload done, {} rules"`; the format checked at compile time, as
  /// for log lines). False (logged by the core) when it cannot be added, e.g. with max_reports 0.
  template <class... Args>
  bool report(log::format_string<std::type_identity_t<Args>...> f, const Args&... args) const noexcept {
    return vreport(fmt::string_view(f.text.data(), f.text.size()), fmt::make_format_args(detail::loggable(args)...));
  }
};

/// The module's status reports: `modsdk::status_reports(cache, link)`, registered in mod_init in the
/// module's group (its name).
template <class... R>
constexpr auto status_reports(R&... r) {
  static_assert((std::is_same_v<std::remove_cv_t<R>, status_report> && ...),
                "modsdk: status_reports(...) takes modsdk::status_report objects (defined at namespace scope)");
  static_assert(!(std::is_const_v<R> || ...),
                "modsdk: status_reports(...): declare each status_report `constinit`, not const or constexpr: "
                "mod_init stores the core's group in it");
  static_assert(sizeof...(R) > 0, "modsdk: status_reports() needs at least one modsdk::status_report");
  return detail::status_reports_section<sizeof...(R)>{{static_cast<detail::status_report_base*>(&r)...}};
}

MODSDK_END_NAMESPACE
