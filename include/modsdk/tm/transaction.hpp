// SPDX-License-Identifier: MIT
/// @file A transaction as modsdk/tm.hpp hands it out: its identity, a read-only view of tm's `struct cell`
/// (tm.transaction(), a completion's transaction), and the referenced handle tm.lookup() returns.
#pragma once
#include <cstddef>
#include <cstring>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/tm.hpp>
#include <modsdk/message.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace tm {

/// A transaction's identity (its hash-table slot and label, as t_get_trans_ident / $T_id give them).
struct transaction_id {
  unsigned int hash_index = 0;
  unsigned int label = 0;
  friend constexpr bool operator==(transaction_id, transaction_id) = default;
};

/// A transaction: a read-only view of tm's `struct cell`. Valid while the code that was given it runs (the
/// route of its request, a callback of it), or while a transaction_ref holds it; keep its id(), not the view.
/// tm keeps From, To, Call-ID and CSeq as whole header lines ("From: <sip:a@b>;tag=1\r\n"): the view gives
/// their values (From and To with their tags; CSeq its number), raw() the cell.
class transaction {
 public:
  explicit transaction(abi::tm_cell* t) noexcept : t_(t) {}

  /// Its identity (hash index and label).
  transaction_id id() const noexcept { return {cell().hash_index, cell().label}; }
  /// The method (INVITE, MESSAGE ...).
  std::string_view method() const noexcept { return sv(cell().method); }
  /// The request's R-URI: as received for a proxied request, as sent on the first branch for a local one
  /// (empty before the first branch).
  std::string_view ruri() const noexcept {
    if (abi::sip_msg* r = cell().uas_request)
      return sv(reinterpret_cast<const abi::sip_msg_prefix*>(r)->first_line.b);  // NOLINT(*-reinterpret-cast)
    using profile_abi = abi::for_profile_t<target.profile>;
    const auto* branches = reinterpret_cast<const unsigned char*>(t_) + abi::tm_cell_uac;  // NOLINT(*-reinterpret-cast)
    if constexpr (profile_abi::tm_uac_chunks) {  // 4.0: a pointer to the first chunk, null before a branch
      const unsigned char* chunk = nullptr;
      std::memcpy(static_cast<void*>(&chunk), static_cast<const void*>(branches), sizeof chunk);
      branches = chunk;
      if (!branches) return {};
    }
    abi::str uri{};
    std::memcpy(&uri, branches + profile_abi::tm_uac_uri, sizeof uri);
    return sv(uri);
  }
  /// The From header's value.
  std::string_view from() const noexcept { return value(cell().from); }
  /// The To header's value.
  std::string_view to() const noexcept { return value(cell().to); }
  /// The Call-ID.
  std::string_view call_id() const noexcept { return value(cell().callid); }
  /// The CSeq number (without the method).
  std::string_view cseq() const noexcept { return value(cell().cseq_n); }
  /// The status of the final reply sent upstream (the last reply for a local transaction), 0 while none.
  int status() const noexcept { return static_cast<int>(cell().uas_status); }
  /// Whether modsdk (or another module) sent the request itself (a local, UAC transaction).
  bool is_local() const noexcept { return (cell().flags & abi::t_is_local_flag) != 0; }
  /// Whether the request is an INVITE.
  bool is_invite() const noexcept { return (cell().flags & abi::t_is_invite_flag) != 0; }
  /// tm's copy of the request (in shm), nullopt for a local transaction.
  std::optional<message> request() const noexcept {
    if (!cell().uas_request) return std::nullopt;
    return message(cell().uas_request);
  }
  /// tm's cell, for what modsdk does not wrap.
  abi::tm_cell* raw() const noexcept { return t_; }

 private:
  const abi::tm_cell_prefix& cell() const noexcept {
    return *reinterpret_cast<const abi::tm_cell_prefix*>(t_);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  }
  static std::string_view sv(const abi::str& s) noexcept {
    return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
  }
  /// A header line's value: after the name and colon, without blanks around it or the line's CRLF.
  static std::string_view value(const abi::str& line) noexcept {
    std::string_view v = sv(line);
    if (const std::size_t colon = v.find(':'); colon != std::string_view::npos) v.remove_prefix(colon + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ' || v.back() == '\t'))
      v.remove_suffix(1);
    return v;
  }
  abi::tm_cell* t_;
};

/// A transaction held by a reference (tm.lookup()): tm does not free it while the handle lives. Copying
/// takes another reference (ref_cell), destruction drops one (unref_cell). Release it soon: a held
/// transaction stays in memory after its end.
class transaction_ref {
 public:
  transaction_ref(abi::tm_cell* t, abi::tunrefcell_f ref, abi::tunrefcell_f unref) noexcept
      : t_(t), ref_(ref), unref_(unref) {}
  transaction_ref(const transaction_ref& o) noexcept : t_(o.t_), ref_(o.ref_), unref_(o.unref_) {
    if (t_) ref_(t_);
  }
  transaction_ref(transaction_ref&& o) noexcept : t_(std::exchange(o.t_, nullptr)), ref_(o.ref_), unref_(o.unref_) {}
  transaction_ref& operator=(transaction_ref o) noexcept {
    std::swap(t_, o.t_);
    std::swap(ref_, o.ref_);
    std::swap(unref_, o.unref_);
    return *this;
  }
  ~transaction_ref() {
    if (t_) unref_(t_);
  }
  /// The transaction (valid while this handle lives).
  transaction get() const noexcept { return transaction(t_); }

 private:
  abi::tm_cell* t_;
  abi::tunrefcell_f ref_;
  abi::tunrefcell_f unref_;
};

/// What the completion callback of a request modsdk sent (tm.request) is told: the final reply.
class completion {
 public:
  completion(abi::tm_cell* t, const abi::tmcb_params* p) noexcept : t_(t), p_(p) {}
  /// The final reply's status code (408 when tm gave up: reply_is_local()).
  int code() const noexcept { return p_->code; }
  /// The reply received; nullopt when tm made it itself (a timeout, an unreachable next hop).
  std::optional<message> reply() const noexcept {
    if (!p_->rpl || p_->rpl == abi::faked_reply) return std::nullopt;
    return message(p_->rpl);
  }
  /// Whether tm made the final reply itself (no reply arrived in time, or sending failed).
  bool reply_is_local() const noexcept { return p_->rpl == abi::faked_reply; }
  /// The local transaction of the request.
  transaction trans() const noexcept { return transaction(t_); }
  /// The core's parameters, for what modsdk does not wrap.
  const abi::tmcb_params* raw() const noexcept { return p_; }

 private:
  abi::tm_cell* t_;
  const abi::tmcb_params* p_;
};

}  // namespace tm
MODSDK_END_NAMESPACE
