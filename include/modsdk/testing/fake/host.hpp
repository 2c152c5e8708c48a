// SPDX-License-Identifier: MIT
// Test kit fake core: the test API's definitions (fake_core, leak_check, host, prepared_call).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <dlfcn.h>
#include <modsdk/config.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/avp.hpp>
#include <modsdk/testing/fake/cachedb_local.hpp>
#include <modsdk/testing/fake/clusterer.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/db_sqlite_async.hpp>
#include <modsdk/testing/fake/db_sqlite_query.hpp>
#include <modsdk/testing/fake/dialog.hpp>
#include <modsdk/testing/fake/evi.hpp>
#include <modsdk/testing/fake/ipc.hpp>
#include <modsdk/testing/fake/loader.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/mi.hpp>
#include <modsdk/testing/fake/mod_fix.hpp>
#include <modsdk/testing/fake/modparam.hpp>
#include <modsdk/testing/fake/msg_flags.hpp>
#include <modsdk/testing/fake/script.hpp>
#include <modsdk/testing/fake/stats.hpp>
#include <modsdk/testing/fake/status_report.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>
#include <modsdk/testing/fake/timer.hpp>
#include <modsdk/testing/fake/tm.hpp>
#include <modsdk/testing/host.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

// ---- fake_core: logs, memory, identity ----------------------------------------------------------------
fake_core& core() noexcept {
  static fake_core c;
  return c;
}

const std::vector<log_entry>& fake_core::logs() const noexcept { return detail::st().logs; }
bool fake_core::logged(std::string_view text) const noexcept {
  std::lock_guard g(detail::st().log_mx);
  for (auto& e : detail::st().logs)
    if (e.text.find(text) != std::string::npos) return true;
  return false;
}
bool fake_core::logged(int level, std::string_view text) const noexcept {
  std::lock_guard g(detail::st().log_mx);
  for (auto& e : detail::st().logs)
    if (e.level == level && e.text.find(text) != std::string::npos) return true;
  return false;
}
void fake_core::clear_logs() noexcept {
  std::lock_guard g(detail::st().log_mx);
  detail::st().logs.clear();
}
void fake_core::set_log_level(int level) noexcept { *abi::log_level = level; }
int fake_core::log_level() const noexcept { return *abi::log_level; }

std::size_t fake_core::pkg_in_use() const noexcept { return pkg_usage().bytes; }
std::size_t fake_core::shm_in_use() const noexcept { return shm_usage().bytes; }
std::size_t fake_core::pkg_blocks() const noexcept { return pkg_usage().blocks; }
std::size_t fake_core::shm_blocks() const noexcept { return shm_usage().blocks; }
pool_usage fake_core::pkg_usage() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().pkg;
}
pool_usage fake_core::shm_usage() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().shm;
}
unsigned long long fake_core::alloc_seq() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  return detail::st().seq;
}
std::vector<std::string> fake_core::live_blocks(unsigned long long since) const {
  std::vector<std::pair<unsigned long long, std::string>> rows;
  {
    std::lock_guard g(detail::st().mem_mx);
    for (auto& [p, b] : detail::st().live) {
      if (b.seq < since) continue;
      rows.emplace_back(b.seq, std::string(b.shm ? "shm " : "pkg ") + std::to_string(b.size) + " bytes at " +
                                   detail::where(b.file, b.func, b.line));
    }
  }
  std::sort(rows.begin(), rows.end());
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (auto& r : rows) out.push_back(std::move(r.second));
  return out;
}
void fake_core::set_abort_on_bad_free(bool abort) noexcept { detail::st().abort_on_bad_free = abort; }
void fake_core::set_pv_print_buf_size(int bytes) noexcept { detail::st().pv_print_buf_size = bytes; }
int fake_core::pv_print_buf_size() const noexcept { return detail::st().pv_print_buf_size; }
void fake_core::set_pool_sizes(std::size_t pkg_bytes, std::size_t shm_bytes) noexcept {
  std::lock_guard g(detail::st().mem_mx);
  detail::st().pkg_pool_size = pkg_bytes;
  detail::st().shm_pool_size = shm_bytes;
}
std::size_t fake_core::bad_frees() const noexcept { return detail::st().bad_frees; }

void fake_core::set_target(std::string version, std::string flags, std::string scm_type, std::string scm_rev) {
  auto& s = detail::st();
  s.version = std::move(version);
  s.flags = std::move(flags);
  s.scm_type = std::move(scm_type);
  s.scm_rev = std::move(scm_rev);
  abi::core_scm_ver = {detail::intern(s.scm_type), detail::intern(s.scm_rev)};
}
std::string_view fake_core::target_version() const noexcept { return detail::st().version; }
std::string_view fake_core::target_flags() const noexcept { return detail::st().flags; }

