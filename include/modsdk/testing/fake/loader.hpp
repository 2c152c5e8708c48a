// SPDX-License-Identifier: MIT
// Test kit fake core: the loader (sr_module.c: version_control, sr_load_module) and a loaded module.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <dlfcn.h>
#include <modsdk/config.hpp>

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mod_fix.hpp>
#include <modsdk/testing/fake/pv_module.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

struct stat_slot {
  std::string name;
  abi::stat_var_layout var{};
  unsigned long counter = 0;
  bool is_func = false;
  abi::stat_function fn = nullptr;
};
struct mi_cmd_entry {
  std::string full, bare;
  std::vector<std::string> aliases;
  unsigned flags = 0;
  const void* recipes = nullptr;  // profile_abi::mi_export::recipes
};

template <class MiExport>
void add_mi_aliases(mi_cmd_entry& e, const MiExport& m) {
  if constexpr (requires { m.aliases; })  // 4.0+: up to 3 aliases, NULL-terminated
    for (int i = 0; i < 3 && m.aliases[i]; ++i) e.aliases.emplace_back(m.aliases[i]);
}

struct host_state {
  const abi::module_exports* exp = nullptr;
  void* dl = nullptr;
  bool loaded = false, init_done = false, destroyed = false;
  std::string error;
  std::vector<std::shared_ptr<call_state>> calls;
  std::deque<stat_slot> stats;
  std::vector<mi_cmd_entry> mi_cmds;
  std::deque<std::string> kept;  // modparam strings handed to callbacks (the parser's copies)

  ~host_state() {
    for (auto& c : calls) c->host = nullptr;
    if (loaded) unregister_module(exp);
    if (dl) ::dlclose(dl);
  }
};

/// mirrors sr_module.c:version_control(); returns the first mismatch, or an empty string.
inline std::string version_mismatch(const abi::module_exports& e, const char* path) {
  const char* hint = "(try `make clean all modules' and reinstall everything)";
  auto& s = st();
  if (!e.ver_info.version) return fmt_text("BUG - version not defined in module <%s>", path);
  if (!e.ver_info.compile_flags) return fmt_text("BUG - compile flags not defined in module <%s>", path);
  if (!e.ver_info.scm.type)
    return fmt_text("BUG - version control system type not defined in module <%s> %s", path, hint);
  if (!e.ver_info.scm.rev)
    return fmt_text("BUG - version control system revision not defined in module <%s> %s", path, hint);
  if (s.version != e.ver_info.version)
    return fmt_text("module version mismatch for %s; core: %s; module: %s", e.name, s.version.c_str(),
                    e.ver_info.version);
  if (s.flags != e.ver_info.compile_flags)
    return fmt_text("module compile flags mismatch for %s  \ncore: %s \nmodule: %s", e.name, s.flags.c_str(),
                    e.ver_info.compile_flags);
  if (s.scm_type != e.ver_info.scm.type)
    return fmt_text("module version control system type mismatch for %s  \ncore: %s \nmodule: %s %s", e.name,
                    s.scm_type.c_str(), e.ver_info.scm.type, hint);
  // 3.4.16+/3.5.9+/3.6.3+/4.0: compare the common prefix only (an empty module revision always passes)
  std::size_t n = std::min(s.scm_rev.size(), std::strlen(e.ver_info.scm.rev));
  if (s.scm_rev.compare(0, n, e.ver_info.scm.rev, n) != 0)
    return fmt_text("module version control system revision mismatch for %s  \ncore: %s \nmodule: %s %s", e.name,
                    s.scm_rev.c_str(), e.ver_info.scm.rev, hint);
  return {};
}

inline void load_into(host_state& h, const abi::module_exports* e, const char* path) {
  h.exp = e;
  auto& mods = st().modules;
  if (std::find(mods.begin(), mods.end(), e) != mods.end()) {
    h.error = fmt_text("attempting to load the same module twice (%s)", path);
    core_log(abi::l_warn, "sr_load_module", "%s", h.error.c_str());
    h.exp = nullptr;
    return;
  }
  if (auto why = version_mismatch(*e, path); !why.empty()) {
    h.error = why;  // the core exits(1) here
    core_log(abi::l_crit, "version_control", "%s", why.c_str());
    return;
  }
  if (e->load_f && e->load_f() < 0) {
    h.error = fmt_text("could not initialize module %s", path);
    core_log(abi::l_err, "sr_load_module", "%s", h.error.c_str());
    return;
  }
  register_module_pvs(*e);
  mods.push_back(e);
  h.loaded = true;
}

}  // namespace detail
}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
