// SPDX-License-Identifier: MIT
// The message: every header of a type asked for by the C type id (HDR_VIA_T) instead of modsdk::header_type.
// expect: modsdk: message::headers() takes a header name or a modsdk::header_type
#include <cstddef>

#include <modsdk/message.hpp>

std::size_t vias(modsdk::message& msg) {
#ifdef MODSDK_CONTROL
  return msg.headers(modsdk::header_type::via).size();
#else
  return msg.headers(1).size();
#endif
}
