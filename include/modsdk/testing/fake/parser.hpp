// SPDX-License-Identifier: MIT
// Test kit fake core: the SIP message (msg_parser.c, parse_headers) and small URI / name-addr parsers.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_names.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

// ---- the message ---------------------------------------------------------------------------------
struct hdr_info {
  std::string_view name, body;
  int type;
  int len;
};

struct msg_data {
  std::string buf;
  std::vector<hdr_info> hdrs;         // found by sip_message::parse
  std::deque<abi::hdr_field> fields;  // the core-visible list, built by parse_headers
  std::string_view body;
  std::string src_ip = "127.0.0.1";
  unsigned short src_port = 5060;
  std::optional<std::string> new_uri, dst_uri;
  std::deque<abi::via_body> via_bodies;  // Via / CSeq bodies parsed while splitting (get_hdr_field)
  std::deque<abi::via_param> via_params;
  std::deque<abi::cseq_body> cseq_bodies;
  std::deque<abi::to_body> to_bodies;  // From/To bodies parsed by parse_from_header / parse_to_header
  std::deque<abi::to_param> to_params;
  int parse_calls = 0;  // parse_headers calls
  int split_lines = 0;  // header lines split into hdr_fields (each at most once)
};

inline constexpr std::uint64_t msg_magic = 0x6d6f6473646b4d53ull;  // "SMkdsdom"

/// The target version's `struct sip_msg` (abi::v3_4::sip_msg_layout ...), filled as the core fills it,
/// then the fake's own fields after its end.
using core_msg = profile_abi::sip_msg_layout;
struct fake_msg {
  core_msg msg;
  std::uint64_t magic;
  msg_data* data;
};

inline msg_data* data_of(abi::sip_msg* msg, const char* func) noexcept {
  auto* m = reinterpret_cast<fake_msg*>(msg);
  if (!m || m->magic != msg_magic) {
    core_log(abi::l_crit, func, "the sip_msg* is not a message made by modsdk::testing::sip_message");
    return nullptr;
  }
  return m->data;
}

inline bool iequals(std::string_view a, std::string_view b) noexcept { return abi::hdr_name_equal(a, b); }
/// The type id parse_hname2() gives a header name (abi::hdr_names: the target's own table).
inline int header_type(std::string_view name) noexcept {
  return static_cast<int>(abi::hdr_name_typed(name, profile_abi::has_security_hdrs));
}
/// The sip_msg member that points to the first header of a type (hf.c's shortcuts), or nullptr.
template <class M>
abi::hdr_field** shortcut_of(M& m, int type) noexcept {
  switch (static_cast<abi::header_type>(type)) {
    case abi::header_type::call_id:
      return &m.callid;
    case abi::header_type::to:
      return &m.to;
    case abi::header_type::cseq:
      return &m.cseq;
    case abi::header_type::from:
      return &m.from;
    case abi::header_type::contact:
      return &m.contact;
    case abi::header_type::max_forwards:
      return &m.maxforwards;
    case abi::header_type::route:
      return &m.route;
    case abi::header_type::record_route:
      return &m.record_route;
    case abi::header_type::path:
      return &m.path;
    case abi::header_type::content_type:
      return &m.content_type;
    case abi::header_type::content_length:
      return &m.content_length;
    case abi::header_type::authorization:
      return &m.authorization;
    case abi::header_type::expires:
      return &m.expires;
    case abi::header_type::proxy_authorization:
      return &m.proxy_auth;
    case abi::header_type::supported:
      return &m.supported;
    case abi::header_type::proxy_require:
      return &m.proxy_require;
    case abi::header_type::unsupported:
      return &m.unsupported;
    case abi::header_type::allow:
      return &m.allow;
    case abi::header_type::event:
      return &m.event;
    case abi::header_type::accept:
      return &m.accept;
    case abi::header_type::accept_language:
      return &m.accept_language;
    case abi::header_type::organization:
      return &m.organization;
    case abi::header_type::priority:
      return &m.priority;
    case abi::header_type::subject:
      return &m.subject;
    case abi::header_type::user_agent:
      return &m.user_agent;
    case abi::header_type::content_disposition:
      return &m.content_disposition;
    case abi::header_type::accept_disposition:
      return &m.accept_disposition;
    case abi::header_type::diversion:
      return &m.diversion;
    case abi::header_type::remote_party_id:
      return &m.rpid;
    case abi::header_type::refer_to:
      return &m.refer_to;
    case abi::header_type::session_expires:
      return &m.session_expires;
    case abi::header_type::min_se:
      return &m.min_se;
    case abi::header_type::p_preferred_identity:
      return &m.ppi;
    case abi::header_type::p_asserted_identity:
      return &m.pai;
    case abi::header_type::privacy:
      return &m.privacy;
    case abi::header_type::call_info:
      return &m.call_info;
    case abi::header_type::www_authenticate:
      return &m.www_authenticate;
    case abi::header_type::proxy_authenticate:
      return &m.proxy_authenticate;
    case abi::header_type::min_expires:
      return &m.min_expires;
    case abi::header_type::feature_caps:
      return &m.feature_caps;
    case abi::header_type::replaces:
      return &m.replaces;
    default:
      if constexpr (requires { m.security_client; }) {
        if (type == abi::hdr_security_client_t) return &m.security_client;
        if (type == abi::hdr_security_client_t + 1) return &m.security_server;
        if (type == abi::hdr_security_verify_t) return &m.security_verify;
      }
      return nullptr;
  }
}
inline constexpr int hdr_eoh_type = profile_abi::hdr_eoh_type;

