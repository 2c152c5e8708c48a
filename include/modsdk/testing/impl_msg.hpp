// SPDX-License-Identifier: MIT
// Test kit implementation, part 2: the fake SIP message, header parsing and the pseudo-variable engine
// (pv_parse_spec, pv_get_spec_value, pv_set_value, formats). Emitted once per program; never include directly.
#pragma once
#include <array>
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/impl_core.hpp>
#include <modsdk/testing/sip_message.hpp>

namespace modsdk::inline v0::testing::detail {

// ---- the message ---------------------------------------------------------------------------------
struct hdr_info {
  std::string_view name, body;
  int type;
  int len;
};

struct msg_data {
  std::string buf;
  std::vector<hdr_info> hdrs;           // found by sip_message::parse
  std::deque<abi::hdr_field> fields;    // the core-visible list, built by parse_headers
  std::string_view body;
  std::string src_ip = "127.0.0.1";
  unsigned short src_port = 5060;
  std::optional<std::string> new_uri, dst_uri;
};

inline constexpr std::uint64_t msg_magic = 0x6d6f6473646b4d53ull;  // "SMkdsdom"
inline constexpr std::size_t core_sip_msg_size = 2560;              // sizeof(struct sip_msg) in 4.0

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
    {"via", 1}, {"v", 1}, {"to", 3}, {"t", 3}, {"from", 4}, {"f", 4}, {"cseq", 5}, {"call-id", 6}, {"i", 6},
    {"contact", 7}, {"m", 7}, {"max-forwards", 8}, {"route", 9}, {"record-route", 10}, {"path", 11},
    {"content-type", 12}, {"c", 12}, {"content-length", 13}, {"l", 13}, {"authorization", 14}, {"expires", 15},
    {"proxy-authorization", 16}, {"supported", 17}, {"k", 17}, {"proxy-require", 18}, {"unsupported", 19},
    {"allow", 20}, {"event", 21}, {"o", 21}, {"accept", 22}, {"accept-language", 23}, {"organization", 24},
    {"priority", 25}, {"subject", 26}, {"s", 26}, {"user-agent", 27},
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
  return 0;  // HDR_OTHER_T
}
inline constexpr int hdr_from = 4, hdr_to = 3, hdr_cseq = 5, hdr_callid = 6, hdr_useragent = 27, hdr_ctype = 12;
inline constexpr int hdr_eoh_type = profile_abi::has_parse_headers_aux ? 56 : 53;

