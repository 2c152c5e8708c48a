// SPDX-License-Identifier: MIT
/// @file The Contact headers as the core parsed them (`parse_contact` into a `contact_body_t` per header):
/// the `*` of a REGISTER that removes every binding, and each contact with its display name, URI, q,
/// expires and parameters. Got from `message::contacts()`:
///
///     if (auto cl = msg.contacts()) {
///       if (cl->star()) ...;                        // "Contact: *"
///       for (modsdk::contact c : *cl) {             // every contact of every Contact header, in order
///         c.uri_text();                             // "sip:alice@10.0.0.1:5060" (without the <>)
///         c.q();                                    // 500 for ;q=0.5 (thousandths), nullopt when absent
///         c.expires();                              // 3600, nullopt when absent or not a number
///         c.param("+sip.instance");                 // the value without its quotes
///       }
///     }
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_names.hpp>
#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/header_chain.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/uri.hpp>

MODSDK_BEGIN_NAMESPACE

/// The parameters of a header as the core's parse_params() listed them (`param_t`), in order: a forward
/// range of uri_param (a quoted value without its quotes; "" for a flag).
class header_params {
 public:
  class iterator {
   public:
    using value_type = uri_param;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    explicit iterator(const abi::param* p) noexcept : p_(p) {}
    uri_param operator*() const noexcept { return {detail::msg::view(p_->name), detail::msg::view(p_->body)}; }
    iterator& operator++() noexcept {
      p_ = p_->next;
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      p_ = p_->next;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.p_ == b.p_; }

   private:
    const abi::param* p_ = nullptr;
  };
  explicit header_params(const abi::param* first) noexcept : first_(first) {}
  iterator begin() const noexcept { return iterator(first_); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return first_ == nullptr; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  /// The value of the first parameter called `name` (case-insensitive): "" for a flag, nullopt when absent.
  std::optional<std::string_view> find(std::string_view name) const noexcept {
    for (uri_param p : *this)
      if (abi::hdr_name_equal(p.name, name)) return p.value;
    return std::nullopt;
  }

 private:
  const abi::param* first_;
};

/// One contact of a Contact header.
class contact {
 public:
  explicit contact(const abi::contact& c) noexcept : c_(&c) {}

  /// The display name without its quotes, empty when absent.
  std::string_view display() const noexcept {
    std::string_view d = detail::msg::view(c_->name);
    if (d.size() >= 2 && d.front() == '"' && d.back() == '"') d = d.substr(1, d.size() - 2);
    return d;
  }
  /// The URI as written, without the <>.
  std::string_view uri_text() const noexcept { return detail::msg::view(c_->uri); }
  /// The URI parsed by the core's parse_uri(); nullopt when it is not one.
  std::optional<modsdk::uri> uri() const noexcept { return modsdk::uri::parse(uri_text()); }
  /// The q parameter in thousandths (";q=0.5" is 500) as the core's str2q() reads it; nullopt when absent
  /// or not a q value (0 - 1, at most 3 decimals counted).
  std::optional<int> q() const noexcept {
    if (!c_->q) return std::nullopt;
    int q = 0;
    if (c_->q->body.len <= 0 || abi::str2q(&q, c_->q->body.s, c_->q->body.len) != 0) {
      log::write_for(log::level::debug, "contact", "the q parameter is not a q value");
      return std::nullopt;
    }
    return q;
  }
  /// The expires parameter in seconds; nullopt when absent or not a number.
  std::optional<std::uint32_t> expires() const noexcept {
    if (!c_->expires) return std::nullopt;
    return detail::parse_integer<std::uint32_t>(detail::msg::view(c_->expires->body));
  }
  /// The contact's parameters (after the URI), in order, and looked up by name (case-insensitive).
  header_params params() const noexcept { return header_params(c_->params); }
  std::optional<std::string_view> param(std::string_view name) const noexcept { return params().find(name); }
  /// The core's contact_t.
  const abi::contact& raw() const noexcept { return *c_; }

 private:
  const abi::contact* c_;
};

namespace detail::msg {
inline const abi::contact* first_contact(const void* parsed) noexcept {
  const auto* b = static_cast<const abi::contact_body*>(parsed);
  return b ? b->contacts : nullptr;
}
}  // namespace detail::msg

/// Every contact of every Contact header of a message, in message order (a forward range of contact),
/// and whether a header is `*`. Every header was parsed by the core when the list was made.
class contact_list : public detail::msg::header_chain<abi::contact, contact, detail::msg::first_contact> {
 public:
  using header_chain::header_chain;
  /// True when a Contact header is `*` (a REGISTER removing every binding).
  bool star() const noexcept {
    for (header_field h : headers_)
      if (static_cast<const abi::contact_body*>(h.raw->parsed)->star) return true;
    return false;
  }
};

namespace detail::msg {
/// Has the core parse every Contact header of `headers` (parse_contact keeps the result in the header);
/// nullopt, logged, when one is malformed.
inline std::optional<contact_list> parse_contacts(const header_range& headers) noexcept {
  for (header_field h : headers)
    if (abi::parse_contact(const_cast<abi::hdr_field*>(h.raw)) < 0 || !h.raw->parsed) {
      log::write_for(log::level::debug, "contacts", "the core could not parse a Contact header (see its log)");
      return std::nullopt;
    }
  return contact_list(headers);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
