// SPDX-License-Identifier: MIT
// Test kit fake core: pseudo-variable specs, the names the fake knows and their grammar (pv_parse_spec).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cctype>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/trans.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

enum class pv_kind : int {
  none,
  rm,
  ru,
  rU,
  rd,
  rp,
  ou,
  oU,
  od,
  op,
  du,
  hdr,
  hdrcnt,
  fu,
  fU,
  fd,
  ft,
  fn,
  tu,
  tU,
  td,
  tt,
  tn,
  ci,
  cs,
  rb,
  rs,
  rr,
  si,
  sp,
  ml,
  mb,
  ua,
  var,
  avp,
  marker,  // "$$" (or "$($)"): a literal '$'
};
struct pv_def {
  std::string_view name;
  pv_kind kind;
  bool writable;
  bool needs_inner;  // $name(inner)
};
inline constexpr pv_def pv_defs[] = {
    {"rm", pv_kind::rm, false, false}, {"ru", pv_kind::ru, true, false},   {"rU", pv_kind::rU, true, false},
    {"rd", pv_kind::rd, true, false},  {"rp", pv_kind::rp, true, false},   {"ou", pv_kind::ou, false, false},
    {"oU", pv_kind::oU, false, false}, {"od", pv_kind::od, false, false},  {"op", pv_kind::op, false, false},
    {"du", pv_kind::du, true, false},  {"hdr", pv_kind::hdr, false, true}, {"hdrcnt", pv_kind::hdrcnt, false, true},
    {"fu", pv_kind::fu, false, false}, {"fU", pv_kind::fU, false, false},  {"fd", pv_kind::fd, false, false},
    {"ft", pv_kind::ft, false, false}, {"fn", pv_kind::fn, false, false},  {"tu", pv_kind::tu, false, false},
    {"tU", pv_kind::tU, false, false}, {"td", pv_kind::td, false, false},  {"tt", pv_kind::tt, false, false},
    {"tn", pv_kind::tn, false, false}, {"ci", pv_kind::ci, false, false},  {"cs", pv_kind::cs, false, false},
    {"rb", pv_kind::rb, false, false}, {"rs", pv_kind::rs, false, false},  {"rr", pv_kind::rr, false, false},
    {"si", pv_kind::si, false, false}, {"sp", pv_kind::sp, false, false},  {"ml", pv_kind::ml, false, false},
    {"mb", pv_kind::mb, false, false}, {"ua", pv_kind::ua, false, false},  {"var", pv_kind::var, true, true},
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
  std::uint8_t trans_n;  // transformations, in order: trans_kind values
  std::uint8_t trans[7];
};
/// The transformations the fake implements ({s.int} ...), as transformations.c evaluates them.
enum class trans_kind : std::uint8_t { s_int = 1, s_len, s_tolower, s_toupper };
inline constexpr std::pair<std::string_view, trans_kind> trans_names[] = {{"s.int", trans_kind::s_int},
                                                                          {"s.len", trans_kind::s_len},
                                                                          {"s.tolower", trans_kind::s_tolower},
                                                                          {"s.toupper", trans_kind::s_toupper}};
static_assert(sizeof(fake_spec) <= spec_trans_offset, "the fake pv_spec leaves room for its module transformations");
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

/// The variables of the loaded modules (register_pvars_mod), first registration of a name first; names the
/// core would refuse are skipped (the loader logged them).
inline bool module_pv_name_ok(const abi::pv_export& e) noexcept {
  if (!e.name.s || e.name.len <= 0 || !e.getf || e.type == abi::pvt_none) return false;
  for (int i = 0; i < e.name.len; ++i) {
    const char c = e.name.s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
  }
  return true;
}
inline const abi::pv_export* find_module_pv(std::string_view name) noexcept {
  for (const abi::module_exports* m : st().modules)
    for (const abi::pv_export* e = m->items; e && e->name.s; ++e)
      if (module_pv_name_ok(*e) && std::string_view(e->name.s, static_cast<std::size_t>(e->name.len)) == name) return e;
  return nullptr;
}

