// SPDX-License-Identifier: MIT
/// @file The option tags of Supported, Require, Proxy-Require and Unsupported headers: every tag of every
/// header of the kind as written, and the tags the core knows as bits (`parse_supported`, which keeps the
/// bits of every Supported header in the message; `parse_supported_body` for the other kinds, which the core
/// does not keep). Got from `message::supported()`, `required()`, `proxy_required()`, `unsupported()`:
///
///     if (auto s = msg.supported()) {                // "Supported: timer, 100rel" + "k: x-foo"
///       s->has(modsdk::option_tag::timer);           // true (the core's F_SUPPORTED_TIMER)
///       s->contains("x-foo");                        // true: any tag, case-insensitive
///       for (std::string_view tag : *s) ...;         // "timer", "100rel", "x-foo"
///     }
///
/// Views into the message buffer: valid while the core processes this message.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_names.hpp>
#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// The option tags the core knows (its F_SUPPORTED_* bits).
enum class option_tag : unsigned {
  path = 1U << 0,
  rel100 = 1U << 1,
  timer = 1U << 2,
  eventlist = 1U << 3,
  gruu = 1U << 4
};

/// The option tags of the headers of one kind, in message order: a forward range of the tags as written.
class option_tags {
 public:
  class iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    iterator(header_range::iterator h, header_range::iterator end) noexcept : h_(h), end_(end) {
      if (h_ != end_) rest_ = (*h_).value;
      load();
    }
    std::string_view operator*() const noexcept { return cur_; }
    iterator& operator++() noexcept {
      load();
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      load();
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.cur_.data() == b.cur_.data(); }

   private:
    static bool delim(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','; }
    void load() noexcept {  // the next tag of this header, or of the next header that has one
      for (;;) {
        while (!rest_.empty() && delim(rest_.front())) rest_.remove_prefix(1);
        if (!rest_.empty()) break;
        if (h_ == end_ || ++h_ == end_) {
          cur_ = {};
          return;
        }
        rest_ = (*h_).value;
      }
      std::size_t n = 0;
      while (n < rest_.size() && !delim(rest_[n])) ++n;
      cur_ = rest_.substr(0, n);
      rest_.remove_prefix(n);
    }
    header_range::iterator h_, end_;
    std::string_view rest_, cur_;
  };

  option_tags(header_range headers, unsigned known) noexcept : headers_(headers), known_(known) {}
  iterator begin() const noexcept { return iterator(headers_.begin(), headers_.end()); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  /// Whether a tag the core knows is listed (from the core's bits).
  bool has(option_tag t) const noexcept { return (known_ & static_cast<unsigned>(t)) != 0; }
  /// The core's F_SUPPORTED_* bits of every listed tag it knows.
  unsigned known_bits() const noexcept { return known_; }
  /// Whether `tag` is listed (any tag, compared case-insensitively).
  bool contains(std::string_view tag) const noexcept {
    for (std::string_view t : *this)
      if (abi::hdr_name_equal(t, tag)) return true;
    return false;
  }
  /// The headers the tags come from.
  const header_range& headers() const noexcept { return headers_; }

 private:
  header_range headers_;
  unsigned known_;
};

namespace detail::msg {
/// Supported: every header parsed by the core's parse_supported (kept in each header, the union in the first
/// one's); nullopt when the message has none.
inline std::optional<option_tags> parse_supported(abi::sip_msg* m, const header_range& headers) noexcept {
  if (headers.empty()) return std::nullopt;
  const abi::hdr_field* first = core_msg(m).supported;
  if (abi::parse_supported(m) != 0 || !first || !first->parsed) {
    log::write_for(log::level::debug, "supported", "the core could not parse the Supported headers (see its log)");
    return std::nullopt;
  }
  return option_tags(headers, static_cast<const abi::supported_body*>(first->parsed)->supported_all);
}
/// Require, Proxy-Require, Unsupported: the bits of each header by parse_supported_body (not kept by the
/// core); nullopt when the message has none.
inline std::optional<option_tags> parse_option_tags(const header_range& headers) noexcept {
  if (headers.empty()) return std::nullopt;
  unsigned all = 0;
  for (header_field h : headers) {
    unsigned bits = 0;
    abi::str body = h.raw->body;
    if (body.s && body.len > 0) abi::parse_supported_body(&body, &bits);
    all |= bits;
  }
  return option_tags(headers, all);
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
