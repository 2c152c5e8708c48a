// SPDX-License-Identifier: MIT
/// @file The SIP message a script function runs on, as its first parameter:
///   `modsdk::message&` - any SIP message (request or reply)
///   `modsdk::request&` - a request (request, failure, branch and local routes)
///   `modsdk::reply&`   - a reply (onreply routes)
/// Reading the message goes through pseudo-variables and the stable prefix of `struct sip_msg`, never
/// through offsets that moved between 3.4 and 4.0.
#pragma once
#include <modsdk/abi/sip_msg.hpp>

namespace modsdk::inline v0 {

/// Any SIP message (request or reply) the core runs a script function on.
class message {
 public:
  explicit message(abi::sip_msg* msg) noexcept : msg_(msg) {}
  /// The core's `struct sip_msg*`, for calling core functions modsdk does not wrap.
  abi::sip_msg* raw() const noexcept { return msg_; }
  bool is_request() const noexcept { return prefix().first_line.type == abi::sip_request; }
  bool is_reply() const noexcept { return prefix().first_line.type == abi::sip_reply; }

 protected:
  const abi::sip_msg_prefix& prefix() const noexcept { return *reinterpret_cast<const abi::sip_msg_prefix*>(msg_); }
  abi::sip_msg* msg_;
};

/// A SIP request.
class request : public message {
 public:
  using message::message;
};

/// A SIP reply.
class reply : public message {
 public:
  using message::message;
};

}  // namespace modsdk::inline v0
