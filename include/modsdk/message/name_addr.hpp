// SPDX-License-Identifier: MIT
/// @file From and To as the core parsed them (`parse_from_header` / `parse_to_header` into a `to_body`):
/// display name, URI, tag and parameters. Got from `message::from()` / `message::to()`:
///
///     if (auto f = msg.from()) {
///       f->display();           // "Alice" (quotes removed)
///       f->tag();               // "a1", empty when absent
///       if (auto u = f->uri()) u->host();
///     }
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/parsed.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/uri.hpp>

MODSDK_BEGIN_NAMESPACE

/// A parsed From/To header.
class name_addr {
 public:
  explicit name_addr(const abi::to_body& body) noexcept : b_(&body) {}

  /// The display name without its quotes, empty when absent.
  std::string_view display() const noexcept {
    std::string_view d = detail::msg::view(b_->display);
    if (d.size() >= 2 && d.front() == '"' && d.back() == '"') d = d.substr(1, d.size() - 2);
    return d;
  }
  /// The URI as written (inside <> when there are).
  std::string_view uri_text() const noexcept { return detail::msg::view(b_->uri); }
  /// The URI parsed by the core's parse_uri(); nullopt when it is not one.
  std::optional<modsdk::uri> uri() const noexcept { return modsdk::uri::parse(uri_text()); }
  /// The tag parameter's value, empty when absent.
  std::string_view tag() const noexcept { return detail::msg::view(b_->tag_value); }
  /// The header's parameters (after the URI), tag included, in order.
  class param_iterator {
   public:
    using value_type = uri_param;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    param_iterator() noexcept = default;
    explicit param_iterator(const abi::to_param* p) noexcept : p_(p) {}
    uri_param operator*() const noexcept { return {detail::msg::view(p_->name), detail::msg::view(p_->value)}; }
    param_iterator& operator++() noexcept {
      p_ = p_->next;
      return *this;
    }
    param_iterator operator++(int) noexcept {
      auto old = *this;
      p_ = p_->next;
      return old;
    }
    friend bool operator==(const param_iterator& a, const param_iterator& b) noexcept { return a.p_ == b.p_; }

   private:
    const abi::to_param* p_ = nullptr;
  };
  struct param_list {
    const abi::to_param* first;
    param_iterator begin() const noexcept { return param_iterator(first); }
    param_iterator end() const noexcept { return param_iterator(); }
    std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  };
  param_list params() const noexcept { return {b_->param_lst}; }
  /// The value of parameter `name` (case-insensitive): "" for a flag, nullopt when absent.
  std::optional<std::string_view> param(std::string_view name) const noexcept {
    for (uri_param p : params())
      if (abi::hdr_name_equal(p.name, name)) return p.value;
    return std::nullopt;
  }
  /// The core's struct to_body.
  const abi::to_body& raw() const noexcept { return *b_; }

 private:
  const abi::to_body* b_;
};

MODSDK_END_NAMESPACE
