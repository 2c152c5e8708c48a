// SPDX-License-Identifier: MIT
// Test kit fake core: message edits as the core keeps them (data_lump.c: anchor_lump, del_lump,
// insert_new_lump_*; data_lump_rpl.c: add_lump_rpl) and the text the core would send (msg_translator.c's
// process_lumps and adjust_clen, for LUMP_NOP / LUMP_DEL anchors with LUMP_ADD text before / after them).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/lump.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

inline abi::lump* new_lump(int op, int type, const char* func) noexcept {
  auto* l = static_cast<abi::lump*>(counted_pkg_malloc(sizeof(abi::lump), func));
  if (!l) {
    core_log(abi::l_err, func, "out of pkg memory");
    return nullptr;
  }
  std::memset(l, 0, sizeof(abi::lump));
  l->op = op;
  l->type = type;
  return l;
}

// free_lump_list(): a lump, what hangs before / after it, and the text of LUMP_ADD lumps (pkg the lump owns)
inline void free_lump_chain(abi::lump* l, bool before) noexcept {
  while (l) {
    abi::lump* next = before ? l->before : l->after;
    if (l->op == abi::lump_add && l->u.value) counted_pkg_free(l->u.value, "free_lump");
    counted_pkg_free(l, "free_lump");
    l = next;
  }
}
inline void free_lump_list(abi::lump* l) noexcept {
  while (l) {
    abi::lump* next = l->next;
    free_lump_chain(l->before, true);
    free_lump_chain(l->after, false);
    l->before = l->after = nullptr;
    free_lump_chain(l, true);
    l = next;
  }
}
inline void free_reply_lumps(abi::lump_rpl* l) noexcept {
  while (l) {
    abi::lump_rpl* next = l->next;
    if (!(l->flags & abi::lump_rpl_nofree) && (l->flags & abi::lump_rpl_nodup) && l->text.s)
      counted_pkg_free(l->text.s, "free_lump_rpl");
    counted_pkg_free(l, "free_lump_rpl");
    l = next;
  }
}

// anchor_lump() / del_lump(): sorted into add_rm (or body_lumps past the end of the headers) after every
// NOP/DEL at the same or a lower offset
inline abi::lump* add_sorted(abi::sip_msg* msg, int op, unsigned offset, unsigned len, int type,
                             const char* func) noexcept {
  if (!data_of(msg, func)) return nullptr;
  auto& m = reinterpret_cast<fake_msg*>(msg)->msg;
  if (offset > m.len || (op == abi::lump_del && offset + len > m.len)) {
    core_log(abi::l_crit, func, "offset + len exceeds message size (%u + %u > %u): the core aborts the process", offset,
             len, m.len);
    return nullptr;
  }
  abi::lump* l = new_lump(op, type, func);
  if (!l) return nullptr;
  l->u.offset = offset;
  l->len = len;
  abi::lump** list = m.eoh && offset > static_cast<unsigned>(m.eoh - m.buf) ? &m.body_lumps : &m.add_rm;
  abi::lump* prev = nullptr;
  abi::lump* t = *list;
  for (; t; prev = t, t = t->next)
    if ((t->op == abi::lump_del || t->op == abi::lump_nop) && t->u.offset > offset) break;
  l->next = t;
  (prev ? prev->next : *list) = l;
  return l;
}

/// The reply lumps of one kind (LUMP_RPL_HDR / LUMP_RPL_BODY), concatenated in order.
inline std::string reply_text(const abi::lump_rpl* l, int kind) {
  std::string out;
  for (; l; l = l->next)
    if (l->flags & kind) out.append(l->text.s, static_cast<std::size_t>(l->text.len));
  return out;
}

// One NOP/DEL anchor of a lump list, with the text hanging before / after it (and the Content-Length line
// adjust_clen() would add, which is not in the message's lists).
struct anchor_view {
  unsigned offset, len;
  bool del;
  const abi::lump* before;
  const abi::lump* after;
  std::string extra;
};

inline std::vector<anchor_view> anchors_of(const abi::lump* t) {
  std::vector<anchor_view> v;
  for (; t; t = t->next)
    if (t->op == abi::lump_nop || t->op == abi::lump_del)
      v.push_back({t->u.offset, t->len, t->op == abi::lump_del, t->before, t->after, {}});
  return v;
}

inline void emit_chain(std::string& out, const abi::lump* l, bool before) {
  for (; l; l = before ? l->before : l->after)
    if (l->op == abi::lump_add) out.append(l->u.value, l->len);
}

// process_lumps() for NOP/DEL anchors: copy up to each anchor, its "before" text, skip a deletion, its
// "after" text; an anchor inside a deleted range is skipped unless it starts where the last deletion did
inline void process(std::string& out, std::string_view orig, unsigned& s_offset, const std::vector<anchor_view>& v) {
  unsigned last_del = 0;
  for (const auto& a : v) {
    if (a.offset < s_offset && a.offset != last_del) continue;
    if (s_offset < a.offset) {
      out.append(orig.substr(s_offset, a.offset - s_offset));
      s_offset = a.offset;
    }
    if (a.del) last_del = a.offset;
    emit_chain(out, a.before, true);
    if (a.del && a.offset + a.len > s_offset) s_offset += a.len - (s_offset - a.offset);
    out += a.extra;
    emit_chain(out, a.after, false);
  }
}

