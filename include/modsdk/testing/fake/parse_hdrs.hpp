// SPDX-License-Identifier: MIT
// Test kit fake core: the parsers of the other typed headers - parse_expires (parse_expires.c), parse_rr
// (parse_rr.c on parse_nameaddr.c and parse_params(CLASS_ANY)), parse_event (parse_event.c), parse_supported
// and parse_supported_body (parse_supported.c), parse_allow (parse_allow.c on parse_methods.c), and
// parse_pai_header / parse_ppi_header / parse_rpid_header (a to_body, a list for PAI / PPI) - accepting and
// refusing what the core does for the bodies the tests and the fuzzer give; the results hang at
// hdr_field.parsed and are freed with the message, as clean_hdr_field does.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <cstdint>
#include <deque>
#include <modsdk/config.hpp>
#include <new>
#include <string_view>

#include <modsdk/abi/hdr_parsers.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/parsed.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parse_contact.hpp>
#include <modsdk/testing/fake/parse_uri.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// What hdr_field.parsed points to for Route / Record-Route / Path and Event: the core's struct first, then
/// what owns the hops and parameters it links.
struct rr_store {
  abi::rr first;
  struct lists {
    std::deque<abi::rr> hops;  // after the first
    std::deque<abi::param> params;
  } * owned;
};
struct event_store {
  abi::event_t event;
  std::deque<abi::param>* params;
};
inline void free_rr_store(rr_store* st) noexcept {
  if (st) delete st->owned;
  delete st;
}
inline void free_event_store(event_store* st) noexcept {
  if (st) delete st->params;
  delete st;
}

inline bool refuse(const char** why, const char* text) noexcept {
  if (why) *why = text;
  return false;
}

/// parse_params(CLASS_ANY) on `s` (after a ';'): the list in `first`; `s` is left at a ',' or '>' or empty.
/// When it refuses, `*why` is the core's line.
inline bool parse_any_params(std::string_view& s, abi::param*& first, std::deque<abi::param>& own,
                             const char** why = nullptr) {
  abi::param* last = nullptr;
  for (;;) {
    abi::param t{};
    std::size_t i = 0;
    while (i < s.size() && !is_lws(s[i]) && s[i] != ';' && s[i] != ',' && s[i] != '=') ++i;
    t.name = to_str(s.substr(0, i));
    if (i == 0) t.name.s = const_cast<char*>(s.data());
    const char* start = s.data();
    s = ltrim(s.substr(i));
    bool done = s.empty();
    if (!done && s.front() == '=') {
      s = ltrim(s.substr(1));
      if (s.empty()) return refuse(why, "body missing");
      if (s.front() == '"') {
        const auto close = s.size() < 2 ? std::string_view::npos : s.find('"', 1);
        if (close == std::string_view::npos) return refuse(why, "failed to parse quoted string");
        t.body = to_str(s.substr(1, close - 1));
        s = s.substr(close + 1);
      } else {
        std::size_t j = 0;
        while (j < s.size() && !is_lws(s[j]) && s[j] != ',' && s[j] != ';') ++j;
        if (j == 0) return refuse(why, "failed to parse token");
        t.body = to_str(s.substr(0, j));
        s = s.substr(j);
      }
      t.len = static_cast<int>(s.data() - start);
      s = ltrim(s);
      done = s.empty();
    } else {
      t.len = static_cast<int>(i);
    }
    if (!done && s.front() != ',' && s.front() != '>') {
      if (s.front() != ';') return refuse(why, "invalid character, ; expected");
      s = ltrim(s.substr(1));
      if (s.empty()) return refuse(why, "param name missing after ;");
    } else {
      done = true;
    }
    own.push_back(t);
    (last ? last->next : first) = &own.back();
    last = &own.back();
    if (done) return true;
  }
}

/// find_not_quoted: the first `c` outside double quotes.
inline std::size_t find_unquoted(std::string_view s, char c) noexcept {
  bool quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!quoted) {
      if (s[i] == '"')
        quoted = true;
      else if (s[i] == c)
        return i;
    } else if (s[i] == '"' && s[i - 1] != '\\') {
      quoted = false;
    }
  }
  return std::string_view::npos;
}

