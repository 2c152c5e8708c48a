// SPDX-License-Identifier: MIT
/// @file The SIP message a script function runs on, as its first parameter:
///   `modsdk::message&` - any SIP message (request or reply)
///   `modsdk::request&` - a request (request, failure, branch and local routes)
///   `modsdk::reply&`   - a reply (onreply routes)
///
///     bool f(modsdk::request& req) {
///       modsdk::log::info("{} {} from {}:{}", req.method(), req.ruri(), req.source_ip(), req.source_port());
///       for (modsdk::header_field via : req.headers(modsdk::header_type::via)) { ... }
///       return req.set_ruri("sip:alice@example.com");
///     }
///
/// Reading goes through pseudo-variables parsed once per process ($ci, $fu, ...) and the stable prefix
/// of `struct sip_msg` (first line, header list), never through offsets that moved between 3.4 and 4.0.
///
/// Lifetime of the returned string_views: the first line, headers, Call-ID, From/To, CSeq and body point
/// into the message buffer and stay valid while the core processes this message (the whole script
/// function call). R-URI parts, the destination URI and the source IP may live in core buffers that the
/// next accessor or pseudo-variable read overwrites (the source IP always does): copy them
/// (std::string) before the next call if you keep them. A rewritten R-URI (set_ruri) invalidates the
/// views of the previous R-URI. Empty views mean "not present".
#pragma once
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/customize.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/name_addr.hpp>
#include <modsdk/message/uri.hpp>
#include <modsdk/message/via.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// SIP method ids (the core's METHOD_* values, the same in every supported version).
enum class sip_method : int {
  undef = 0,
  invite = 1,
  cancel = 2,
  ack = 4,
  bye = 8,
  info = 16,
  options = 32,
  update = 64,
  register_ = 128,
  message = 256,
  subscribe = 512,
  notify = 1024,
  prack = 2048,
  refer = 4096,
  publish = 8192,
  other = 16384,
};

/// The CSeq header: sequence number and method (as written and as the core's id).
struct cseq_value {
  std::uint32_t number = 0;
  std::string_view method;
  sip_method method_id = sip_method::undef;
};

namespace detail::msg {
// The pseudo-variables behind the accessors: parsed once per process, on first use.
inline constinit pv_storage pv_method{"$rm"};
inline constinit pv_storage pv_ruri{"$ru"};
inline constinit pv_storage pv_ruri_user{"$rU"};
inline constinit pv_storage pv_ruri_host{"$rd"};
inline constinit pv_storage pv_ruri_port{"$rp"};
inline constinit pv_storage pv_dst_uri{"$du"};
inline constinit pv_storage pv_from_uri{"$fu"};
inline constinit pv_storage pv_from_tag{"$ft"};
inline constinit pv_storage pv_to_uri{"$tu"};
inline constinit pv_storage pv_to_tag{"$tt"};
inline constinit pv_storage pv_call_id{"$ci"};
inline constinit pv_storage pv_body{"$rb"};
inline constinit pv_storage pv_src_ip{"$si"};
inline constinit pv_storage pv_src_port{"$sp"};

inline std::optional<int> read_int(abi::sip_msg* m, pv_storage& pv) noexcept {
  abi::pv_value v;
  if (!pv::read(m, pv.get(), v)) return std::nullopt;
  if (v.flags & abi::pv_val_int) return v.ri;
  return parse_integer<int>(pv::text_of(v));
}
}  // namespace detail::msg

class request;
class reply;

/// Any SIP message (request or reply) the core runs a script function on.
class message {
 public:
  explicit message(abi::sip_msg* msg) noexcept : msg_(msg) {}
  /// The core's `struct sip_msg*`, for calling core functions modsdk does not wrap.
  abi::sip_msg* raw() const noexcept { return msg_; }
  bool is_request() const noexcept { return prefix().first_line.type == abi::sip_request; }
  bool is_reply() const noexcept { return prefix().first_line.type == abi::sip_reply; }
  /// This message as a request / a reply, or nullopt when it is the other kind.
  inline std::optional<request> as_request() const noexcept;
  inline std::optional<reply> as_reply() const noexcept;

  /// The method: of the request line, or of the CSeq for a reply ("INVITE").
  std::string_view method() const noexcept {
    if (is_request()) return detail::msg::view(prefix().first_line.a);
    return detail::pv::read_text(msg_, detail::msg::pv_method);
  }
  /// The method as the core's id (sip_method::other for an extension method).
  sip_method method_id() const noexcept {
    if (is_request()) return static_cast<sip_method>(prefix().first_line.value);
    return static_cast<sip_method>(detail::msg::read_int(msg_, detail::msg::pv_method).value_or(0));
  }

