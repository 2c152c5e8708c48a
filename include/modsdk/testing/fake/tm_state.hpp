// SPDX-License-Identifier: MIT
// Test kit fake core: the fake tm's transactions (fake/tm.hpp): cells laid out as struct cell's measured members
// (abi::tm_cell_prefix) with the header lines tm keeps, T (the current transaction), the callbacks of a transaction
// run in the order t_hooks.c runs them, and the stateful local reply of t_reply.c.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>

#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/tm.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>
#include <modsdk/testing/tm.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

struct tm_callback {
  int types;
  abi::transaction_cb* f;
  void* param;
  abi::release_tmcb_param* release;
};

/// The memory of one fake cell: the members modsdk reads, the first branch (for the R-URI of a local
/// transaction) and the texts they point to.
struct tm_cell_block {
  abi::tm_cell_prefix cell;
  alignas(8) unsigned char uac[640];    // the first struct ua_client (3.x), or the chunk pointers (4.0)
  alignas(8) unsigned char chunk[640];  // 4.0: the first chunk
};
static_assert(offsetof(tm_cell_block, uac) == abi::tm_cell_uac);
struct tm_cell_mem : tm_cell_block {
  tm_cell_mem() : tm_cell_block{} {}
  std::string from, to, callid, cseq, method, ruri;
};
inline abi::str tm_str(std::string& v) { return {v.data(), static_cast<int>(v.size())}; }

struct tm_cell_state {
  tm_transaction info;
  std::unique_ptr<tm_cell_mem> mem = std::make_unique<tm_cell_mem>();
  abi::sip_msg* request = nullptr;
  std::string key;  // Call-ID + CSeq: a later request with the same key is a retransmission
  std::vector<tm_callback> callbacks;
  bool replied_in_callback = false;
};

struct tm_state {
  std::vector<tm_cell_state> cells;
  std::map<unsigned, std::size_t> by_msg_id;             // the message a transaction was created for
  std::map<unsigned, std::vector<tm_callback>> pending;  // registered before newtran, per message id
  std::vector<tm_reply> replies;
  std::vector<tm_fired> fired;
  std::vector<tm_request> requests;
  std::size_t retransmissions = 0;
  long current = -1;  // T: the transaction the last tm call (or the running callback) is about; -1 T_UNDEFINED
  bool fail_requests = false;
  std::string totag;
  bool loaded = false;
};
inline tm_state& tm_st() {
  static tm_state s;
  return s;
}

inline abi::tm_cell* cell_ptr(std::size_t n) noexcept {
  return reinterpret_cast<abi::tm_cell*>(&tm_st().cells[n].mem->cell);
}
inline std::optional<std::size_t> cell_index(abi::tm_cell* t) noexcept {
  auto& s = tm_st();
  for (std::size_t i = 0; i < s.cells.size(); ++i)
    if (cell_ptr(i) == t) return i;
  return std::nullopt;
}
/// Fills the cell's texts and points its str members at them.
inline void tm_fill(std::size_t n, std::string from, std::string to, std::string callid, std::string cseq,
                    std::string ruri, bool local) {
  auto& c = tm_st().cells[n];
  tm_cell_mem& m = *c.mem;
  m.from = std::move(from);
  m.to = std::move(to);
  m.callid = std::move(callid);
  m.cseq = std::move(cseq);
  m.method = c.info.method;
  m.ruri = std::move(ruri);
  m.cell.hash_index = c.info.hash_index;
  m.cell.label = c.info.label;
  m.cell.flags = (m.method == "INVITE" ? abi::t_is_invite_flag : 0U) | (local ? abi::t_is_local_flag : 0U);
  m.cell.from = tm_str(m.from);
  m.cell.to = tm_str(m.to);
  m.cell.callid = tm_str(m.callid);
  m.cell.cseq_n = tm_str(m.cseq);
  m.cell.method = tm_str(m.method);
  m.cell.uas_request = local ? nullptr : c.request;
  if (local) {
    const abi::str uri = tm_str(m.ruri);
    unsigned char* first = m.uac;
    if constexpr (profile_abi::tm_uac_chunks) {
      first = m.chunk;
      std::memcpy(m.uac, &first, sizeof first);
    }
    std::memcpy(first + profile_abi::tm_uac_uri, &uri, sizeof uri);
  }
  c.info.local = local;
}
inline void tm_set_final(std::size_t n, int code) {
  auto& c = tm_st().cells[n];
  c.info.final_code = code;
  c.mem->cell.uas_status = static_cast<unsigned>(code);
}

