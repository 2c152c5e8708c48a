// SPDX-License-Identifier: MIT
/// @file The fake tm module of the test kit: what a module bound with modsdk::binds(tm) talks to in a test
/// program, and the knobs that drive its transactions through tm's callbacks in tm's order.
///
///     modsdk::testing::core().load_module("tm");               // load_tm becomes available
///     REQUIRE(h.start());                                        // mod_init binds it
///     auto msg = modsdk::testing::sip_message::parse(invite);
///     CHECK(h.call("relay_it", msg) == 1);                      // t_relay: transaction 0
///     auto& tm = modsdk::testing::tm_module();
///     tm.receive_reply(0, 180);                                  // RESPONSE_IN, RESPONSE_FWDED, RESPONSE_OUT
///     tm.receive_reply(0, 486);                                  // RESPONSE_IN, ON_FAILURE, then 486 upstream
///     tm.remove(0);                                              // TRANS_DELETED, then every release callback
///
/// Transactions are numbered 0, 1, ... in creation order. A transaction belongs to the message that created
/// it (keep that sip_message alive while driving it: callbacks get it as the request). A request with the
/// Call-ID and CSeq of a live transaction is its retransmission. Replies and relays are recorded, not sent.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <vector>

#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

/// A reply tm sent statefully (t_reply, t_reply_with_body, or the final reply of a failed relay).
struct tm_reply {
  std::size_t transaction;  ///< its number
  int code;
  std::string reason;
  std::string body;     ///< t_reply_with_body's body
  std::string headers;  ///< t_reply_with_body's extra header lines
  std::string to_tag;   ///< t_reply_with_body's To-tag (empty: tm's own)
};

/// A request a module sent (t_request), as given to tm.
struct tm_request {
  std::string method, ruri, to, from, headers, body, next_hop;
  std::size_t transaction;  ///< the number of its local transaction (drive it with receive_reply/timeout)
};

/// One transaction callback run: which transaction, which TMCB_* bit, the code it was given.
struct tm_fired {
  std::size_t transaction;
  int type;
  int code;
  friend bool operator==(const tm_fired&, const tm_fired&) = default;
};

/// What the fake knows of one transaction.
struct tm_transaction {
  unsigned int hash_index = 0, label = 0;  ///< its identity (t_get_trans_ident)
  std::string method;
  int final_code = 0;         ///< the final reply sent upstream (0 while none)
  bool relayed = false;       ///< t_relay was called on it
  bool local = false;         ///< sent by a module (t_request)
  int references = 0;         ///< references taken by t_lookup_ident / ref_cell and not yet dropped
  bool deleted = false;       ///< remove() ran
  std::size_t callbacks = 0;  ///< callbacks registered on it
};

/// The fake tm module (sr_module's `load_tm` export of tm.so). Reached with tm_module().
class fake_tm {
 public:
  /// Transactions created so far (deleted ones included).
  std::size_t size() const noexcept;
  std::optional<tm_transaction> transaction(std::size_t n) const;
  /// Replies sent statefully, oldest first.
  const std::vector<tm_reply>& replies() const noexcept;
  /// Every callback run, oldest first.
  const std::vector<tm_fired>& fired() const noexcept;
  /// Retransmissions absorbed by newtran / check.
  std::size_t retransmissions() const noexcept;
  /// Requests sent by modules (t_request), oldest first.
  const std::vector<tm_request>& requests() const noexcept;
  /// Makes t_request fail (as for an unresolvable next hop) until called with false.
  void fail_requests(bool fail = true) noexcept;

  // ---- driving a transaction (false: no such live transaction, or already completed) ----------------
  /// A reply from downstream: RESPONSE_IN; a provisional or 2xx one then RESPONSE_FWDED and RESPONSE_OUT;
  /// a final >= 300 ON_FAILURE, then (unless a failure callback replied) RESPONSE_FWDED and RESPONSE_OUT.
  /// For a local transaction (a request a module sent): RESPONSE_IN, and LOCAL_COMPLETED on a final reply.
  /// `reply`, when given, is the reply message the callbacks see.
  bool receive_reply(std::size_t n, int code, sip_message* reply = nullptr);
  /// No final reply in time: ON_FAILURE with 408 and tm's own (faked) reply, then RESPONSE_PRE_OUT and
  /// RESPONSE_OUT of the 408 sent upstream. For a local transaction: LOCAL_COMPLETED with 408 and tm's own reply.
  bool timeout(std::size_t n);
  /// A CANCEL matched the transaction: TRANS_CANCELLED.
  bool cancel(std::size_t n);
  /// The transaction is freed: TRANS_DELETED, then the release callback of every registration.
  bool remove(std::size_t n);
  /// remove() of every live transaction, and release of callbacks still pending on a message.
  void remove_all();
};

/// The fake tm module of this program (loaded with core().load_module("tm")).
fake_tm& tm_module() noexcept;

}  // namespace testing
MODSDK_END_NAMESPACE
