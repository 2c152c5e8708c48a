// SPDX-License-Identifier: MIT
// Test kit fake core: the dialog module (modules/dialog: load_dlg, register_dlgcb, create_dlg, get_dlg,
// search/set/unset profiles and get_profile_size, store/fetch dialog values, and the order dlg_cb.c runs
// the callbacks in: newest registration first).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/dialog.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/testing/dialog.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/tm.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

struct dlg_callback {
  int types;
  abi::dialog_cb* f;
  void* param;
  abi::dlg_param_free_cb* release;
};

struct dlg_profile_def {
  std::string name;
  abi::dlg_profile_table table{};
};

struct dlg_cell_state {
  abi::dlg_cell cell{};
  std::vector<abi::dlg_leg> legs;
  std::string callid, from_uri, to_uri, from_tag, to_tag;
  std::vector<dlg_callback> callbacks;  // newest first
  std::map<std::string, std::variant<int, std::string>> values;
  bool destroyed = false;
};

struct dlg_state {
  std::vector<std::unique_ptr<dlg_cell_state>> dialogs;
  std::vector<std::unique_ptr<dlg_profile_def>> profiles;
  std::vector<std::pair<std::size_t, std::pair<abi::dlg_profile_table*, std::string>>> links;  // dialog, profile, value
  std::vector<dlg_callback> created;                                                           // newest first
  std::vector<dialog_fired> fired;
  std::optional<std::size_t> current;
  std::string fetch_buf;
  unsigned next_id = 100;
};
inline dlg_state& dlg_st() {
  static dlg_state s;
  return s;
}

inline abi::str dlg_str(std::string& s) { return {s.data(), static_cast<int>(s.size())}; }
inline std::string dlg_s(const abi::str* s) { return s && s->s ? std::string(s->s, s->len) : std::string(); }

inline std::optional<std::size_t> dlg_index(abi::dlg_cell* d) {
  auto& s = dlg_st();
  for (std::size_t i = 0; i < s.dialogs.size(); ++i)
    if (&s.dialogs[i]->cell == d) return i;
  return std::nullopt;
}

/// The tag parameter of a From/To body, and its URI (inside <> when there are brackets).
inline std::string dlg_tag(std::string_view body) {
  const auto p = body.find("tag=");
  if (p == std::string_view::npos) return {};
  const auto e = body.find_first_of(";> \r\n", p + 4);
  return std::string(body.substr(p + 4, e == std::string_view::npos ? std::string_view::npos : e - p - 4));
}
inline std::string dlg_uri(std::string_view body) {
  const auto l = body.find('<');
  if (l == std::string_view::npos) return std::string(body.substr(0, body.find(';')));
  return std::string(body.substr(l + 1, body.find('>', l) - l - 1));
}

inline void dlg_set_tag(dlg_cell_state& c, int leg, std::string& tag) { c.legs[leg].tag = dlg_str(tag); }

/// mirrors dlg_cb.c:run_dlg_callbacks(): every callback registered for `type`, newest first.
inline void dlg_run(std::size_t n, int type, abi::sip_msg* msg, unsigned dir) {
  auto& s = dlg_st();
  const std::vector<dlg_callback> cbs = s.dialogs[n]->callbacks;  // a callback may register more
  for (const dlg_callback& cb : cbs) {
    if (!(cb.types & type)) continue;
    s.fired.push_back({n, type});
    void* param = cb.param;
    abi::dlg_cb_params p{msg, dir, 0, 1, nullptr, &param};
    cb.f(&s.dialogs[n]->cell, type, &p);
  }
}

inline void dlg_leave_profiles(std::size_t n) {
  auto& l = dlg_st().links;
  std::erase_if(l, [n](const auto& e) { return e.first == n; });
}