inline bool fill_rr(std::string_view body, rr_store& st) {
  std::string_view s = ltrim(body);
  if (s.empty()) return false;  // "no body for record-route"
  abi::rr* last = nullptr;
  for (;;) {
    abi::rr& r = last ? st.owned->hops.emplace_back() : st.first;
    const auto lt = find_unquoted(s, '<');
    if (lt == std::string_view::npos) return false;  // "no < found"
    const auto gt = find_unquoted(s.substr(lt + 1), '>');
    if (gt == std::string_view::npos) return false;  // "no > found"
    r.nameaddr.name = to_str(s.substr(0, lt));
    if (lt == 0) r.nameaddr.name.s = const_cast<char*>(s.data());
    r.nameaddr.uri = to_str(s.substr(lt + 1, gt));
    r.nameaddr.len = static_cast<int>(lt + gt + 2);
    r.len = r.nameaddr.len;
    if (last) last->next = &r;
    last = &r;
    s = ltrim(s.substr(lt + gt + 2));
    if (s.empty()) return true;
    if (s.front() == ';') {
      s = ltrim(s.substr(1));
      if (s.empty() || !parse_any_params(s, r.params, st.owned->params)) return false;
      s = ltrim(s);
      if (s.empty()) return true;
    }
    if (s.front() != ',') return false;  // "invalid character, comma expected"
    s = ltrim(s.substr(1));
    if (s.empty()) return false;  // "text after comma missing"
  }
}

inline bool fill_event(std::string_view body, event_store& st) {
  std::string_view s = ltrim(body);
  if (s.empty()) return false;  // "empty body"
  std::size_t n = 0;
  while (n < s.size() && !is_lws(s[n]) && s[n] != ';') ++n;
  const std::string_view pkg = s.substr(0, n);
  st.event.text = to_str(pkg);
  constexpr std::string_view names[] = {
      "presence", "presence.winfo", "sip-profile", "xcap-diff",        "dialog", "message-summary",
      "",         "call-info",      "line-seize",  "as-feature-event", "refer",  "reg"};
  st.event.parsed = 0;
  for (int i = 0; i < 12; ++i)
    if (!names[i].empty() && iequals(pkg, names[i]) && (i < 11 || target.profile >= profile::v3_5))
      st.event.parsed = i + 1;  // EVENT_PRESENCE 1 ... EVENT_REG 12 (3.5+)
  if (n < s.size() && s[n] == ';') {
    std::string_view rest = s.substr(n + 1);
    if (!parse_any_params(rest, st.event.params, *st.params)) return false;
    const abi::param* p = st.event.params;
    if (st.event.parsed == 5 && p && p->name.len == 3 && iequals(std::string_view(p->name.s, 3), "sla"))
      st.event.parsed = 7;  // EVENT_DIALOG_SLA
  }
  return true;
}

/// parse_supported_body: the F_SUPPORTED_* bits of the known tags of a comma / blank separated list.
inline unsigned supported_bits(std::string_view s) noexcept {
  auto delim = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ','; };
  constexpr std::pair<std::string_view, unsigned> known[] = {{"path", abi::f_supported_path},
                                                             {"gruu", abi::f_supported_gruu},
                                                             {"100rel", abi::f_supported_100rel},
                                                             {"timer", abi::f_supported_timer},
                                                             {"eventlist", abi::f_supported_eventlist}};
  unsigned bits = 0;
  while (!s.empty()) {
    while (!s.empty() && delim(s.front())) s.remove_prefix(1);
    std::size_t n = 0;
    while (n < s.size() && !delim(s[n])) ++n;
    for (auto& [name, bit] : known)
      if (iequals(s.substr(0, n), name)) bits |= bit;
    s.remove_prefix(n);
  }
  return bits;
}

