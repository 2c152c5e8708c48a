// SPDX-License-Identifier: MIT
// Test kit fake core: pseudo-variable values (pvar.c: pv_get_spec_value, pv_set_value, pv_value_destroy).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/avp.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/pv_spec.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

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
    case pv_kind::fu:
    case pv_kind::tu:
      return set_str(r, na.uri);
    case pv_kind::ft:
    case pv_kind::tt:
      return na.tag.empty() ? set_null(r) : set_str(r, na.tag);
    case pv_kind::fn:
    case pv_kind::tn:
      return na.display.empty() ? set_null(r) : set_str(r, na.display);
    default:
      break;
  }
  auto u = parse_uri_text(na.uri);
  if (!u) {
    core_log(abi::l_err, "pv_get_xto_attr", "cannot parse %s URI", type == abi::hdr_from_t ? "From" : "To");
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
  auto& fl = reinterpret_cast<fake_msg*>(msg)->msg.first_line;
  const bool req = fl.type == abi::sip_request;
  auto sv = [](const abi::str& x) { return std::string_view(x.s, static_cast<std::size_t>(x.len)); };
  switch (s->kind) {
    case pv_kind::rm: {  // pv_get_method
      if (req) return set_strint(r, sv(fl.a), fl.value);
      const hdr_info* h = find_hdr(d, abi::hdr_cseq_t, {});
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
    case pv_kind::rU:
    case pv_kind::rd:
    case pv_kind::rp:
      if (!req) return set_null(r);
      return get_uri_attr(r, d->new_uri ? std::string_view(*d->new_uri) : sv(fl.b), s->kind);
    case pv_kind::oU:
    case pv_kind::od:
    case pv_kind::op:
      if (!req) return set_null(r);
      return get_uri_attr(r, sv(fl.b),
                          s->kind == pv_kind::oU   ? pv_kind::rU
                          : s->kind == pv_kind::od ? pv_kind::rd
                                                   : pv_kind::rp);
    case pv_kind::du:  // pv_get_dsturi
      return d->dst_uri ? set_str(r, *d->dst_uri) : set_null(r);
    case pv_kind::hdr:
    case pv_kind::hdrcnt: {  // pv_get_hdr / pv_get_hdrcnt
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
    case pv_kind::fu:
    case pv_kind::fU:
    case pv_kind::fd:
    case pv_kind::ft:
    case pv_kind::fn:
      return get_nameaddr_attr(r, d, abi::hdr_from_t, s->kind);
    case pv_kind::tu:
    case pv_kind::tU:
    case pv_kind::td:
    case pv_kind::tt:
    case pv_kind::tn:
      return get_nameaddr_attr(r, d, abi::hdr_to_t, s->kind);
    case pv_kind::ci: {  // pv_get_callid
      const hdr_info* h = find_hdr(d, abi::hdr_callid_t, {});
      if (!h) {
        core_log(abi::l_err, "pv_get_callid", "cannot parse Call-Id header");
        return set_null(r);
      }
      return set_str(r, h->body);
    }
    case pv_kind::cs: {  // pv_get_cseq: the number part, as text
      const hdr_info* h = find_hdr(d, abi::hdr_cseq_t, {});
      if (!h) {
        core_log(abi::l_err, "pv_get_cseq", "cannot parse CSEQ header");
        return set_null(r);
      }
      return set_str(r, h->body.substr(0, h->body.find(' ')));
    }
    case pv_kind::ua: {
      const hdr_info* h = find_hdr(d, abi::hdr_useragent_t, {});
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
    case pv_kind::sp:
      return set_int(r, d->src_port);
    case pv_kind::ml:
      return set_int(r, static_cast<long long>(d->buf.size()));
    case pv_kind::mb:
      return set_str(r, d->buf);
    case pv_kind::var: {  // pv_get_scriptvar; a var never assigned is NULL (add_var marks it VAR_VAL_NULL)
      auto it = st().vars.find(std::string_view(s->name, static_cast<std::size_t>(s->name_len)));
      if (it == st().vars.end()) return set_null(r);
      if (it->second.null) return set_null(r);
      if (it->second.is_str) return set_str(r, it->second.text());
      return set_int(r, it->second.n);
    }
    case pv_kind::avp: {  // pv_get_avp: the newest value
      const int id = avp_id(std::string_view(s->name, static_cast<std::size_t>(s->name_len)), false);
      abi::int_str v{};
      abi::usr_avp* a = id < 0 ? nullptr : abi::search_first_avp(0, id, &v, nullptr);
      if (!a || (a->flags & abi::avp_val_null)) return set_null(r);
      if (a->flags & abi::avp_val_str) return set_str(r, std::string_view(v.s.s, static_cast<std::size_t>(v.s.len)));
      return set_int(r, v.n);
    }
    case pv_kind::marker:  // "$$": pv_get_marker
      return set_str(r, "$");
    case pv_kind::none:
      break;
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
        const int id = avp_id(name, true);
        if (!val) {
          abi::destroy_avps(0, id, op == colon_eq ? 1 : 0);
          return 0;
        }
        if (op == colon_eq) abi::destroy_avps(0, id, 1);
        const var_value v = value_from(val);
        abi::int_str is{};
        if (v.is_str)
          is.s = to_str(v.text());
        else
          is.n = v.n;
        return abi::add_avp(v.is_str ? abi::avp_val_str : 0, id, is);
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
        return abi::set_ruri(msg, &val->rs) == 0 ? 0 : -1;
      case pv_kind::du:  // pv_set_dsturi
        if (!val) {
          d->dst_uri.reset();
          reinterpret_cast<fake_msg*>(msg)->msg.dst_uri = {};
          return 1;
        }
        if (!(val->flags & abi::pv_val_str)) {
          core_log(abi::l_err, "pv_set_dsturi", "error - str value required to set dst uri");
          return -1;
        }
        return abi::set_dst_uri(msg, &val->rs) == 0 ? 0 : -1;
      default:
        core_log(abi::l_err, "pv_set_value",
                 "modsdk fake core: writing this pseudo-variable (kind %d) is not implemented",
                 static_cast<int>(s->kind));
        return -1;
    }
  } catch (...) {
    core_log(abi::l_err, "pv_set_value", "no more pkg memory");
    return -1;
  }
}

/// mirrors transformations.c:tr_eval_string() for the transformations the fake parses (a NULL value stays
/// NULL); the strings it makes live in rotating buffers, like the core's transformation buffer.
inline void apply_transformations(fake_spec* s, abi::sip_msg* msg, abi::pv_value* v) noexcept {
  static std::array<std::string, 8> bufs;
  static unsigned next = 0;
  for (std::uint8_t i = 0; i < s->trans_n; ++i) {
    if (v->flags & abi::pv_val_null) return;
    if (s->trans[i] & 0x80) {  // a loaded module's transformation
      if (!run_module_trans(s, s->trans[i] & 0x7f, msg, v)) set_null(v);
      continue;
    }
    switch (static_cast<trans_kind>(s->trans[i])) {
      case trans_kind::s_int:
        if (!(v->flags & abi::pv_val_int)) {  // str2sint: digits up to the first other character, sign kept
          int n = 0, sign = 1;
          int k = 0;
          if (k < v->rs.len && (v->rs.s[k] == '-' || v->rs.s[k] == '+')) sign = v->rs.s[k++] == '-' ? -1 : 1;
          for (; k < v->rs.len && v->rs.s[k] >= '0' && v->rs.s[k] <= '9'; ++k) n = n * 10 + (v->rs.s[k] - '0');
          v->ri = n * sign;
        } else if (!(v->flags & abi::pv_val_str)) {
          v->rs.s = int_text(v->ri, &v->rs.len);
        }
        v->flags = abi::pv_type_int | abi::pv_val_int | abi::pv_val_str;
        break;
      case trans_kind::s_len:
        if (!(v->flags & abi::pv_val_str)) v->rs.s = int_text(v->ri, &v->rs.len);
        v->ri = v->rs.len;
        v->rs.s = int_text(v->ri, &v->rs.len);
        v->flags = abi::pv_type_int | abi::pv_val_int | abi::pv_val_str;
        break;
      case trans_kind::s_tolower:
      case trans_kind::s_toupper: {
        if (!(v->flags & abi::pv_val_str)) {
          v->rs.s = int_text(v->ri, &v->rs.len);
          v->flags |= abi::pv_val_str;
          break;
        }
        const bool lower = static_cast<trans_kind>(s->trans[i]) == trans_kind::s_tolower;
        try {
          std::string& b = bufs[next++ % bufs.size()];
          b.assign(v->rs.s, static_cast<std::size_t>(v->rs.len));
          for (char& c : b) {
            if (lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (!lower && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          }
          *v = {};
          v->flags = abi::pv_val_str;
          v->rs = {b.data(), static_cast<int>(b.size())};
        } catch (...) {
          set_null(v);
        }
        break;
      }
    }
  }
}

/// A spec pv_parse_spec made for a module's variable (its getter in place of the fake's marker), or nullptr.
inline abi::pv_spec_head* as_module_spec(abi::pv_spec* sp) noexcept {
  auto* h = reinterpret_cast<abi::pv_spec_head*>(sp);
  return (h && h->type > abi::pvt_extra && h->getf && !as_spec(sp)) ? h : nullptr;
}

/// mirrors pvar.c:pv_get_spec_value(): zero the value, run the getter (a failing getter gives NULL), then
/// the spec's transformations.
inline int get_spec_value(abi::sip_msg* msg, fake_spec* s, abi::pv_value* value) noexcept {
  std::memset(value, 0, sizeof *value);
  if (get_value(msg, s, value) != 0) return set_null(value);
  apply_transformations(s, msg, value);
  return 0;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: pseudo-variable values -------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
// mirrors pvar.c:pv_get_spec_value() (detail::get_spec_value)
int pv_get_spec_value(sip_msg* msg, pv_spec* sp, pv_value* value) {
  namespace d = testing::detail;
  if (auto* h = d::as_module_spec(sp); h && msg && value) {  // a module's variable: its getter, NULL on failure
    std::memset(value, 0, sizeof *value);
    if (h->getf(msg, &h->pvp, value) != 0) return d::set_null(value);
    int pos = 0;
    for (trans* t = d::spec_trans(sp); t; t = t->next)
      if (!d::run_module_trans(sp, pos++, msg, value)) return d::set_null(value);
    return 0;
  }
  auto* s = d::as_spec(sp);
  if (!msg || !s || !value) {
    d::core_log(l_err, "pv_get_spec_value", "bad parameters");
    return -1;
  }
  return d::get_spec_value(msg, s, value);
}

// mirrors pvar.c:pv_set_value(): -1 for a read-only spec (setf NULL).
int pv_set_value(sip_msg* msg, pv_spec* sp, int op, pv_value* value) {
  namespace d = testing::detail;
  if (auto* h = d::as_module_spec(sp); h && msg && h->setf) return h->setf(msg, &h->pvp, op, value);
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
  if (value->flags & pv_val_pkg)
    testing::detail::fake_release(false, &testing::detail::g_mem_block_tag, value->rs.s, "pkg_free", "fake core",
                                  "pv_value_destroy", 0);
  if (value->flags & pv_val_shm)
    testing::detail::fake_release(true, &testing::detail::g_shm_block_tag, value->rs.s, "shm_free", "fake core",
                                  "pv_value_destroy", 0);
  std::memset(value, 0, sizeof *value);
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
