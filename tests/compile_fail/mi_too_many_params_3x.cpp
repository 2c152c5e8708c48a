// SPDX-License-Identifier: MIT
// Up to 3.6 an MI recipe holds 9 parameter names (10 slots, NULL-terminated); a 10th does not fit.
// expect: an MI handler has more parameters than the target's MI recipes hold
#undef MODSDK_TARGET_VERSION
#define MODSDK_TARGET_VERSION "opensips 3.4.18 (x86_64/linux)"
#undef MODSDK_TARGET_FLAGS
#define MODSDK_TARGET_FLAGS                                                                                \
  "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, DBG_MALLOC, " \
  "FAST_LOCK-ADAPTIVE_WAIT"
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>

namespace {
template <modsdk::detail::fixed_string N>
using p = modsdk::mi_param<int, N>;
#ifdef MODSDK_CONTROL
int sum(p<"a">, p<"b">, p<"c">, p<"d">, p<"e">, p<"f">, p<"g">, p<"h">, p<"i">) { return 0; }
#else
int sum(p<"a">, p<"b">, p<"c">, p<"d">, p<"e">, p<"f">, p<"g">, p<"h">, p<"i">, p<"j">) { return 0; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI(sum, sum)));
