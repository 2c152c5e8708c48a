// SPDX-License-Identifier: MIT
/// @file Editing a SIP message through the core's lumps: the machinery behind modsdk::message's
/// add_header / remove_header / replace / set_body and request's reply headers (message.hpp).
///
/// The core never changes the received buffer: an edit is a lump (data_lump.h) - a deletion of a range
/// of the received text, or an insertion anchored at an offset into it - and the core applies every
/// lump when it builds the message it sends (forward, t_relay) or when msg_apply_changes() asks it to.
/// Inserted text is copied into pkg memory the lump owns from then on (the core frees it with the
/// message). Text for the next locally generated reply (sl_send_reply, t_reply) is a reply lump.
///
/// Every offset is checked against the received buffer before the core sees it (the core aborts the
/// process on an offset past the message); every failure returns false with a log line.
#pragma once
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/lump.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/message/headers.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::msg {

/// The received buffer as the core holds it (msg->buf, msg->len).
inline std::string_view received(abi::sip_msg* m) noexcept {
  auto& c = core_msg(m);
  return {c.buf, static_cast<std::size_t>(c.len)};
}

/// The offset of the `n` bytes at `p` in the received buffer, or -1 when they do not lie inside it (a copy,
/// a core buffer, text added by a lump).
inline long offset_at(abi::sip_msg* m, const char* p, std::size_t n = 0) noexcept {
  const std::string_view all = received(m);
  if (!p || p < all.data() || p > all.data() + all.size()) return -1;
  const auto off = static_cast<std::size_t>(p - all.data());
  if (n > all.size() - off) return -1;
  return static_cast<long>(off);
}
/// The offset of `part` (a view into the received buffer), or -1.
inline long offset_in(abi::sip_msg* m, std::string_view part) noexcept {
  return offset_at(m, part.data(), part.size());
}

/// The concatenation of `parts` in pkg memory (owned by the lump it is handed to), or nullptr.
inline char* pkg_text(std::initializer_list<std::string_view> parts, unsigned& len) noexcept {
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  if (n == 0 || n > 0x7fffffffU) return nullptr;
  auto* out = static_cast<char*>(::modsdk::pkg::malloc(n));
  if (!out) return nullptr;
  std::size_t at = 0;
  for (auto p : parts) {
    if (!p.empty()) std::memcpy(out + at, p.data(), p.size());
    at += p.size();
  }
  len = static_cast<unsigned>(n);
  return out;
}

inline bool fail(const char* what, std::string_view why) noexcept {
  log::write_for(log::level::error, what, "{}", why);
  return false;
}

/// Hangs `parts` (copied to pkg) after `l` (a lump just made); false (text freed) when the core refuses.
inline bool add_after(abi::lump* l, std::initializer_list<std::string_view> parts, int type,
                      const char* what) noexcept {
  if (!l) return fail(what, "the core could not create the lump (out of pkg memory?)");
  unsigned len = 0;
  char* text = pkg_text(parts, len);
  if (!text) return fail(what, "no text to insert, or out of pkg memory");
  if (!abi::insert_new_lump_after(l, text, len, type)) {
    ::modsdk::pkg::free(text);
    return fail(what, "the core could not create the lump (out of pkg memory?)");
  }
  return true;
}

/// Inserts `parts` at `offset` into the received text (anchor_lump + insert_new_lump_after).
inline bool insert_at(abi::sip_msg* m, std::size_t offset, std::initializer_list<std::string_view> parts, int type,
                      const char* what) noexcept {
  if (offset > received(m).size()) return fail(what, "the position is outside the received message");
  return add_after(abi::anchor_lump(m, static_cast<unsigned>(offset), type), parts, type, what);
}

/// Deletes `part` (a view into the received text) and, when `parts` is not empty, inserts them in its
/// place (del_lump + insert_new_lump_after).
inline bool replace_part(abi::sip_msg* m, std::string_view part, std::initializer_list<std::string_view> parts,
                         int type, const char* what) noexcept {
  const long off = offset_in(m, part);
  if (off < 0) return fail(what, "the text to change is not part of the received message (a copy or added text?)");
  if (part.empty()) return insert_at(m, static_cast<std::size_t>(off), parts, type, what);
  abi::lump* l = abi::del_lump(m, static_cast<unsigned>(off), static_cast<unsigned>(part.size()), type);
  if (!l) return fail(what, "the core could not create the lump (out of pkg memory?)");
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  return n == 0 || add_after(l, parts, type, what);
}

/// Whether the core already holds a deletion of exactly this header (the check sipmsgops' remove_hf makes,
/// so a header removed twice gets one lump).
inline bool already_removed(abi::sip_msg* m, const abi::hdr_field& h) noexcept {
  const long off = offset_at(m, h.name.s);
  for (const abi::lump* l = core_msg(m).add_rm; l && off >= 0; l = l->next)
    if (l->op == abi::lump_del && l->type == h.type && l->u.offset == static_cast<unsigned>(off) &&
        l->len == static_cast<unsigned>(h.len))
      return true;
  return false;
}

/// The whole line of a header as received (name to the end of its line, folded lines included).
inline std::string_view line_of(const abi::hdr_field& h) noexcept {
  return {h.name.s, h.len > 0 ? static_cast<std::size_t>(h.len) : 0};
}

/// The value of a header as received (a null view when the core recorded none).
inline std::string_view value_of(const abi::hdr_field& h) noexcept {
  if (!h.body.s) return {};
  return {h.body.s, h.body.len > 0 ? static_cast<std::size_t>(h.body.len) : 0};
}

/// Where the body starts in the received text (after the empty line that ends the headers), or -1 when
/// the core has not found the end of the headers or there is no empty line.
inline long body_offset(abi::sip_msg* m) noexcept {
  if (!parse_upto(m, abi::hdr_eoh_f)) return -1;
  const auto& c = core_msg(m);
  const std::string_view all = received(m);
  if (!c.eoh || c.eoh < all.data() || c.eoh > all.data() + all.size()) return -1;
  auto off = static_cast<std::size_t>(c.eoh - all.data());
  if (all.substr(off, 2) == "\r\n")
    off += 2;
  else if (all.substr(off, 1) == "\n")
    off += 1;
  else
    return -1;
  return static_cast<long>(off);
}

/// Whether another module parsed the body into parts (msg->body) or SDP operations (3.6+: msg->sdp_ops):
/// the core then builds the body from those, not from body lumps.
template <class Layout>
bool body_in_parts(const Layout& c) noexcept {
  if constexpr (requires { c.sdp_ops; })
    if (c.sdp_ops != nullptr) return true;
  return c.body != nullptr;
}

/// Adds text to the next reply generated for `m` (add_lump_rpl copies it).
inline bool reply_lump(abi::sip_msg* m, std::string_view text, int flags, const char* what) noexcept {
  if (text.empty()) return fail(what, "empty reply text");
  if (!abi::add_lump_rpl(m, const_cast<char*>(text.data()), static_cast<int>(text.size()), flags))
    return fail(what, "the core refused the reply lump (see its log: a second body, or out of pkg memory)");
  return true;
}

/// True when `name` is a header name the core can split: a token without ':' or line breaks.
inline bool valid_header_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (char c : name)
    if (c <= ' ' || c == ':' || c == 0x7f) return false;
  return true;
}
/// True when `value` holds no line break (a header value the core would read as one header).
inline bool valid_header_value(std::string_view value) noexcept {
  return value.find_first_of("\r\n") == std::string_view::npos && value.find('\0') == std::string_view::npos;
}

}  // namespace detail::msg
MODSDK_END_NAMESPACE
