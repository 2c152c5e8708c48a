// SPDX-License-Identifier: MIT
// The appended branches belong to a request being routed: a reply (or a message not known to be a request)
// has none to read or change.
// expect: no member named
#include <modsdk/message.hpp>

void route(modsdk::message& msg) {
#ifdef MODSDK_CONTROL
  if (auto req = msg.as_request()) (void)req->branches().size();
#else
  (void)msg.branches().size();
#endif
}
