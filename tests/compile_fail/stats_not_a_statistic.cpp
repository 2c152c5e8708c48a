// SPDX-License-Identifier: MIT
// modsdk::stats(...) lists counter and gauge objects.
// expect: modsdk::stats(...) takes modsdk::counter, modsdk::gauge and modsdk::computed globals
#include <modsdk/modsdk.hpp>

namespace {
constinit modsdk::counter hits{"hits"};
int plain = 0;
}  // namespace

#ifdef MODSDK_CONTROL
MODSDK_MODULE(stats_test, modsdk::stats(hits));
#else
MODSDK_MODULE(stats_test, modsdk::stats(hits, plain));
#endif
