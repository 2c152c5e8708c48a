// SPDX-License-Identifier: MIT
// A log call that passes an argument no field of the format string prints is rejected at compile time
// (a forgotten {} would otherwise lose the value silently).
// expect: argument_never_used
#include <modsdk/log.hpp>

void report(int done, int total) {
#ifdef MODSDK_CONTROL
  modsdk::log::info("{} of {} done", done, total);
#else
  modsdk::log::info("{} done", done, total);
#endif
}