// Method ids (parser/msg_parser.h), also the INT part of $rm.
inline int method_id(std::string_view m) noexcept {
  constexpr std::pair<std::string_view, int> ids[] = {
      {"INVITE", 1},    {"CANCEL", 2},   {"ACK", 4},        {"BYE", 8},       {"INFO", 16},
      {"OPTIONS", 32},  {"UPDATE", 64},  {"REGISTER", 128}, {"MESSAGE", 256}, {"SUBSCRIBE", 512},
      {"NOTIFY", 1024}, {"PRACK", 2048}, {"REFER", 4096},   {"PUBLISH", 8192}};
  for (auto& [n, v] : ids)
    if (n == m) return v;
  return 16384;  // METHOD_OTHER
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

inline abi::str to_str(std::string_view v) noexcept {
  return {const_cast<char*>(v.data()), static_cast<int>(v.size())};
}

/// Via: "SIP/2.0/UDP host[:port][;params]" (the first body of the line; parse_via).
inline bool fill_via(std::string_view body, abi::via_body& vb, std::deque<abi::via_param>& store) {
  vb = abi::via_body{};
  std::string_view b = trim(body);
  if (const auto comma = b.find(','); comma != std::string_view::npos) b = trim(b.substr(0, comma));
  const auto s1 = b.find('/');
  const auto s2 = s1 == std::string_view::npos ? s1 : b.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return false;
  vb.name = to_str(trim(b.substr(0, s1)));
  vb.version = to_str(trim(b.substr(s1 + 1, s2 - s1 - 1)));
  std::string_view rest = b.substr(s2 + 1);
  std::size_t i = 0;
  while (i < rest.size() && rest[i] != ' ' && rest[i] != '\t') ++i;
  const std::string_view transport = rest.substr(0, i);
  if (transport.empty()) return false;
  vb.transport = to_str(transport);
  vb.proto = iequals(transport, "UDP") ? 1 : iequals(transport, "TCP") ? 2 : iequals(transport, "TLS") ? 3 : 0;
  rest = trim(rest.substr(i));
  const auto semi = rest.find(';');
  std::string_view hostport = trim(rest.substr(0, semi)),
                   params = semi == std::string_view::npos ? "" : rest.substr(semi);
  std::string_view host = hostport, port;
  if (!hostport.empty() && hostport.front() == '[') {
    const auto close = hostport.find(']');
    if (close == std::string_view::npos) return false;
    host = hostport.substr(0, close + 1);
    if (close + 1 < hostport.size()) port = hostport.substr(close + 2);
  } else if (const auto pc = hostport.find(':'); pc != std::string_view::npos) {
    host = hostport.substr(0, pc);
    port = hostport.substr(pc + 1);
  }
  if (host.empty()) return false;
  vb.host = to_str(host);
  if (!port.empty()) {
    unsigned n = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || n > 65535) return false;
      n = n * 10 + static_cast<unsigned>(c - '0');
    }
    if (n > 65535) return false;
    vb.port_str = to_str(port);
    vb.port = static_cast<unsigned short>(n);
  }
  if (!params.empty()) vb.params = to_str(params.substr(1));
  while (!params.empty()) {
    params = params.substr(1);
    const auto next = params.find(';');
    std::string_view p = trim(params.substr(0, next));
    params = next == std::string_view::npos ? std::string_view{} : params.substr(next);
    if (p.empty()) continue;
    const auto eq = p.find('=');
    abi::via_param vp{};
    vp.name = to_str(trim(p.substr(0, eq)));
    if (eq != std::string_view::npos) vp.value = to_str(trim(p.substr(eq + 1)));
    vp.start = const_cast<char*>(p.data());
    vp.size = static_cast<int>(p.size());
    const std::string_view n(vp.name.s, static_cast<std::size_t>(vp.name.len));
    vp.type = iequals(n, "branch") ? 232 : iequals(n, "received") ? 234 : iequals(n, "rport") ? 235 : 238;
    store.push_back(vp);
    abi::via_param* added = &store.back();
    if (vb.last_param)
      vb.last_param->next = added;
    else
      vb.param_lst = added;
    vb.last_param = added;
    if (vp.type == 232) vb.branch = added;
    if (vp.type == 234) vb.received = added;
    if (vp.type == 235) vb.rport = added;
  }
  vb.error = abi::parse_ok;
  return true;
}