// (the message is read through its fixed prefix: message.hpp's weak-symbol checks do not belong in the TU
// that defines the fake core's parse_headers)
inline const abi::sip_msg_prefix& tm_prefix(abi::sip_msg* msg) { return *reinterpret_cast<abi::sip_msg_prefix*>(msg); }
inline std::string_view tm_header(abi::sip_msg* msg, std::string_view name, std::string_view compact) {
  auto eq = [](abi::str a, std::string_view b) {
    if (a.len != static_cast<int>(b.size())) return false;
    for (std::size_t i = 0; i < b.size(); ++i)
      if ((a.s[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
  };
  for (const abi::hdr_field* h = tm_prefix(msg).headers; h; h = h->next)
    if (eq(h->name, name) || (!compact.empty() && eq(h->name, compact)))
      return {h->body.s, static_cast<std::size_t>(h->body.len)};
  return {};
}
inline bool tm_is_ack(abi::sip_msg* msg) { return tm_prefix(msg).first_line.value == 4; }  // METHOD_ACK
inline std::string tm_key(abi::sip_msg* msg) {
  return std::string(tm_header(msg, "Call-ID", "i")) + '|' + std::string(tm_header(msg, "CSeq", ""));
}

/// The transaction of the message being processed (T), if any.
inline std::optional<std::size_t> tm_of(abi::sip_msg* msg) {
  if (!msg) return std::nullopt;
  auto& s = tm_st();
  auto it = s.by_msg_id.find(reinterpret_cast<abi::sip_msg_prefix*>(msg)->id);
  if (it == s.by_msg_id.end() || s.cells[it->second].info.deleted) return std::nullopt;
  s.current = static_cast<long>(it->second);  // as t_check() sets T
  return it->second;
}
inline std::optional<std::size_t> tm_matching(abi::sip_msg* msg) {
  const std::string key = tm_key(msg);
  auto& s = tm_st();
  for (std::size_t i = 0; i < s.cells.size(); ++i)
    if (!s.cells[i].info.deleted && s.cells[i].key == key) return i;
  return std::nullopt;
}

/// mirrors t_hooks.c:run_trans_callbacks(): every callback registered for `type`, in registration order
/// (with T set to the transaction meanwhile).
inline void tm_run(std::size_t n, int type, abi::sip_msg* req, abi::sip_msg* rpl, int code) {
  auto& s = tm_st();
  const long saved = s.current;
  s.current = static_cast<long>(n);
  const std::vector<tm_callback> cbs = s.cells[n].callbacks;  // a callback may register more
  for (const tm_callback& cb : cbs) {
    if (!(cb.types & type)) continue;
    s.fired.push_back({n, type, code});
    void* param = cb.param;
    abi::tmcb_params p{req, rpl, code, &param, nullptr, nullptr};
    cb.f(cell_ptr(n), type, &p);
  }
  s.current = saved;
}

inline std::size_t tm_create(abi::sip_msg* msg) {
  auto& s = tm_st();
  const std::size_t n = s.cells.size();
  tm_cell_state c;
  c.info.hash_index = static_cast<unsigned>(0x1000 + n * 7) % 65536;
  c.info.label = static_cast<unsigned>(1000 + n);
  c.info.method = std::string(tm_prefix(msg).first_line.a.s, tm_prefix(msg).first_line.a.len);
  c.request = msg;
  c.key = tm_key(msg);
  const unsigned id = reinterpret_cast<abi::sip_msg_prefix*>(msg)->id;
  if (auto p = s.pending.find(id); p != s.pending.end()) {
    c.callbacks = std::move(p->second);
    s.pending.erase(p);
  }
  c.info.callbacks = c.callbacks.size();
  s.cells.push_back(std::move(c));
  s.by_msg_id[id] = n;
  // as t_lookup.c:init_new_t(): whole header lines, the CSeq up to its number
  const std::string_view cseq = tm_header(msg, "CSeq", "");
  tm_fill(n, "From: " + std::string(tm_header(msg, "From", "f")) + "\r\n",
          "To: " + std::string(tm_header(msg, "To", "t")) + "\r\n",
          "Call-ID: " + std::string(tm_header(msg, "Call-ID", "i")) + "\r\n",
          "CSeq: " + std::string(cseq.substr(0, cseq.find(' '))), "", false);
  s.current = static_cast<long>(n);
  return n;
}

/// mirrors t_reply.c: a local final reply runs RESPONSE_PRE_OUT and RESPONSE_OUT with FAKED_REPLY.
inline void tm_local_reply(std::size_t n, int code, std::string reason, std::string body = {}, std::string headers = {},
                           std::string to_tag = {}) {
  auto& s = tm_st();
  s.replies.push_back({n, code, std::move(reason), std::move(body), std::move(headers), std::move(to_tag)});
  if (code < 200) return;
  tm_set_final(n, code);
  s.cells[n].replied_in_callback = true;
  tm_run(n, abi::tmcb_response_pre_out, s.cells[n].request, abi::faked_reply, code);
  tm_run(n, abi::tmcb_response_out, s.cells[n].request, abi::faked_reply, code);
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
