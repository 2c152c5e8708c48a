// SPDX-License-Identifier: MIT
// Test kit fake core: modparam for one loaded module (modparam.c: set_mod_param_regex).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/loader.hpp>
#include <modsdk/testing/host.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

namespace detail {
/// mirrors modparam.c:set_mod_param_regex() for this module, and cfg.y's error for any failure.
inline result set_param(host_state& h, std::string_view name_in, abi::modparam_t type, void* val) {
  if (!h.loaded) return {false, "module not loaded: " + h.error};
  std::string name(name_in);
  const char* mod = h.exp->name;
  auto cant_set = [&]() {
    std::string t = fmt_text("Parameter <%s> not found in module <%s> - can't set", name.c_str(), mod);
    core_log(abi::l_crit, "yyerror", "%s", t.c_str());  // cfg.y logs it at L_CRIT
    return result{false, t};
  };
  bool found = false;
  for (const abi::param_export* p = h.exp->params; p && p->name; ++p) {
    if (name != p->name) continue;
    found = true;
    if (!((p->type & ~abi::use_func_param) & type)) continue;
    if (p->type & abi::use_func_param) {
      if (reinterpret_cast<abi::param_function>(p->param_pointer)(type, val) < 0) return cant_set();
    } else if (type == abi::str_param) {
      // libc strdup, never freed (the module may keep pointing at it after this host is gone)
      char* copy = ::strdup(static_cast<const char*>(val));
      st().strdups.push_back(copy);
      *static_cast<char**>(p->param_pointer) = copy;
    } else {
      *static_cast<int*>(p->param_pointer) = static_cast<int>(reinterpret_cast<long>(val));
    }
    return {true, {}};
  }
  if (found)
    core_log(abi::l_err, "set_mod_param_regex", "type mismatch for parameter <%s> in module <%s>", name.c_str(), mod);
  else
    core_log(abi::l_err, "set_mod_param_regex", "parameter <%s> not found in module <%s>", name.c_str(), mod);
  return cant_set();
}
}  // namespace detail

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
