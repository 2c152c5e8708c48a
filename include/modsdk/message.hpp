// SPDX-License-Identifier: MIT
/// @file The SIP message a script function runs on, as its first parameter:
///   `modsdk::message&` - any SIP message (request or reply)
///   `modsdk::request&` - a request (request, failure, branch and local routes)
///   `modsdk::reply&`   - a reply (onreply routes)
///
///     bool f(modsdk::request& req) {
///       modsdk::log::info("{} {} from {}:{}", req.method(), req.ruri(), req.source_ip(), req.source_port());
///       for (std::string_view via : req.headers("Via")) { ... }
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

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/customize.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/log.hpp>
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

/// One header line: its name as written in the message and its value (without the line end).
struct header_field {
  std::string_view name;
  std::string_view value;
};

/// The CSeq header: sequence number and method.
struct cseq_value {
  std::uint32_t number = 0;
  std::string_view method;
};

namespace detail::msg {
/// Well-known header names (and compact forms) with the core's hdr_field.type ids, which are stable
/// across versions. A header the parser recognised in compact form ("f") is matched by "From" too.
struct known_header {
  std::string_view name;
  int type;
};
inline constexpr known_header known_headers[] = {
    {"Via", abi::hdr_via_t},
    {"v", abi::hdr_via_t},
    {"To", abi::hdr_to_t},
    {"t", abi::hdr_to_t},
    {"From", abi::hdr_from_t},
    {"f", abi::hdr_from_t},
    {"CSeq", abi::hdr_cseq_t},
    {"Call-ID", abi::hdr_callid_t},
    {"i", abi::hdr_callid_t},
    {"Contact", abi::hdr_contact_t},
    {"m", abi::hdr_contact_t},
    {"Max-Forwards", abi::hdr_maxforwards_t},
    {"Route", abi::hdr_route_t},
    {"Record-Route", abi::hdr_recordroute_t},
    {"Content-Type", abi::hdr_contenttype_t},
    {"c", abi::hdr_contenttype_t},
    {"Content-Length", abi::hdr_contentlength_t},
    {"l", abi::hdr_contentlength_t},
    {"Supported", abi::hdr_supported_t},
    {"k", abi::hdr_supported_t},
    {"Event", abi::hdr_event_t},
    {"o", abi::hdr_event_t},
    {"User-Agent", abi::hdr_useragent_t},
    {"Session-Expires", abi::hdr_session_expires_t},
    {"x", abi::hdr_session_expires_t},
};
constexpr int type_of(std::string_view name) noexcept {
  for (const auto& k : known_headers)
    if (iequals(k.name, name)) return k.type;
  return 0;
}
inline bool matches(const abi::hdr_field& h, std::string_view name, int type) noexcept {
  if (type != 0 && h.type == type) return true;
  return h.name.s && iequals(std::string_view(h.name.s, static_cast<std::size_t>(h.name.len)), name);
}

/// Parses every header of the message (idempotent in the core): parse_headers (3.4) or
/// parse_headers_aux (3.5+), whichever the profile names, falling back to whichever the core has.
inline bool parse_all_headers(abi::sip_msg* m) noexcept {
  constexpr bool aux_first = abi::for_profile_t<target.profile>::has_parse_headers_aux;
  if (aux_first && &abi::parse_headers_aux != nullptr) return abi::parse_headers_aux(m, abi::hdr_eoh_all, 0, 1) == 0;
  if (&abi::parse_headers != nullptr) return abi::parse_headers(m, abi::hdr_eoh_all, 0) == 0;
  if (&abi::parse_headers_aux != nullptr) return abi::parse_headers_aux(m, abi::hdr_eoh_all, 0, 1) == 0;
  return false;
}

constexpr std::string_view view(const abi::str& s) noexcept {
  return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
}

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

/// The headers of a message with a given name (or all of them), in message order; a forward range of
/// header_field that walks the core's header list without copying.
class header_range {
 public:
  class iterator {
   public:
    using value_type = header_field;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() noexcept = default;
    header_field operator*() const noexcept { return {detail::msg::view(h_->name), detail::msg::view(h_->body)}; }
    iterator& operator++() noexcept {
      h_ = skip(h_->next);
      return *this;
    }
    iterator operator++(int) noexcept {
      auto old = *this;
      ++*this;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.h_ == b.h_; }