/// parse_methods: the METHOD_* bits of an Allow body; false for a character that cannot be in a method (`*why`:
/// the core's line).
inline bool method_bits(std::string_view s, unsigned& bits, const char** why = nullptr) noexcept {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto method_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
  };
  constexpr std::pair<std::string_view, unsigned> ids[] = {
      {"INVITE", 1},    {"CANCEL", 2},   {"ACK", 4},        {"BYE", 8},       {"INFO", 16},
      {"OPTIONS", 32},  {"UPDATE", 64},  {"REGISTER", 128}, {"MESSAGE", 256}, {"SUBSCRIBE", 512},
      {"NOTIFY", 1024}, {"PRACK", 2048}, {"REFER", 4096},   {"PUBLISH", 8192}};
  bits = 0;
  s = ltrim(s);
  while (!s.empty()) {
    std::size_t n = 0;
    while (n < s.size() && s[n] != ',' && !blank(s[n])) {
      if (!method_char(s[n])) return refuse(why, "invalid method");
      ++n;
    }
    unsigned id = 16384;  // METHOD_OTHER
    for (auto& [name, v] : ids)
      if (iequals(s.substr(0, n), name)) id = v;
    bits |= id;
    s = ltrim(s.substr(n));
    if (s.empty()) break;
    if (s.front() != ',') return refuse(why, "comma expected");
    s = ltrim(s.substr(1));
  }
  return true;
}

/// parse_privacy: priv-values separated by ';' into PRIVACY_* bits (none alone); 0 when malformed.
inline unsigned privacy_bits(std::string_view s) noexcept {
  constexpr std::string_view names[] = {"user", "header", "session", "none", "critical", "id", "history"};
  unsigned bits = 0;
  s = ltrim(s);
  if (s.empty()) return 0;  // "no values"
  while (!s.empty()) {
    std::size_t n = 0;
    while (n < s.size() && !is_lws(s[n]) && s[n] != ';') ++n;
    unsigned v = 0;
    for (unsigned i = 0; i < 7; ++i)
      if (iequals(s.substr(0, n), names[i])) v = 1U << i;
    if (!v) return 0;  // "invalid privacy value"
    bits |= v;
    s = ltrim(s.substr(n));
    if (s.empty()) break;
    if (s.front() != ';') return 0;  // "semicolon expected"
    s = ltrim(s.substr(1));
    if (s.empty()) return 0;  // "no privacy value after comma"
  }
  return (bits & 8U) && bits != 8U ? 0 : bits;  // "no other privacy values allowed with 'none'"
}

/// parse_multi_to / parse_to: name-addrs separated by ',' (outside quotes and <>) into a to_body chain.
inline bool fill_identities(std::string_view body, bool multi, msg_data& d, abi::to_body*& first) {
  abi::to_body* last = nullptr;
  while (true) {
    std::size_t end = 0;
    bool quoted = false, angle = false;
    for (; end < body.size(); ++end) {
      const char c = body[end];
      if (quoted) {
        if (c == '"' && body[end - 1] != '\\') quoted = false;
      } else if (c == '"') {
        quoted = true;
      } else if (c == '<') {
        angle = true;
      } else if (c == '>') {
        angle = false;
      } else if (c == ',' && !angle && multi) {
        break;
      }
    }
    abi::to_body& tb = d.to_bodies.emplace_back();
    if (!fill_to_body(body.substr(0, end), tb, d.to_params)) return false;
    (last ? last->next : first) = &tb;
    last = &tb;
    if (end >= body.size()) return true;
    body = body.substr(end + 1);
  }
}

