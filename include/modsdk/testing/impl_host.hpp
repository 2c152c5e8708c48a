// SPDX-License-Identifier: MIT
// Test kit implementation, part 3: the module list (find_export, the fake sl/signaling modules), the MI
// tree and the host (loader, modparam, lifecycle, script calls, MI, stats). Emitted once per program;
// never include directly.
#pragma once
#include <dlfcn.h>
#include <regex.h>

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <modsdk/detail/json.hpp>
#include <modsdk/testing/host.hpp>
#include <modsdk/testing/impl_core.hpp>
#include <modsdk/testing/impl_msg.hpp>

namespace modsdk::inline v0::testing::detail {

// ---- fake stock modules: sl (load_sl) and signaling (load_sig) --------------------------------------
inline int fake_sl_reply(abi::sip_msg* msg, int code, const abi::str* reason, abi::str* totag) {
  // mirrors sl_send_reply_helper(): an ACK is never answered (returns 1 without sending)
  auto* d = data_of(msg, "sl_send_reply");
  if (!d) return -1;
  auto& fl = reinterpret_cast<fake_msg*>(msg)->prefix.first_line;
  if (fl.type != abi::sip_request) {
    core_log(abi::l_err, "sl_send_reply", "modsdk fake core: cannot send a stateless reply to a reply");
    return -1;
  }
  if (fl.value == 4) return 1;
  try {
    sl_reply r;
    r.code = code;
    if (reason && reason->s) r.reason.assign(reason->s, static_cast<std::size_t>(reason->len));
    if (totag && totag->s) r.to_tag.assign(totag->s, static_cast<std::size_t>(totag->len));
    st().replies.push_back(std::move(r));
  } catch (...) {
    return -1;
  }
  return 1;
}
inline char g_fake_totag[] = "fake-totag-1";
inline int fake_sl_gen_totag(abi::sip_msg*, abi::str* totag) {
  if (totag) *totag = {g_fake_totag, static_cast<int>(sizeof g_fake_totag - 1)};
  return 1;
}
inline int fake_load_binds(abi::sl_binds* b) {
  if (!b) return -1;
  b->reply = &fake_sl_reply;
  b->gen_totag = &fake_sl_gen_totag;
  return 1;
}

struct fake_stock_module {
  abi::cmd_export cmds[2];
  abi::module_exports exp;
};
inline fake_stock_module& fake_stock(bool sig) {
  static fake_stock_module m[2];
  static bool built = false;
  if (!built) {
    for (int i = 0; i < 2; ++i) {
      m[i].cmds[0].name = i ? "load_sig" : "load_sl";
      m[i].cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_load_binds));
      m[i].cmds[0].flags = 0;
      m[i].exp.name = i ? "signaling" : "sl";
      m[i].exp.type = abi::mod_type_default;
      m[i].exp.cmds = m[i].cmds;
    }
    built = true;
  }
  return m[sig ? 1 : 0];
}

inline void unregister_module(const abi::module_exports* e) noexcept {
  auto& v = st().modules;
  v.erase(std::remove(v.begin(), v.end(), e), v.end());
}

/// mirrors sr_module.c:find_mod_cmd_export_t(): newest module first, first name match whose route flags
/// contain `flags`.
inline const abi::cmd_export* find_cmd(const char* name, int flags, const char* module = nullptr) noexcept {
  auto& v = st().modules;
  for (auto it = v.rbegin(); it != v.rend(); ++it) {
    if (module && std::strcmp((*it)->name, module) != 0) continue;
    for (const abi::cmd_export* c = (*it)->cmds; c && c->name; ++c)
      if (std::strcmp(name, c->name) == 0 && (c->flags & flags) == flags) return c;
  }
  return nullptr;
}
inline const abi::acmd_export* find_acmd(const char* name) noexcept {
  auto& v = st().modules;
  for (auto it = v.rbegin(); it != v.rend(); ++it)
    for (const abi::acmd_export* c = (*it)->acmds; c && c->name; ++c)
      if (std::strcmp(name, c->name) == 0) return c;
  return nullptr;
}

// ---- MI: an in-memory JSON tree ---------------------------------------------------------------------
struct mi_node {
  enum kind_t { object, array, string, number, boolean, null, error } kind = null;
  std::string name;
  std::string s;
  double num = 0;
  bool b = false;
  int code = 0;
  std::string message, details;
  std::vector<std::unique_ptr<mi_node>> kids;
};
inline mi_node* node(abi::mi_item* i) noexcept { return reinterpret_cast<mi_node*>(i); }
inline abi::mi_item* item(mi_node* n) noexcept { return reinterpret_cast<abi::mi_item*>(n); }

inline abi::mi_item* add_child(abi::mi_item* to, const char* name, int name_len, mi_node::kind_t k) noexcept {
  auto* parent = node(to);
  if (!parent || (parent->kind != mi_node::object && parent->kind != mi_node::array)) return nullptr;
  try {
    auto n = std::make_unique<mi_node>();
    n->kind = k;
    if (parent->kind == mi_node::object && name) n->name.assign(name, static_cast<std::size_t>(std::max(name_len, 0)));
    parent->kids.push_back(std::move(n));
    return item(parent->kids.back().get());
  } catch (...) {
    return nullptr;
  }
}

using ::modsdk::detail::json_escape;
inline void render(std::string& out, const mi_node& n) {
  switch (n.kind) {
    case mi_node::object:
    case mi_node::array: {
      const bool obj = n.kind == mi_node::object;
      out += obj ? '{' : '[';
      bool first = true;
      for (auto& k : n.kids) {
        if (!first) out += ',';
        first = false;
        if (obj) {
          json_escape(out, k->name);
          out += ':';
        }
        render(out, *k);
      }
      out += obj ? '}' : ']';
      break;
    }
    case mi_node::string: json_escape(out, n.s); break;
    case mi_node::number: {
      char b[40];
      if (std::nearbyint(n.num) == n.num && std::fabs(n.num) < 1e15) std::snprintf(b, sizeof b, "%lld", static_cast<long long>(n.num));
      else std::snprintf(b, sizeof b, "%.17g", n.num);
      out += b;
      break;
    }
    case mi_node::boolean: out += n.b ? "true" : "false"; break;
    case mi_node::null: out += "null"; break;
    case mi_node::error:
      out += "{\"code\":" + std::to_string(n.code) + ",\"message\":";
      json_escape(out, n.message);
      if (!n.details.empty()) {
        out += ",\"data\":";
        json_escape(out, n.details);
      }
      out += '}';
      break;
  }
}

