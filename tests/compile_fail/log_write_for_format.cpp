// SPDX-License-Identifier: MIT
// log::write_for (a line attributed to another function) checks its format string at compile time too.
// expect: argument not found
#include <modsdk/log.hpp>

void report() {
#ifdef MODSDK_CONTROL
  modsdk::log::write_for(modsdk::log::level::error, "fixup", "bad value {}", 7);
#else
  modsdk::log::write_for(modsdk::log::level::error, "fixup", "bad value {} {}", 7);
#endif
}
