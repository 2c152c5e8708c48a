// SPDX-License-Identifier: MIT
// The message: a header looked up by the C type id (HDR_FROM_T, an int) instead of modsdk::header_type.
// expect: modsdk: message::header() takes a header name or a modsdk::header_type
#include <optional>
#include <string_view>

#include <modsdk/message.hpp>

std::optional<std::string_view> from_of(modsdk::message& msg) {
#ifdef MODSDK_CONTROL
  return msg.header(modsdk::header_type::from);
#else
  return msg.header(4);
#endif
}
