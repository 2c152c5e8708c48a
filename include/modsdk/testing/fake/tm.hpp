// SPDX-License-Identifier: MIT
// Test kit fake core: the tm module (modules/tm: load_tm, t_newtran, t_reply, t_relay, t_check_trans,
// t_get_trans_ident, register_tmcb, t_gett, t_is_local, t_lookup_ident, ref/unref_cell, t_gen_totag,
// t_reply_with_body, t_request and the order t_reply.c / h_table.c run the callbacks in). A transaction is a
// real block with struct cell's measured members (abi::tm_cell_prefix), so modsdk::tm::transaction reads it.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>

#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/tm.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/fake/tm_state.hpp>
#include <modsdk/testing/tm.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

// ---- the tm_binds functions -----------------------------------------------------------------------------
inline int fake_t_newtran(abi::sip_msg* msg) {
  if (tm_prefix(msg).first_line.type != abi::sip_request) {
    core_log(abi::l_err, "t_newtran", "modsdk fake tm: a transaction is created for a request, not a reply");
    return -1;
  }
  parse_headers_impl(msg, abi::hdr_eoh_f, 0, "t_newtran");  // as t_newtran parses the whole request
  if (tm_of(msg)) {
    core_log(abi::l_dbg, "t_newtran", "transaction already in process");
    return -6;  // E_SCRIPT
  }
  if (tm_matching(msg)) {
    ++tm_st().retransmissions;
    return 0;
  }
  tm_create(msg);
  return 1;
}
inline int fake_t_reply(abi::sip_msg* msg, unsigned int code, const abi::str* reason) {
  if (tm_is_ack(msg)) return 0;
  auto n = tm_of(msg);
  if (!n) {
    const int r = fake_t_newtran(msg);
    if (r <= 0) return r;
    n = tm_of(msg);
  }
  tm_local_reply(*n, static_cast<int>(code), reason && reason->s ? std::string(reason->s, reason->len) : "");
  return 1;
}
inline int fake_t_relay(abi::sip_msg* msg, void*, void*) {
  auto n = tm_of(msg);
  if (!n) {
    const int r = fake_t_newtran(msg);
    if (r <= 0) return r;
    n = tm_of(msg);
  }
  auto& c = tm_st().cells[*n];
  c.info.relayed = true;
  tm_run(*n, abi::tmcb_request_fwded, c.request, nullptr, 0);
  return 1;
}
inline int fake_t_check_trans(abi::sip_msg* msg) {
  if (auto n = tm_of(msg)) {
    tm_st().current = static_cast<long>(*n);
    return 1;
  }
  if (tm_matching(msg)) {
    if (tm_is_ack(msg)) return 1;
    ++tm_st().retransmissions;
    return 0;
  }
  return -1;
}
inline int fake_t_get_trans_ident(abi::sip_msg* msg, unsigned int* hash_index, unsigned int* label) {
  auto n = tm_of(msg);
  if (!n) {
    core_log(abi::l_err, "t_get_trans_ident", "no transaction found");
    return -1;
  }
  *hash_index = tm_st().cells[*n].info.hash_index;
  *label = tm_st().cells[*n].info.label;
  return 1;
}
/// mirrors t_hooks.c:register_tmcb()
inline int fake_register_tmcb(abi::sip_msg* msg, abi::tm_cell* t, int types, abi::transaction_cb* f, void* param,
                              abi::release_tmcb_param* release) {
  if (types < 0 || types > abi::tmcb_max) {
    core_log(abi::l_crit, "register_tmcb", "invalid callback types: mask=%d", types);
    return -5;  // E_BUG
  }
  if (!f) {
    core_log(abi::l_crit, "register_tmcb", "null callback function");
    return -5;
  }
  if (types & (abi::tmcb_request_in | abi::tmcb_local_trans_new)) {
    core_log(abi::l_err, "register_tmcb", "modsdk fake tm: module-wide callbacks are not simulated");
    return -5;
  }
  auto& s = tm_st();
  const tm_callback cb{types, f, param, release};
  std::optional<std::size_t> n;
  if (t) {
    n = reinterpret_cast<std::size_t>(t) - 1;
  } else if (!msg) {
    core_log(abi::l_crit, "register_tmcb", "no sip_msg, nor transaction given");
    return -5;
  } else {
    n = tm_of(msg);
  }
  if (n) {
    s.cells[*n].callbacks.push_back(cb);
    s.cells[*n].info.callbacks++;
  } else {
    s.pending[reinterpret_cast<abi::sip_msg_prefix*>(msg)->id].push_back(cb);
  }
  return 1;
}
inline abi::tm_cell* fake_t_gett() {
  const long n = tm_st().current;
  return n < 0 ? abi::t_undefined : cell_ptr(static_cast<std::size_t>(n));
}
inline int fake_t_is_local(abi::sip_msg* msg) {
  auto n = tm_of(msg);
  if (!n) {
    core_log(abi::l_err, "t_is_local", "no transaction found");
    return -1;
  }
  return tm_st().cells[*n].info.local ? static_cast<int>(abi::t_is_local_flag) : 0;
}
/// mirrors t_lookup.c:t_lookup_ident(): the transaction found is referenced
inline int fake_t_lookup_ident(abi::tm_cell** t, unsigned int hash_index, unsigned int label) {
  if (hash_index >= 65536) {
    core_log(abi::l_err, "t_lookup_ident", "invalid hash_index=%u", hash_index);
    return -1;
  }
  auto& s = tm_st();
  for (std::size_t i = 0; i < s.cells.size(); ++i)
    if (!s.cells[i].info.deleted && s.cells[i].info.hash_index == hash_index && s.cells[i].info.label == label) {
      ++s.cells[i].info.references;
      *t = cell_ptr(i);
      return 1;
    }
  *t = nullptr;
  return -1;
}
inline void fake_ref_cell(abi::tm_cell* t) {
  if (auto n = cell_index(t)) ++tm_st().cells[*n].info.references;
}
inline void fake_unref_cell(abi::tm_cell* t) {
  if (auto n = cell_index(t)) --tm_st().cells[*n].info.references;
}
inline int fake_t_gen_totag(abi::sip_msg* msg, abi::str* totag) {
  auto& s = tm_st();
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016zx", std::hash<std::string_view>{}(tm_header(msg, "Call-ID", "i")));
  s.totag = std::string("fake-totag-") + buf;
  *totag = tm_str(s.totag);
  return 1;
}
inline std::string tm_text(const abi::str* v) { return v && v->s ? std::string(v->s, v->len) : std::string(); }
inline int fake_t_reply_with_body(abi::tm_cell* t, unsigned int code, abi::str* text, abi::str* body, abi::str* headers,
                                  abi::str* to_tag) {
  auto n = cell_index(t);
  if (!n || tm_st().cells[*n].info.deleted) return -1;
  tm_local_reply(*n, static_cast<int>(code), tm_text(text), tm_text(body), tm_text(headers), tm_text(to_tag));
  return 1;
}
/// mirrors uac.c:request(): a local transaction with the completion callback as TMCB_LOCAL_COMPLETED; on
/// failure the callback's release is not run (the caller frees its param)
inline int fake_t_request(abi::str* m, abi::str* ru, abi::str* to, abi::str* from, abi::str* h, abi::str* b,
                          abi::str* obu, abi::transaction_cb* cb, void* cbp, abi::release_tmcb_param* release) {
  auto& s = tm_st();
  if (!m || !to || !from || !m->s || !to->s || !from->s) {
    core_log(abi::l_err, "check_params", "invalid parameter value");
    return -1;
  }
  if (s.fail_requests) {
    core_log(abi::l_err, "t_uac", "modsdk fake tm: sending the request failed (fail_requests)");
    return -6;  // E_BAD_ADDRESS
  }
  s.requests.push_back(
      {tm_text(m), tm_text(ru), tm_text(to), tm_text(from), tm_text(h), tm_text(b), tm_text(obu), s.cells.size()});
  const std::size_t n = s.cells.size();
  tm_cell_state c;
  c.info.hash_index = static_cast<unsigned>(0x1000 + n * 7) % 65536;
  c.info.label = static_cast<unsigned>(1000 + n);
  c.info.method = tm_text(m);
  if (cb) c.callbacks.push_back({abi::tmcb_local_completed, cb, cbp, release});
  c.info.callbacks = c.callbacks.size();
  s.cells.push_back(std::move(c));
  // as t_msgbuilder.c: header lines with the URIs in angle brackets (a From tag of its own)
  tm_fill(n, "From: <" + tm_text(from) + ">;tag=fake-" + std::to_string(n) + "\r\n", "To: <" + tm_text(to) + ">\r\n",
          "Call-ID: fake-callid-" + std::to_string(n) + "\r\n", "CSeq: 1", ru && ru->s ? tm_text(ru) : tm_text(to),
          true);
  return 1;
}