/// The results this file's parsers hang at the headers of a message (clean_hdr_field, with the message).
inline void free_other_parsed(std::deque<abi::hdr_field>& fields) noexcept {
  for (auto& f : fields) {
    if (!f.parsed) continue;
    switch (static_cast<abi::header_type>(f.type)) {
      case abi::header_type::expires:
        delete static_cast<abi::exp_body*>(f.parsed);
        break;
      case abi::header_type::route:
      case abi::header_type::record_route:
      case abi::header_type::path:
        free_rr_store(static_cast<rr_store*>(f.parsed));
        break;
      case abi::header_type::event:
        free_event_store(static_cast<event_store*>(f.parsed));
        break;
      case abi::header_type::supported:
        delete static_cast<abi::supported_body*>(f.parsed);
        break;
      case abi::header_type::allow:
        delete static_cast<abi::allow_body*>(f.parsed);
        break;
      case abi::header_type::session_expires:
        delete static_cast<abi::session_expires*>(f.parsed);
        break;
      case abi::header_type::min_se:
        break;  // the seconds as the pointer's value
      default:
        continue;  // From/To/PAI/PPI/RPID/Diversion/Refer-To bodies live in msg_data; Contact: free_contact_bodies
    }
    f.parsed = nullptr;
  }
}

inline std::string_view body_of(const abi::hdr_field* h) noexcept {
  return h->body.s && h->body.len > 0 ? std::string_view(h->body.s, static_cast<std::size_t>(h->body.len))
                                      : std::string_view{};
}

/// parse_pai_header & co.: the first header of `type`, split on demand, parsed once into a to_body chain.
inline int parse_identity_header(abi::sip_msg* msg, abi::header_type type, bool multi, const char* func,
                                 const char* error) noexcept {
  auto* d = data_of(msg, func);
  if (!d) return -1;
  auto* m = reinterpret_cast<fake_msg*>(msg);
  abi::hdr_field** h = shortcut_of(m->msg, static_cast<int>(type));
  if (!*h && (build_header_list(m, abi::hdr_flag(type), 0) < 0 || !*h)) return -1;
  if ((*h)->parsed) return 0;
  try {
    abi::to_body* first = nullptr;
    if (!fill_identities(body_of(*h), multi, *d, first)) {
      core_log(abi::l_err, func, "%s", error);
      return -1;
    }
    (*h)->parsed = first;
    return 0;
  } catch (...) {
    core_log(abi::l_err, func, "out of pkg_memory");
    return -1;
  }
}