/// mirrors the rest of pvar.c:pv_parse_spec() for a module's variable: "(name)" through its parse_name,
/// "[index]" through its parse_index (the core's errors when it has none), then its init_param. `p` is
/// just past the variable's name, `paren` whether the spec is "$(...)".
inline char* parse_module_spec(const abi::str* in, std::string_view all, std::size_t p, bool paren,
                               const abi::pv_export* pte, abi::pv_spec* sp) noexcept {
  auto* h = reinterpret_cast<abi::pv_spec_head*>(sp);
  const std::string_view name(pte->name.s, static_cast<std::size_t>(pte->name.len));
  const int nlen = static_cast<int>(name.size());
  // the core's text lives as long as the cfg; the fake's caller may pass a temporary: parse a kept copy
  const char* kept = nullptr;
  try {
    kept = intern(all);
  } catch (...) {
    return nullptr;
  }
  all = std::string_view(kept, all.size());
  h->type = pte->type + abi::pvt_extra;
  h->getf = pte->getf;
  h->setf = pte->setf;
  // the text between an opening bracket at `p` and its matching close, nesting counted
  auto enclosed = [&](char open, char close) -> std::optional<std::string_view> {
    int depth = 0;
    for (std::size_t q = p + 1; q < all.size(); ++q) {
      if (all[q] == close && depth-- == 0) return all.substr(p + 1, q - p - 1);
      if (all[q] == open) ++depth;
    }
    return std::nullopt;
  };
  auto fail = [&] {
    core_log(abi::l_err, "pv_parse_spec", "wrong char in [%.*s]", in->len, in->s);
    return nullptr;
  };
  if (p < all.size() && all[p] == '(') {
    const auto inner = enclosed('(', ')');
    if (!inner) return fail();
    if (inner->empty()) {
      core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" does not get empty name param", nlen, name.data());
      return fail();
    }
    // zero-initialised first: a module's parse_name may copy the whole str (padding too) into the spec,
    // where the fake's own marker fields are read
    abi::str s{};
    s.s = const_cast<char*>(inner->data());  // NOLINT(*-const-cast)
    s.len = static_cast<int>(inner->size());
    if (!pte->parse_name || pte->parse_name(sp, &s) != 0) {
      core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" has an invalid name param [%.*s]", nlen, name.data(), s.len,
               s.s);
      return fail();
    }
    p += inner->size() + 2;
  }
  if (paren) {
    if (p < all.size() && all[p] == '[') {
      if (!pte->parse_index) {
        core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" does not get index param", nlen, name.data());
        return fail();
      }
      const auto ix = enclosed('[', ']');
      if (!ix) return fail();
      abi::str s{};
      s.s = const_cast<char*>(ix->data());  // NOLINT(*-const-cast)
      s.len = static_cast<int>(ix->size());
      if (ix->empty() || pte->parse_index(sp, &s) != 0) {
        core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" has an invalid index param [%.*s]", nlen, name.data(),
                 s.len, s.s);
        return fail();
      }
      p += ix->size() + 2;
    }
    while (p < all.size() && all[p] == '{') {  // a module's transformations (the chain at spec_trans)
      const auto close = all.find('}', p);
      const std::string_view tr = all.substr(p + 1, close == std::string_view::npos ? 0 : close - p - 1);
      const int pos = close == std::string_view::npos ? -1 : parse_module_trans(tr, in, sp);
      if (pos == -2)
        core_log(abi::l_err, "pv_parse_spec",
                 "modsdk fake core: transformation {%.*s} of a module's pseudo-variable is not implemented (only a "
                 "loaded module's transformations are) in <%.*s>",
                 static_cast<int>(tr.size()), tr.data(), in->len, in->s);
      if (pos < 0) return nullptr;
      p = close + 1;
    }
    if (p >= all.size() || all[p] != ')') return fail();
    ++p;
  }
  if (pte->init_param) pte->init_param(sp, pte->iparam);
  return in->s + p;
}

