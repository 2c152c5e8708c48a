// SPDX-License-Identifier: MIT
// Test kit fake core: the module list (sr_module.c: find_export) and the stock modules sl and signaling.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <utility>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/lumps.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

// ---- fake stock modules: sl (load_sl) and signaling (load_sig) --------------------------------------
inline int fake_sl_reply(abi::sip_msg* msg, int code, const abi::str* reason, abi::str* totag) {
  // mirrors sl_send_reply_helper(): an ACK is never answered (returns 1 without sending)
  auto* d = data_of(msg, "sl_send_reply");
  if (!d) return -1;
  auto& fl = reinterpret_cast<fake_msg*>(msg)->msg.first_line;
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
    r.headers = reply_text(reinterpret_cast<fake_msg*>(msg)->msg.reply_lump, abi::lump_rpl_hdr);
    r.body = reply_text(reinterpret_cast<fake_msg*>(msg)->msg.reply_lump, abi::lump_rpl_body);
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

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: other modules ----------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
// mirrors sr_module.c:find_export(): module cmds only (not the core's own functions); the miss is logged
// by find_mod_cmd_export_t(), with the core's trailing space.
cmd_function find_export(const char* name, int flags) {
  if (!name) return nullptr;
  const cmd_export* c = testing::detail::find_cmd(name, flags);
  if (!c) testing::detail::core_log(l_dbg, "find_mod_cmd_export_t", "<%s> not found ", name);
  return c ? c->function : nullptr;
}
cmd_function find_mod_export(const char* mod, const char* name, int flags) {
  if (!mod || !name) return nullptr;
  const cmd_export* c = testing::detail::find_cmd(name, flags, mod);
  if (!c) testing::detail::core_log(l_dbg, "find_mod_export", "<%s> in module %s not found", name, mod);
  return c ? c->function : nullptr;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
