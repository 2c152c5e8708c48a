// SPDX-License-Identifier: MIT
// A guard holds a lock that outlives it: it cannot lock a temporary rw_lock.
// expect: rw_lock&
#include <modsdk/rw_lock.hpp>

int main() {
#ifdef MODSDK_CONTROL
  modsdk::rw_lock l;
  modsdk::read_guard g{l};
#else
  modsdk::read_guard g{modsdk::rw_lock{}};
#endif
  return 0;
}