   private:
    friend class header_range;
    iterator(const abi::hdr_field* h, std::string_view name, int type, bool all) noexcept
        : name_(name), type_(type), all_(all) {
      h_ = skip(h);
    }
    const abi::hdr_field* skip(const abi::hdr_field* h) const noexcept {
      if (all_) return h;
      while (h && !detail::msg::matches(*h, name_, type_)) h = h->next;
      return h;
    }
    const abi::hdr_field* h_ = nullptr;
    std::string_view name_;
    int type_ = 0;
    bool all_ = true;
  };

  header_range(const abi::hdr_field* first, std::string_view name, bool all) noexcept
      : first_(first), name_(name), type_(all ? 0 : detail::msg::type_of(name)), all_(all) {}
  iterator begin() const noexcept { return iterator(first_, name_, type_, all_); }
  iterator end() const noexcept { return iterator(); }
  bool empty() const noexcept { return begin() == end(); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(std::distance(begin(), end())); }

 private:
  const abi::hdr_field* first_;
  std::string_view name_;
  int type_;
  bool all_;
};

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

  /// The value of the first header called `name` (case-insensitive; "From" also finds a compact "f:"),
  /// or nullopt when there is none.
  std::optional<std::string_view> header(std::string_view name) const noexcept {
    for (header_field h : headers(name)) return h.value;
    return std::nullopt;
  }
  /// Every header called `name`, in message order (`for (auto h : msg.headers("Via")) h.value ...`).
  header_range headers(std::string_view name) const noexcept { return header_range(parsed_headers(), name, false); }
  /// Every header of the message, in order.
  header_range headers() const noexcept { return header_range(parsed_headers(), {}, true); }

  std::string_view call_id() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_call_id); }
  /// The From URI (`$fu`) and tag (`$ft`, empty when absent).
  std::string_view from_uri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_from_uri); }
  std::string_view from_tag() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_from_tag); }
  /// The To URI (`$tu`) and tag (`$tt`, empty when absent: an initial request).
  std::string_view to_uri() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_to_uri); }
  std::string_view to_tag() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_to_tag); }
  /// The CSeq header, or nullopt when it is missing or malformed.
  std::optional<cseq_value> cseq() const noexcept {
    auto v = header("CSeq");
    if (!v) return std::nullopt;
    std::string_view s = *v;
    auto trim = [](std::string_view& t) {
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
      while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
    };
    trim(s);
    const auto sp = s.find_first_of(" \t");
    if (sp == std::string_view::npos) return std::nullopt;
    auto num = detail::parse_integer<std::uint32_t>(s.substr(0, sp));
    std::string_view method = s.substr(sp);
    trim(method);
    if (!num || method.empty()) return std::nullopt;
    return cseq_value{*num, method};
  }
  /// The message body (empty when there is none).
  std::string_view body() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_body); }
  /// The address the message came from (`$si`, text). Lives in a core buffer: copy it before the next read.
  std::string_view source_ip() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_src_ip); }
  /// The port the message came from (`$sp`), 0 when unknown.
  int source_port() const noexcept { return detail::msg::read_int(msg_, detail::msg::pv_src_port).value_or(0); }

 protected:
  const abi::sip_msg_prefix& prefix() const noexcept { return *reinterpret_cast<const abi::sip_msg_prefix*>(msg_); }
  const abi::hdr_field* parsed_headers() const noexcept {
    if (!detail::msg::parse_all_headers(msg_))
      log::write_for(log::level::debug, "headers", "the core could not parse all headers; using those it parsed");
    return prefix().headers;
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