inline int fake_load_tm(void* binds) {
  if (!binds) return -1;
  auto* b = static_cast<profile_abi::tm_binds*>(binds);
  *b = {};
  b->api.register_tmcb = &fake_register_tmcb;
  b->api.t_relay = &fake_t_relay;
  b->api.t_check_trans = &fake_t_check_trans;
  b->api.t_newtran = &fake_t_newtran;
  b->api.t_reply = &fake_t_reply;
  b->api.t_get_trans_ident = &fake_t_get_trans_ident;
  b->api.t_gett = &fake_t_gett;
  b->api.t_is_local = &fake_t_is_local;
  b->api.t_lookup_ident = &fake_t_lookup_ident;
  b->api.ref_cell = &fake_ref_cell;
  b->api.unref_cell = &fake_unref_cell;
  b->api.t_gen_totag = &fake_t_gen_totag;
  b->api.t_reply_with_body = &fake_t_reply_with_body;
  b->api.t_request = &fake_t_request;
  return 1;
}

struct fake_tm_module {
  abi::cmd_export cmds[2];
  abi::module_exports exp;
};
inline fake_tm_module& fake_tm_exports() {
  static fake_tm_module m = [] {
    fake_tm_module x{};
    x.cmds[0].name = "load_tm";
    x.cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_load_tm));
    x.exp.name = "tm";
    x.exp.type = abi::mod_type_default;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

