// SPDX-License-Identifier: MIT
// The message: a script flag set by its cfg name instead of its bit.
// expect: modsdk: message::set_flag() takes the flag's bit
#include <modsdk/message.hpp>

bool mark(modsdk::message& msg) {
#ifdef MODSDK_CONTROL
  return msg.set_flag(3);
#else
  return msg.set_flag("MY_FLAG");
#endif
}
