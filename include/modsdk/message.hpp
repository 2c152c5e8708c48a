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
#include <initializer_list>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/dset.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/customize.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message/body.hpp>
#include <modsdk/message/branches.hpp>
#include <modsdk/message/contact.hpp>
#include <modsdk/message/edit.hpp>
#include <modsdk/message/headers.hpp>
#include <modsdk/message/method.hpp>
#include <modsdk/message/name_addr.hpp>
#include <modsdk/message/parsed_headers.hpp>
#include <modsdk/message/socket.hpp>
#include <modsdk/message/state.hpp>
#include <modsdk/message/uri.hpp>
#include <modsdk/message/via.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

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

/// Any SIP message (request or reply) the core runs a script function on. The parsed views of Expires,
/// Route, PAI, Supported, Allow, Event ... come from its base parsed_headers (message/parsed_headers.hpp).
class message : public parsed_headers<message> {
 public:
  explicit message(abi::sip_msg* msg) noexcept : msg_(msg) {}
  /// The core's `struct sip_msg*`, for calling core functions modsdk does not wrap.
  abi::sip_msg* raw() const noexcept { return msg_; }
  bool is_request() const noexcept { return prefix().first_line.type == abi::sip_request; }
  bool is_reply() const noexcept { return prefix().first_line.type == abi::sip_reply; }
  /// This message as a request / a reply, or nullopt when it is the other kind.
  inline std::optional<request> as_request() const noexcept;
  inline std::optional<reply> as_reply() const noexcept;