/// Frees every transaction and pending callback (releases run), then forgets them.
inline void tm_reset() {
  tm_module().remove_all();
  auto& s = tm_st();
  s.cells.clear();
  s.by_msg_id.clear();
  s.replies.clear();
  s.fired.clear();
  s.requests.clear();
  s.retransmissions = 0;
  s.current = -1;
  s.fail_requests = false;
}

}  // namespace testing::detail

// ---- fake_tm -----------------------------------------------------------------------------------------
namespace testing {
fake_tm& tm_module() noexcept {
  static fake_tm t;
  return t;
}
std::size_t fake_tm::size() const noexcept { return detail::tm_st().cells.size(); }
std::optional<tm_transaction> fake_tm::transaction(std::size_t n) const {
  if (n >= size()) return std::nullopt;
  return detail::tm_st().cells[n].info;
}
const std::vector<tm_reply>& fake_tm::replies() const noexcept { return detail::tm_st().replies; }
const std::vector<tm_fired>& fake_tm::fired() const noexcept { return detail::tm_st().fired; }
std::size_t fake_tm::retransmissions() const noexcept { return detail::tm_st().retransmissions; }
const std::vector<tm_request>& fake_tm::requests() const noexcept { return detail::tm_st().requests; }
void fake_tm::fail_requests(bool fail) noexcept { detail::tm_st().fail_requests = fail; }

bool fake_tm::receive_reply(std::size_t n, int code, sip_message* reply) {
  auto& s = detail::tm_st();
  if (n >= s.cells.size() || s.cells[n].info.deleted || s.cells[n].info.final_code >= 200) return false;
  abi::sip_msg* req = s.cells[n].request;
  abi::sip_msg* rpl = reply ? reply->raw() : nullptr;
  detail::tm_run(n, abi::tmcb_response_in, req, rpl, code);
  if (s.cells[n].info.local) {  // mirrors t_reply.c:local_reply(): the final reply completes it
    if (code >= 200) {
      detail::tm_set_final(n, code);
      detail::tm_run(n, abi::tmcb_local_completed, nullptr, rpl, code);
    }
    return true;
  }
  if (code >= 300) {
    s.cells[n].replied_in_callback = false;
    detail::tm_run(n, abi::tmcb_on_failure, req, rpl, code);
    if (s.cells[n].replied_in_callback) return true;  // a failure callback replied (t_reply_unsafe)
  }
  if (code >= 200) detail::tm_set_final(n, code);
  s.replies.push_back({n, code, "(relayed)", {}, {}, {}});
  detail::tm_run(n, abi::tmcb_response_fwded, req, rpl, code);
  detail::tm_run(n, abi::tmcb_response_pre_out, req, rpl, code);
  detail::tm_run(n, abi::tmcb_response_out, req, rpl, code);
  return true;
}
bool fake_tm::timeout(std::size_t n) {
  auto& s = detail::tm_st();
  if (n >= s.cells.size() || s.cells[n].info.deleted || s.cells[n].info.final_code >= 200) return false;
  if (s.cells[n].info.local) {  // tm's own 408 completes a local transaction
    detail::tm_set_final(n, 408);
    detail::tm_run(n, abi::tmcb_local_completed, nullptr, abi::faked_reply, 408);
    return true;
  }
  s.cells[n].replied_in_callback = false;
  detail::tm_run(n, abi::tmcb_on_failure, s.cells[n].request, abi::faked_reply, 408);
  if (!s.cells[n].replied_in_callback) detail::tm_local_reply(n, 408, "Request Timeout");
  return true;
}
bool fake_tm::cancel(std::size_t n) {
  auto& s = detail::tm_st();
  if (n >= s.cells.size() || s.cells[n].info.deleted) return false;
  detail::tm_run(n, abi::tmcb_trans_cancelled, s.cells[n].request, nullptr, 0);
  return true;
}
bool fake_tm::remove(std::size_t n) {
  auto& s = detail::tm_st();
  if (n >= s.cells.size() || s.cells[n].info.deleted) return false;
  // mirrors h_table.c:free_cell(): TMCB_TRANS_DELETED, then empty_tmcb_list() releases every param
  detail::tm_run(n, abi::tmcb_trans_deleted, nullptr, nullptr, 0);
  s.cells[n].info.deleted = true;
  for (const detail::tm_callback& cb : s.cells[n].callbacks)
    if (cb.release) cb.release(cb.param);
  s.cells[n].callbacks.clear();
  return true;
}
void fake_tm::remove_all() {
  auto& s = detail::tm_st();
  for (std::size_t n = 0; n < s.cells.size(); ++n) remove(n);
  for (auto& [id, cbs] : s.pending)
    for (const detail::tm_callback& cb : cbs)
      if (cb.release) cb.release(cb.param);
  s.pending.clear();
}
}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
