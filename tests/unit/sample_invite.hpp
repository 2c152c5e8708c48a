// SPDX-License-Identifier: MIT
// The INVITE most unit tests send through the fake core: alice@example.com calls bob@example.com, no body.
#pragma once
#include <string>

#include <modsdk/testing.hpp>

namespace modsdk_test {
/// A parsed INVITE from alice to bob with Call-ID `call_id`.
inline modsdk::testing::sip_message sample_invite(const std::string& call_id) {
  return modsdk::testing::sip_message::parse(
      "INVITE sip:bob@example.com SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:bob@example.com>\r\n"
      "Call-ID: " +
      call_id +
      "\r\n"
      "CSeq: 1 INVITE\r\n"
      "Content-Length: 0\r\n\r\n");
}
}  // namespace modsdk_test
