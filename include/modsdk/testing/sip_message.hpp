// SPDX-License-Identifier: MIT
/// @file A SIP message for tests, built from its text. What a module receives is a `sip_msg*` whose
/// layout is the target core's own `struct sip_msg` (abi::v4_0::sip_msg_layout ...), filled as the core
/// fills it; the fake core's own data follows it. The header list is empty until parse_headers runs, as in the core
/// (a module, or a pseudo-variable read, parses it).
///
///     auto msg = modsdk::testing::sip_message::parse(
///         "INVITE sip:bob@example.com SIP/2.0\r\n"
///         "From: <sip:alice@example.com>;tag=a1\r\n"
///         "To: <sip:bob@example.com>\r\n"
///         "Call-ID: c1\r\nCSeq: 1 INVITE\r\n\r\n");
///     host.call("my_function", msg);
#pragma once
#include <memory>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/sip_msg.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

namespace detail {
struct fake_msg;
struct fake_msg_deleter {
  void operator()(fake_msg* m) const noexcept;
};
}  // namespace detail

/// A request or reply owned by the test. Movable, not copyable; the `sip_msg*` stays valid while
/// the object lives.
class sip_message {
 public:
  /// Parses a request ("INVITE sip:x SIP/2.0") or a reply ("SIP/2.0 200 OK"): first line, headers
  /// (folded lines joined), an empty line, then the body. Lines may end in "\r\n" or "\n".
  /// Throws std::invalid_argument when the first line is neither.
  static sip_message parse(std::string_view text);

  /// The message as the core hands it to a module.
  abi::sip_msg* raw() const noexcept;
  operator abi::sip_msg*() const noexcept { return raw(); }

  bool is_request() const noexcept;
  bool is_reply() const noexcept;

  /// The source address the message "arrived" from ($si / $sp); default 127.0.0.1:5060.
  sip_message& set_source(std::string_view ip, unsigned short port);
  /// The listener the message "arrived" on (msg->rcv.bind_address), by its text; default
  /// "udp:127.0.0.1:5060". Throws std::invalid_argument for a socket the fake core does not listen on.
  sip_message& set_received_socket(std::string_view socket);
  std::string_view source_ip() const noexcept;
  unsigned short source_port() const noexcept;

  /// The R-URI after rewrites (set_ruri / `$ru = ...`), or nullopt when untouched.
  std::optional<std::string_view> new_uri() const noexcept;
  /// The socket the request is forced out of (force_send_socket: "udp:127.0.0.1:5060" - the fake core
  /// listens on udp and tcp 127.0.0.1:5060, tls 127.0.0.1:5061, and udp 127.0.0.2:5080 tagged "ext",
  /// advertised as 203.0.113.7:5080), or nullopt; the R-URI's branch flags and q (-1: none).
  std::optional<std::string_view> send_socket() const noexcept;
  unsigned ruri_bflags() const noexcept;
  int ruri_q() const noexcept;
  /// The destination URI (set_dst_uri / `$du = ...`), or nullopt when unset.
  std::optional<std::string_view> dst_uri() const noexcept;
  /// How many header lines the core has split into its header list since the message arrived (each
  /// line at most once), and how many parse_headers calls asked it to: for tests that check a lookup
  /// parses no further than it needs.
  int headers_split() const noexcept;
  int parse_calls() const noexcept;
  /// The text the message was parsed from.
  std::string_view text() const noexcept;
  /// The message as the core would send it after the module's edits (forward / t_relay): the R-URI
  /// rewritten, every lump applied (anchors and deletions with text before / after them, as the core's
  /// process_lumps), Content-Length rewritten when the body changed; without the Via the core adds for
  /// itself. Lumps of other kinds (conditional, substitution, skip) are not applied.
  std::string rendered() const;
  /// The script flags (msg->flags: bit n is flag n).
  unsigned flags() const noexcept;
  /// The header lines added for the next generated reply (add_lump_rpl LUMP_RPL_HDR, in order), and its
  /// body (LUMP_RPL_BODY, empty when none). The fake sl's replies (fake_core::replies()) carry both.
  std::string reply_headers() const;
  std::string reply_body() const;
  /// A branch appended to the request (append_branch / append_msg_branch): URI, next hop, q (-1: none).
  struct branch {
    std::string uri, dst_uri;
    int q = -1;
    unsigned bflags = 0;  ///< its branch flags (setbflag(flag, n))
    std::string path;     ///< its Path vector, empty when none
    std::string socket;   ///< its forced socket ("udp:127.0.0.1:5060"), empty when none
  };
  /// The branches appended while this message is processed (the core's destination set, per process:
  /// emptied when a message is parsed).
  static std::vector<branch> branches();

 private:
  std::unique_ptr<detail::fake_msg, detail::fake_msg_deleter> msg_;
};

}  // namespace testing
MODSDK_END_NAMESPACE