leak_check::leak_check() noexcept : pkg_(core().pkg_usage()), shm_(core().shm_usage()), seq_(core().alloc_seq()) {}
bool leak_check::clean() const noexcept {
  std::lock_guard g(detail::st().mem_mx);
  for (auto& [p, b] : detail::st().live)
    if (b.seq >= seq_) return false;
  return true;
}
long long leak_check::pkg_delta() const noexcept {
  return static_cast<long long>(core().pkg_in_use()) - static_cast<long long>(pkg_.bytes);
}
long long leak_check::shm_delta() const noexcept {
  return static_cast<long long>(core().shm_in_use()) - static_cast<long long>(shm_.bytes);
}
std::string leak_check::report() const {
  std::string r;
  for (auto& line : core().live_blocks(seq_)) r += "leaked: " + line + "\n";
  return r;
}
void leak_check::expect_clean() const {
  if (!clean()) throw std::logic_error("modsdk::testing::leak_check: memory still allocated:\n" + report());
}

// ---- fake_core: other modules ------------------------------------------------------------------------
bool fake_core::load_module(std::string_view name) {
  auto& s = detail::st();
  if (name == "tm") {
    if (!module_loaded(name)) s.modules.push_back(&detail::fake_tm_exports().exp);
    return true;
  }
  if (name == "dialog") {
    if (!module_loaded(name)) s.modules.push_back(&detail::fake_dialog_exports().exp);
    return true;
  }
  if (name == "db_sqlite") {
    if (!module_loaded(name)) s.modules.push_back(&detail::fake_db_sqlite_module().exp);
    return true;
  }
  if (name == "clusterer") {
    if (!module_loaded(name)) s.modules.push_back(&detail::fake_clusterer_exports().exp);
    return true;
  }
  if (name == "cachedb_local") return detail::fake_load_cachedb_local(), true;
  if (name == "db_sqlite_async") {
    if (!module_loaded(name)) s.modules.push_back(&detail::fake_db_sqlite_async_module().exp);
    return true;
  }
  bool sig;
  if (name == "sl")
    sig = false;
  else if (name == "signaling")
    sig = true;
  else
    return false;
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
  detail::free_all_avps();
  detail::unregister_module(&detail::fake_stock(false).exp);
  detail::unregister_module(&detail::fake_stock(true).exp);
  detail::unregister_module(&detail::fake_db_sqlite_module().exp);
  detail::tm_reset();
  detail::unregister_module(&detail::fake_tm_exports().exp);
  detail::dialog_reset();
  detail::unregister_module(&detail::fake_dialog_exports().exp);
  detail::fake_cachedb_reset();
  detail::clusterer_reset();
  detail::unregister_module(&detail::fake_clusterer_exports().exp);
  detail::unregister_module(&detail::fake_db_sqlite_async_module().exp);
  s.sl_loaded = s.sig_loaded = false;
  s.replies.clear();
  s.abort_on_bad_free = true;
  s.bad_frees = 0;
  s.pv_print_buf_size = 20000;
  set_pool_sizes(std::size_t{16} << 20, std::size_t{32} << 20);
  *abi::log_level = abi::l_dbg;
  abi::async_status = 0;
  set_target(std::string(target.version), std::string(target.flags));
  detail::reset_timers();
  detail::reset_evi();
  detail::reset_status_reports();
  detail::reset_ipc();
  detail::reset_dyn_stats();
  detail::reset_script();
  detail::reset_msg_state();
}
void fake_core::clear_replies() noexcept { detail::st().replies.clear(); }

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
/// Logs an error in the core's words and returns it as a failed result.
inline result fail(int level, const char* func, std::string text) {
  core_log(level, func, "%s", text.c_str());
  return result{false, std::move(text)};
}
}  // namespace detail

result host::modparam(std::string_view name, std::string_view value) {
  if (!st_->loaded) return {false, "module not loaded: " + st_->error};
  st_->kept.emplace_back(value);
  return detail::set_param(*st_, name, abi::str_param, st_->kept.back().data());
}
result host::modparam(std::string_view name, int value) {
  // the core passes an INT modparam's value in the pointer itself
  return detail::set_param(*st_, name, abi::int_param,
                           reinterpret_cast<void*>(static_cast<long>(value)));  // NOLINT(performance-no-int-to-ptr)
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
        return detail::fail(abi::l_err, "init_mod",
                            detail::fmt_text("failed to registering statistics for module %s", name));
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
    throw std::logic_error(
        "modsdk::testing::host::call(\"" + std::string(function) +
        "\"): " + (c.error().empty() ? std::string("the host has not been started (call start() first)") : c.error()));
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
    throw std::logic_error(
        "modsdk::testing::host::call_async(\"" + std::string(function) +
        "\"): " + (c->error.empty() ? std::string("the host has not been started (call start() first)") : c->error));
  async_result r;
  r.ctx.timeout_s = timeout_s;
  abi::async_status = abi::async_no_io;  // tm: "assume no IO done"
  r.rc = detail::invoke_call(*c, msg.raw(), &r.ctx);
  r.async_status = abi::async_status;
  auto& v = st_->calls;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  return r;
}

mi_result host::mi(std::string_view command, std::vector<mi_arg> params) {
  return detail::run_mi(*st_, command, params, false);
}
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

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