/// The bodies the core parses while it splits headers (get_hdr_field with sip_well_known_parse):
/// Via, CSeq and Content-Length. False for a body it rejects (the header is then "bad").
inline bool parse_well_known(msg_data* d, abi::hdr_field& f) {
  const std::string_view body(f.body.s, static_cast<std::size_t>(f.body.len));
  if (f.type == abi::hdr_via_t) {
    d->via_bodies.emplace_back();
    if (!fill_via(body, d->via_bodies.back(), d->via_params)) return false;
    f.parsed = &d->via_bodies.back();
  } else if (f.type == abi::hdr_cseq_t) {
    const std::string_view b = trim(body);
    const auto sp = b.find_first_of(" \t");
    if (sp == std::string_view::npos || sp == 0) return false;
    const std::string_view num = b.substr(0, sp), method = trim(b.substr(sp));
    if (method.empty() || num.size() > 10) return false;
    for (char c : num)
      if (c < '0' || c > '9') return false;
    d->cseq_bodies.push_back(abi::cseq_body{abi::parse_ok, to_str(num), to_str(method), method_id(method)});
    f.parsed = &d->cseq_bodies.back();
  } else if (f.type == abi::hdr_contentlength_t) {
    const std::string_view b = trim(body);
    long n = 0;
    if (b.empty() || b.size() > 9) return false;
    for (char c : b) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + (c - '0');
    }
    // the core stores the number itself in the pointer: hdr->parsed = (void*)(long)integer
    f.parsed = reinterpret_cast<void*>(n);  // NOLINT(performance-no-int-to-ptr)
  }
  return true;
}

