// SPDX-License-Identifier: MIT
// Status reports (modsdk/status_report.hpp): what every status_report object shares (its identifier, its
// initial status, the group the core gave the module), the report formatting (a stack buffer, out of line)
// and the section that registers the module's group and its identifiers in mod_init, before the fork.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <cstddef>
#include <string_view>

#include <modsdk/abi/status_report.hpp>
#include <modsdk/detail/log_sink.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

#ifndef MODSDK_STATUS_REPORT_MAX
/// The longest report text (bytes) report() formats; a longer one is cut on a UTF-8 boundary, "..." marking it.
#define MODSDK_STATUS_REPORT_MAX 1024
#endif

MODSDK_BEGIN_NAMESPACE

/// An identifier's status, as the core's status/report framework keeps it: negative means "not ready"
/// (sr_check_status() and MI sr_get_status show Readiness false), positive means ready. A module may use
/// its own values too (`modsdk::status{3}`); 0 is not a status (the core stores it as 1, ready).
enum class status : int {
  no_data = abi::sr_status_no_data,                ///< ready to start, but nothing loaded (-2)
  not_ready = abi::sr_status_not_ready,            ///< starting, or lost what it needs (-1)
  loading_data = abi::sr_status_not_ready,         ///< the same value: loading for the first time (-1)
  ready = abi::sr_status_ready,                    ///< working (1)
  reloading_data = abi::sr_status_reloading_data,  ///< working while reloading (2)
};

namespace detail {

/// Whether MI and the script can name an identifier: 1 to 64 characters, no blank, and not "all" (which
/// sr_get_status and sr_check_status read as "every identifier of the group").
constexpr bool valid_sr_identifier(std::string_view id) noexcept {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'') return false;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return !(id.size() == 3 && lower(id[0]) == 'a' && lower(id[1]) == 'l' && lower(id[2]) == 'l');
}

/// What the status_reports section needs of a status_report: the identifier, its initial state, the group.
class status_report_base {
 public:
  constexpr status_report_base(std::string_view identifier, status initial, std::string_view details, bool has_details,
                               int max_reports) noexcept
      : id_(identifier), details_(details), initial_(initial), max_reports_(max_reports), has_details_(has_details) {}

  /// The identifier, as MI sr_get_status / sr_list_reports name it (with the module's name as the group).
  constexpr std::string_view identifier() const noexcept { return id_; }
  constexpr status initial_status() const noexcept { return initial_; }
  constexpr int max_reports() const noexcept { return max_reports_; }
  /// Whether mod_init registered it (the group is the module's).
  bool registered() const noexcept { return group_ != nullptr; }
  /// The module is destroyed: the group is not used any more.
  void forget() noexcept { group_ = nullptr; }

  /// sr_register_identifier in `group`; false (the core logged why) when the core refuses it.
  bool register_in(void* group, std::string_view module) noexcept {
    const int rc = abi::sr_register_identifier(
        group, const_cast<char*>(id_.data()), static_cast<int>(id_.size()),  // NOLINT(*-const-cast): copied
        static_cast<int>(initial_), has_details_ ? const_cast<char*>(details_.data()) : nullptr,  // NOLINT
        static_cast<int>(details_.size()), max_reports_);
    if (rc != 0) {
      log::write_for(log::level::error, "mod_init", "status report \"{}\": the core refused it in group \"{}\"", id_,
                     module);
      return false;
    }
    group_ = group;
    return true;
  }

 protected:
  /// sr_set_status (the text copied by the core; none when `text` is null).
  bool put_status(status s, const char* text, std::size_t len) const noexcept {
    if (!group_) return not_registered();
    return abi::sr_set_status(group_, const_cast<char*>(id_.data()), static_cast<int>(id_.size()),  // NOLINT
                              static_cast<int>(s), const_cast<char*>(text), static_cast<int>(len),  // NOLINT
                              0) == 0;
  }
  /// sr_add_report (the text copied by the core).
  bool put_report(const char* text, std::size_t len) const noexcept {
    if (!group_) return not_registered();
    return abi::sr_add_report(group_, const_cast<char*>(id_.data()), static_cast<int>(id_.size()),  // NOLINT
                              const_cast<char*>(text), static_cast<int>(len), 0) == 0;              // NOLINT
  }

 public:
  /// Formats a report into a stack buffer (cut at MODSDK_STATUS_REPORT_MAX bytes) and adds it.
  [[gnu::cold, gnu::noinline]] bool vreport(fmt::string_view f, fmt::format_args args) const noexcept {
    constexpr std::size_t cap = MODSDK_STATUS_REPORT_MAX;
    char text[cap];
    std::size_t n = 0;
    try {
      n = fmt::vformat_to_n(text, cap, f, args).size;
    } catch (...) {
      constexpr std::string_view bad = "<modsdk: report formatting failed>";
      n = bad.copy(text, bad.size());
    }
    if (n > cap) {  // cut on a UTF-8 boundary and mark it
      n = utf8_cut(text, cap - 3);
      text[n] = text[n + 1] = text[n + 2] = '.';
      n += 3;
    }
    return put_report(text, n);
  }

 private:
  [[gnu::cold, gnu::noinline]] bool not_registered() const noexcept {
    log::write_for(log::level::error, id_,
                   "status report \"{}\" used, but it was not registered: list it in modsdk::status_reports(...)", id_);
    return false;
  }

  std::string_view id_;
  std::string_view details_;
  status initial_;
  int max_reports_;
  bool has_details_;
  void* group_ = nullptr;
};

/// The status_reports section: the module's group (its name) and identifiers, registered in mod_init.
template <std::size_t N>
struct status_reports_section {
  static constexpr section_kind kind = section_kind::status_reports;
  status_report_base* objs[N];

  template <class Tag>
  static bool on_init() {
    const std::string_view module = Tag::def.name;
    void* group = abi::sr_register_group(const_cast<char*>(module.data()),  // NOLINT(*-const-cast): copied
                                         static_cast<int>(module.size()), 0);
    if (!group) {
      log::write_for(log::level::error, "mod_init",
                     "status reports: the core refused the group \"{}\" (another group has the module's name)", module);
      return false;
    }
    for (status_report_base* r : get_section<Tag, section_kind::status_reports>().objs)
      if (!r->register_in(group, module)) return false;
    return true;
  }
  template <class Tag>
  static void on_destroy() {
    for (status_report_base* r : get_section<Tag, section_kind::status_reports>().objs) r->forget();
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
