// SPDX-License-Identifier: MIT
// A log format spec that does not fit its argument's type ({:d} for a string) is rejected at compile time.
// expect: invalid type specifier
#include <string_view>

#include <modsdk/log.hpp>

void report(std::string_view user) {
#ifdef MODSDK_CONTROL
  modsdk::log::warn("user {} refused", user);
#else
  modsdk::log::warn("user {:d} refused", user);
#endif
}
