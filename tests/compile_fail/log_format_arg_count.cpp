// SPDX-License-Identifier: MIT
// A log format string that names more arguments than it is given is rejected at compile time.
// expect: argument not found
#include <modsdk/log.hpp>

void report(int done) {
#ifdef MODSDK_CONTROL
  modsdk::log::info("{} items done", done);
#else
  modsdk::log::info("{} of {} items done", done);
#endif
}