// Method ids (parser/msg_parser.h), also the INT part of $rm.
inline int method_id(std::string_view m) noexcept {
  constexpr std::pair<std::string_view, int> ids[] = {
      {"INVITE", 1},   {"CANCEL", 2},  {"ACK", 4},       {"BYE", 8},     {"INFO", 16},     {"OPTIONS", 32},
      {"UPDATE", 64},  {"REGISTER", 128}, {"MESSAGE", 256}, {"SUBSCRIBE", 512}, {"NOTIFY", 1024},
      {"PRACK", 2048}, {"REFER", 4096}, {"PUBLISH", 8192}};
  for (auto& [n, v] : ids)
    if (n == m) return v;
  return 16384;  // METHOD_OTHER
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

inline abi::str to_str(std::string_view v) noexcept { return {const_cast<char*>(v.data()), static_cast<int>(v.size())}; }

/// Extends the core-visible header list. With `vias` > 0 it stops after that many Via headers (what
/// parse_msg() leaves parsed when a message arrives: one Via for a request, two for a reply); with 0 it
/// parses to the end of the headers, like parse_headers(msg, HDR_EOH_F, 0).
inline int build_header_list(fake_msg* m, int vias = 0) noexcept {
  auto* d = m->data;
  if (m->prefix.parsed_flag == abi::hdr_eoh_all) return 0;
  try {
    int seen_vias = 0;
    for (auto& f : d->fields)
      if (f.type == 1) ++seen_vias;
    abi::hdr_field* prev = d->fields.empty() ? nullptr : &d->fields.back();
    for (std::size_t k = d->fields.size(); k < d->hdrs.size(); ++k) {
      if (vias > 0 && seen_vias >= vias) return 0;
      auto& h = d->hdrs[k];
      d->fields.push_back(abi::hdr_field{h.type, to_str(h.name), to_str(h.body), h.len, nullptr, nullptr, nullptr});
      abi::hdr_field* f = &d->fields.back();
      if (prev) prev->next = f;
      else m->prefix.headers = f;
      // sibling: the next header of the same (known) type
      if (h.type != 0)
        for (auto it = d->fields.rbegin() + 1; it != d->fields.rend(); ++it)
          if (it->type == h.type) {
            if (!it->sibling) it->sibling = f;
            break;
          }
      prev = f;
      m->prefix.last_header = f;
      m->prefix.parsed_flag |= 1ull << (h.type & 63);
      if (h.type == 1) {
        ++seen_vias;
        if (!m->prefix.h_via1) m->prefix.h_via1 = f;
        else m->prefix.parsed_flag |= 1ull << 2;  // HDR_VIA2_F
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
    if (r.display.size() >= 2 && r.display.front() == '"' && r.display.back() == '"') r.display = r.display.substr(1, r.display.size() - 2);
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

}  // namespace modsdk::inline v0::testing::detail

// ---- sip_message ----------------------------------------------------------------------------------
namespace modsdk::inline v0::testing {

void detail::fake_msg_deleter::operator()(detail::fake_msg* m) const noexcept {
  if (!m) return;
  delete m->data;
  delete m;
}

sip_message sip_message::parse(std::string_view text) {
  static unsigned msg_ids = 0;
  auto* m = new detail::fake_msg{};
  sip_message out;
  out.msg_.reset(m);
  m->magic = detail::msg_magic;
  m->data = new detail::msg_data();
  m->prefix.id = ++msg_ids;
  auto* d = m->data;
  d->buf.assign(text);
  std::string_view all = d->buf;

  auto next_line = [&](std::size_t& pos) -> std::string_view {
    if (pos >= all.size()) return {};
    auto nl = all.find('\n', pos);
    std::string_view line = all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? all.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };

  std::size_t pos = 0;
  std::string_view first = next_line(pos);
  m->prefix.first_line.len = static_cast<int>(pos);
  auto sp1 = first.find(' ');
  auto sp2 = sp1 == std::string_view::npos ? sp1 : first.find(' ', sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos)
    throw std::invalid_argument("modsdk::testing::sip_message::parse: the first line is neither a request nor a "
                                "status line: \"" + std::string(first) + "\"");
  std::string_view a = first.substr(0, sp1), b = first.substr(sp1 + 1, sp2 - sp1 - 1), c = first.substr(sp2 + 1);
  auto& fl = m->prefix.first_line;
  fl.a = detail::to_str(a);
  fl.b = detail::to_str(b);
  fl.c = detail::to_str(c);
  if (a.starts_with("SIP/")) {
    int code = 0;
    auto [p, ec] = std::from_chars(b.data(), b.data() + b.size(), code);
    if (ec != std::errc{} || p != b.data() + b.size() || b.size() != 3)
      throw std::invalid_argument("modsdk::testing::sip_message::parse: bad status code in \"" + std::string(first) + "\"");
    fl.type = abi::sip_reply;
    fl.value = code;
  } else if (c.starts_with("SIP/")) {
    fl.type = abi::sip_request;
    fl.value = detail::method_id(a);
  } else {
    throw std::invalid_argument("modsdk::testing::sip_message::parse: the first line is neither a request nor a "
                                "status line: \"" + std::string(first) + "\"");
  }

  // headers up to the empty line; a line starting with SP/HT continues the previous header
  while (pos < all.size()) {
    std::size_t start = pos;
    std::string_view line = next_line(pos);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !d->hdrs.empty()) {
      auto& h = d->hdrs.back();
      const char* body_start = h.body.empty() ? line.data() : h.body.data();
      h.body = detail::trim(std::string_view(body_start, static_cast<std::size_t>(line.data() + line.size() - body_start)));
      h.len = static_cast<int>(pos - static_cast<std::size_t>(h.name.data() - all.data()));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
      throw std::invalid_argument("modsdk::testing::sip_message::parse: header line without ':': \"" + std::string(line) + "\"");
    std::string_view name = detail::trim(line.substr(0, colon));
    std::string_view body = detail::trim(line.substr(colon + 1));
    if (body.empty()) body = std::string_view(line.data() + line.size(), 0);
    d->hdrs.push_back({name, body, detail::header_type(name), static_cast<int>(pos - start)});
  }
  d->body = pos < all.size() ? all.substr(pos) : std::string_view(all.data() + all.size(), 0);
  // receive_msg() -> parse_msg(): the first line and the headers up to the first Via (two for a reply)
  detail::build_header_list(m, fl.type == abi::sip_request ? 1 : 2);
  return out;
}

abi::sip_msg* sip_message::raw() const noexcept { return reinterpret_cast<abi::sip_msg*>(msg_.get()); }
bool sip_message::is_request() const noexcept { return msg_->prefix.first_line.type == abi::sip_request; }
bool sip_message::is_reply() const noexcept { return msg_->prefix.first_line.type == abi::sip_reply; }
sip_message& sip_message::set_source(std::string_view ip, unsigned short port) {
  msg_->data->src_ip = std::string(ip);
  msg_->data->src_port = port;
  return *this;
}
std::string_view sip_message::source_ip() const noexcept { return msg_->data->src_ip; }
unsigned short sip_message::source_port() const noexcept { return msg_->data->src_port; }
std::optional<std::string_view> sip_message::new_uri() const noexcept {
  if (!msg_->data->new_uri) return std::nullopt;
  return std::string_view(*msg_->data->new_uri);
}
std::optional<std::string_view> sip_message::dst_uri() const noexcept {
  if (!msg_->data->dst_uri) return std::nullopt;
  return std::string_view(*msg_->data->dst_uri);
}
std::string_view sip_message::text() const noexcept { return msg_->data->buf; }

}  // namespace modsdk::inline v0::testing

// ---- pseudo-variables ----------------------------------------------------------------------------
namespace modsdk::inline v0::testing::detail {

enum class pv_kind : int {
  none, rm, ru, rU, rd, rp, ou, oU, od, op, du, hdr, hdrcnt, fu, fU, fd, ft, fn, tu, tU, td, tt, tn, ci, cs, rb,
  rs, rr, si, sp, ml, mb, ua, var, avp,
};
struct pv_def {
  std::string_view name;
  pv_kind kind;
  bool writable;
  bool needs_inner;  // $name(inner)
};
inline constexpr pv_def pv_defs[] = {
    {"rm", pv_kind::rm, false, false},  {"ru", pv_kind::ru, true, false},   {"rU", pv_kind::rU, true, false},
    {"rd", pv_kind::rd, true, false},   {"rp", pv_kind::rp, true, false},   {"ou", pv_kind::ou, false, false},
    {"oU", pv_kind::oU, false, false},  {"od", pv_kind::od, false, false},  {"op", pv_kind::op, false, false},
    {"du", pv_kind::du, true, false},   {"hdr", pv_kind::hdr, false, true}, {"hdrcnt", pv_kind::hdrcnt, false, true},
    {"fu", pv_kind::fu, false, false},  {"fU", pv_kind::fU, false, false},  {"fd", pv_kind::fd, false, false},
    {"ft", pv_kind::ft, false, false},  {"fn", pv_kind::fn, false, false},  {"tu", pv_kind::tu, false, false},
    {"tU", pv_kind::tU, false, false},  {"td", pv_kind::td, false, false},  {"tt", pv_kind::tt, false, false},
    {"tn", pv_kind::tn, false, false},  {"ci", pv_kind::ci, false, false},  {"cs", pv_kind::cs, false, false},
    {"rb", pv_kind::rb, false, false},  {"rs", pv_kind::rs, false, false},  {"rr", pv_kind::rr, false, false},
    {"si", pv_kind::si, false, false},  {"sp", pv_kind::sp, false, false},  {"ml", pv_kind::ml, false, false},
    {"mb", pv_kind::mb, false, false},  {"ua", pv_kind::ua, false, false},  {"var", pv_kind::var, true, true},
    {"avp", pv_kind::avp, true, true},
};

inline constexpr std::uint32_t spec_magic = 0x5053504bu;
enum class idx_kind : int { none, number, all };

/// The fake's pv_spec_t. The prefix (type@0, getf@8, setf@16; setf NULL = read-only) matches the
/// core's; the rest is the fake's own and fits in the core's 104 bytes.
struct fake_spec {
  int type;
  void* getf;
  void* setf;
  pv_kind kind;
  idx_kind idx_type;
  int idx;
  int hdr_type;
  const char* name;  // interned inner name ($hdr/$var/$avp)
  int name_len;
  std::uint32_t magic;
};
static_assert(sizeof(fake_spec) <= 104, "the fake pv_spec must fit the smallest core pv_spec_t");
static_assert(offsetof(fake_spec, getf) == 8 && offsetof(fake_spec, setf) == 16);

inline int spec_getf_marker(abi::sip_msg*, void*, abi::pv_value*) { return 0; }
inline int spec_setf_marker(abi::sip_msg*, void*, int, abi::pv_value*) { return 0; }

inline fake_spec* as_spec(abi::pv_spec* sp) noexcept {
  auto* s = reinterpret_cast<fake_spec*>(sp);
  return (s && s->magic == spec_magic && s->type != 0) ? s : nullptr;
}

inline const std::string& implemented_pvs() {
  static const std::string list = [] {
    std::string l;
    for (auto& d : pv_defs) l += std::string(" $") + std::string(d.name) + (d.needs_inner ? "()" : "");
    return l;
  }();
  return list;
}

/// mirrors pvar.c:pv_parse_spec(): "$name", "$name(inner)", "$(name(inner)[index])". Returns the
/// position after the spec, or nullptr (logged) for anything the fake does not know.
inline char* parse_spec(const abi::str* in, abi::pv_spec* sp) noexcept {
  if (!in || !in->s || !sp || in->len <= 0) {
    core_log(abi::l_err, "pv_parse_spec", "bad parameters");
    return nullptr;
  }
  std::memset(sp, 0, profile_abi::pv_spec_size);
  std::string_view all(in->s, static_cast<std::size_t>(in->len));
  std::size_t p = 0;
  if (all[p] != '$') {
    core_log(abi::l_err, "pv_parse_spec", "invalid pvar name <%.*s>", in->len, in->s);
    return nullptr;
  }
  ++p;
  bool paren = p < all.size() && all[p] == '(';
  if (paren) ++p;
  std::size_t n0 = p;
  while (p < all.size() && (std::isalnum(static_cast<unsigned char>(all[p])) || all[p] == '_')) ++p;
  std::string_view name = all.substr(n0, p - n0);
  if (name.empty()) {
    core_log(abi::l_err, "pv_parse_spec", "invalid pvar name <%.*s>", in->len, in->s);
    return nullptr;
  }
  const pv_def* def = nullptr;
  for (auto& d : pv_defs)
    if (d.name == name) def = &d;
  if (!def) {
    core_log(abi::l_err, "pv_parse_spec",
             "error searching pvar \"%.*s\" (modsdk fake core: not a pseudo-variable it implements; it knows:%s)",
             static_cast<int>(name.size()), name.data(), implemented_pvs().c_str());
    return nullptr;
  }
  auto* s = reinterpret_cast<fake_spec*>(sp);
  s->kind = def->kind;
  s->hdr_type = -1;
  std::string_view inner;
  if (p < all.size() && all[p] == '(') {
    auto close = all.find(')', p);
    if (close == std::string_view::npos) {
      core_log(abi::l_err, "pv_parse_spec", "invalid pvar name <%.*s>: no closing ')'", in->len, in->s);
      return nullptr;
    }
    inner = all.substr(p + 1, close - p - 1);
    p = close + 1;
  }
  if (def->needs_inner && inner.empty()) {
    core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" needs a name in parentheses", static_cast<int>(name.size()), name.data());
    return nullptr;
  }
  if (!def->needs_inner && !inner.empty()) {
    core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" does not take a name", static_cast<int>(name.size()), name.data());
    return nullptr;
  }
  if (paren) {
    if (p < all.size() && all[p] == '[') {
      auto close = all.find(']', p);
      if (close == std::string_view::npos) {
        core_log(abi::l_err, "pv_parse_spec", "invalid index in <%.*s>", in->len, in->s);
        return nullptr;
      }
      std::string_view ix = all.substr(p + 1, close - p - 1);
      if (s->kind != pv_kind::hdr) {
        core_log(abi::l_err, "pv_parse_spec", "modsdk fake core: indexes are implemented for $hdr only, not in <%.*s>",
                 in->len, in->s);
        return nullptr;
      }
      if (ix == "*") {
        s->idx_type = idx_kind::all;
      } else {
        int v = 0;
        auto [e, ec] = std::from_chars(ix.data(), ix.data() + ix.size(), v);
        if (ec != std::errc{} || e != ix.data() + ix.size()) {
          core_log(abi::l_err, "pv_parse_spec", "modsdk fake core: only integer or * indexes are implemented, not <%.*s>",
                   static_cast<int>(ix.size()), ix.data());
          return nullptr;
        }
        s->idx_type = idx_kind::number;
        s->idx = v;
      }
      p = close + 1;
    }
    if (p < all.size() && all[p] == '{') {
      core_log(abi::l_err, "pv_parse_spec", "modsdk fake core: transformations are not implemented (<%.*s>)", in->len, in->s);
      return nullptr;
    }
    if (p >= all.size() || all[p] != ')') {
      core_log(abi::l_err, "pv_parse_spec", "invalid pvar name <%.*s>: no closing ')'", in->len, in->s);
      return nullptr;
    }
    ++p;
  }
  try {
    if (!inner.empty()) {
      s->name = intern(inner);
      s->name_len = static_cast<int>(inner.size());
    }
  } catch (...) {
    return nullptr;
  }
  if (s->kind == pv_kind::hdr || s->kind == pv_kind::hdrcnt) s->hdr_type = header_type(inner);
  s->type = static_cast<int>(s->kind) + 1000;
  s->getf = reinterpret_cast<void*>(&spec_getf_marker);
  s->setf = def->writable ? reinterpret_cast<void*>(&spec_setf_marker) : nullptr;
  s->magic = spec_magic;
  return in->s + p;
}

// Values. Text for ints lives in rotating buffers, as the core's int2str static buffer would.
inline char* int_text(long long v, int* len) noexcept {
  static char bufs[16][24];
  static unsigned next = 0;
  char* b = bufs[next++ % 16];
  auto [e, ec] = std::to_chars(b, b + 23, v);
  *e = '\0';
  *len = static_cast<int>(e - b);
  return b;
}
inline char g_empty[1] = "";
inline int set_null(abi::pv_value* r) noexcept {  // pv_get_null
  r->rs = {g_empty, 0};
  r->ri = 0;
  r->flags = abi::pv_val_null;
  return 0;
}
inline int set_str(abi::pv_value* r, std::string_view v) noexcept {  // pv_get_strval
  r->rs = to_str(v);
  r->flags = abi::pv_val_str;
  return 0;
}
inline int set_strint(abi::pv_value* r, std::string_view v, int n) noexcept {  // pv_get_strintval
  r->rs = to_str(v);
  r->ri = n;
  r->flags = abi::pv_val_str | abi::pv_val_int;
  return 0;
}
inline int set_int(abi::pv_value* r, long long n) noexcept {  // pv_get_sintval / pv_get_uintval
  r->rs.s = int_text(n, &r->rs.len);
  r->ri = static_cast<int>(n);
  r->flags = abi::pv_val_str | abi::pv_val_int | abi::pv_type_int;
  return 0;
}
inline int set_intstr(abi::pv_value* r, int n, std::string_view v) noexcept {  // pv_get_intstrval
  r->rs = to_str(v);
  r->ri = n;
  r->flags = abi::pv_val_str | abi::pv_val_int | abi::pv_type_int;
  return 0;
}

inline const hdr_info* find_hdr(msg_data* d, int type, std::string_view name) noexcept {
  for (auto& h : d->hdrs)
    if (type > 0 ? h.type == type : (h.type == 0 && iequals(h.name, name))) return &h;
  return nullptr;
}

inline int get_uri_attr(abi::pv_value* r, std::string_view uri, pv_kind which) noexcept {
  // mirrors pv_get_xuri_attr(): user / host / port
  auto u = parse_uri_text(uri);
  if (!u) {
    core_log(abi::l_err, "pv_get_ruri_attr", "failed to parse the R-URI");
    return set_null(r);
  }
  if (which == pv_kind::rU || which == pv_kind::oU) return u->user.empty() ? set_null(r) : set_str(r, u->user);
  if (which == pv_kind::rd || which == pv_kind::od) return set_str(r, u->host);
  if (u->port.empty()) return set_int(r, iequals(u->scheme, "sips") ? 5061 : 5060);
  int port = 0;
  std::from_chars(u->port.data(), u->port.data() + u->port.size(), port);
  return set_strint(r, u->port, port);
}

inline int get_nameaddr_attr(abi::pv_value* r, msg_data* d, int type, pv_kind k) noexcept {
  // mirrors pv_get_xto_attr(): uri / user / host / tag / display name
  const hdr_info* h = find_hdr(d, type, {});
  if (!h) return set_null(r);
  name_addr na = parse_name_addr(h->body);
  switch (k) {
    case pv_kind::fu: case pv_kind::tu: return set_str(r, na.uri);
    case pv_kind::ft: case pv_kind::tt: return na.tag.empty() ? set_null(r) : set_str(r, na.tag);
    case pv_kind::fn: case pv_kind::tn: return na.display.empty() ? set_null(r) : set_str(r, na.display);
    default: break;
  }
  auto u = parse_uri_text(na.uri);
  if (!u) {
    core_log(abi::l_err, "pv_get_xto_attr", "cannot parse %s URI", type == hdr_from ? "From" : "To");
    return set_null(r);
  }
  if (k == pv_kind::fU || k == pv_kind::tU) return u->user.empty() ? set_null(r) : set_str(r, u->user);
  return set_str(r, u->host);
}

inline std::string& hdr_join_buffer() {
  static std::string b;
  return b;
}

inline int get_value(abi::sip_msg* msg, fake_spec* s, abi::pv_value* r) noexcept {
  auto* d = data_of(msg, "pv_get_spec_value");
  if (!d) return -1;
  auto& fl = reinterpret_cast<fake_msg*>(msg)->prefix.first_line;
  const bool req = fl.type == abi::sip_request;
  auto sv = [](const abi::str& x) { return std::string_view(x.s, static_cast<std::size_t>(x.len)); };
  switch (s->kind) {
    case pv_kind::rm: {  // pv_get_method
      if (req) return set_strint(r, sv(fl.a), fl.value);
      const hdr_info* h = find_hdr(d, hdr_cseq, {});
      if (!h) {
        core_log(abi::l_err, "pv_get_method", "no CSEQ header");
        return set_null(r);
      }
      std::string_view m = trim(h->body.substr(std::min(h->body.size(), h->body.find(' '))));
      return set_strint(r, m, method_id(m));
    }
    case pv_kind::ru:  // pv_get_ruri
      if (!req) return set_null(r);
      if (d->new_uri) return set_str(r, *d->new_uri);
      return set_str(r, sv(fl.b));
    case pv_kind::ou:
      return req ? set_str(r, sv(fl.b)) : set_null(r);
    case pv_kind::rU: case pv_kind::rd: case pv_kind::rp:
      if (!req) return set_null(r);
      return get_uri_attr(r, d->new_uri ? std::string_view(*d->new_uri) : sv(fl.b), s->kind);
    case pv_kind::oU: case pv_kind::od: case pv_kind::op:
      if (!req) return set_null(r);
      return get_uri_attr(r, sv(fl.b), s->kind == pv_kind::oU ? pv_kind::rU : s->kind == pv_kind::od ? pv_kind::rd : pv_kind::rp);
    case pv_kind::du:  // pv_get_dsturi
      return d->dst_uri ? set_str(r, *d->dst_uri) : set_null(r);
    case pv_kind::hdr: case pv_kind::hdrcnt: {  // pv_get_hdr / pv_get_hdrcnt
      if (build_header_list(reinterpret_cast<fake_msg*>(msg)) < 0) return set_null(r);
      std::string_view name(s->name, static_cast<std::size_t>(s->name_len));
      std::vector<const hdr_info*> hits;
      for (auto& h : d->hdrs)
        if (s->hdr_type > 0 ? h.type == s->hdr_type : (h.type == 0 && iequals(h.name, name))) hits.push_back(&h);
      if (s->kind == pv_kind::hdrcnt) return set_int(r, static_cast<long long>(hits.size()));
      if (hits.empty()) return set_null(r);
      if (s->idx_type == idx_kind::all) {
        auto& b = hdr_join_buffer();
        b.clear();
        for (auto* h : hits) {
          if (!b.empty()) b += ", ";
          b += h->body;
        }
        return set_str(r, b);
      }
      int i = s->idx_type == idx_kind::number ? s->idx : 0;
      if (i < 0) i += static_cast<int>(hits.size());
      if (i < 0 || i >= static_cast<int>(hits.size())) return set_null(r);
      return set_str(r, hits[static_cast<std::size_t>(i)]->body);
    }
    case pv_kind::fu: case pv_kind::fU: case pv_kind::fd: case pv_kind::ft: case pv_kind::fn:
      return get_nameaddr_attr(r, d, hdr_from, s->kind);
    case pv_kind::tu: case pv_kind::tU: case pv_kind::td: case pv_kind::tt: case pv_kind::tn:
      return get_nameaddr_attr(r, d, hdr_to, s->kind);
    case pv_kind::ci: {  // pv_get_callid
      const hdr_info* h = find_hdr(d, hdr_callid, {});
      if (!h) {
        core_log(abi::l_err, "pv_get_callid", "cannot parse Call-Id header");
        return set_null(r);
      }
      return set_str(r, h->body);
    }
    case pv_kind::cs: {  // pv_get_cseq: the number part, as text
      const hdr_info* h = find_hdr(d, hdr_cseq, {});
      if (!h) {
        core_log(abi::l_err, "pv_get_cseq", "cannot parse CSEQ header");
        return set_null(r);
      }
      return set_str(r, h->body.substr(0, h->body.find(' ')));
    }
    case pv_kind::ua: {
      const hdr_info* h = find_hdr(d, hdr_useragent, {});
      return h ? set_str(r, h->body) : set_null(r);
    }
    case pv_kind::rb:  // pv_get_msg_body without a mime: the whole body, NULL when empty
      return d->body.empty() ? set_null(r) : set_str(r, d->body);
    case pv_kind::rs:  // pv_get_status
      return req ? set_null(r) : set_intstr(r, fl.value, sv(fl.b));
    case pv_kind::rr:
      return req ? set_null(r) : set_str(r, sv(fl.c));
    case pv_kind::si: {  // pv_get_srcip: ip_addr2a() prints into one static buffer, reused by the next read
      static char ip_buf[64];
      std::size_t n = d->src_ip.copy(ip_buf, sizeof ip_buf - 1);
      ip_buf[n] = '\0';
      return set_str(r, std::string_view(ip_buf, n));
    }
    case pv_kind::sp: return set_int(r, d->src_port);
    case pv_kind::ml: return set_int(r, static_cast<long long>(d->buf.size()));
    case pv_kind::mb: return set_str(r, d->buf);
    case pv_kind::var: {  // pv_get_scriptvar; a var never assigned is NULL (add_var marks it VAR_VAL_NULL)
      auto it = st().vars.find(std::string_view(s->name, static_cast<std::size_t>(s->name_len)));
      if (it == st().vars.end()) return set_null(r);
      if (it->second.null) return set_null(r);
      if (it->second.is_str) return set_str(r, it->second.text());
      return set_int(r, it->second.n);
    }
    case pv_kind::avp: {  // pv_get_avp: the newest value
      auto it = st().avps.find(std::string_view(s->name, static_cast<std::size_t>(s->name_len)));
      if (it == st().avps.end() || it->second.empty()) return set_null(r);
      auto& v = it->second.back();
      return v.is_str ? set_str(r, v.text()) : set_int(r, v.n);
    }
    case pv_kind::none: break;
  }
  return -1;
}

inline var_value value_from(const abi::pv_value* val) {
  var_value v;
  if (val->flags & abi::pv_type_int) {
    v.n = val->ri;
  } else {
    v.set_text(val->rs.s && val->rs.len > 0 ? std::string_view(val->rs.s, static_cast<std::size_t>(val->rs.len))
                                            : std::string_view{});
  }
  return v;
}

inline constexpr int colon_eq = 19;  // COLONEQ_T

inline int set_value(abi::sip_msg* msg, fake_spec* s, int op, abi::pv_value* val) noexcept {
  auto* d = data_of(msg, "pv_set_value");
  if (!d) return -1;
  try {
    std::string_view name(s->name ? s->name : "", static_cast<std::size_t>(s->name_len));
    switch (s->kind) {
      case pv_kind::var: {  // pv_set_scriptvar
        auto& v = st().vars[std::string(name)];
        if (!val) {
          v = var_value{};
          v.null = true;
          return 0;
        }
        v = value_from(val);
        return 0;
      }
      case pv_kind::avp: {  // pv_set_avp: NULL removes the newest value; := replaces all
        auto& list = st().avps[std::string(name)];
        if (!val) {
          if (op == colon_eq) list.clear();
          else if (!list.empty()) list.pop_back();
          return 0;
        }
        if (op == colon_eq) list.clear();
        list.push_back(value_from(val));
        return 0;
      }
      case pv_kind::ru:  // pv_set_ruri
        if (!val) {
          core_log(abi::l_err, "pv_set_ruri", "bad parameters");
          return -1;
        }
        if (!(val->flags & abi::pv_val_str)) {
          core_log(abi::l_err, "pv_set_ruri", "str value required to set R-URI");
          return -1;
        }
        d->new_uri.emplace(val->rs.s, static_cast<std::size_t>(val->rs.len));
        return 0;
      case pv_kind::du:  // pv_set_dsturi
        if (!val) {
          d->dst_uri.reset();
          return 1;
        }
        if (!(val->flags & abi::pv_val_str)) {
          core_log(abi::l_err, "pv_set_dsturi", "error - str value required to set dst uri");
          return -1;
        }
        d->dst_uri.emplace(val->rs.s, static_cast<std::size_t>(val->rs.len));
        return 0;
      default:
        core_log(abi::l_err, "pv_set_value",
                 "modsdk fake core: writing this pseudo-variable (kind %d) is not implemented", static_cast<int>(s->kind));
        return -1;
    }
  } catch (...) {
    core_log(abi::l_err, "pv_set_value", "no more pkg memory");
    return -1;
  }
}

// Formats: a list of {text, spec} elements, like pv_elem_t. Module-made lists are counted pkg memory.
struct fake_elem {
  abi::str text;
  alignas(16) unsigned char spec[MODSDK_PV_SPEC_STORAGE];
  bool has_spec;
  bool counted;
  fake_elem* next;
};

inline void free_format(fake_elem* e) noexcept {
  while (e) {
    fake_elem* n = e->next;
    if (e->counted) counted_pkg_free(e, "pv_elem_free_all");
    else std::free(e);
    e = n;
  }
}

/// mirrors pvar.c:pv_parse_format(): text up to each '$', then a spec.
inline int parse_format(const abi::str* in, fake_elem** out, bool counted) noexcept {
  if (!in || !in->s || !out) return -1;
  auto alloc = [&]() -> fake_elem* {
    void* p = counted ? counted_pkg_malloc(sizeof(fake_elem), "pv_parse_format") : std::malloc(sizeof(fake_elem));
    if (!p) return nullptr;
    auto* e = static_cast<fake_elem*>(p);
    std::memset(e, 0, sizeof *e);
    e->counted = counted;
    return e;
  };
  *out = nullptr;
  if (in->len == 0) {
    *out = alloc();
    if (!*out) return -1;
    (*out)->text = *in;
    return 0;
  }
  const char* p = in->s;
  const char* end = in->s + in->len;
  fake_elem* last = nullptr;
  while (p < end) {
    fake_elem* e = alloc();
    if (!e) {
      core_log(abi::l_err, "pv_parse_format", "not enough pkg memory for PV element");
      free_format(*out);
      *out = nullptr;
      return -1;
    }
    if (last) last->next = e;
    else *out = e;
    last = e;
    e->text.s = const_cast<char*>(p);
    while (p < end && *p != '$') ++p;
    e->text.len = static_cast<int>(p - e->text.s);
    if (p >= end) break;
    abi::str rest{const_cast<char*>(p), static_cast<int>(end - p)};
    char* after = parse_spec(&rest, reinterpret_cast<abi::pv_spec*>(e->spec));
    if (!after) {
      core_log(abi::l_err, "pv_parse_format", "parsing PV spec failed");
      free_format(*out);
      *out = nullptr;
      return -1;
    }
    e->has_spec = true;
    p = after;
  }
  return 0;
}

inline bool format_is_plain(const fake_elem* e) noexcept { return e && !e->next && !e->has_spec; }

/// mirrors pv_printf_s(): a plain text is returned as is; anything else is printed into one of 7
/// rotating buffers (NUL-terminated), NULL values as "<null>".
inline int print_format(abi::sip_msg* msg, fake_elem* list, abi::str* out) noexcept {
  if (!list || !out) return -1;
  if (format_is_plain(list)) {
    *out = list->text;
    return 0;
  }
  static std::array<std::string, 7> bufs;
  static unsigned next = 0;
  try {
    std::string& b = bufs[next++ % bufs.size()];
    b.clear();
    for (auto* e = list; e; e = e->next) {
      if (e->text.len > 0) b.append(e->text.s, static_cast<std::size_t>(e->text.len));
      if (!e->has_spec) continue;
      abi::pv_value v{};
      auto* s = as_spec(reinterpret_cast<abi::pv_spec*>(e->spec));
      if (!s || get_value(msg, s, &v) != 0) continue;
      if (v.flags & abi::pv_val_null) b += "<null>";
      else if (v.flags & abi::pv_val_str) b.append(v.rs.s, static_cast<std::size_t>(v.rs.len));
      else if (v.flags & (abi::pv_val_int | abi::pv_type_int)) b += std::to_string(v.ri);
    }
    b.reserve(b.size() + 1);
    *out = {b.data(), static_cast<int>(b.size())};
    return 0;
  } catch (...) {
    return -1;
  }
}

}  // namespace modsdk::inline v0::testing::detail

// ---- the core symbols: pseudo-variables and the message ----------------------------------------
namespace modsdk::inline v0::abi {
extern "C" {

char* pv_parse_spec(const str* in, pv_spec* sp) { return testing::detail::parse_spec(in, sp); }

// mirrors pvar.c:pv_get_spec_value(): zero the value, run the getter; a failing getter gives NULL.
int pv_get_spec_value(sip_msg* msg, pv_spec* sp, pv_value* value) {
  namespace d = testing::detail;
  auto* s = d::as_spec(sp);
  if (!msg || !s || !value) {
    d::core_log(l_err, "pv_get_spec_value", "bad parameters");
    return -1;
  }
  std::memset(value, 0, sizeof *value);
  if (d::get_value(msg, s, value) != 0) return d::set_null(value);
  return 0;
}

// mirrors pvar.c:pv_set_value(): -1 for a read-only spec (setf NULL).
int pv_set_value(sip_msg* msg, pv_spec* sp, int op, pv_value* value) {
  namespace d = testing::detail;
  auto* s = d::as_spec(sp);
  if (!msg || !s || !s->setf) {
    d::core_log(l_err, "pv_set_value", "bad parameters");
    return -1;
  }
  return d::set_value(msg, s, op, value);
}

// mirrors pvar.c:pv_value_destroy(): frees owned text, zeroes the value.
void pv_value_destroy(pv_value* value) {
  if (!value) return;
  if (value->flags & pv_val_pkg) testing::detail::fake_release(false, &testing::detail::g_mem_block_tag, value->rs.s, "pkg_free", "fake core", "pv_value_destroy", 0);
  if (value->flags & pv_val_shm) testing::detail::fake_release(true, &testing::detail::g_shm_block_tag, value->rs.s, "shm_free", "fake core", "pv_value_destroy", 0);
  std::memset(value, 0, sizeof *value);
}

int pv_parse_format(const str* in, pv_elem** el) {
  return testing::detail::parse_format(in, reinterpret_cast<testing::detail::fake_elem**>(el), true);
}
int pv_printf_s(sip_msg* msg, pv_elem* list, str* s) {
  if (!msg) return -1;
  return testing::detail::print_format(msg, reinterpret_cast<testing::detail::fake_elem*>(list), s);
}
int pv_elem_free_all(pv_elem* list) {
  testing::detail::free_format(reinterpret_cast<testing::detail::fake_elem*>(list));
  return 0;
}

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
}  // namespace modsdk::inline v0::abi

// ---- fake_core: script variables ---------------------------------------------------------------------
namespace modsdk::inline v0::testing {

namespace detail {
/// "$var(x)" / "$avp(x)" -> (is_avp, name); nullopt for anything else.
inline std::optional<std::pair<bool, std::string>> var_name(std::string_view spec) {
  for (auto [prefix, avp] : {std::pair{std::string_view("$var("), false}, std::pair{std::string_view("$avp("), true}})
    if (spec.starts_with(prefix) && spec.ends_with(")") && spec.size() > prefix.size() + 1)
      return std::pair{avp, std::string(spec.substr(prefix.size(), spec.size() - prefix.size() - 1))};
  return std::nullopt;
}
}  // namespace detail

bool fake_core::set_var(std::string_view spec, int value) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  detail::var_value v;
  v.n = value;
  if (n->first) detail::st().avps[n->second].push_back(v);
  else detail::st().vars[n->second] = v;
  return true;
}
bool fake_core::set_var(std::string_view spec, std::string_view value) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  detail::var_value v;
  v.set_text(value);
  if (n->first) detail::st().avps[n->second].push_back(v);
  else detail::st().vars[n->second] = v;
  return true;
}
bool fake_core::unset_var(std::string_view spec) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  if (n->first) {
    auto& l = detail::st().avps[n->second];
    if (!l.empty()) l.pop_back();
  } else {
    detail::var_value v;
    v.null = true;
    detail::st().vars[n->second] = v;
  }
  return true;
}
std::optional<script_value> fake_core::var(std::string_view spec) const {
  auto n = detail::var_name(spec);
  if (!n) return std::nullopt;
  const detail::var_value* v = nullptr;
  if (n->first) {
    auto it = detail::st().avps.find(n->second);
    if (it != detail::st().avps.end() && !it->second.empty()) v = &it->second.back();
  } else {
    auto it = detail::st().vars.find(n->second);
    if (it != detail::st().vars.end()) v = &it->second;
  }
  if (!v || v->null) return std::nullopt;
  if (v->is_str) return script_value{std::string(v->text())};
  return script_value{v->n};
}

}  // namespace modsdk::inline v0::testing