  /// The socket the message arrived on (msg->rcv.bind_address), nullopt for a message the core made.
  std::optional<sip_socket> received_socket() const noexcept {
    const void* si = detail::msg::core_msg(msg_).rcv.bind_address;
    return si ? std::optional<sip_socket>(sip_socket(si)) : std::nullopt;
  }
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
  /// Every contact of the Contact headers, parsed by the core (parse_contact, kept in each header); an
  /// empty list when there is none, nullopt when a Contact header is malformed (the core logs why).
  std::optional<contact_list> contacts() const noexcept {
    return detail::msg::parse_contacts(headers(header_type::contact));
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
  /// The body split into parts by the core (parse_sip_body, kept in the message): a multipart body's parts,
  /// else the body as one part; empty without a body or Content-Type; nullopt when a multipart body is
  /// malformed (the core logs why). Afterwards set_body is refused: the core builds the body from its parts.
  std::optional<body_part_list> body_parts() const noexcept { return detail::msg::parse_body_parts(msg_); }
  /// The message body (empty when there is none).
  std::string_view body() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_body); }
  /// The address the message came from (`$si`, text). Lives in a core buffer: copy it before the next read.
  std::string_view source_ip() const noexcept { return detail::pv::read_text(msg_, detail::msg::pv_src_ip); }
  /// The port the message came from (`$sp`), 0 when unknown.
  int source_port() const noexcept { return detail::msg::read_int(msg_, detail::msg::pv_src_port).value_or(0); }

  // ---- editing: lumps the core applies when it sends the message (see message/edit.hpp) ----------------
  // Each edit returns false, with a log line, when its arguments cannot make a valid message or the core
  // refuses; positions are the received message's: later edits never see earlier ones (msg_apply_changes
  // in the script makes them the received text).

  /// Adds the header line `name: value` at the end of the headers (after the last one received).
  bool add_header(std::string_view name, std::string_view value) noexcept {
    if (!header_ok(name, value, "add_header")) return false;
    if (!detail::msg::parse_upto(msg_, abi::hdr_eoh_f))
      return detail::msg::fail("add_header", "the core could not split the headers (see its log)");
    const long off = detail::msg::offset_at(msg_, detail::msg::core_msg(msg_).unparsed);
    if (off < 0) return detail::msg::fail("add_header", "the core has no end of headers for this message");
    return detail::msg::insert_at(msg_, static_cast<std::size_t>(off), {name, ": ", value, "\r\n"}, abi::hdr_other_t,
                                  "add_header");
  }
  /// Adds the header line `name: value` just before / just after the header `at` (one of this message's).
  bool add_header_before(const header_field& at, std::string_view name, std::string_view value) noexcept {
    return add_header_at(at, false, name, value);
  }
  bool add_header_after(const header_field& at, std::string_view name, std::string_view value) noexcept {
    return add_header_at(at, true, name, value);
  }
  /// Removes a header of this message (its whole line). A header already removed stays removed: no second
  /// deletion is made (as sipmsgops' remove_hf).
  bool remove_header(const header_field& h) noexcept { return remove_one(h) >= 0; }
  /// Removes every header called `name` / of type `type`; how many this call removed (those removed
  /// before are not counted).
  std::size_t remove_headers(std::string_view name) noexcept { return remove_all(headers(name)); }
  std::size_t remove_headers(header_type type) noexcept { return remove_all(headers(type)); }
  /// Replaces the value of a header of this message (the name and line end stay).
  bool replace_header_value(const header_field& h, std::string_view value) noexcept {
    if (!h.raw) return detail::msg::fail("replace_header_value", "the header_field does not come from a message");
    if (!detail::msg::valid_header_value(value))
      return detail::msg::fail("replace_header_value", "the value holds a line break");
    return detail::msg::replace_part(msg_, detail::msg::value_of(*h.raw), {value}, h.raw->type, "replace_header_value");
  }
  /// Replaces `part` - a view into this message as received (a header value, the R-URI of the request line,
  /// a slice of the body ...) - by `text` (empty: deletes it).
  bool replace(std::string_view part, std::string_view text) noexcept {
    return detail::msg::replace_part(msg_, part, {text}, abi::hdr_other_t, "replace");
  }
  /// Replaces the body (an empty `body` removes it) and makes Content-Type `content_type` (removed with the
  /// body). The core rewrites Content-Length when it sends the message (and adds none over UDP when
  /// there was none). Refused when another module parsed the body into parts or SDP operations.
  bool set_body(std::string_view body, std::string_view content_type) noexcept {
    constexpr const char* what = "set_body";
    if (!body.empty() && (content_type.empty() || !detail::msg::valid_header_value(content_type)))
      return detail::msg::fail(what, "a body needs a one-line Content-Type");
    if (detail::msg::body_in_parts(detail::msg::core_msg(msg_)))
      return detail::msg::fail(what, "the body was parsed into parts by another module; edit it there");
    const long off = detail::msg::body_offset(msg_);
    if (off < 0) return detail::msg::fail(what, "the message has no empty line after its headers");
    const std::string_view old = detail::msg::received(msg_).substr(static_cast<std::size_t>(off));
    if (!old.empty() || !body.empty())
      if (!detail::msg::replace_part(msg_, old, {body}, abi::hdr_other_t, what)) return false;
    auto ct = headers(header_type::content_type);
    if (body.empty()) {
      bool ok = true;
      for (header_field h : ct) ok = remove_header(h) && ok;
      return ok;
    }
    if (ct.empty()) return add_header("Content-Type", content_type);
    const header_field first = *ct.begin();
    return first.value == content_type || replace_header_value(first, content_type);
  }

  // ---- script flags (msg->flags: bits 0 - 31, setflag/resetflag/isflagset) --------------------------
  /// Sets / clears script flag `bit` (0 - 31, as `setflag(bit)` in the script); false when out of range.
  bool set_flag(unsigned bit) noexcept { return flag_ok(bit, "set_flag") && abi::setflag(msg_, bit) == 1; }
  bool reset_flag(unsigned bit) noexcept { return flag_ok(bit, "reset_flag") && abi::resetflag(msg_, bit) == 1; }
  /// Whether script flag `bit` is set (false when out of range).
  bool is_flag_set(unsigned bit) const noexcept {
    return flag_ok(bit, "is_flag_set") && abi::isflagset(msg_, bit) == 1;
  }
  template <class S>
  requires std::is_convertible_v<S, std::string_view>
  bool set_flag(S) noexcept {
    static_assert(!std::is_convertible_v<S, std::string_view>,
                  "modsdk: message::set_flag() takes the flag's bit (0 - 31), not its script name: the core numbers "
                  "the cfg's flag names from 0 in the order the cfg first uses them");
    return false;
  }

 protected:
  static bool header_ok(std::string_view name, std::string_view value, const char* what) noexcept {
    if (!detail::msg::valid_header_name(name))
      return detail::msg::fail(what, "the header name is empty or not a token");
    if (!detail::msg::valid_header_value(value)) return detail::msg::fail(what, "the value holds a line break");
    return true;
  }
  static bool flag_ok(unsigned bit, const char* what) noexcept {
    return bit <= abi::max_flag || detail::msg::fail(what, "script flags are 0 - 31");
  }
  bool add_header_at(const header_field& at, bool after, std::string_view name, std::string_view value) noexcept {
    const char* what = after ? "add_header_after" : "add_header_before";
    if (!at.raw) return detail::msg::fail(what, "the header_field does not come from a message");
    if (!header_ok(name, value, what)) return false;
    const long off = detail::msg::offset_in(msg_, detail::msg::line_of(*at.raw));
    if (off < 0) return detail::msg::fail(what, "the header is not part of this message as received");
    const auto pos = static_cast<std::size_t>(off) + (after ? static_cast<std::size_t>(at.raw->len) : 0);
    return detail::msg::insert_at(msg_, pos, {name, ": ", value, "\r\n"}, abi::hdr_other_t, what);
  }
  // 1: removed now, 0: removed before, -1: refused
  int remove_one(const header_field& h) noexcept {
    if (!h.raw) {
      detail::msg::fail("remove_header", "the header_field does not come from a message");
      return -1;
    }
    if (detail::msg::already_removed(msg_, *h.raw)) return 0;
    return detail::msg::replace_part(msg_, detail::msg::line_of(*h.raw), {}, h.raw->type, "remove_header") ? 1 : -1;
  }
  std::size_t remove_all(const header_range& r) noexcept {
    std::size_t n = 0;
    for (header_field h : r) n += remove_one(h) == 1 ? 1 : 0;
    return n;
  }
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
class request : public message, public request_parsed_headers<request> {
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
  /// Adds a branch: the request is also forked to `uri` (next hop `dst_uri` when not empty) by t_relay(),
  /// with preference `q` in thousandths (0 - 1000; nullopt: unspecified), as the script's append_branch()
  /// (the core copies the text: append_branch until 3.5, append_msg_branch from 3.6). False, logged, when
  /// the arguments are bad or the core refuses (too many branches, a URI too long).
  bool append_branch(std::string_view uri, std::string_view dst_uri = {}, std::optional<int> q = {}) noexcept {
    if (uri.empty()) return detail::msg::fail("append_branch", "empty URI");
    if (q && (*q < 0 || *q > 1000)) return detail::msg::fail("append_branch", "q is in thousandths: 0 - 1000");
    abi::str u{const_cast<char*>(uri.data()), static_cast<int>(uri.size())};
    abi::str d{const_cast<char*>(dst_uri.data()), static_cast<int>(dst_uri.size())};
    int rc = -1;
    if constexpr (abi::for_profile_t<target.profile>::has_msg_branch) {
      abi::msg_branch b{};
      b.uri = u;
      b.dst_uri = dst_uri.empty() ? abi::str{nullptr, 0} : d;
      b.q = q.value_or(abi::q_unspecified);
      rc = abi::append_msg_branch(&b);
    } else {
      rc = abi::append_branch(msg_, &u, dst_uri.empty() ? nullptr : &d, nullptr, q.value_or(abi::q_unspecified), 0,
                              nullptr);
    }
    return rc == 1 || detail::msg::fail("append_branch", "the core refused the branch (see its log)");
  }
  /// How many branches were appended to this request (the core's destination set).
  int branch_count() const noexcept { return static_cast<int>(branches().size()); }
  /// The appended branches: read, change, remove, clear (message/branches.hpp).
  branch_set branches() const noexcept { return {}; }

