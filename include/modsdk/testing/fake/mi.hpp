// SPDX-License-Identifier: MIT
// Test kit fake core: MI (mi/): an in-memory JSON tree behind the MI core symbols, and handle_mi_request.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/detail/json.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/loader.hpp>
#include <modsdk/testing/fake/mi_async.hpp>
#include <modsdk/testing/fake/pv_value.hpp>
#include <modsdk/testing/host.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

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
    case mi_node::string:
      json_escape(out, n.s);
      break;
    case mi_node::number: {
      char b[40];
      if (std::nearbyint(n.num) == n.num && std::fabs(n.num) < 1e15)
        std::snprintf(b, sizeof b, "%lld", static_cast<long long>(n.num));
      else
        std::snprintf(b, sizeof b, "%.17g", n.num);
      out += b;
      break;
    }
    case mi_node::boolean:
      out += n.b ? "true" : "false";
      break;
    case mi_node::null:
      out += "null";
      break;
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

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: MI ---------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
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
}  // namespace abi
MODSDK_END_NAMESPACE

MODSDK_BEGIN_NAMESPACE
namespace testing {

std::string render_mi(const abi::mi_item* response) {
  std::string out;
  if (response) detail::render(out, *reinterpret_cast<const detail::mi_node*>(response));
  return out;
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
  // a transport with async support builds a handler for commands that ask for one (fake/mi_async.hpp)
  abi::mi_handler* async_hdl = (cmd->flags & abi::mi_async_rpl_flag) ? new_mi_async_handler() : nullptr;
  abi::mi_response* resp = match->cmd(reinterpret_cast<const abi::mi_params_t*>(&p), async_hdl);
  if (async_hdl && resp != reinterpret_cast<abi::mi_response*>(-1))  // NOLINT(performance-no-int-to-ptr)
    free_mi_async_handler(async_hdl);                                // answered now: the transport frees it
  if (!resp) {
    core_log(abi::l_err, "handle_mi_request", "Command failed");
    return finish_mi(error_response(-32000, "Server error", "Command handler returned null"));
  }
  if (resp == reinterpret_cast<abi::mi_response*>(-1)) {  // NOLINT(performance-no-int-to-ptr): MI_ASYNC_RPL_FLAG
    return mi_result{false, {}, true};                    // the reply comes later: core().mi_async_replies()
  }
  return finish_mi(resp);
}
}  // namespace detail

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
