// SPDX-License-Identifier: MIT
/// @file The body of a SIP message split into its parts by the core (`parse_sip_body` into the message's
/// `struct sip_msg_body`): a multipart body's parts (RFC 2046, e.g. SDP plus an ISUP or a PIDF part), each
/// with its Content-Type, its own header lines and its text; a body that is not multipart is one part.
/// Got from `message::body_parts()`:
///
///     if (auto parts = msg.body_parts()) {
///       for (modsdk::body_part p : *parts) log::info("{}: {} bytes", p.content_type(), p.body().size());
///       if (auto sdp = parts->find("application/sdp")) use(sdp->body());
///     }
///
/// Views into the message buffer: valid while the core processes this message. Once the body is parsed
/// into parts, the core builds the body it sends from them: `message::set_body` is refused from then on.
#pragma once
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>

#include <modsdk/abi/hdr_names.hpp>
#include <modsdk/abi/msg_core.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE

/// One part of a body.
class body_part {
 public:
  explicit body_part(const abi::body_part& p) noexcept : p_(&p) {}

  /// The part's Content-Type value as written, parameters included ("text/plain;charset=utf-8"); the
  /// message's own Content-Type for a body that is not multipart; empty for a part without one (the core
  /// then takes it as text/plain).
  std::string_view content_type() const noexcept { return trim(detail::msg::view(p_->mime_s)); }
  /// The part's media type without its parameters ("text/plain").
  std::string_view media_type() const noexcept {
    const std::string_view ct = content_type();
    return trim(ct.substr(0, ct.find(';')));
  }
  /// The part's own header lines, each with its CRLF (Content-Type among them), empty for a body that is not
  /// multipart.
  std::string_view headers() const noexcept { return detail::msg::view(p_->headers); }
  /// The part's text (without the line end before the next boundary).
  std::string_view body() const noexcept { return detail::msg::view(p_->body); }
  /// The core's struct body_part.
  const abi::body_part& raw() const noexcept { return *p_; }

 private:
  static constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
      s.remove_suffix(1);
    return s;
  }
  const abi::body_part* p_;
};

/// The parts of a message body, in order (a forward range of body_part; parts another module deleted are
/// skipped). Empty when the message has no body or no Content-Type.
class body_part_list {
 public:
  class iterator {
   public:
    using value_type = body_part;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    explicit iterator(const abi::body_part* p) noexcept : p_(skip(p)) {}
    body_part operator*() const noexcept { return body_part(*p_); }
    iterator& operator++() noexcept {
      p_ = skip(p_->next);
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.p_ == b.p_; }

   private:
    static const abi::body_part* skip(const abi::body_part* p) noexcept {
      while (p && (p->flags & abi::body_part_flag_deleted)) p = p->next;
      return p;
    }
    const abi::body_part* p_ = nullptr;
  };

  explicit body_part_list(const abi::sip_msg_body* b) noexcept : b_(b) {}
  iterator begin() const noexcept {
    return iterator(b_ && (b_->part_count || b_->updated_part_count) ? &b_->first : nullptr);
  }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }
  /// True when the body was received as multipart (even with a single part).
  bool multipart() const noexcept { return b_ && (b_->flags & abi::body_rcv_multipart); }
  /// The multipart boundary (without the leading "--"), empty when not multipart.
  std::string_view boundary() const noexcept {
    return multipart() ? detail::msg::view(b_->boundary) : std::string_view{};
  }
  /// The whole body as received.
  std::string_view text() const noexcept { return b_ ? detail::msg::view(b_->body) : std::string_view{}; }
  /// The first part of media type `type` ("application/sdp", case-insensitive, parameters ignored), or
  /// nullopt.
  std::optional<body_part> find(std::string_view type) const noexcept {
    for (body_part p : *this)
      if (abi::hdr_name_equal(p.media_type(), type)) return p;
    return std::nullopt;
  }
  /// The core's struct sip_msg_body, null when there is no body.
  const abi::sip_msg_body* raw() const noexcept { return b_; }

 private:
  const abi::sip_msg_body* b_;
};

namespace detail::msg {
/// Has the core split the body into parts (parse_sip_body keeps them in the message); nullopt, logged, when
/// a multipart body is malformed.
inline std::optional<body_part_list> parse_body_parts(abi::sip_msg* m) noexcept {
  if (abi::parse_sip_body(m) < 0) {
    log::write_for(log::level::debug, "body_parts", "the core could not split the body (see its log)");
    return std::nullopt;
  }
  return body_part_list(static_cast<const abi::sip_msg_body*>(core_msg(m).body));
}
}  // namespace detail::msg

MODSDK_END_NAMESPACE
