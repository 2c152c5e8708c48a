// SPDX-License-Identifier: MIT
// Test kit fake core: the loaded modules' transformations (transformations.c: parse_transformation for a
// module class, run_transformations, free_transformation), used by the fake's spec parser for
// `$(var{class.op,params})`. A spec keeps its chain of module transformations where 3.4's pv_spec_t keeps
// `trans` (offset 96), inside the fake's spec.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/trans.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

inline constexpr std::size_t spec_trans_offset = 96;
static_assert(spec_trans_offset + sizeof(void*) <= 104, "the chain must fit the smallest core pv_spec_t");

/// Where a spec keeps its chain of module transformations.
inline abi::trans*& spec_trans(void* sp) noexcept {
  return *reinterpret_cast<abi::trans**>(static_cast<char*>(sp) + spec_trans_offset);  // NOLINT(*-reinterpret-cast)
}

/// The trans_export_t of a loaded module's class (case-insensitive, as the core compares), or nullptr.
inline const abi::trans_export* find_module_trans(std::string_view cls) noexcept {
  for (const abi::module_exports* m : st().modules)
    for (const abi::trans_export* e = m ? m->trans : nullptr; e && e->name.s; ++e) {
      if (static_cast<std::size_t>(e->name.len) != cls.size()) continue;
      bool same = true;
      for (std::size_t i = 0; same && i < cls.size(); ++i) same = (e->name.s[i] | 0x20) == (cls[i] | 0x20);
      if (same) return e;
    }
  return nullptr;
}

inline void free_spec_trans(void* sp) noexcept;

/// mirrors transformations.c:free_transformation()/free_tr_param() for a chain the fake parsed: a
/// TR_PARAM_SPEC node's spec goes through pv_spec_free (its transformations, then the spec's pkg block).
inline void free_trans_chain(abi::trans* t) noexcept {
  while (t) {
    abi::trans* next = t->next;
    for (abi::tr_param* p = t->params; p;) {
      abi::tr_param* n = p->next;
      if (p->type == abi::tr_param_spec && p->v.data) {
        free_spec_trans(p->v.data);
        counted_pkg_free(p->v.data, "pv_spec_free");
      }
      counted_pkg_free(p, "free_tr_param");
      p = n;
    }
    counted_pkg_free(t, "free_transformation");
    t = next;
  }
}
/// Frees the module transformations of a spec the fake parsed (the fake's stand-in for pv_spec_free).
inline void free_spec_trans(void* sp) noexcept {
  if (!sp) return;
  free_trans_chain(spec_trans(sp));
  spec_trans(sp) = nullptr;
}

/// mirrors the module-class part of transformations.c:parse_transformation() for `tr` (the text between
/// the braces), appended to the spec's chain. Returns its position in the chain, or -1 (logged as the core
/// logs it) when the class is not a loaded module's or its parse_func refuses the rest.
inline int parse_module_trans(std::string_view tr, const abi::str* in, void* sp) noexcept {
  const std::size_t dot = tr.find('.');
  if (dot == std::string_view::npos || dot == 0) {
    core_log(abi::l_err, "parse_transformation", "invalid transformation: %.*s", in->len, in->s);
    return -1;
  }
  const std::string_view cls = tr.substr(0, dot);
  const abi::trans_export* e = find_module_trans(cls);
  if (!e) return -2;  // not a module's: the caller reports it with the classes it knows
  auto* t = static_cast<abi::trans*>(counted_pkg_malloc(sizeof(abi::trans), "parse_transformation"));
  if (!t) return -1;
  std::memset(t, 0, sizeof *t);
  t->trf = reinterpret_cast<int (*)(abi::sip_msg*, abi::tr_param*, int, abi::pv_value*)>(e->eval_func);  // NOLINT
  abi::str rest{const_cast<char*>(tr.data() + dot + 1), static_cast<int>(tr.size() - dot - 1)};          // NOLINT
  int pos = 0;
  abi::trans** tail = &spec_trans(sp);
  for (; *tail; tail = &(*tail)->next) ++pos;
  *tail = t;
  if (e->parse_func(&rest, t) < 0) {
    core_log(abi::l_err, "parse_transformation", "error parsing [%.*s]", in->len, in->s);
    core_log(abi::l_err, "pv_parse_spec", "ERROR:bad tr in pvar name \"%.*s\"", in->len, in->s);
    return -1;
  }
  return pos;
}

/// mirrors transformations.c:run_transformations() for one module transformation of the chain: false
/// when it failed (pv_get_spec_value then gives NULL).
inline bool run_module_trans(void* sp, int pos, abi::sip_msg* msg, abi::pv_value* v) noexcept {
  abi::trans* t = spec_trans(sp);
  for (int i = 0; t && i < pos; ++i) t = t->next;
  return t && t->trf && t->trf(msg, t->params, t->subtype, v) == 0;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