inline abi::mi_item* new_root(mi_node::kind_t k) noexcept {
  try {
    auto* n = new mi_node();
    n->kind = k;
    return item(n);
  } catch (...) {
    return nullptr;
  }
}
inline abi::mi_item* error_response(int code, std::string_view msg, std::string_view details) noexcept {
  auto* r = new_root(mi_node::error);
  if (!r) return nullptr;
  try {
    node(r)->code = code;
    node(r)->message = msg;
    node(r)->details = details;
  } catch (...) {
  }
  return r;
}

/// mirrors mi/item.c:_get_mi_param(): by name in an object, by the recipe's position in an array.
inline mi_node* mi_param(const abi::mi_params_t* params, const char* name) noexcept {
  auto* p = reinterpret_cast<const abi::mi_params_layout*>(params);
  if (!p || !p->item || !name) return nullptr;
  auto* n = node(p->item);
  if (n->kind == mi_node::object) {
    for (auto& k : n->kids)
      if (k->name == name) return k.get();
    return nullptr;
  }
  if (n->kind == mi_node::array && p->list) {
    for (std::size_t i = 0; p->list[i]; ++i)
      if (std::strcmp(p->list[i], name) == 0) return i < n->kids.size() ? n->kids[i].get() : nullptr;
  }
  return nullptr;
}

inline constexpr int mi_param_err_missing = -1, mi_param_err_bad_type = -2;

}  // namespace modsdk::inline v0::testing::detail

// ---- the core symbols: other modules and MI ---------------------------------------------------------
namespace modsdk::inline v0::abi {
extern "C" {

// mirrors sr_module.c:find_export(): module cmds only (not the core's own functions).
cmd_function find_export(const char* name, int flags) {
  if (!name) return nullptr;
  const cmd_export* c = testing::detail::find_cmd(name, flags);
  if (!c) testing::detail::core_log(l_dbg, "find_export", "<%s> not found", name);
  return c ? c->function : nullptr;
}
cmd_function find_mod_export(const char* mod, const char* name, int flags) {
  if (!mod || !name) return nullptr;
  const cmd_export* c = testing::detail::find_cmd(name, flags, mod);
  if (!c) testing::detail::core_log(l_dbg, "find_mod_export", "<%s> in module %s not found", name, mod);
  return c ? c->function : nullptr;
}

mi_response* init_mi_result_object(mi_item** obj_out) {
  auto* r = testing::detail::new_root(testing::detail::mi_node::object);
  if (obj_out) *obj_out = r;
  return r;
}
mi_response* init_mi_result_array(mi_item** arr_out) {
  auto* r = testing::detail::new_root(testing::detail::mi_node::array);
  if (arr_out) *arr_out = r;
  return r;
}
mi_response* init_mi_result_string(const char* value, int len) {
  auto* r = testing::detail::new_root(testing::detail::mi_node::string);
  if (r && value) testing::detail::node(r)->s.assign(value, static_cast<std::size_t>(std::max(len, 0)));
  return r;
}
mi_response* init_mi_result_number(double value) {
  auto* r = testing::detail::new_root(testing::detail::mi_node::number);
  if (r) testing::detail::node(r)->num = value;
  return r;
}
mi_response* init_mi_result_bool(int value) {
  auto* r = testing::detail::new_root(testing::detail::mi_node::boolean);
  if (r) testing::detail::node(r)->b = value != 0;
  return r;
}
mi_response* init_mi_result_null() { return testing::detail::new_root(testing::detail::mi_node::null); }
mi_response* init_mi_error_extra(int code, const char* msg, int msg_len, const char* details, int details_len) {
  return testing::detail::error_response(
      code, msg ? std::string_view(msg, static_cast<std::size_t>(std::max(msg_len, 0))) : std::string_view{},
      details ? std::string_view(details, static_cast<std::size_t>(std::max(details_len, 0))) : std::string_view{});
}
void free_mi_response(mi_response* response) { delete testing::detail::node(response); }
mi_item* add_mi_object(mi_item* to, char* name, int name_len) {
  return testing::detail::add_child(to, name, name_len, testing::detail::mi_node::object);
}
mi_item* add_mi_array(mi_item* to, char* name, int name_len) {
  return testing::detail::add_child(to, name, name_len, testing::detail::mi_node::array);
}
int add_mi_string(mi_item* to, char* name, int name_len, const char* value, int value_len) {
  auto* i = testing::detail::add_child(to, name, name_len, testing::detail::mi_node::string);
  if (!i) return -1;
  if (value) testing::detail::node(i)->s.assign(value, static_cast<std::size_t>(std::max(value_len, 0)));
  return 0;
}
int add_mi_number(mi_item* to, char* name, int name_len, double value) {
  auto* i = testing::detail::add_child(to, name, name_len, testing::detail::mi_node::number);
  if (!i) return -1;
  testing::detail::node(i)->num = value;
  return 0;
}
int add_mi_bool(mi_item* to, char* name, int name_len, int value) {
  auto* i = testing::detail::add_child(to, name, name_len, testing::detail::mi_node::boolean);
  if (!i) return -1;
  testing::detail::node(i)->b = value != 0;
  return 0;
}
int add_mi_null(mi_item* to, char* name, int name_len) {
  return testing::detail::add_child(to, name, name_len, testing::detail::mi_node::null) ? 0 : -1;
}
// mirrors mi/item.c:try_get_mi_string_param(): strings as they are, numbers as decimal text.
int try_get_mi_string_param(const mi_params_t* params, char* name, char** value, int* len) {
  namespace d = testing::detail;
  auto* p = d::mi_param(params, name);
  if (!p) return d::mi_param_err_missing;
  if (p->kind == d::mi_node::string) {
    *value = p->s.data();
    *len = static_cast<int>(p->s.size());
    return 0;
  }
  if (p->kind == d::mi_node::number) {
    *value = d::int_text(static_cast<long long>(p->num), len);
    return 0;
  }
  return d::mi_param_err_bad_type;
}
// mirrors mi/item.c:try_get_mi_int_param(): numbers, or strings holding a signed integer.
int try_get_mi_int_param(const mi_params_t* params, char* name, int* value) {
  namespace d = testing::detail;
  auto* p = d::mi_param(params, name);
  if (!p) return d::mi_param_err_missing;
  if (p->kind == d::mi_node::number) {
    *value = static_cast<int>(p->num);
    return 0;
  }
  if (p->kind == d::mi_node::string) {
    int v = 0;
    auto [e, ec] = std::from_chars(p->s.data(), p->s.data() + p->s.size(), v);
    if (ec != std::errc{} || e != p->s.data() + p->s.size() || p->s.empty()) return d::mi_param_err_bad_type;
    *value = v;
    return 0;
  }
  return d::mi_param_err_bad_type;
}

}  // extern "C"
}  // namespace modsdk::inline v0::abi

