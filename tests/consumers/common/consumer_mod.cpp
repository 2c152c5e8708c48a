// SPDX-License-Identifier: MIT
// The module every consumer project builds: proves that modsdk's public headers, the target stamp and
// modsdk_add_module work the way that project consumed modsdk.
// A log line makes it use {fmt}'s compiled part (FMT EMBEDDED: inside the .so; FMT SHARED: libfmt.so.9).
#include <modsdk/modsdk.hpp>

namespace {
bool consumer_log(int n) {
  modsdk::log::info("consumer_log {}", n);
  return n > 0;
}
}  // namespace

MODSDK_MODULE(consumer_mod, modsdk::functions(MODSDK_FN(consumer_log)));
