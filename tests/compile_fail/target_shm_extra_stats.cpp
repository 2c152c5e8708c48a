// SPDX-License-Identifier: MIT
// A core built with SHM_EXTRA_STATS cannot host an out-of-tree module: refused at compile time.
// expect: are not supported: SHM_EXTRA_STATS books shm per module
#ifndef MODSDK_CONTROL
#undef MODSDK_TARGET_FLAGS
#define MODSDK_TARGET_FLAGS                                                                                     \
  "STATS: On, SHM_EXTRA_STATS, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, " \
  "F_PARALLEL_MALLOC, DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT"
#endif
#include <modsdk/modsdk.hpp>
MODSDK_MODULE(target_test);
