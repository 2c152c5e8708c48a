// SPDX-License-Identifier: MIT
/// @file A Via header as the core parsed it while splitting the headers (`struct via_body`): got from
/// `message::via()` (the first Via, the one the core answers to).
///
///     if (auto v = msg.via()) {
///       v->host(); v->port_number(); v->transport();  // "10.0.0.1", 5060, "UDP"
///       v->branch();                                  // "z9hG4bK..."
///       if (v->rport()) ...                           // ";rport" present (value may be empty)
///     }
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/parsed.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/uri.hpp>

MODSDK_BEGIN_NAMESPACE

/// A parsed Via header body.
class via {
 public:
  explicit via(const abi::via_body& body) noexcept : b_(&body) {}

  /// "SIP" / "2.0" / "UDP" of "SIP/2.0/UDP".
  std::string_view protocol() const noexcept { return detail::msg::view(b_->name); }
  std::string_view version() const noexcept { return detail::msg::view(b_->version); }
  std::string_view transport() const noexcept { return detail::msg::view(b_->transport); }
  /// The sent-by host as written, and its port (0 when absent).
  std::string_view host() const noexcept { return detail::msg::view(b_->host); }
  std::uint16_t port_number() const noexcept { return b_->port; }
  /// The branch parameter's value, empty when absent.
  std::string_view branch() const noexcept { return b_->branch ? detail::msg::view(b_->branch->value) : ""; }
  /// The received / rport parameters: nullopt when absent, "" when present without a value.
  std::optional<std::string_view> received() const noexcept { return value_of(b_->received); }
  std::optional<std::string_view> rport() const noexcept { return value_of(b_->rport); }
  /// Every parameter in order, and one looked up by name (case-insensitive).
  param_range params() const noexcept { return param_range(detail::msg::view(b_->params)); }
  std::optional<std::string_view> param(std::string_view name) const noexcept {
    for (const abi::via_param* p = b_->param_lst; p; p = p->next)
      if (abi::hdr_name_equal(detail::msg::view(p->name), name)) return detail::msg::view(p->value);
    return std::nullopt;
  }
  /// The core's struct via_body.
  const abi::via_body& raw() const noexcept { return *b_; }

 private:
  static std::optional<std::string_view> value_of(const abi::via_param* p) noexcept {
    if (!p) return std::nullopt;
    return detail::msg::view(p->value);
  }
  const abi::via_body* b_;
};

MODSDK_END_NAMESPACE