  /// Every header of the message, in order (name, value, type id).
  header_range headers() const noexcept { return select(detail::msg::header_key::every(), abi::hdr_eoh_f); }
  /// Every header called `name`, in message order: case-insensitive, and a compact form and its long
  /// name find each other ("From" finds "f:", "s" finds "Subject:"). `for (auto h : msg.headers("Via"))`.
  header_range headers(std::string_view name) const noexcept {
    return select(detail::msg::header_key::by_name(name), abi::hdr_eoh_f);
  }
  /// Every header the core gave type `type` (`header_type::other`: every header it has no id for).
  header_range headers(header_type type) const noexcept {
    return select(detail::msg::header_key::by_type(type), abi::hdr_eoh_f);
  }
  /// The value of the first header called `name` (as headers(name)), or nullopt when there is none.
  std::optional<std::string_view> header(std::string_view name) const noexcept {
    return first(detail::msg::header_key::by_name(name));
  }
  /// The value of the first header of type `type`; the core splits headers only up to it.
  std::optional<std::string_view> header(header_type type) const noexcept {
    return first(detail::msg::header_key::by_type(type));
  }
  /// True when the message has a header called `name` / of type `type`.
  bool has_header(std::string_view name) const noexcept { return header(name).has_value(); }
  bool has_header(header_type type) const noexcept { return header(type).has_value(); }
  template <class I>
  requires std::is_integral_v<I> std::optional<std::string_view> header(I)
  const noexcept {
    static_assert(!std::is_integral_v<I>,
                  "modsdk: message::header() takes a header name or a modsdk::header_type, not a C type id "
                  "(HDR_*_T): write msg.header(modsdk::header_type::from) or msg.header(\"From\")");
    return std::nullopt;
  }
  template <class I>
  requires std::is_integral_v<I> header_range headers(I)
  const noexcept {
    static_assert(!std::is_integral_v<I>,
                  "modsdk: message::headers() takes a header name or a modsdk::header_type, not a C type id "
                  "(HDR_*_T): write msg.headers(modsdk::header_type::via) or msg.headers(\"Via\")");
    return headers();
  }

  std::string_view call_id() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_call_id); }
  /// The From URI (`$fu`) and tag (`$ft`, empty when absent).
  std::string_view from_uri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_from_uri); }
  std::string_view from_tag() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_from_tag); }
  /// The To URI (`$tu`) and tag (`$tt`, empty when absent: an initial request).
  std::string_view to_uri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_to_uri); }
  std::string_view to_tag() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_to_tag); }
  /// The From header parsed by the core (parse_from_header), or nullopt when it is missing or malformed
  /// (the core logs why).
  std::optional<name_addr> from() const noexcept { return parsed_name_addr(abi::parse_from_header, true); }
  /// The To header parsed by the core (parse_to_header), or nullopt when it is missing or malformed.
  std::optional<name_addr> to() const noexcept { return parsed_name_addr(abi::parse_to_header, false); }
  /// The CSeq header as the core parsed it, or nullopt when it is missing or malformed.
  std::optional<cseq_value> cseq() const noexcept {
    const abi::hdr_field* h = typed_header(header_type::cseq, &detail::msg::layout::cseq);
    if (!h || !h->parsed) return std::nullopt;
    const auto* c = static_cast<const abi::cseq_body*>(h->parsed);
    auto num = detail::parse_integer<std::uint32_t>(detail::msg::view(c->number));
    if (!num) return std::nullopt;
    return cseq_value{*num, detail::msg::view(c->method), static_cast<sip_method>(c->method_id)};
  }
  /// The first Via as the core parsed it (the one it answers to), or nullopt.
  std::optional<via> first_via() const noexcept {
    detail::msg::parse_upto(msg_, abi::hdr_flag(header_type::via));
    const auto* v = detail::msg::core_msg(msg_).via1;
    if (!v) return std::nullopt;
    return via(*v);
  }
  /// The Content-Length value the core parsed, or nullopt when the header is absent or malformed.
  std::optional<std::uint32_t> content_length() const noexcept {
    const abi::hdr_field* h = typed_header(header_type::content_length, &detail::msg::layout::content_length);
    if (!h) return std::nullopt;
    return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(h->parsed));
  }
  /// The Content-Type value, or nullopt when absent.
  std::optional<std::string_view> content_type() const noexcept { return header(header_type::content_type); }
  /// Max-Forwards as a number (0 - 255), or nullopt when absent or not such a number.
  std::optional<int> max_forwards() const noexcept {
    auto v = header(header_type::max_forwards);
    if (!v) return std::nullopt;
    auto n = detail::parse_integer<int>(*v);
    if (!n || *n < 0 || *n > 255) return std::nullopt;
    return n;
  }
  /// The message body (empty when there is none).
  std::string_view body() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_body); }
  /// The address the message came from (`$si`, text). Lives in a core buffer: copy it before the next read.
  std::string_view source_ip() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_src_ip); }
  /// The port the message came from (`$sp`), 0 when unknown.
  int source_port() const noexcept { return detail::msg::read_int(msg_, detail::msg::pv_src_port).value_or(0); }

 protected:
  const abi::sip_msg_prefix& prefix() const noexcept { return *reinterpret_cast<const abi::sip_msg_prefix*>(msg_); }
  std::optional<name_addr> parsed_name_addr(int (*parse)(abi::sip_msg*), bool from) const noexcept {
    if (parse(msg_) != 0) {
      log::write_for(log::level::debug, from ? "from" : "to", "the core could not parse the header (see its log)");
      return std::nullopt;
    }
    const abi::hdr_field* h = from ? detail::msg::core_msg(msg_).from : detail::msg::core_msg(msg_).to;
    if (!h || !h->parsed) return std::nullopt;
    return name_addr(*static_cast<const abi::to_body*>(h->parsed));
  }
  /// The first header of a type through the core's shortcut member of struct sip_msg, split on demand.
  const abi::hdr_field* typed_header(header_type t, abi::hdr_field* detail::msg::layout::*member) const noexcept {
    detail::msg::parse_upto(msg_, abi::hdr_flag(t));
    return detail::msg::core_msg(msg_).*member;
  }
  header_range select(const detail::msg::header_key& key, std::uint64_t flags) const noexcept {
    detail::msg::parse_upto(msg_, flags);
    return header_range(prefix().headers, key);
  }
  std::optional<std::string_view> first(const detail::msg::header_key& key) const noexcept {
    for (header_field h : select(key, key.first_flags())) return h.value;
    return std::nullopt;
  }
  abi::sip_msg* msg_;
};