// ---- the dlg_binds functions ---------------------------------------------------------------------------
/// mirrors dlg_cb.c:register_dlgcb()
inline int fake_register_dlgcb(abi::dlg_cell* d, int types, abi::dialog_cb* f, void* param,
                               abi::dlg_param_free_cb* release) {
  auto& s = dlg_st();
  if ((types & abi::dlgcb_created) && types != abi::dlgcb_created) {
    core_log(abi::l_crit, "register_dlgcb", "DLGCB_CREATED type must be register alone!");
    return -1;
  }
  if (types & abi::dlgcb_loaded) {
    core_log(abi::l_err, "register_dlgcb", "modsdk fake dialog: DLGCB_LOADED is not simulated");
    return -1;
  }
  const dlg_callback cb{types, f, param, release};
  if (types == abi::dlgcb_created) {
    s.created.insert(s.created.begin(), cb);
    return 0;
  }
  if (!d) {
    core_log(abi::l_crit, "register_dlgcb", "non-DLGCB_CREATED type must be register to a dialog (dlg missing)!");
    return -1;
  }
  auto n = dlg_index(d);
  if (!n || s.dialogs[*n]->destroyed) {
    core_log(abi::l_crit, "register_dlgcb", "modsdk fake dialog: not a live dialog");
    return -1;
  }
  if (d->state == abi::dlg_state_deleted) {
    core_log(abi::l_warn, "register_dlgcb", "Cannot register callbacks in DELETED state (type %x)!", types);
    return -1;
  }
  auto& cbs = s.dialogs[*n]->callbacks;
  cbs.insert(cbs.begin(), cb);
  return 0;
}
inline int fake_create_dlg(abi::sip_msg* req, int) {
  auto& s = dlg_st();
  if (s.current && !s.dialogs[*s.current]->destroyed) return 1;  // already created
  const std::string_view method(tm_prefix(req).first_line.a.s, tm_prefix(req).first_line.a.len);
  if (tm_prefix(req).first_line.type != abi::sip_request || method != "INVITE" ||
      parse_headers_impl(req, abi::hdr_eoh_f, 0, "create_dialog") < 0 || !dlg_tag(tm_header(req, "To", "t")).empty()) {
    core_log(abi::l_err, "create_dialog", "modsdk fake dialog: a dialog is created on an initial INVITE");
    return -1;
  }
  auto c = std::make_unique<dlg_cell_state>();
  c->callid = std::string(tm_header(req, "Call-ID", "i"));
  c->from_uri = dlg_uri(tm_header(req, "From", "f"));
  c->to_uri = dlg_uri(tm_header(req, "To", "t"));
  c->from_tag = dlg_tag(tm_header(req, "From", "f"));
  c->legs.resize(2);
  dlg_set_tag(*c, abi::dlg_caller_leg, c->from_tag);
  c->cell.ref = 1;
  c->cell.h_entry = static_cast<unsigned>(s.dialogs.size() % 16);
  c->cell.h_id = s.next_id++;
  c->cell.state = abi::dlg_state_unconfirmed;
  c->cell.callid = dlg_str(c->callid);
  c->cell.from_uri = dlg_str(c->from_uri);
  c->cell.to_uri = dlg_str(c->to_uri);
  c->cell.legs = c->legs.data();
  c->cell.legs_no[abi::dlg_legs_used] = 1;
  c->cell.legs_no[abi::dlg_legs_alloced] = 2;
  const std::size_t n = s.dialogs.size();
  s.dialogs.push_back(std::move(c));
  s.current = n;
  // mirrors dlg_cb.c:run_create_callbacks()
  const std::vector<dlg_callback> cbs = s.created;
  for (const dlg_callback& cb : cbs) {
    s.fired.push_back({n, abi::dlgcb_created});
    void* param = cb.param;
    abi::dlg_cb_params p{req, abi::dlg_dir_downstream, 0, 1, nullptr, &param};
    cb.f(&s.dialogs[n]->cell, abi::dlgcb_created, &p);
  }
  return 1;
}
inline abi::dlg_cell* fake_get_dlg() {
  auto& s = dlg_st();
  if (!s.current || s.dialogs[*s.current]->destroyed) return nullptr;
  return &s.dialogs[*s.current]->cell;
}
inline abi::dlg_profile_table* fake_search_profile(abi::str* name) {
  for (auto& p : dlg_st().profiles)
    if (p->name == dlg_s(name)) return &p->table;
  return nullptr;
}
inline int fake_set_profile(abi::dlg_cell* d, abi::str* value, abi::dlg_profile_table* profile, char) {
  auto n = d ? dlg_index(d) : std::nullopt;
  if (!n) {
    core_log(abi::l_err, "set_dlg_profile", "dialog was not yet created - script error");
    return -1;
  }
  dlg_st().links.push_back({*n, {profile, profile->has_value ? dlg_s(value) : std::string()}});
  return 0;
}
inline int fake_unset_profile(abi::dlg_cell* d, abi::str* value, abi::dlg_profile_table* profile) {
  auto n = d ? dlg_index(d) : std::nullopt;
  if (!n) {
    core_log(abi::l_err, "unset_dlg_profile", "dialog was not yet created - script error");
    return -1;
  }
  auto& l = dlg_st().links;
  for (auto it = l.begin(); it != l.end(); ++it)
    if (it->first == *n && it->second.first == profile && (!profile->has_value || it->second.second == dlg_s(value))) {
      l.erase(it);
      return 1;
    }
  return -1;
}
inline unsigned fake_get_profile_size(abi::dlg_profile_table* profile, abi::str* value) {
  unsigned c = 0;
  for (const auto& e : dlg_st().links)
    if (e.second.first == profile && (!profile->has_value || !value || e.second.second == dlg_s(value))) ++c;
  return c;
}
inline int fake_store_dlg_value(abi::dlg_cell* d, abi::str* name, abi::int_str* val, int type) {
  auto n = dlg_index(d);
  if (!n) return -1;
  auto& vals = dlg_st().dialogs[*n]->values;
  if (!val)
    vals.erase(dlg_s(name));
  else if (type == abi::dlg_val_type_str)
    vals[dlg_s(name)] = dlg_s(&val->s);
  else
    vals[dlg_s(name)] = val->n;
  return 0;
}
inline int fake_fetch_dlg_value(abi::dlg_cell* d, const abi::str* name, int* type, abi::int_str* out, int) {
  auto n = dlg_index(d);
  if (!n) return -1;
  auto& s = dlg_st();
  auto& vals = s.dialogs[*n]->values;
  auto it = vals.find(dlg_s(name));
  if (it == vals.end()) return -2;
  if (const int* i = std::get_if<int>(&it->second)) {
    *type = abi::dlg_val_type_int;
    out->n = *i;
  } else {
    *type = abi::dlg_val_type_str;
    s.fetch_buf = std::get<std::string>(it->second);  // the dialog module's own pkg buffer, reused per call
    out->s = dlg_str(s.fetch_buf);
  }
  return 0;
}