/// mirrors pvar.c:pv_parse_spec(): "$name", "$name(inner)", "$(name(inner)[index]{tr}...)". Returns the
/// position after the spec, or nullptr (logged) for anything the fake does not know.
inline char* parse_spec_once(const abi::str* in, abi::pv_spec* sp) noexcept {
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
  if (p < all.size() && all[p] == '$') {  // the marker: pvar.c's PVT_MARKER
    ++p;
    if (paren && (p >= all.size() || all[p++] != ')')) {
      core_log(abi::l_err, "pv_parse_spec", "wrong char [%c/%d] in [%.*s] at [%d (%d)]", p < all.size() ? all[p] : ' ',
               p < all.size() ? static_cast<int>(all[p]) : 0, in->len, in->s, static_cast<int>(p), 0);
      return nullptr;
    }
    auto* s = reinterpret_cast<fake_spec*>(sp);
    s->kind = pv_kind::marker;
    s->hdr_type = -1;
    s->type = static_cast<int>(s->kind) + 1000;
    s->getf = reinterpret_cast<void*>(&spec_getf_marker);
    s->magic = spec_magic;
    return in->s + p;
  }
  std::size_t n0 = p;
  while (p < all.size() && (std::isalnum(static_cast<unsigned char>(all[p])) || all[p] == '_' || all[p] == '.')) ++p;
  std::string_view name = all.substr(n0, p - n0);
  if (name.empty()) {
    core_log(abi::l_err, "pv_parse_spec", "invalid pvar name <%.*s>", in->len, in->s);
    return nullptr;
  }
  const pv_def* def = nullptr;
  for (auto& d : pv_defs)
    if (d.name == name) def = &d;
  if (!def) {
    if (const abi::pv_export* pte = find_module_pv(name)) return parse_module_spec(in, all, p, paren, pte, sp);
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
    core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" needs a name in parentheses", static_cast<int>(name.size()),
             name.data());
    return nullptr;
  }
  if (!def->needs_inner && !inner.empty()) {
    core_log(abi::l_err, "pv_parse_spec", "pvar \"%.*s\" does not take a name", static_cast<int>(name.size()),
             name.data());
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
          core_log(abi::l_err, "pv_parse_spec",
                   "modsdk fake core: only integer or * indexes are implemented, not <%.*s>",
                   static_cast<int>(ix.size()), ix.data());
          return nullptr;
        }
        s->idx_type = idx_kind::number;
        s->idx = v;
      }
      p = close + 1;
    }
    while (p < all.size() && all[p] == '{') {
      const auto close = all.find('}', p);
      const std::string_view tr = all.substr(p + 1, close == std::string_view::npos ? 0 : close - p - 1);
      const trans_kind* known = nullptr;
      for (auto& [n, k] : trans_names)
        if (n == tr) known = &k;
      const int pos = known || s->trans_n == sizeof s->trans || close == std::string_view::npos
                          ? -2
                          : parse_module_trans(tr, in, sp);  // a loaded module's class
      if (pos == -1) return nullptr;
      if ((!known && pos < 0) || s->trans_n == sizeof s->trans) {
        core_log(abi::l_err, "pv_parse_spec",
                 "modsdk fake core: transformation {%.*s} is not implemented (it knows {s.int} {s.len} {s.tolower} "
                 "{s.toupper} and the loaded modules' classes, up to 7 per spec) in <%.*s>",
                 static_cast<int>(tr.size()), tr.data(), in->len, in->s);
        return nullptr;
      }
      s->trans[s->trans_n++] = known ? static_cast<std::uint8_t>(*known) : static_cast<std::uint8_t>(0x80 | pos);
      p = close + 1;
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

/// parse_spec_once, and a failed spec's module transformations freed (the core frees the spec it failed).
inline char* parse_spec(const abi::str* in, abi::pv_spec* sp) noexcept {
  char* end = parse_spec_once(in, sp);
  if (!end && sp) free_spec_trans(sp);
  return end;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: specs ------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
char* pv_parse_spec(const str* in, pv_spec* sp) { return testing::detail::parse_spec(in, sp); }
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