/// A SIP request.
class request : public message {
 public:
  using message::message;

  /// The current Request-URI (`$ru`: after any rewrite by the script or set_ruri).
  std::string_view ruri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_ruri); }
  /// Parts of the current Request-URI: user (`$rU`), host (`$rd`), port (`$rp`, as the core reports it).
  std::string_view ruri_user() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_ruri_user); }
  std::string_view ruri_host() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_ruri_host); }
  int ruri_port() const noexcept { return detail::msg::read_int(msg_, detail::msg::pv_ruri_port).value_or(0); }
  /// The current Request-URI parsed by the core (parse_sip_msg_uri, cached in the message until the
  /// R-URI changes), or nullopt when it is not a URI the core knows (the core logs why).
  std::optional<uri> parsed_ruri() const noexcept {
    if (abi::parse_sip_msg_uri(msg_) < 0) return std::nullopt;
    return uri(detail::msg::core_msg(msg_).parsed_uri);
  }
  /// The Request-URI as received (the request line, before any rewrite).
  std::string_view original_ruri() const noexcept { return detail::msg::view(prefix().first_line.b); }
  /// The destination URI (`$du`, the next hop when set), empty when not set.
  std::string_view dst_uri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_dst_uri); }

  /// Rewrites the Request-URI (the core copies `uri`); false when the core refuses it.
  bool set_ruri(std::string_view uri) noexcept {
    abi::str s{const_cast<char*>(uri.data()), static_cast<int>(uri.size())};
    return abi::set_ruri(msg_, &s) == 0;
  }
  /// Sets the destination URI (where the request is sent, leaving the R-URI alone); the core copies it.
  bool set_dst_uri(std::string_view uri) noexcept {
    abi::str s{const_cast<char*>(uri.data()), static_cast<int>(uri.size())};
    return abi::set_dst_uri(msg_, &s) == 0;
  }
};

/// A SIP reply.
class reply : public message {
 public:
  using message::message;

  /// The status code (200, 486, ...).
  int status() const noexcept { return prefix().first_line.value; }
  /// The reason phrase ("OK").
  std::string_view reason() const noexcept { return detail::msg::view(prefix().first_line.c); }
};

inline std::optional<request> message::as_request() const noexcept {
  if (!is_request()) return std::nullopt;
  return request(msg_);
}
inline std::optional<reply> message::as_reply() const noexcept {
  if (!is_reply()) return std::nullopt;
  return reply(msg_);
}

MODSDK_END_NAMESPACE