inline int fake_load_dlg(void* binds) {
  if (!binds) return -1;
  auto* b = static_cast<abi::dlg_binds*>(binds);
  *b = {};
  b->register_dlgcb = &fake_register_dlgcb;
  b->create_dlg = &fake_create_dlg;
  b->get_dlg = &fake_get_dlg;
  b->search_profile = &fake_search_profile;
  b->set_profile = &fake_set_profile;
  b->unset_profile = &fake_unset_profile;
  b->get_profile_size = &fake_get_profile_size;
  b->store_dlg_value = &fake_store_dlg_value;
  b->fetch_dlg_value = &fake_fetch_dlg_value;
  return 1;
}

struct fake_dialog_module {
  abi::cmd_export cmds[2];
  abi::module_exports exp;
};
inline fake_dialog_module& fake_dialog_exports() {
  static fake_dialog_module m = [] {
    fake_dialog_module x{};
    x.cmds[0].name = "load_dlg";
    x.cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_load_dlg));
    x.exp.name = "dialog";
    x.exp.type = abi::mod_type_default;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

/// Destroys every dialog (releases run), frees the created callbacks, forgets profiles and dialogs.
inline void dialog_reset() {
  dialog_module().destroy_all();
  auto& s = dlg_st();
  for (const dlg_callback& cb : s.created)
    if (cb.release && cb.param) cb.release(cb.param);
  s.created.clear();
  s.dialogs.clear();
  s.profiles.clear();
  s.links.clear();
  s.fired.clear();
  s.current.reset();
  s.next_id = 100;
}

}  // namespace testing::detail

