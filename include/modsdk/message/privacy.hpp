// SPDX-License-Identifier: MIT
/// @file The Privacy header as the core parsed it (`parse_privacy`: the priv-values of the first Privacy
/// header as bits, kept in the header). Got from `message::privacy()`:
///
///     if (auto p = msg.privacy(); p && p->has(modsdk::privacy_value::id)) ...;   // "Privacy: id;user"
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// The priv-values the core knows (its PRIVACY_* bits, RFC 3323 / 3325 / 4244).
enum class privacy_value : unsigned {
  user = 1,
  header = 2,
  session = 4,
  none = 8,
  critical = 16,
  id = 32,
  history = 64
};

/// The priv-values of a Privacy header.
class privacy_values {
 public:
  explicit constexpr privacy_values(unsigned bits) noexcept : bits_(bits) {}
  constexpr bool has(privacy_value v) const noexcept { return (bits_ & static_cast<unsigned>(v)) != 0; }
  /// The core's PRIVACY_* bits.
  constexpr unsigned bits() const noexcept { return bits_; }

 private:
  unsigned bits_;
};

namespace detail::msg {
/// The first Privacy header parsed by the core (its bits kept in hdr->parsed); nullopt when absent or
/// malformed (logged).
inline std::optional<privacy_values> parse_privacy(abi::sip_msg* m) noexcept {
  parse_upto(m, abi::hdr_flag(header_type::privacy));
  const abi::hdr_field* h = core_msg(m).privacy;
  if (!h) return std::nullopt;
  if (abi::parse_privacy(m) != 0) {
    log::write_for(log::level::debug, "privacy", "the core could not parse the Privacy header (see its log)");
    return std::nullopt;
  }
  return privacy_values(static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(h->parsed)));
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
