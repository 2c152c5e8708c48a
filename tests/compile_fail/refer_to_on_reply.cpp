// SPDX-License-Identifier: MIT
// Refer-To is a REFER request's header (RFC 3515): a reply (or a message not known to be a request) has no
// refer_to() to read.
// expect: no member named
#include <modsdk/message.hpp>

void route(modsdk::message& msg) {
#ifdef MODSDK_CONTROL
  if (auto req = msg.as_request()) (void)req->refer_to();
#else
  (void)msg.refer_to();
#endif
}