  /// Branch flag `bit` (0 - 31, see branch_flag_bit()) of branch `branch`: 0 the R-URI's, n the n-th
  /// appended one (the script's setbflag(flag, n)); false, logged, when out of range or no such branch.
  bool set_branch_flag(unsigned bit, unsigned branch = 0) noexcept {
    return detail::msg::branch_flag(msg_, abi::setbflag, bit, branch, "set_branch_flag");
  }
  bool reset_branch_flag(unsigned bit, unsigned branch = 0) noexcept {
    return detail::msg::branch_flag(msg_, abi::resetbflag, bit, branch, "reset_branch_flag");
  }
  bool is_branch_flag_set(unsigned bit, unsigned branch = 0) const noexcept {
    return detail::msg::branch_flag(msg_, abi::isbflagset, bit, branch, "is_branch_flag_set");
  }
  /// The R-URI's q in thousandths (0 - 1000), nullopt when unspecified; set_ruri_q(nullopt) unsets it.
  std::optional<int> ruri_q() const noexcept {
    const int q = detail::msg::core_msg(msg_).ruri_q;
    return q == abi::q_unspecified ? std::nullopt : std::optional<int>(q);
  }
  bool set_ruri_q(std::optional<int> q) noexcept {
    if (q && (*q < 0 || *q > 1000)) return detail::msg::fail("set_ruri_q", "q is in thousandths: 0 - 1000");
    detail::msg::core_msg(msg_).ruri_q = q.value_or(abi::q_unspecified);
    return true;
  }
  /// Sends the request from the core's socket "[proto:]host[:port]" (force_send_socket(); the core resolves
  /// it with parse_sock_info); false, logged, when the core does not listen there. reset_send_socket()
  /// lets the core choose again.
  bool force_send_socket(std::string_view socket) noexcept { return detail::msg::force_socket(msg_, socket); }
  void set_send_socket(sip_socket socket) noexcept { detail::msg::core_msg(msg_).force_send_socket = socket.raw(); }
  void reset_send_socket() noexcept { detail::msg::core_msg(msg_).force_send_socket = nullptr; }
  /// The socket the request is forced out of, nullopt when the core chooses.
  std::optional<sip_socket> send_socket() const noexcept {
    const void* si = detail::msg::core_msg(msg_).force_send_socket;
    return si ? std::optional<sip_socket>(sip_socket(si)) : std::nullopt;
  }

