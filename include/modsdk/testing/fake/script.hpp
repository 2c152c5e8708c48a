// SPDX-License-Identifier: MIT
// Test kit fake core: the script around a module (context.c, script_cb.c, receive.c, route.c, action.c):
// message contexts with the modules' slots, released when the message is done; the script callbacks run
// before and after the test's script (fake_core::run_script); the cfg's request routes the test defines
// (fake_core::define_route), looked up by name and run by modules as the dispatcher module runs them.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>
#include <modsdk/config.hpp>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <modsdk/abi/script.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>

MODSDK_BEGIN_NAMESPACE

// ---- the core symbols: context, script callbacks, routes -----------------------------------------------
namespace abi {
extern "C" {
void* current_processing_ctx = nullptr;
unsigned int type_offsets[4][context_count_type] = {};
unsigned int type_sizes[4][context_count_type] = {};
}  // extern "C"
/// The fake cfg's request routes ([0]: the main route; the test's named routes from 1).
inline script_route fake_request_routes[rt_no] = {};
extern "C" {
void* sroutes = fake_request_routes;
}  // extern "C"
}  // namespace abi

namespace testing::detail {

struct fake_route {
  std::string name;
  std::function<int(abi::sip_msg*)> body;
};
struct fake_script_cb {
  abi::script_cb_function* f;
  void* param;
  int prio;
};
struct script_state {
  unsigned context_size = 0;
  std::vector<abi::context_destroy_f> destroy[abi::context_count_type];  // per slot type, in slot order
  std::vector<fake_script_cb> pre_req, post_req, pre_rpl, post_rpl;
  abi::script_route* request = abi::fake_request_routes;
  std::deque<fake_route> routes;           // what request[i].a points at
  std::deque<abi::script_route_ref> refs;  // handed to modules; never freed (modules keep them)
  std::vector<std::string> route_stack;
};
inline script_state& script_st() noexcept {
  static script_state* s = new script_state();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

/// route.c: update_all_script_route_refs(): every reference by name to the current routes.
inline void update_route_refs() noexcept {
  auto& s = script_st();
  for (auto& r : s.refs) {
    r.idx = -1;
    for (int i = 1; i < abi::rt_no; ++i)
      if (s.request[i].name && std::strcmp(s.request[i].name, r.name.s) == 0) r.idx = i;
  }
}

inline void reset_script() noexcept {
  auto& s = script_st();
  for (auto& t : abi::type_offsets)
    for (unsigned& v : t) v = 0;
  for (auto& t : abi::type_sizes)
    for (unsigned& v : t) v = 0;
  s.context_size = 0;
  for (auto& d : s.destroy) d.clear();
  s.pre_req.clear();
  s.post_req.clear();
  s.pre_rpl.clear();
  s.post_rpl.clear();
  for (auto& r : abi::fake_request_routes) r = {};
  s.routes.clear();
  s.route_stack.clear();
  update_route_refs();
  abi::current_processing_ctx = nullptr;
}

/// context.c: context_register_*(): one more slot of type t in every context of the kind.
inline int register_context_slot(int kind, int t, unsigned size, abi::context_destroy_f f) noexcept {
  if (kind != abi::context_global) {
    core_log(abi::l_err, "context_register", "modsdk fake core: only CONTEXT_GLOBAL is implemented");
    return -1;
  }
  auto& s = script_st();
  try {
    s.destroy[t].push_back(f);
  } catch (...) {
    return -1;
  }
  s.context_size += size;
  for (int later = t + 1; later < abi::context_count_type; ++later) abi::type_offsets[kind][later] += size;
  return static_cast<int>(abi::type_sizes[kind][t]++);
}

/// context.c: context_destroy(): each slot's destroy function, for the ints that are not 0, every str, the
/// pointers that are set.
inline void destroy_context(void* ctx) noexcept {
  auto& s = script_st();
  auto* base = static_cast<char*>(ctx);
  for (std::size_t n = 0; n < s.destroy[abi::context_int_type].size(); ++n)
    if (auto f = s.destroy[abi::context_int_type][n]) {
      int i = 0;
      std::memcpy(&i, base + abi::type_offsets[0][abi::context_int_type] + n * sizeof(int), sizeof i);
      if (i) f(&i);
    }
  for (std::size_t n = 0; n < s.destroy[abi::context_str_type].size(); ++n)
    if (auto f = s.destroy[abi::context_str_type][n])
      f(base + abi::type_offsets[0][abi::context_str_type] + n * sizeof(abi::str));
  for (std::size_t n = 0; n < s.destroy[abi::context_ptr_type].size(); ++n)
    if (auto f = s.destroy[abi::context_ptr_type][n]) {
      void* p = nullptr;
      std::memcpy(&p, base + abi::type_offsets[0][abi::context_ptr_type] + n * sizeof(void*), sizeof p);
      if (p) f(p);
    }
}

/// script_cb.c: add_callback(): highest priority first, equal priorities in registration order.
inline void add_script_cb(std::vector<fake_script_cb>& list, fake_script_cb cb) {
  auto at = list.begin();
  while (at != list.end() && at->prio >= cb.prio) ++at;
  list.insert(at, cb);
}
/// script_cb.c: exec_pre_cb(): the masks ANDed, stopping at SCB_DROP_MSG.
inline int exec_pre_cbs(const std::vector<fake_script_cb>& list, abi::sip_msg* msg) {
  int mask = abi::scb_run_all;
  for (const auto& cb : list) {
    mask &= cb.f(msg, cb.param);
    if (mask == abi::scb_drop_msg) break;
  }
  return mask;
}

}  // namespace testing::detail

namespace abi {
extern "C" {
int context_register_int(int type, context_destroy_f f) {
  return testing::detail::register_context_slot(type, context_int_type, sizeof(int), f);
}
int context_register_str(int type, context_destroy_f f) {
  return testing::detail::register_context_slot(type, context_str_type, sizeof(str), f);
}
int context_register_ptr(int type, context_destroy_f f) {
  return testing::detail::register_context_slot(type, context_ptr_type, sizeof(void*), f);
}

// mirrors script_cb.c:__register_script_cb(): the same type checks and errors
int register_script_cb_prio(script_cb_function* f, int type, void* param, int prio) {
  namespace d = testing::detail;
  if ((type & (req_type_cb | rpl_type_cb)) == 0) {
    d::core_log(l_crit, "__register_script_cb", "request / reply / error type not specified");
    return -1;
  }
  if ((type & (pre_script_cb | post_script_cb)) == 0 || ((type & pre_script_cb) && (type & post_script_cb))) {
    d::core_log(l_crit, "__register_script_cb", "callback POST or PRE type must be exactly one");
    return -1;
  }
  auto& s = d::script_st();
  try {
    const d::fake_script_cb cb{f, param, prio};
    if (type & req_type_cb) d::add_script_cb((type & pre_script_cb) ? s.pre_req : s.post_req, cb);
    if (type & rpl_type_cb) d::add_script_cb((type & pre_script_cb) ? s.pre_rpl : s.post_rpl, cb);
  } catch (...) {
    d::core_log(l_err, "__register_script_cb", "failed to add callback");
    return -1;
  }
  return 0;
}

// mirrors route.c:ref_script_route_by_name() for pkg references (idx -1 when the cfg has no such route)
script_route_ref* ref_script_route_by_name(char* name, script_route* sr, int size, int type, int /*in_shm*/) {
  namespace d = testing::detail;
  auto& s = d::script_st();
  if (!name || sr != s.request || size != rt_no || type != request_route) {
    d::core_log(l_err, "ref_script_route_by_name",
                "modsdk fake core: only references to sroutes->request[RT_NO] are implemented");
    return nullptr;
  }
  try {
    char* kept = const_cast<char*>(d::intern(name));  // NOLINT(*-const-cast): the core's ref holds a char*
    s.refs.push_back(script_route_ref{{kept, static_cast<int>(std::strlen(kept))}, -1, type, 1, nullptr});
  } catch (...) {
    return nullptr;
  }
  d::update_route_refs();
  return &s.refs.back();
}

// mirrors action.c:_run_actions() for a route the test defined
int run_actions_returning(action* a, sip_msg* msg) {
  namespace d = testing::detail;
  auto* r = reinterpret_cast<d::fake_route*>(a);  // NOLINT(*-reinterpret-cast): the fake's own action lists
  if (!r || !r->body) {
    d::core_log(l_warn, "run_actions", "null action list (route stack size: %zu)", d::script_st().route_stack.size());
    return 1;
  }
  return r->body(msg);
}

// mirrors action.c:route_params_push_level() / route_params_pop_level() (the route stack part)
void route_params_push_level(char* rt_name, void*, void*, route_param_getf) {
  try {
    testing::detail::script_st().route_stack.emplace_back(rt_name ? rt_name : "");
  } catch (...) {
  }
}
void route_params_pop_level() {
  auto& st = testing::detail::script_st().route_stack;
  if (!st.empty()) st.pop_back();
}
}  // extern "C"
}  // namespace abi

namespace testing {

script_run fake_core::run_script(abi::sip_msg* msg, const std::function<int(abi::sip_msg*)>& script) {
  auto& s = detail::script_st();
  script_run r;
  // receive.c: a zeroed context for this message, set as the current one
  const std::size_t size = s.context_size ? s.context_size : 1;
  void* ctx = detail::counted_pkg_malloc(size, "context_alloc");
  if (!ctx) throw std::bad_alloc();
  std::memset(ctx, 0, size);
  void* outer = abi::current_processing_ctx;
  abi::current_processing_ctx = ctx;
  struct release {
    void* ctx;
    void* outer;
    ~release() {
      detail::destroy_context(ctx);
      detail::counted_pkg_free(ctx, "context_free");
      abi::current_processing_ctx = outer;
    }
  } done{ctx, outer};
  const bool is_reply =
      msg && reinterpret_cast<const abi::sip_msg_prefix*>(msg)->first_line.type == abi::sip_reply;  // NOLINT
  const int mask = detail::exec_pre_cbs(is_reply ? s.pre_rpl : s.pre_req, msg);
  if (mask == abi::scb_drop_msg) {
    r.dropped = true;
    return r;
  }
  if ((mask & abi::scb_run_top_route) && script) {
    s.route_stack.assign(1, "0");
    r.rc = script(msg);
    r.script_ran = true;
    s.route_stack.clear();
  }
  if (mask & abi::scb_run_post_cbs) {
    for (const auto& cb : is_reply ? s.post_rpl : s.post_req) cb.f(msg, cb.param);
    r.after_ran = true;
  }
  return r;
}

void fake_core::define_route(std::string name, std::function<int(abi::sip_msg*)> body) {
  auto& s = detail::script_st();
  for (auto& r : s.routes)
    if (r.name == name) {
      r.body = std::move(body);
      return;
    }
  int free_at = 1;
  while (free_at < abi::rt_no && s.request[free_at].name) ++free_at;
  if (free_at == abi::rt_no) throw std::length_error("modsdk fake core: more than RT_NO routes");
  s.routes.push_back(detail::fake_route{std::move(name), std::move(body)});
  s.request[free_at] = {s.routes.back().name.data(), reinterpret_cast<abi::action*>(&s.routes.back())};  // NOLINT
  detail::update_route_refs();
}

const std::vector<std::string>& fake_core::route_stack() const noexcept { return detail::script_st().route_stack; }
bool fake_core::in_message() const noexcept { return abi::current_processing_ctx != nullptr; }

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