// ---- fake_dialog -------------------------------------------------------------------------------------
namespace testing {
fake_dialog& dialog_module() noexcept {
  static fake_dialog d;
  return d;
}
void fake_dialog::define_profile(std::string_view name, bool with_value) {
  auto p = std::make_unique<detail::dlg_profile_def>();
  p->name = std::string(name);
  p->table.name = detail::dlg_str(p->name);
  p->table.has_value = with_value ? 1 : 0;
  detail::dlg_st().profiles.push_back(std::move(p));
}
std::size_t fake_dialog::size() const noexcept { return detail::dlg_st().dialogs.size(); }
std::optional<dialog_info> fake_dialog::dialog(std::size_t n) const {
  auto& s = detail::dlg_st();
  if (n >= s.dialogs.size()) return std::nullopt;
  const auto& c = *s.dialogs[n];
  return dialog_info{c.callid,       c.from_tag,  c.to_tag,           c.cell.state,
                     c.cell.h_entry, c.cell.h_id, c.callbacks.size(), c.destroyed};
}
const std::vector<dialog_fired>& fake_dialog::fired() const noexcept { return detail::dlg_st().fired; }
std::optional<std::string> fake_dialog::value(std::size_t n, std::string_view name) const {
  auto& s = detail::dlg_st();
  if (n >= s.dialogs.size()) return std::nullopt;
  auto& vals = s.dialogs[n]->values;
  auto it = vals.find(std::string(name));
  if (it == vals.end()) return std::nullopt;
  if (const int* i = std::get_if<int>(&it->second)) return std::to_string(*i);
  return std::get<std::string>(it->second);
}
unsigned fake_dialog::profile_size(std::string_view profile, std::optional<std::string_view> value) const {
  std::string name(profile);
  abi::str n = detail::dlg_str(name);
  abi::dlg_profile_table* t = detail::fake_search_profile(&n);
  if (!t) return 0;
  std::string v(value.value_or(""));
  abi::str vs = detail::dlg_str(v);
  return detail::fake_get_profile_size(t, value ? &vs : nullptr);
}
std::optional<std::size_t> fake_dialog::create(sip_message& invite) {
  auto& s = detail::dlg_st();
  s.current.reset();
  if (detail::fake_create_dlg(invite.raw(), 0) < 0) return std::nullopt;
  return s.current;
}
namespace detail {
inline bool dlg_live(std::size_t n) {
  auto& s = dlg_st();
  return n < s.dialogs.size() && !s.dialogs[n]->destroyed && s.dialogs[n]->cell.state != abi::dlg_state_deleted;
}
inline void dlg_answer(std::size_t n, std::string_view to_tag) {
  auto& c = *dlg_st().dialogs[n];
  c.to_tag = std::string(to_tag);
  dlg_set_tag(c, abi::dlg_first_callee_leg, c.to_tag);
  c.cell.legs_no[abi::dlg_legs_used] = 2;
}
inline void dlg_end(std::size_t n, int type, abi::sip_msg* msg, unsigned dir) {
  dlg_st().dialogs[n]->cell.state = abi::dlg_state_deleted;
  dlg_run(n, type, msg, dir);
  dlg_leave_profiles(n);
}
}  // namespace detail
bool fake_dialog::early(std::size_t n, std::string_view to_tag, sip_message* reply) {
  if (!detail::dlg_live(n) || detail::dlg_st().dialogs[n]->cell.state != abi::dlg_state_unconfirmed) return false;
  detail::dlg_answer(n, to_tag);
  detail::dlg_st().dialogs[n]->cell.state = abi::dlg_state_early;
  detail::dlg_run(n, abi::dlgcb_early, reply ? reply->raw() : nullptr, abi::dlg_dir_upstream);
  return true;
}
bool fake_dialog::confirm(std::size_t n, std::string_view to_tag, sip_message* reply) {
  if (!detail::dlg_live(n) || detail::dlg_st().dialogs[n]->cell.state >= abi::dlg_state_confirmed_na) return false;
  detail::dlg_answer(n, to_tag);
  detail::dlg_st().dialogs[n]->cell.state = abi::dlg_state_confirmed;
  detail::dlg_run(n, abi::dlgcb_confirmed, reply ? reply->raw() : nullptr, abi::dlg_dir_upstream);
  return true;
}
bool fake_dialog::fail(std::size_t n, sip_message* reply) {
  if (!detail::dlg_live(n) || detail::dlg_st().dialogs[n]->cell.state >= abi::dlg_state_confirmed_na) return false;
  detail::dlg_end(n, abi::dlgcb_failed, reply ? reply->raw() : nullptr, abi::dlg_dir_upstream);
  return true;
}
bool fake_dialog::request_within(std::size_t n, sip_message& request) {
  if (!detail::dlg_live(n)) return false;
  detail::dlg_st().current = n;
  detail::dlg_run(n, abi::dlgcb_req_within, request.raw(), abi::dlg_dir_downstream);
  return true;
}
bool fake_dialog::terminate(std::size_t n, sip_message* bye) {
  if (!detail::dlg_live(n) || detail::dlg_st().dialogs[n]->cell.state < abi::dlg_state_confirmed_na) return false;
  if (bye) detail::dlg_st().current = n;
  detail::dlg_end(n, abi::dlgcb_terminated, bye ? bye->raw() : nullptr, abi::dlg_dir_downstream);
  return true;
}
bool fake_dialog::expire(std::size_t n) {
  if (!detail::dlg_live(n) || detail::dlg_st().dialogs[n]->cell.state < abi::dlg_state_confirmed_na) return false;
  detail::dlg_end(n, abi::dlgcb_expired, nullptr, abi::dlg_dir_none);
  return true;
}
bool fake_dialog::destroy(std::size_t n) {
  auto& s = detail::dlg_st();
  if (n >= s.dialogs.size() || s.dialogs[n]->destroyed) return false;
  // mirrors dlg_hash.c:destroy_dlg(): DLGCB_DESTROY, then destroy_dlg_callbacks_list() frees every param
  detail::dlg_run(n, abi::dlgcb_destroy, nullptr, abi::dlg_dir_none);
  detail::dlg_leave_profiles(n);
  s.dialogs[n]->destroyed = true;
  for (const detail::dlg_callback& cb : s.dialogs[n]->callbacks)
    if (cb.release && cb.param) cb.release(cb.param);
  s.dialogs[n]->callbacks.clear();
  if (s.current == n) s.current.reset();
  return true;
}
void fake_dialog::clear_current() noexcept { detail::dlg_st().current.reset(); }
void fake_dialog::destroy_all() {
  for (std::size_t n = 0; n < size(); ++n) destroy(n);
}
}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