/// parse_supported / parse_allow: every header of the kind, each parsed once; the union in the first one's.
template <class Body, class Fill>
int parse_siblings(abi::sip_msg* msg, abi::hdr_field* core_msg::*first, unsigned Body::*one, unsigned Body::*every,
                   Fill fill, const char* func) noexcept {
  auto* m = reinterpret_cast<fake_msg*>(msg);
  if (!data_of(msg, func)) return -1;
  if (m->msg.*first && (m->msg.*first)->parsed) return 0;
  if (build_header_list(m, abi::hdr_eoh_f, 0) < 0 || !(m->msg.*first)) return -1;
  unsigned all = 0;
  for (abi::hdr_field* h = m->msg.*first; h; h = h->sibling) {
    if (h->parsed) {
      all |= static_cast<Body*>(h->parsed)->*one;
      continue;
    }
    unsigned bits = 0;
    if (!fill(body_of(h), bits)) {
      core_log(abi::l_err, func, "bad %s body header", func + 6);
      return -1;
    }
    auto* b = new (std::nothrow) Body{};
    if (!b) return -1;
    b->*one = bits;
    h->parsed = b;
    all |= bits;
  }
  static_cast<Body*>((m->msg.*first)->parsed)->*every = all;
  return 0;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int parse_expires(hdr_field* hdr) {
  if (!hdr) return -1;
  if (hdr->parsed) return 0;
  std::string_view t = testing::detail::trim(testing::detail::body_of(hdr));
  unsigned v = 0;
  bool ok = !t.empty();
  for (char c : t) {
    if (c < '0' || c > '9') ok = false;
    v = v * 10U + static_cast<unsigned>(c - '0');
  }
  if (!ok) {
    testing::detail::core_log(l_err, "parse_expires", t.empty() ? "empty body" : "body is not a number <%.*s>",
                              static_cast<int>(t.size()), t.data());
    return -2;
  }
  auto* e = new (std::nothrow) exp_body{testing::detail::to_str(t), 1, static_cast<int>(v)};
  if (!e) return -1;
  hdr->parsed = e;
  return 0;
}
int parse_rr(hdr_field* hdr) {
  if (!hdr) return -1;
  if (hdr->parsed) return 0;
  auto* st = new (std::nothrow) testing::detail::rr_store{};
  bool ok = false;
  try {
    ok = st && (st->owned = new testing::detail::rr_store::lists()) &&
         testing::detail::fill_rr(testing::detail::body_of(hdr), *st);
  } catch (...) {
    ok = false;
  }
  if (!ok) {
    testing::detail::free_rr_store(st);
    testing::detail::core_log(l_err, "parse_rr", "failed to parse RR headers");
    return -1;
  }
  hdr->parsed = st;  // its first member: the first hop
  return 0;
}
int parse_event(hdr_field* hdr) {
  if (!hdr) return -1;
  if (hdr->parsed) return 0;
  auto* st = new (std::nothrow) testing::detail::event_store{};
  bool ok = false;
  try {
    ok = st && (st->params = new std::deque<abi::param>()) &&
         testing::detail::fill_event(testing::detail::body_of(hdr), *st);
  } catch (...) {
    ok = false;
  }
  if (!ok) {
    testing::detail::free_event_store(st);
    testing::detail::core_log(l_err, "parse_event", "event_parser failed");
    return -1;
  }
  hdr->parsed = st;
  return 0;
}
int parse_pai_header(sip_msg* msg) {
  return testing::detail::parse_identity_header(msg, header_type::p_asserted_identity, true, "parse_pai_header",
                                                "failed to parse P-Asserted-Identity header");
}
int parse_ppi_header(sip_msg* msg) {
  return testing::detail::parse_identity_header(msg, header_type::p_preferred_identity, true, "parse_ppi_header",
                                                "bad P-Preferred-Identity header");
}
int parse_rpid_header(sip_msg* msg) {
  return testing::detail::parse_identity_header(msg, header_type::remote_party_id, false, "parse_rpid_header",
                                                "bad rpid header");
}
int parse_privacy(sip_msg* msg) {
  auto* m = reinterpret_cast<testing::detail::fake_msg*>(msg);
  if (!testing::detail::data_of(msg, "parse_privacy")) return -1;
  if (m->msg.privacy && m->msg.privacy->parsed) return 0;
  if (!m->msg.privacy &&
      (testing::detail::build_header_list(m, hdr_flag(header_type::privacy), 0) < 0 || !m->msg.privacy))
    return -1;
  const unsigned bits = testing::detail::privacy_bits(testing::detail::body_of(m->msg.privacy));
  if (!bits) {
    testing::detail::core_log(l_err, "parse_privacy", "invalid privacy value");
    return -1;
  }
  // NOLINTNEXTLINE(performance-no-int-to-ptr): the core keeps the bits as the pointer's value
  m->msg.privacy->parsed = reinterpret_cast<void*>(static_cast<std::uintptr_t>(bits));
  return 0;
}
int parse_supported_body(str* body, unsigned int* sup) {
  if (!body || !sup) return -1;
  *sup = testing::detail::supported_bits(
      body->s && body->len > 0 ? std::string_view(body->s, static_cast<std::size_t>(body->len)) : std::string_view{});
  return 0;
}
int parse_supported(sip_msg* msg) {
  return testing::detail::parse_siblings(
      msg, &testing::detail::core_msg::supported, &supported_body::supported, &supported_body::supported_all,
      [](std::string_view b, unsigned& bits) {
        bits = testing::detail::supported_bits(b);
        return true;
      },
      "parse_supported");
}
int parse_allow(sip_msg* msg) {
  return testing::detail::parse_siblings(
      msg, &testing::detail::core_msg::allow, &allow_body::allow, &allow_body::allow_all,
      [](std::string_view b, unsigned& bits) { return testing::detail::method_bits(b, bits); }, "parse_allow");
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
