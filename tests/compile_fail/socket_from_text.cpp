// SPDX-License-Identifier: MIT
// A send socket is one the core listens on, found by the core: not a string handed to set_send_socket().
// expect: modsdk: a sip_socket is a socket the core listens on, not text
#include <modsdk/message.hpp>

void route(modsdk::request& req) {
#ifdef MODSDK_CONTROL
  if (auto s = modsdk::find_socket("udp:10.0.0.1:5060")) req.set_send_socket(*s);
  req.force_send_socket("udp:10.0.0.1:5060");
#else
  req.set_send_socket("udp:10.0.0.1:5060");
#endif
}