/// h_via2: the second Via, up to 3.5 (3.6 dropped the member).
template <class M>
void set_h_via2(M& m, abi::hdr_field* f) noexcept {
  if constexpr (requires { m.h_via2; })
    if (!m.h_via2) m.h_via2 = f;
}

/// Extends the core-visible header list as parse_headers(msg, flags, next) does: header by header until
/// every bit of `flags` is in parsed_flag (HDR_EOH_F: to the end of the headers). Each call counts how
/// many header lines it split (d->split_calls / d->split_lines) so tests see that nothing is parsed twice.
/// With `next`, the bits of `flags` are cleared first, so the next header of that type is looked for.
inline int build_header_list(fake_msg* m, std::uint64_t flags = abi::hdr_eoh_f, int next = 0) noexcept {
  auto* d = m->data;
  const std::uint64_t orig = m->msg.parsed_flag;
  if (next) m->msg.parsed_flag &= ~flags;
  try {
    abi::hdr_field* prev = d->fields.empty() ? nullptr : &d->fields.back();
    ++d->parse_calls;
    while ((flags & m->msg.parsed_flag) != flags) {
      if (d->fields.size() >= d->hdrs.size()) {  // the empty line: HDR_EOH_T
        m->msg.eoh = m->msg.unparsed;
        m->msg.parsed_flag |= abi::hdr_eoh_f;
        break;
      }
      auto& h = d->hdrs[d->fields.size()];
      abi::hdr_field field{h.type, to_str(h.name), to_str(h.body), h.len, nullptr, nullptr, nullptr};
      if (!parse_well_known(d, field)) {  // get_hdr_field: "bad ... header", then HDR_ERROR_T
        core_log(abi::l_err, "get_hdr_field", "bad %.*s header", field.name.len, field.name.s);
        core_log(abi::l_info, "parse_headers", "bad header field");
        if (next) m->msg.parsed_flag |= orig;
        return -1;
      }
      ++d->split_lines;
      d->fields.push_back(field);
      abi::hdr_field* f = &d->fields.back();
      if (prev)
        prev->next = f;
      else
        m->msg.headers = f;
      // sibling: the next header of the same (known) type
      if (h.type != abi::hdr_other_t)
        for (auto it = d->fields.rbegin() + 1; it != d->fields.rend(); ++it)
          if (it->type == h.type) {
            if (!it->sibling) it->sibling = f;
            break;
          }
      if (abi::hdr_field** sc = shortcut_of(m->msg, h.type); sc && !*sc) *sc = f;
      prev = f;
      m->msg.last_header = f;
      m->msg.unparsed = f->name.s + f->len;
      if (h.type == abi::hdr_via_t) {
        if (!m->msg.h_via1) {
          m->msg.h_via1 = f;
          m->msg.via1 = static_cast<abi::via_body*>(f->parsed);
          m->msg.parsed_flag |= abi::hdr_flag(abi::header_type::via);
        } else {
          set_h_via2(m->msg, f);
          if (!m->msg.via2) m->msg.via2 = static_cast<abi::via_body*>(f->parsed);
          m->msg.parsed_flag |= abi::hdr_via2_f;
        }
      } else {
        m->msg.parsed_flag |= abi::hdr_flag(static_cast<abi::header_type>(h.type));
      }
    }
    if (next) m->msg.parsed_flag |= orig;
    return 0;
  } catch (...) {
    core_log(abi::l_err, "parse_headers", "no more pkg memory");
    return -1;
  }
}

inline int parse_headers_impl(abi::sip_msg* msg, std::uint64_t flags, int next, const char* func) noexcept {
  if (!data_of(msg, func)) return -1;
  return build_header_list(reinterpret_cast<fake_msg*>(msg), flags, next);
}

