// SPDX-License-Identifier: MIT
// An rw_lock cannot be copied: a copy would lock nothing the other processes see.
// expect: rw_lock
#include <modsdk/rw_lock.hpp>

struct table {
  modsdk::rw_lock lock;
  int rows = 0;
};
int main() {
  table t;
#ifdef MODSDK_CONTROL
  table& u = t;
#else
  table u = t;
#endif
  modsdk::read_guard g{u.lock};
  return u.rows;
}
