// SPDX-License-Identifier: MIT
// A single-allocator core (inline fm_malloc calls, no gen_* pointers) is refused at compile time.
// expect: a single-allocator build calls fm_/qm_/hp_ functions inline
#ifndef MODSDK_CONTROL
#undef MODSDK_TARGET_FLAGS
#define MODSDK_TARGET_FLAGS \
  "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, F_MALLOC, FAST_LOCK-FUTEX-ADAPTIVE_WAIT"
#endif
#include <modsdk/modsdk.hpp>
MODSDK_MODULE(target_test);