// ---- the host ------------------------------------------------------------------------------------------
namespace modsdk::inline v0::testing {

std::string render_mi(const abi::mi_item* response) {
  std::string out;
  if (response) detail::render(out, *reinterpret_cast<const detail::mi_node*>(response));
  return out;
}

bool fake_core::load_module(std::string_view name) {
  auto& s = detail::st();
  bool sig;
  if (name == "sl") sig = false;
  else if (name == "signaling") sig = true;
  else return false;
  bool& flag = sig ? s.sig_loaded : s.sl_loaded;
  if (!flag) s.modules.push_back(&detail::fake_stock(sig).exp);
  flag = true;
  return true;
}
bool fake_core::module_loaded(std::string_view name) const noexcept {
  for (auto* e : detail::st().modules)
    if (e->name && name == e->name) return true;
  return false;
}
const std::vector<sl_reply>& fake_core::replies() const noexcept { return detail::st().replies; }

void fake_core::reset() {
  auto& s = detail::st();
  clear_logs();
  s.vars.clear();
  s.avps.clear();
  detail::unregister_module(&detail::fake_stock(false).exp);
  detail::unregister_module(&detail::fake_stock(true).exp);
  s.sl_loaded = s.sig_loaded = false;
  s.replies.clear();
  s.abort_on_bad_free = true;
  s.bad_frees = 0;
  *abi::log_level = abi::l_dbg;
  abi::async_status = 0;
  set_target(std::string(target.version), std::string(target.flags));
}
void fake_core::clear_replies() noexcept { detail::st().replies.clear(); }

namespace detail {

// Script elements (route_struct.h) and generic parameters (mod_fix.h), in the fake's own form.
enum class elem_type { nosubtype, number, string, scriptvar, nullv };
struct element {
  elem_type type = elem_type::nosubtype;
  long number = 0;
  std::string text;  // NUL-terminated literal (the parser's pkg copy)
  abi::str s{};
  alignas(16) unsigned char spec[MODSDK_PV_SPEC_STORAGE]{};
};
enum class gp_type { val, fixup, pvs, pve };
struct gparam {
  gp_type type = gp_type::val;
  void* pval = nullptr;
  int ival = 0;
  abi::str sval{};
};

struct host_state;
struct call_state {
  host_state* host = nullptr;
  std::string name;
  bool async = false;
  const abi::cmd_param* params = nullptr;
  abi::cmd_function fn = nullptr;
  abi::acmd_function afn = nullptr;
  int nargs = 0;
  element el[abi::max_cmd_params + 1];
  gparam* gp[abi::max_cmd_params + 1]{};
  std::vector<std::unique_ptr<gparam>> owned;
  std::vector<fake_elem*> formats;
  std::vector<regex_t*> regexes;
  bool parsed = false, fixed = false;
  std::string error;