/// The message as build_req_buf_from_sip_req / build_res_buf_from_sip_res would write it, without the
/// Via the core adds for itself: the R-URI of a request replaced by new_uri, every lump applied, and the
/// Content-Length rewritten when the body changed (none added when there was none: UDP).
inline std::string render(fake_msg* fm) {
  auto& m = fm->msg;
  build_header_list(fm);  // adjust_clen: parse_headers(HDR_CONTENTLENGTH_F)
  const std::string_view orig(m.buf, m.len);
  std::string out;
  unsigned s_offset = 0;
  if (m.first_line.type == abi::sip_request && m.new_uri.s) {  // the request line with the new R-URI
    const auto uri_off = static_cast<unsigned>(m.first_line.b.s - m.buf);
    out.append(orig.substr(0, uri_off)).append(m.new_uri.s, static_cast<std::size_t>(m.new_uri.len));
    s_offset = uri_off + static_cast<unsigned>(m.first_line.b.len);
  }
  const unsigned body_off = m.eoh ? static_cast<unsigned>(m.eoh - m.buf) : m.len;
  std::string body;
  unsigned body_s = body_off;
  process(body, orig, body_s, anchors_of(m.body_lumps));
  body.append(orig.substr(body_s));
  std::vector<anchor_view> head = anchors_of(m.add_rm);
  const long delta = static_cast<long>(body.size()) - static_cast<long>(m.len - body_off);
  if (delta != 0 && m.content_length) {  // adjust_clen: the old line deleted, the new value after it
    const auto* cl = m.content_length;
    const auto off = static_cast<unsigned>(cl->name.s - m.buf);
    std::size_t at = 0;
    while (at < head.size() && head[at].offset <= off) ++at;
    // the body as sent starts after the empty line: the value counts the body only
    const std::string_view sent_body = std::string_view(body).substr(
        std::min(body.size(), orig.substr(body_off, 2) == "\r\n" ? std::size_t{2} : std::size_t{1}));
    head.insert(head.begin() + static_cast<long>(at),
                anchor_view{off, static_cast<unsigned>(cl->len), true, nullptr, nullptr,
                            "Content-Length: " + std::to_string(sent_body.size()) + "\r\n"});
  }
  process(out, orig, s_offset, head);
  if (s_offset < body_off) out.append(orig.substr(s_offset, body_off - s_offset));
  out += body;
  return out;
}

}  // namespace testing::detail
MODSDK_END_NAMESPACE

// ---- the core symbols: lumps ------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
lump* anchor_lump(sip_msg* msg, unsigned int offset, int type) {
  return testing::detail::add_sorted(msg, lump_nop, offset, 0, type, "anchor_lump");
}
lump* del_lump(sip_msg* msg, unsigned int offset, unsigned int len, int type) {
  if (len == 0) testing::detail::core_log(l_warn, "del_lump", "called with 0 len (offset =%u)", offset);
  return testing::detail::add_sorted(msg, lump_del, offset, len, type, "del_lump");
}
lump* insert_new_lump_after(lump* after, char* new_hdr, unsigned int len, int type) {
  lump* l = testing::detail::new_lump(lump_add, type, "insert_new_lump_after");
  if (!l) return nullptr;
  l->u.value = new_hdr;
  l->len = len;
  l->after = after->after;
  after->after = l;
  return l;
}
lump* insert_new_lump_before(lump* before, char* new_hdr, unsigned int len, int type) {
  lump* l = testing::detail::new_lump(lump_add, type, "insert_new_lump_before");
  if (!l) return nullptr;
  l->u.value = new_hdr;
  l->len = len;
  l->before = before->before;
  before->before = l;
  return l;
}
lump_rpl* add_lump_rpl(sip_msg* msg, char* s, int len, int flags) {
  if (!testing::detail::data_of(msg, "add_lump_rpl")) return nullptr;
  const int kind = flags & (lump_rpl_hdr | lump_rpl_body);
  if (kind == (lump_rpl_hdr | lump_rpl_body) || kind == 0 || (flags & lump_rpl_shmem)) {
    testing::detail::core_log(l_err, "add_lump_rpl", "bad flags combination (%d)!", flags);
    return nullptr;
  }
  if (len <= 0 || !s) {
    testing::detail::core_log(l_err, "add_lump_rpl", "I won't add an empty lump!");
    return nullptr;
  }
  auto& m = reinterpret_cast<testing::detail::fake_msg*>(msg)->msg;
  lump_rpl** tail = &m.reply_lump;
  for (; *tail; tail = &(*tail)->next)
    if ((flags & lump_rpl_body) && ((*tail)->flags & lump_rpl_body)) {
      testing::detail::core_log(l_err, "add_lump_rpl", "LUMP_RPL_BODY already added!");
      return nullptr;
    }
  const std::size_t extra = (flags & lump_rpl_nodup) ? 0 : static_cast<std::size_t>(len);
  auto* l = static_cast<lump_rpl*>(testing::detail::counted_pkg_malloc(sizeof(lump_rpl) + extra, "add_lump_rpl"));
  if (!l) {
    testing::detail::core_log(l_err, "add_lump_rpl", "no free pkg memory !");
    return nullptr;
  }
  l->text.s = extra ? reinterpret_cast<char*>(l + 1) : s;
  if (extra) std::memcpy(l->text.s, s, extra);
  l->text.len = len;
  l->flags = flags;
  l->next = nullptr;
  *tail = l;
  return l;
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
