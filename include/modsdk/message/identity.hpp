// SPDX-License-Identifier: MIT
/// @file P-Asserted-Identity and P-Preferred-Identity as the core parsed them (`parse_pai_header` /
/// `parse_ppi_header`: the first such header, a list of name-addrs in a `to_body` chain). Got from
/// `message::asserted_identities()` / `message::preferred_identities()`; Remote-Party-ID, one name-addr, from
/// `message::remote_party_id()` (a name_addr, name_addr.hpp):
///
///     if (auto ids = msg.asserted_identities())     // "P-Asserted-Identity: "Alice" <sip:a@x>, <tel:+1555>"
///       for (modsdk::name_addr id : *ids) id.uri_text();   // "sip:a@x", then "tel:+1555"
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/name_addr.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail::msg {
/// The name-addrs of a header the core parsed into a `to_body` chain (through next), in order: a forward range
/// of `View` (made from `const abi::to_body&`). Empty when the message has no such header.
template <class View>
class to_body_list {
 public:
  class iterator {
   public:
    using value_type = View;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    explicit iterator(const abi::to_body* b) noexcept : b_(b) {}
    View operator*() const noexcept { return View(*b_); }
    iterator& operator++() noexcept {
      b_ = b_->next;
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      b_ = b_->next;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.b_ == b.b_; }

   private:
    const abi::to_body* b_ = nullptr;
  };
  explicit to_body_list(const abi::to_body* first) noexcept : first_(first) {}
  iterator begin() const noexcept { return iterator(first_); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return first_ == nullptr; }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }

 private:
  const abi::to_body* first_;
};
}  // namespace detail::msg

/// The identities of a P-Asserted-Identity / P-Preferred-Identity header, in order: a forward range of
/// name_addr (display name, URI, parameters). Empty when the message has no such header.
using identity_list = detail::msg::to_body_list<name_addr>;

namespace detail::msg {
/// The to_body the core's `parse` (parse_pai_header & co.) left at the header `shortcut` points to: nullptr
/// when the message has no such header, nullopt (logged) when it is malformed.
inline std::optional<const abi::to_body*> parsed_identity(abi::sip_msg* m, header_type type,
                                                          abi::hdr_field* layout::*shortcut,
                                                          int (*parse)(abi::sip_msg*), const char* what) noexcept {
  parse_upto(m, abi::hdr_flag(type));
  const abi::hdr_field* h = core_msg(m).*shortcut;
  if (!h) return nullptr;
  if (parse(m) != 0 || !h->parsed) {
    log::write_for(log::level::debug, what, "the core could not parse the header (see its log)");
    return std::nullopt;
  }
  return static_cast<const abi::to_body*>(h->parsed);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