  ~call_state() { release(); }
  void release() noexcept {
    for (auto* f : formats) free_format(f);
    formats.clear();
    for (auto* r : regexes) {
      regfree(r);
      delete r;
    }
    regexes.clear();
  }
  bool ok() const noexcept { return parsed && fixed && error.empty(); }
};

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

inline std::string fmt_text(const char* f, ...) __attribute__((format(printf, 1, 2)));
inline std::string fmt_text(const char* f, ...) {
  va_list ap;
  va_start(ap, f);
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, f, ap);
  va_end(ap);
  std::string s(n > 0 ? std::size_t(n) : 0, '\0');
  if (n > 0) std::vsnprintf(s.data(), s.size() + 1, f, ap2);
  va_end(ap2);
  return s;
}

/// Logs an error in the core's words and returns it as a failed result.
inline result fail(int level, const char* func, std::string text) {
  core_log(level, func, "%s", text.c_str());
  return result{false, std::move(text)};
}

/// mirrors sr_module.c:version_control(); returns the first mismatch, or an empty string.
inline std::string version_mismatch(const abi::module_exports& e, const char* path) {
  const char* hint = "(try `make clean all modules' and reinstall everything)";
  auto& s = st();
  if (!e.ver_info.version) return fmt_text("BUG - version not defined in module <%s>", path);
  if (!e.ver_info.compile_flags) return fmt_text("BUG - compile flags not defined in module <%s>", path);
  if (!e.ver_info.scm.type) return fmt_text("BUG - version control system type not defined in module <%s> %s", path, hint);
  if (!e.ver_info.scm.rev) return fmt_text("BUG - version control system revision not defined in module <%s> %s", path, hint);
  if (s.version != e.ver_info.version)
    return fmt_text("module version mismatch for %s; core: %s; module: %s", e.name, s.version.c_str(), e.ver_info.version);
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
  mods.push_back(e);
  h.loaded = true;
}

/// mirrors mod_fix.c:fixup_regcomp().
inline int compile_regex(call_state& c, regex_t** out, const char* text) {
  auto* re = new regex_t;
  if (regcomp(re, text, REG_EXTENDED | REG_ICASE | REG_NEWLINE)) {
    core_log(abi::l_err, "fixup_regcomp", "bad re %s", text);
    delete re;
    return abi::e_bad_re;
  }
  c.regexes.push_back(re);
  *out = re;
  return 0;
}

/// mirrors mod_fix.c:fix_cmd(): the startup fixup of every parameter. Returns 0 or an E_* code, with
/// c.error set to the core's message.
inline int fix_cmd(call_state& c) {
  int i = 1;
  auto err = [&](int code, std::string text) {
    core_log(abi::l_err, "fix_cmd", "%s", text.c_str());
    c.error = std::move(text);
    return code;
  };
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    element& e = c.el[i];
    c.gp[i] = nullptr;
    if (e.type == elem_type::nosubtype || e.type == elem_type::nullv) {
      if (!(p->flags & abi::cmd_param_opt)) return err(abi::e_bug, "Mandatory parameter missing");
      if (p->fixup && (p->flags & abi::cmd_param_fix_null)) {
        void* h = nullptr;
        if (p->fixup(&h) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
        if (h) {
          c.owned.push_back(std::make_unique<gparam>());
          c.gp[i] = c.owned.back().get();
          c.gp[i]->type = gp_type::fixup;
          c.gp[i]->pval = h;
        }
      }
      continue;
    }
    // action.c keeps per-call values in an array indexed 1..7: an 8th INT/STR (or REGEX-from-variable)
    // value is written past its end on every call. Refuse it loudly rather than pass where the core breaks.
    if (i == abi::max_cmd_params &&
        ((p->flags & (abi::cmd_param_int | abi::cmd_param_str)) ||
         ((p->flags & abi::cmd_param_regex) && e.type == elem_type::scriptvar)))
      return err(abi::e_bug, fmt_text("modsdk fake core: parameter [8] of <%s> is an INT/STR/REGEX value: the core's "
                                      "per-call array overflows on it (at most 7 such parameters)", c.name.c_str()));
    c.owned.push_back(std::make_unique<gparam>());
    gparam* gp = c.gp[i] = c.owned.back().get();
    if (p->flags & abi::cmd_param_int) {
      if (e.type == elem_type::number) {
        gp->ival = static_cast<int>(e.number);
        gp->pval = &gp->ival;
        gp->type = gp_type::val;
        if (p->fixup) {
          void* before = gp->pval;
          if (p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          if (before != gp->pval) gp->type = gp_type::fixup;
        }
      } else if (e.type == elem_type::scriptvar) {
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be an integer or variable", i));
      }
    } else if (p->flags & abi::cmd_param_str) {
      if (e.type == elem_type::string) {
        fake_elem* pve = nullptr;
        if (!(p->flags & abi::cmd_param_no_expand) && parse_format(&e.s, &pve, false) < 0)
          return err(abi::e_unspec, fmt_text("Failed to parse formatted string in param [%d]", i));
        if ((p->flags & abi::cmd_param_no_expand) || format_is_plain(pve)) {
          free_format(pve);
          gp->sval = e.s;
          gp->pval = &gp->sval;
          gp->type = gp_type::val;
          if (p->fixup) {
            void* before = gp->pval;
            if (p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
            if (before != gp->pval) gp->type = gp_type::fixup;
          }
        } else {
          if (p->flags & abi::cmd_param_static) {
            free_format(pve);
            return err(abi::e_cfg, fmt_text("Param [%d] does not support formatted strings", i));
          }
          c.formats.push_back(pve);
          gp->pval = pve;
          gp->type = gp_type::pve;
        }
      } else if (e.type == elem_type::scriptvar) {
        if (p->flags & abi::cmd_param_static) return err(abi::e_cfg, fmt_text("Param [%d] does not support variables", i));
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be a string or variable", i));
      }
    } else if (p->flags & abi::cmd_param_var) {
      if (e.type != elem_type::scriptvar) return err(abi::e_cfg, fmt_text("Param [%d] expected to be a variable", i));
      gp->pval = e.spec;
      if (p->fixup && p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
    } else if (p->flags & abi::cmd_param_regex) {
      if (e.type == elem_type::string) {
        regex_t* re = nullptr;
        if (int r = compile_regex(c, &re, e.text.c_str()); r < 0) {
          c.error = fmt_text("bad re %s", e.text.c_str());
          return r;
        }
        gp->pval = re;
        gp->type = gp_type::val;
        if (p->fixup && p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
      } else if (e.type == elem_type::scriptvar) {
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be a string or variable", i));
      }
    } else {
      return err(abi::e_bug, "Bad command parameter type");
    }
  }
  return 0;
}

/// mirrors mod_fix.c:get_cmd_fixups(): the per-call values. `tmp` has a slot per parameter (the core's
/// array is one short: an 8th INT/STR parameter would overflow it).
inline int get_cmd_fixups(call_state& c, abi::sip_msg* msg, void** cmdp, abi::pv_value* tmp,
                          std::vector<regex_t*>& call_regexes) {
  int i = 1;
  auto err = [&](int code, std::string text) {
    core_log(abi::l_err, "get_cmd_fixups", "%s", text.c_str());
    return code;
  };
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    gparam* gp = c.gp[i];
    if (!gp) {
      cmdp[i - 1] = nullptr;
      continue;
    }
    auto eval = [&](int need, const char* what) -> int {
      auto* spec = reinterpret_cast<abi::pv_spec*>(gp->pval);
      if (abi::pv_get_spec_value(msg, spec, &tmp[i]) != 0)
        return err(abi::e_unspec, fmt_text("Failed to get spec value in param [%d]", i));
      if ((tmp[i].flags & abi::pv_val_null) || !(tmp[i].flags & need))
        return err(abi::e_unspec, fmt_text("Variable in param [%d] is not %s", i, what));
      return 0;
    };
    if (p->flags & abi::cmd_param_int) {
      switch (gp->type) {
        case gp_type::val: tmp[i].ri = *static_cast<int*>(gp->pval); cmdp[i - 1] = &tmp[i].ri; break;
        case gp_type::fixup: cmdp[i - 1] = gp->pval; break;
        case gp_type::pvs:
          if (int r = eval(abi::pv_val_int, "an integer"); r < 0) return r;
          cmdp[i - 1] = &tmp[i].ri;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
        default: return err(abi::e_bug, "Bad type for generic parameter");
      }
    } else if (p->flags & abi::cmd_param_str) {
      switch (gp->type) {
        case gp_type::val: tmp[i].rs = *static_cast<abi::str*>(gp->pval); cmdp[i - 1] = &tmp[i].rs; break;
        case gp_type::fixup: cmdp[i - 1] = gp->pval; break;
        case gp_type::pve:
          if (abi::pv_printf_s(msg, reinterpret_cast<abi::pv_elem*>(gp->pval), &tmp[i].rs) != 0)
            return err(abi::e_unspec, fmt_text("Failed to print formatted string in param [%d]", i));
          cmdp[i - 1] = &tmp[i].rs;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
        case gp_type::pvs:
          if (int r = eval(abi::pv_val_str, "a string"); r < 0) return r;
          cmdp[i - 1] = &tmp[i].rs;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
      }
    } else if (p->flags & abi::cmd_param_var) {
      cmdp[i - 1] = gp->pval;
    } else if (p->flags & abi::cmd_param_regex) {
      switch (gp->type) {
        case gp_type::val: cmdp[i - 1] = gp->pval; break;
        case gp_type::pvs: {
          if (int r = eval(abi::pv_val_str, "a string"); r < 0) return r;
          std::string text(tmp[i].rs.s, static_cast<std::size_t>(tmp[i].rs.len));
          auto* re = new regex_t;
          if (regcomp(re, text.c_str(), REG_EXTENDED | REG_ICASE | REG_NEWLINE)) {
            delete re;
            return err(abi::e_bad_re, fmt_text("bad re %s", text.c_str()));
          }
          cmdp[i - 1] = re;
          if (p->fixup) {
            int r = p->fixup(&cmdp[i - 1]) < 0 ? abi::e_unspec : 0;
            if (r < 0) core_log(abi::l_err, "get_cmd_fixups", "Fixup failed for param [%d]", i);
            regfree(re);  // the core frees the compiled regex before the call when a fixup ran
            delete re;
            if (r < 0) return r;
          } else {
            call_regexes.push_back(re);
          }
          break;
        }
        default: return err(abi::e_bug, "Bad type for generic parameter");
      }
    } else {
      return err(abi::e_bug, "Bad command parameter type");
    }
  }
  return 0;
}

/// mirrors mod_fix.c:free_cmd_fixups(): free_fixup only for per-call values.
inline int free_cmd_fixups(call_state& c, void** cmdp, std::vector<regex_t*>& call_regexes) {
  int i = 1;
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    gparam* gp = c.gp[i];
    if (!gp) continue;
    bool per_call = gp->type == gp_type::pvs || gp->type == gp_type::pve;
    if (p->flags & abi::cmd_param_int) per_call = gp->type == gp_type::pvs;
    if (p->flags & abi::cmd_param_var) continue;
    if ((p->flags & abi::cmd_param_regex) && per_call && !p->fixup) continue;  // freed below
    if (per_call && p->free_fixup && p->free_fixup(&cmdp[i - 1]) < 0) {
      core_log(abi::l_err, "free_cmd_fixups", "Failed to free fixup for param [%d]", i);
      return abi::e_unspec;
    }
  }
  for (auto* re : call_regexes) {
    regfree(re);
    delete re;
  }
  call_regexes.clear();
  return 0;
}

inline const void* garbage_slot() noexcept { return reinterpret_cast<const void*>(0xdeadbeefdeadbeefull); }

inline std::string route_name(int rt) {
  switch (rt) {
    case abi::request_route: return "request_route";
    case abi::failure_route: return "failure_route";
    case abi::onreply_route: return "onreply_route";
    case abi::branch_route: return "branch_route";
    case abi::error_route: return "error_route";
    case abi::local_route: return "local_route";
    case abi::startup_route: return "startup_route";
    case abi::timer_route: return "timer_route";
    case abi::event_route: return "event_route";
    default: return "route type " + std::to_string(rt);
  }
}

/// mirrors cmds.c:check_cmd_call_params(): 0, -1 too few, -2 too many, -3 mandatory omitted.
inline int check_call_params(const abi::cmd_param* params, const call_state& c) noexcept {
  int n = 0, m = 0;
  for (const abi::cmd_param* p = params; p->flags; ++p, ++n)
    if (!(p->flags & abi::cmd_param_opt)) m = n + 1;
  if (c.nargs < m) return -1;
  if (c.nargs > n) return -2;
  for (int i = 1; i <= c.nargs; ++i)
    if (!(params[i - 1].flags & abi::cmd_param_opt) && c.el[i].type == elem_type::nullv) return -3;
  return 0;
}

/// The cfg parser's side of a call: elements from the arguments, name and route lookup, counts.
inline std::shared_ptr<call_state> parse_call(host_state* h, std::string_view name, std::vector<arg>& args, int rt,
                                              bool async) {
  auto c = std::make_shared<call_state>();
  c->host = h;
  c->name = std::string(name);
  c->async = async;
  auto fail_parse = [&](std::string text) {
    core_log(abi::l_err, "yyerror", "%s", text.c_str());
    c->error = std::move(text);
    return c;
  };
  if (args.size() > std::size_t(abi::max_cmd_params))
    return fail_parse(fmt_text("too many arguments in function <%s>", c->name.c_str()));
  c->nargs = static_cast<int>(args.size());
  for (std::size_t k = 0; k < args.size(); ++k) {
    element& e = c->el[k + 1];
    switch (args[k].k) {
      case arg::kind::number: e.type = elem_type::number; e.number = args[k].number; break;
      case arg::kind::string:
        e.type = elem_type::string;
        e.text = args[k].text;
        e.s = {e.text.data(), static_cast<int>(e.text.size())};
        break;
      case arg::kind::omitted: e.type = elem_type::nullv; break;
      case arg::kind::variable: {
        e.type = elem_type::scriptvar;
        e.text = args[k].text;
        abi::str in{e.text.data(), static_cast<int>(e.text.size())};
        char* end = abi::pv_parse_spec(&in, reinterpret_cast<abi::pv_spec*>(e.spec));
        if (!end || end != e.text.data() + e.text.size())
          return fail_parse(fmt_text("bad variable <%s> in argument %zu of <%s>", e.text.c_str(), k + 1, c->name.c_str()));
        break;
      }
    }
  }
  if (async) {
    const abi::acmd_export* a = find_acmd(c->name.c_str());
    if (!a) return fail_parse(fmt_text("unknown async command <%s>, missing loadmodule?", c->name.c_str()));
    c->params = a->params;
    c->afn = a->function;
  } else {
    const abi::cmd_export* cmd = find_cmd(c->name.c_str(), rt);
    if (!cmd) {
      if (find_cmd(c->name.c_str(), 0)) return fail_parse(fmt_text("Command <%s> cannot be used in the block", c->name.c_str()));
      return fail_parse(fmt_text("unknown command <%s>, missing loadmodule?", c->name.c_str()));
    }
    c->params = cmd->params;
    c->fn = cmd->function;
  }
  const char* what = async ? "async command" : "command";
  switch (check_call_params(c->params, *c)) {
    case -1: return fail_parse(fmt_text("too few parameters for %s <%s>", what, c->name.c_str()));
    case -2: return fail_parse(fmt_text("too many parameters for %s <%s>", what, c->name.c_str()));
    case -3: return fail_parse(fmt_text("mandatory parameter omitted for %s <%s>", what, c->name.c_str()));
    default: break;
  }
  c->parsed = true;
  return c;
}

inline void run_fixups(call_state& c) {
  if (!c.parsed || c.fixed) return;
  if (fix_cmd(c) < 0) {
    core_log(abi::l_err, "fix_actions", "Failed to fix command <%s>", c.name.c_str());
    if (c.error.empty()) c.error = fmt_text("Failed to fix command <%s>", c.name.c_str());
    c.parsed = false;
    return;
  }
  c.fixed = true;
}

/// action.c CMD_T (or tm's async start): fixups, the call with all 8 slots, free_fixups.
inline int invoke_call(call_state& c, abi::sip_msg* msg, void* async_ctx) {
  if (!c.host) {
    core_log(abi::l_err, "do_action", "modsdk::testing: the host of <%s> is gone", c.name.c_str());
    return abi::e_bug;
  }
  if (!c.ok()) {
    core_log(abi::l_err, "do_action", "modsdk::testing: <%s> was not prepared successfully: %s", c.name.c_str(),
             c.error.empty() ? "startup fixups have not run (start the host first)" : c.error.c_str());
    return abi::e_cfg;
  }
  void* cmdp[abi::max_cmd_params];
  for (auto& p : cmdp) p = const_cast<void*>(garbage_slot());
  abi::pv_value tmp[abi::max_cmd_params + 1]{};
  std::vector<regex_t*> call_regexes;
  if (int r = get_cmd_fixups(c, msg, cmdp, tmp, call_regexes); r < 0) {
    for (auto* re : call_regexes) {
      regfree(re);
      delete re;
    }
    core_log(abi::l_err, "do_action", "Failed to get fixups for command <%s> in %s, line %d", c.name.c_str(),
             "modsdk test", 0);
    return r;
  }
  int rc;
  if (c.async)
    rc = c.afn(msg, async_ctx, cmdp[0], cmdp[1], cmdp[2], cmdp[3], cmdp[4], cmdp[5], cmdp[6], cmdp[7]);
  else
    rc = c.fn(msg, cmdp[0], cmdp[1], cmdp[2], cmdp[3], cmdp[4], cmdp[5], cmdp[6], cmdp[7]);
  if (free_cmd_fixups(c, cmdp, call_regexes) < 0)
    core_log(abi::l_err, "do_action", "Failed to free fixups for command <%s> in %s, line %d", c.name.c_str(),
             "modsdk test", 0);
  return rc;
}

}  // namespace detail

// ---- prepared_call -------------------------------------------------------------------------------------
bool prepared_call::ok() const noexcept { return st_ && st_->ok(); }
const std::string& prepared_call::error() const noexcept {
  static const std::string none = "not prepared";
  return st_ ? st_->error : none;
}
int prepared_call::invoke(sip_message& msg) const {
  if (!st_) return abi::e_bug;
  if (st_->async) {
    detail::core_log(abi::l_err, "do_action", "modsdk::testing: <%s> is an async function: use host::call_async",
                     st_->name.c_str());
    return abi::e_bug;
  }
  return detail::invoke_call(*st_, msg.raw(), nullptr);
}

// ---- host -----------------------------------------------------------------------------------------------
host::host(const abi::module_exports& exports) : st_(std::make_unique<detail::host_state>()) {
  detail::load_into(*st_, &exports, exports.name ? exports.name : "<unnamed>");
}
host host::load(const std::string& path) {
  host h;
  h.st_ = std::make_unique<detail::host_state>();
  void* dl = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!dl) {
    h.st_->error = detail::fmt_text("could not open module <%s>: %s", path.c_str(), ::dlerror());
    detail::core_log(abi::l_err, "sr_load_module", "%s", h.st_->error.c_str());
    return h;
  }
  h.st_->dl = dl;
  ::dlerror();
  auto* e = static_cast<const abi::module_exports*>(::dlsym(dl, "exports"));
  if (const char* err = ::dlerror(); err || !e) {
    h.st_->error = detail::fmt_text("load_module: %s", err ? err : "exports is NULL");
    detail::core_log(abi::l_err, "sr_load_module", "%s", h.st_->error.c_str());
    return h;
  }
  // sr_load_module(): dlflags other than 0 / RTLD_NOW make the core dlopen the module again with them
  // (the version is checked on the first handle only)
  if (detail::version_mismatch(*e, path.c_str()).empty() && e->dlflags != 0 && e->dlflags != RTLD_NOW) {
    unsigned flags = e->dlflags;
    ::dlclose(dl);
    h.st_->dl = dl = ::dlopen(path.c_str(), static_cast<int>(flags));
    if (!dl) {
      h.st_->error = detail::fmt_text("could not open module <%s>: %s", path.c_str(), ::dlerror());
      detail::core_log(abi::l_err, "sr_load_module", "%s", h.st_->error.c_str());
      return h;
    }
    e = static_cast<const abi::module_exports*>(::dlsym(dl, "exports"));
    if (!e) {
      h.st_->error = "failed to load module : exports not found after reopening";
      detail::core_log(abi::l_err, "sr_load_module", "%s", h.st_->error.c_str());
      return h;
    }
  }
  detail::load_into(*h.st_, e, path.c_str());
  return h;
}
host::host(host&&) noexcept = default;
host& host::operator=(host&& o) noexcept {
  if (this != &o) {
    stop();
    st_ = std::move(o.st_);
  }
  return *this;
}
host::~host() { stop(); }

bool host::loaded() const noexcept { return st_ && st_->loaded; }
const std::string& host::error() const noexcept { return st_->error; }
const abi::module_exports& host::exports() const noexcept { return *st_->exp; }

namespace detail {
/// mirrors modparam.c:set_mod_param_regex() for this module, and cfg.y's error for any failure.
inline result set_param(host_state& h, std::string_view name_in, abi::modparam_t type, void* val) {
  if (!h.loaded) return {false, "module not loaded: " + h.error};
  std::string name(name_in);
  const char* mod = h.exp->name;
  auto cant_set = [&]() {
    std::string t = fmt_text("Parameter <%s> not found in module <%s> - can't set", name.c_str(), mod);
    core_log(abi::l_err, "yyerror", "%s", t.c_str());
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
  if (found) core_log(abi::l_err, "set_mod_param_regex", "type mismatch for parameter <%s> in module <%s>", name.c_str(), mod);
  else core_log(abi::l_err, "set_mod_param_regex", "parameter <%s> not found in module <%s>", name.c_str(), mod);
  return cant_set();
}
}  // namespace detail

result host::modparam(std::string_view name, std::string_view value) {
  if (!st_->loaded) return {false, "module not loaded: " + st_->error};
  st_->kept.emplace_back(value);
  return detail::set_param(*st_, name, abi::str_param, st_->kept.back().data());
}
result host::modparam(std::string_view name, int value) {
  return detail::set_param(*st_, name, abi::int_param, reinterpret_cast<void*>(static_cast<long>(value)));
}

result host::init() {
  auto& h = *st_;
  const char* name = h.exp ? h.exp->name : "<none>";
  if (!h.loaded) return {false, "module not loaded: " + h.error};
  if (h.init_done) return {false, "modsdk::testing: init() already ran for this host"};
  // mirrors sr_module.c:init_modules() / init_mod()
  if (h.exp->preinit_f && h.exp->preinit_f() < 0)
    return detail::fail(abi::l_err, "init_modules", detail::fmt_text("could not pre-initialize module %s!", name));
  if (h.exp->init_f && h.exp->init_f() != 0)
    return detail::fail(abi::l_err, "init_mod", detail::fmt_text("failed to initialize module %s", name));
  h.init_done = true;
  // statistics, registered right after init_f (stat pointers are NULL inside it)
  for (const abi::stat_export* s = h.exp->stats; s && s->name; ++s) {
    auto& slot = h.stats.emplace_back();
    slot.name = s->name;
    slot.var.name = {slot.name.data(), static_cast<int>(slot.name.size())};
    slot.var.flags = s->flags;
    if (s->flags & abi::stat_is_func) {
      slot.is_func = true;
      slot.fn = reinterpret_cast<abi::stat_function>(reinterpret_cast<void*>(s->stat_pointer));
      slot.var.u = reinterpret_cast<void*>(slot.fn);
    } else {
      if (!s->stat_pointer)
        return detail::fail(abi::l_err, "init_mod", detail::fmt_text("failed to registering statistics for module %s", name));
      slot.var.u = &slot.counter;
      *s->stat_pointer = reinterpret_cast<abi::stat_var*>(&slot.var);
    }
  }
  // MI commands (the stride of mi_export_t depends on the profile)
  using mi_export_t = detail::profile_abi::mi_export;
  for (auto* m = static_cast<const mi_export_t*>(h.exp->mi_cmds); m && m->name; ++m) {
    detail::mi_cmd_entry e;
    e.bare = m->name;
    std::string mod = name;
    if (mod.starts_with("proto_")) mod = mod.substr(6);
    e.full = target.profile >= profile::v4_0 ? (mod.empty() ? "core" : mod) + ":" + e.bare : e.bare;
    detail::add_mi_aliases(e, *m);
    e.flags = m->flags;
    e.recipes = m->recipes;
    h.mi_cmds.push_back(std::move(e));
  }
  // route.c:fix_rls(): startup fixups of every call of the script
  for (auto& c : h.calls) {
    detail::run_fixups(*c);
    if (!c->ok()) return {false, c->error};
  }
  return {true, {}};
}

result host::child_init(int rank) {
  auto& h = *st_;
  if (!h.init_done) return {false, "modsdk::testing: child_init() before init()"};
  if (h.exp->init_child_f && h.exp->init_child_f(rank) < 0)
    return detail::fail(abi::l_err, "init_mod_child",
                        detail::fmt_text("failed to initializing module %s, rank %d", h.exp->name, rank));
  return {true, {}};
}

result host::start(int rank) {
  if (auto r = init(); !r) return r;
  return child_init(rank);
}

void host::stop() {
  if (!st_) return;
  auto& h = *st_;
  if (h.init_done && !h.destroyed && h.exp->destroy_f) h.exp->destroy_f();
  h.destroyed = true;
}

int host::response(sip_message& reply) {
  if (!st_->loaded || !st_->exp->response_f) return 1;
  return st_->exp->response_f(reply.raw());
}
int host::reload_ack() {
  if (!st_->loaded || !st_->exp->reload_ack_f) return 1;
  return st_->exp->reload_ack_f();
}

prepared_call host::prepare(std::string_view function, std::vector<arg> args, route_mask rt) {
  prepared_call pc;
  pc.st_ = detail::parse_call(st_.get(), function, args, rt.bits, false);
  if (pc.st_->parsed) {
    st_->calls.push_back(pc.st_);
    if (st_->init_done) detail::run_fixups(*pc.st_);
  }
  return pc;
}

int host::call(std::string_view function, sip_message& msg, std::vector<arg> args, route_mask rt) {
  auto c = prepare(function, std::move(args), rt);
  auto forget = [&] {  // a one-off statement: the host need not keep it for later startup fixups
    auto& v = st_->calls;
    v.erase(std::remove(v.begin(), v.end(), c.st_), v.end());
  };
  if (!c.ok()) {
    forget();
    throw std::logic_error("modsdk::testing::host::call(\"" + std::string(function) + "\"): " +
                           (c.error().empty() ? std::string("the host has not been started (call start() first)")
                                              : c.error()));
  }
  int rc = c.invoke(msg);
  forget();
  return rc;
}

async_result host::call_async(std::string_view function, sip_message& msg, std::vector<arg> args, unsigned timeout_s) {
  auto c = detail::parse_call(st_.get(), function, args, 0, true);
  if (c->parsed) {
    st_->calls.push_back(c);
    if (st_->init_done) detail::run_fixups(*c);
  }
  if (!c->ok())
    throw std::logic_error("modsdk::testing::host::call_async(\"" + std::string(function) + "\"): " +
                           (c->error.empty() ? std::string("the host has not been started (call start() first)") : c->error));
  async_result r;
  r.ctx.timeout_s = timeout_s;
  abi::async_status = abi::async_no_io;  // tm: "assume no IO done"
  r.rc = detail::invoke_call(*c, msg.raw(), &r.ctx);
  r.async_status = abi::async_status;
  auto& v = st_->calls;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  return r;
}

namespace detail {
inline mi_result finish_mi(abi::mi_item* resp) {
  mi_result r;
  if (!resp) return r;
  r.error = node(resp)->kind == mi_node::error;
  render(r.json, *node(resp));
  delete node(resp);
  return r;
}

/// mirrors mi/mi.c:handle_mi_request() + get_cmd_recipe().
inline mi_result run_mi(host_state& h, std::string_view command, std::vector<mi_arg>& params, bool positional) {
  const mi_cmd_entry* cmd = nullptr;
  for (auto& c : h.mi_cmds) {
    bool hit = command == c.full || command == c.bare;
    for (auto& a : c.aliases) hit = hit || command == a;
    if (hit) cmd = &c;
  }
  if (!cmd) {
    core_log(abi::l_err, "handle_mi_request", "Command not found");
    return finish_mi(error_response(-32601, "Method not found", {}));
  }
  if (positional && !params.empty() && (cmd->flags & abi::mi_named_params_only)) {
    core_log(abi::l_err, "handle_mi_request", "Command only supports named parameters");
    return finish_mi(error_response(-32602, "Invalid params", "Command only supports named parameters"));
  }
  std::unique_ptr<mi_node> req;
  if (!params.empty()) {
    req = std::make_unique<mi_node>();
    req->kind = positional ? mi_node::array : mi_node::object;
    for (auto& p : params) {
      auto k = std::make_unique<mi_node>();
      k->name = positional ? std::string() : p.name;
      if (p.is_num) {
        k->kind = mi_node::number;
        k->num = static_cast<double>(p.num);
      } else {
        k->kind = mi_node::string;
        k->s = p.str;
      }
      req->kids.push_back(std::move(k));
    }
  }
  using recipe_t = std::remove_cvref_t<decltype(profile_abi::mi_export{}.recipes[0])>;
  auto* recipes = static_cast<const recipe_t*>(cmd->recipes);
  auto count = [](const recipe_t& r) {
    int n = 0;
    while (n < profile_abi::max_mi_params && r.params[n]) ++n;
    return n;
  };
  const recipe_t* match = nullptr;
  int params_err = -1;
  for (int i = 0; recipes[i].cmd; ++i) {
    const recipe_t& r = recipes[i];
    if (!req) {
      if (!r.params[0]) {
        match = &r;
        break;
      }
      continue;
    }
    if (!r.params[0]) continue;
    const bool same_count = count(r) == static_cast<int>(req->kids.size());
    if (positional) {
      if (same_count) {
        if (match) {
          params_err = -2;
          match = nullptr;
          break;
        }
        match = &r;
      }
    } else {
      if (!same_count) continue;
      params_err = -3;
      bool all = true;
      for (int k = 0; r.params[k] && all; ++k) {
        bool present = false;
        for (auto& kid : req->kids) present = present || kid->name == r.params[k];
        all = present;
      }
      if (all) {
        match = &r;
        break;
      }
    }
  }
  if (!match) {
    core_log(abi::l_err, "handle_mi_request", "Invalid parameters");
    const char* det = params_err == -1   ? "Too few or too many parameters"
                      : params_err == -2 ? "Ambiguous call, use named parameters instead"
                                         : "Named parameters do not match";
    return finish_mi(error_response(-32602, "Invalid params", det));
  }
  abi::mi_params_layout p{item(req.get()), const_cast<char* const*>(match->params)};
  abi::mi_response* resp = match->cmd(reinterpret_cast<const abi::mi_params_t*>(&p), nullptr);
  if (!resp) {
    core_log(abi::l_err, "handle_mi_request", "Command failed");
    return finish_mi(error_response(-32000, "Server error", "Command handler returned null"));
  }
  if (resp == reinterpret_cast<abi::mi_response*>(-1)) {
    core_log(abi::l_err, "handle_mi_request", "modsdk fake core: asynchronous MI replies are not implemented");
    return mi_result{true, "{\"code\":-32000,\"message\":\"async reply (not implemented by the fake core)\"}"};
  }
  return finish_mi(resp);
}
}  // namespace detail

mi_result host::mi(std::string_view command, std::vector<mi_arg> params) { return detail::run_mi(*st_, command, params, false); }
mi_result host::mi_positional(std::string_view command, std::vector<mi_arg> params) {
  return detail::run_mi(*st_, command, params, true);
}

std::optional<unsigned long> host::stat(std::string_view name) const {
  for (auto& s : st_->stats) {
    if (s.name != name) continue;
    if (s.is_func) return s.fn ? s.fn(s.var.context) : 0ul;
    return __atomic_load_n(static_cast<unsigned long*>(s.var.u), __ATOMIC_RELAXED);
  }
  return std::nullopt;
}

}  // namespace modsdk::inline v0::testing