// ---- small SIP parsers (URI, name-addr) used by the pseudo-variables ----------------------------
struct uri_parts {
  std::string_view scheme, user, host, port;
};
/// sip:user:pass@host:port;params?headers (a subset of parse_uri).
inline std::optional<uri_parts> parse_uri_text(std::string_view u) noexcept {
  uri_parts r;
  auto colon = u.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  r.scheme = u.substr(0, colon);
  std::string_view rest = u.substr(colon + 1);
  auto end = rest.find_first_of(";?");
  std::string_view hostport = rest.substr(0, end);
  auto at = hostport.rfind('@');
  if (at != std::string_view::npos) {
    r.user = hostport.substr(0, at);
    if (auto pw = r.user.find(':'); pw != std::string_view::npos) r.user = r.user.substr(0, pw);
    hostport = hostport.substr(at + 1);
  }
  if (!hostport.empty() && hostport.front() == '[') {
    auto close = hostport.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    r.host = hostport.substr(0, close + 1);
    hostport = hostport.substr(close + 1);
    if (!hostport.empty() && hostport.front() == ':') r.port = hostport.substr(1);
  } else {
    auto pc = hostport.find(':');
    r.host = hostport.substr(0, pc);
    if (pc != std::string_view::npos) r.port = hostport.substr(pc + 1);
  }
  if (r.host.empty()) return std::nullopt;
  return r;
}

struct name_addr {
  std::string_view display, uri, tag;
};
/// `"Alice" <sip:a@x>;tag=1` or `sip:a@x;tag=1` (a subset of parse_to()).
inline name_addr parse_name_addr(std::string_view body) noexcept {
  name_addr r;
  body = trim(body);
  std::string_view params;
  auto lt = body.find('<');
  if (lt != std::string_view::npos) {
    auto gt = body.find('>', lt);
    r.display = trim(body.substr(0, lt));
    if (r.display.size() >= 2 && r.display.front() == '"' && r.display.back() == '"')
      r.display = r.display.substr(1, r.display.size() - 2);
    r.uri = body.substr(lt + 1, gt == std::string_view::npos ? std::string_view::npos : gt - lt - 1);
    params = gt == std::string_view::npos ? std::string_view{} : body.substr(gt + 1);
  } else {
    auto semi = body.find(';');
    r.uri = trim(body.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : body.substr(semi);
  }
  while (!params.empty()) {
    auto semi = params.find(';');
    if (semi == std::string_view::npos) break;
    params = params.substr(semi + 1);
    auto next = params.find(';');
    std::string_view p = trim(params.substr(0, next));
    auto eq = p.find('=');
    if (eq != std::string_view::npos && iequals(trim(p.substr(0, eq)), "tag")) r.tag = trim(p.substr(eq + 1));
  }
  return r;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: the message ------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
// parse_headers is an exported function in 3.4 and a macro over parse_headers_aux from 3.5. Both are
// defined here (a weak reference cannot be made NULL per target); the one the target lacks fails loudly.
int parse_headers(sip_msg* msg, unsigned long long flags, int next) {
  if constexpr (testing::detail::profile_abi::has_parse_headers_aux) {
    testing::detail::core_log(l_crit, "parse_headers",
                              "modsdk fake core: the target core (%s) has no parse_headers symbol (3.5+ export "
                              "parse_headers_aux); a real core would not resolve this call",
                              testing::detail::profile_abi::name);
    return -1;
  }
  return testing::detail::parse_headers_impl(msg, flags, next, "parse_headers");
}
int parse_headers_aux(sip_msg* msg, unsigned long long flags, int next, int sip_well_known_parse) {
  (void)sip_well_known_parse;
  if constexpr (!testing::detail::profile_abi::has_parse_headers_aux) {
    testing::detail::core_log(l_crit, "parse_headers_aux",
                              "modsdk fake core: the target core (3.4) has no parse_headers_aux symbol; a real "
                              "core would not resolve this call");
    return -1;
  }
  return testing::detail::parse_headers_impl(msg, flags, next, "parse_headers_aux");
}

}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