  /// Forgets the destination URI: the request goes to the R-URI again.
  void reset_dst_uri() noexcept { abi::reset_dst_uri(msg_); }

  /// Adds the header line `name: value` to the replies the core generates for this request from now on
  /// (sl_send_reply, t_reply, a module's reply; add_lump_rpl). Relayed replies are not affected.
  bool add_reply_header(std::string_view name, std::string_view value) noexcept {
    if (!header_ok(name, value, "add_reply_header")) return false;
    return reply_text({name, ": ", value, "\r\n"}, abi::lump_rpl_hdr, "add_reply_header");
  }
  /// Gives the next generated reply a body (and its Content-Type; the core adds Content-Length). Once per
  /// request: the core refuses a second body.
  bool set_reply_body(std::string_view body, std::string_view content_type) noexcept {
    if (body.empty()) return detail::msg::fail("set_reply_body", "empty body");
    if (!header_ok("Content-Type", content_type, "set_reply_body") || content_type.empty())
      return detail::msg::fail("set_reply_body", "a body needs a one-line Content-Type");
    return reply_text({body}, abi::lump_rpl_body, "set_reply_body") &&
           reply_text({"Content-Type: ", content_type, "\r\n"}, abi::lump_rpl_hdr, "set_reply_body");
  }

  /// Sets the destination URI (where the request is sent, leaving the R-URI alone); the core copies it.
  bool set_dst_uri(std::string_view uri) noexcept {
    abi::str s{const_cast<char*>(uri.data()), static_cast<int>(uri.size())};
    return abi::set_dst_uri(msg_, &s) == 0;
  }

 private:
  bool reply_text(std::initializer_list<std::string_view> parts, int flags, const char* what) noexcept {
    unsigned len = 0;
    char* text = detail::msg::pkg_text(parts, len);  // add_lump_rpl copies it
    if (!text) return detail::msg::fail(what, "out of pkg memory");
    const bool ok = detail::msg::reply_lump(msg_, {text, len}, flags, what);
    ::modsdk::pkg::free(text);
    return ok;
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
