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
};

inline constexpr std::uint64_t msg_magic = 0x6d6f6473646b4d53ull;  // "SMkdsdom"
inline constexpr std::size_t core_sip_msg_size = 2560;             // sizeof(struct sip_msg) in 4.0

static_assert(sizeof(abi::sip_msg_prefix) == 120, "sip_msg_prefix must be the core's first 120 bytes");

/// The core-visible prefix, then the fake's own fields, padded to the size of a real sip_msg so a
/// stray read past the prefix stays inside the object.
struct fake_msg {
  abi::sip_msg_prefix prefix;
  std::uint64_t magic;
  msg_data* data;
  unsigned char tail[core_sip_msg_size - sizeof(abi::sip_msg_prefix) - 16];
};

inline msg_data* data_of(abi::sip_msg* msg, const char* func) noexcept {
  auto* m = reinterpret_cast<fake_msg*>(msg);
  if (!m || m->magic != msg_magic) {
    core_log(abi::l_crit, func, "the sip_msg* is not a message made by modsdk::testing::sip_message");
    return nullptr;
  }
  return m->data;
}

// Header type ids (parser/hf.h), with the long and compact names the core's parse_hname2 recognises.
struct hdr_name {
  std::string_view name;
  int type;
};
inline constexpr hdr_name known_headers[] = {
    {"via", abi::hdr_via_t},
    {"v", abi::hdr_via_t},
    {"to", abi::hdr_to_t},
    {"t", abi::hdr_to_t},
    {"from", abi::hdr_from_t},
    {"f", abi::hdr_from_t},
    {"cseq", abi::hdr_cseq_t},
    {"call-id", abi::hdr_callid_t},
    {"i", abi::hdr_callid_t},
    {"contact", abi::hdr_contact_t},
    {"m", abi::hdr_contact_t},
    {"max-forwards", abi::hdr_maxforwards_t},
    {"route", abi::hdr_route_t},
    {"record-route", abi::hdr_recordroute_t},
    {"path", abi::hdr_path_t},
    {"content-type", abi::hdr_contenttype_t},
    {"c", abi::hdr_contenttype_t},
    {"content-length", abi::hdr_contentlength_t},
    {"l", abi::hdr_contentlength_t},
    {"authorization", abi::hdr_authorization_t},
    {"expires", abi::hdr_expires_t},
    {"proxy-authorization", abi::hdr_proxyauth_t},
    {"supported", abi::hdr_supported_t},
    {"k", abi::hdr_supported_t},
    {"proxy-require", abi::hdr_proxyrequire_t},
    {"unsupported", abi::hdr_unsupported_t},
    {"allow", abi::hdr_allow_t},
    {"event", abi::hdr_event_t},
    {"o", abi::hdr_event_t},
    {"accept", abi::hdr_accept_t},
    {"accept-language", abi::hdr_acceptlanguage_t},
    {"organization", abi::hdr_organization_t},
    {"priority", abi::hdr_priority_t},
    {"subject", abi::hdr_subject_t},
    {"s", abi::hdr_subject_t},
    {"user-agent", abi::hdr_useragent_t},
};
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
inline int header_type(std::string_view name) noexcept {
  for (auto& h : known_headers)
    if (iequals(h.name, name)) return h.type;
  return abi::hdr_other_t;
}
inline constexpr int hdr_eoh_type = profile_abi::has_parse_headers_aux ? abi::hdr_eoh_t_v3_5 : abi::hdr_eoh_t_v3_4;

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

/// Extends the core-visible header list. With `vias` > 0 it stops after that many Via headers (what
/// parse_msg() leaves parsed when a message arrives: one Via for a request, two for a reply); with 0 it
/// parses to the end of the headers, like parse_headers(msg, HDR_EOH_F, 0).
inline int build_header_list(fake_msg* m, int vias = 0) noexcept {
  auto* d = m->data;
  if (m->prefix.parsed_flag == abi::hdr_eoh_all) return 0;
  try {
    int seen_vias = 0;
    for (auto& f : d->fields)
      if (f.type == abi::hdr_via_t) ++seen_vias;
    abi::hdr_field* prev = d->fields.empty() ? nullptr : &d->fields.back();
    for (std::size_t k = d->fields.size(); k < d->hdrs.size(); ++k) {
      if (vias > 0 && seen_vias >= vias) return 0;
      auto& h = d->hdrs[k];
      d->fields.push_back(abi::hdr_field{h.type, to_str(h.name), to_str(h.body), h.len, nullptr, nullptr, nullptr});
      abi::hdr_field* f = &d->fields.back();
      if (prev)
        prev->next = f;
      else
        m->prefix.headers = f;
      // sibling: the next header of the same (known) type
      if (h.type != abi::hdr_other_t)
        for (auto it = d->fields.rbegin() + 1; it != d->fields.rend(); ++it)
          if (it->type == h.type) {
            if (!it->sibling) it->sibling = f;
            break;
          }
      prev = f;
      m->prefix.last_header = f;
      m->prefix.parsed_flag |= 1ull << (h.type & 63);
      if (h.type == abi::hdr_via_t) {
        ++seen_vias;
        if (!m->prefix.h_via1)
          m->prefix.h_via1 = f;
        else
          m->prefix.parsed_flag |= 1ull << abi::hdr_via2_t;  // HDR_VIA2_F
      }
    }
    if (vias == 0 || seen_vias < vias) m->prefix.parsed_flag = abi::hdr_eoh_all;
    return 0;
  } catch (...) {
    core_log(abi::l_err, "parse_headers", "no more pkg memory");
    return -1;
  }
}

inline int parse_headers_impl(abi::sip_msg* msg, const char* func) noexcept {
  if (!data_of(msg, func)) return -1;
  return build_header_list(reinterpret_cast<fake_msg*>(msg));
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
  (void)flags;
  (void)next;
  if constexpr (testing::detail::profile_abi::has_parse_headers_aux) {
    testing::detail::core_log(l_crit, "parse_headers",
                              "modsdk fake core: the target core (%s) has no parse_headers symbol (3.5+ export "
                              "parse_headers_aux); a real core would not resolve this call",
                              testing::detail::profile_abi::name);
    return -1;
  }
  return testing::detail::parse_headers_impl(msg, "parse_headers");
}
int parse_headers_aux(sip_msg* msg, unsigned long long flags, int next, int sip_well_known_parse) {
  (void)flags;
  (void)next;
  (void)sip_well_known_parse;
  if constexpr (!testing::detail::profile_abi::has_parse_headers_aux) {
    testing::detail::core_log(l_crit, "parse_headers_aux",
                              "modsdk fake core: the target core (3.4) has no parse_headers_aux symbol; a real "
                              "core would not resolve this call");
    return -1;
  }
  return testing::detail::parse_headers_impl(msg, "parse_headers_aux");
}

// mirrors set_ruri(): the new R-URI is copied; $ru reads it from now on.
int set_ruri(sip_msg* msg, str* uri) {
  auto* d = testing::detail::data_of(msg, "set_ruri");
  if (!d || !uri || !uri->s) return -1;
  try {
    d->new_uri.emplace(uri->s, static_cast<std::size_t>(uri->len));
  } catch (...) {
    return -1;
  }
  return 0;
}
int set_dst_uri(sip_msg* msg, str* uri) {
  auto* d = testing::detail::data_of(msg, "set_dst_uri");
  if (!d || !uri || !uri->s) return -1;
  try {
    d->dst_uri.emplace(uri->s, static_cast<std::size_t>(uri->len));
  } catch (...) {
    return -1;
  }
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
