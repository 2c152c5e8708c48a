// SPDX-License-Identifier: MIT
/// @file Session-Expires and Min-SE (RFC 4028) as the core parsed them (`parse_session_expires`: the interval and
/// the refresher, kept in the header; `parse_min_se`: the seconds). Got from `message::session_expires()` and
/// `message::min_se()`:
///
///     if (auto se = msg.session_expires()) {           // "Session-Expires: 1800;refresher=uac"
///       se->interval();                                // 1800
///       se->refresher();                               // modsdk::refresher::uac
///     }
///     msg.min_se();                                    // std::optional<std::uint32_t>: "Min-SE: 90" -> 90
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// Who refreshes the session (the Session-Expires `refresher` parameter): none when the header has none.
enum class refresher : int { none = 0, uac = 1, uas = 2 };

/// A parsed Session-Expires header.
class session_timer {
 public:
  explicit constexpr session_timer(const abi::session_expires& se) noexcept : se_(se) {}
  /// The session interval in seconds.
  constexpr std::uint32_t interval() const noexcept { return se_.interval; }
  /// The refresher parameter (uac / uas), none when absent.
  constexpr modsdk::refresher refresher() const noexcept { return static_cast<modsdk::refresher>(se_.refresher); }
  /// The core's struct session_expires (a copy).
  constexpr const abi::session_expires& raw() const noexcept { return se_; }

 private:
  abi::session_expires se_;
};

namespace detail::msg {
/// The first Session-Expires header parsed by the core (kept in the header); nullopt when absent or malformed
/// (the core logs why: a missing interval, an unknown refresher, a blank before ';').
inline std::optional<session_timer> parse_session_expires(abi::sip_msg* m) noexcept {
  parse_upto(m, abi::hdr_flag(header_type::session_expires));
  if (!core_msg(m).session_expires) return std::nullopt;
  abi::session_expires se{};
  if (abi::parse_session_expires(m, &se) != abi::parse_sst_success) {
    log::write_for(log::level::debug, "session_expires",
                   "the core could not parse the Session-Expires header (see its log)");
    return std::nullopt;
  }
  return session_timer(se);
}
/// The first Min-SE header's seconds (parse_min_se: the value kept in the header); nullopt when absent or not
/// a number (the core does not log it: this does).
inline std::optional<std::uint32_t> parse_min_se(abi::sip_msg* m) noexcept {
  parse_upto(m, abi::hdr_flag(header_type::min_se));
  if (!core_msg(m).min_se) return std::nullopt;
  unsigned v = 0;
  if (abi::parse_min_se(m, &v) != abi::parse_sst_success) {
    log::write_for(log::level::error, "min_se", "the core could not parse the Min-SE header: not a number");
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(v);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
