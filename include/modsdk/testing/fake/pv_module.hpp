// SPDX-License-Identifier: MIT
// Test kit fake core: what a module's own pseudo-variables use of the core (pvar.c: register_pvars_mod's
// checks, pv_parse_index, pv_get_spec_index, pv_get_null, pv_get_sintval, pv_get_strval).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstring>
#include <deque>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/pv_spec.hpp>
#include <modsdk/testing/fake/pv_value.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

/// mirrors pvar.c:register_pvars_mod() / pv_add_extra(): each name checked and logged when refused (an
/// invalid character, a name another module registered first); the module loads anyway, as in the core.
inline void register_module_pvs(const abi::module_exports& e) noexcept {
  for (const abi::pv_export* x = e.items; x && x->name.s; ++x) {
    const std::string_view n(x->name.s, static_cast<std::size_t>(x->name.len));
    bool refused = false;
    if (!module_pv_name_ok(*x)) {
      core_log(abi::l_err, "pv_add_extra", "invalid char in [%.*s]", x->name.len, x->name.s);
      refused = true;
    } else {
      for (const abi::module_exports* m : st().modules)
        for (const abi::pv_export* y = m->items; !refused && y && y->name.s; ++y)
          if (module_pv_name_ok(*y) && std::string_view(y->name.s, static_cast<std::size_t>(y->name.len)) == n) {
            core_log(abi::l_err, "pv_add_extra", "pvar [%.*s] already exists", x->name.len, x->name.s);
            refused = true;
          }
    }
    if (refused)
      core_log(abi::l_err, "register_pvars_mod", "failed to register pseudo-variable <%.*s> for module %s", x->name.len,
               x->name.s, e.name);
  }
}

/// Specs of variable indexes (`[$var(i)]`): the core keeps them in pkg memory for the life of the cfg.
struct alignas(16) index_spec_buf {
  unsigned char b[MODSDK_PV_SPEC_STORAGE];
};
inline unsigned char* new_index_spec() {
  static std::deque<index_spec_buf> kept;
  return kept.emplace_back().b;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: what module variables use ------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
// mirrors pvar.c:pv_parse_index(): "$spec" (PV_IDX_PVAR), "*" (PV_IDX_ALL), an optionally negative integer.
int pv_parse_index(pv_spec* sp, const str* in) {
  namespace d = testing::detail;
  if (!sp || !in || !in->s || in->len <= 0) return -1;
  auto* h = reinterpret_cast<pv_spec_head*>(sp);
  const std::string_view t(in->s, static_cast<std::size_t>(in->len));
  if (t[0] == '$') {
    unsigned char* nsp = nullptr;
    try {
      nsp = d::new_index_spec();
    } catch (...) {
      return -1;
    }
    if (!pv_parse_spec(in, reinterpret_cast<pv_spec*>(nsp))) {
      d::core_log(l_err, "pv_parse_index", "invalid index [%.*s]", in->len, in->s);
      return -1;
    }
    h->pvp.pvi.type = pv_idx_pvar;
    h->pvp.pvi.u.dval = nsp;
    return 0;
  }
  if (t == "*") {
    h->pvp.pvi.type = pv_idx_all;
    return 0;
  }
  std::size_t i = t[0] == '-' ? 1 : 0;
  long long v = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) v = v * 10 + (t[i] - '0');
  if (i != t.size()) {
    d::core_log(l_err, "pv_parse_index", "invalid index [%.*s]", in->len, in->s);
    return -1;
  }
  h->pvp.pvi.u.ival = static_cast<int>(t[0] == '-' ? -v : v);
  h->pvp.pvi.type = pv_idx_int;
  return 0;
}

// mirrors pvar.c:pv_get_spec_index(): a variable index must read as an int.
int pv_get_spec_index(sip_msg* msg, pv_param* ip, int* idx, int* flags) {
  if (!ip || !idx || !flags) return -1;
  *idx = 0;
  *flags = ip->pvi.type;
  if (ip->pvi.type == 0 || ip->pvi.type == pv_idx_all || ip->pvi.type == pv_idx_append) return 0;
  if (ip->pvi.type == pv_idx_int) {
    *idx = ip->pvi.u.ival;
    return 0;
  }
  pv_value tv{};
  if (pv_get_spec_value(msg, static_cast<pv_spec*>(ip->pvi.u.dval), &tv) != 0) {
    testing::detail::core_log(l_err, "pv_get_spec_index", "cannot get index value");
    return -1;
  }
  if (!(tv.flags & pv_val_int)) {
    testing::detail::core_log(l_err, "pv_get_spec_index", "invalid index value");
    return -1;
  }
  *idx = tv.ri;
  return 0;
}

int pv_get_null(sip_msg*, pv_param*, pv_value* res) { return res ? testing::detail::set_null(res) : -1; }
int pv_get_sintval(sip_msg*, pv_param*, pv_value* res, int sival) {
  return res ? testing::detail::set_int(res, sival) : -1;
}
int pv_get_strval(sip_msg*, pv_param*, pv_value* res, str* sval) {
  if (!res || !sval) return -1;
  res->rs = *sval;
  res->flags = pv_val_str;
  return 0;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
