// SPDX-License-Identifier: MIT
// The core's pools align to 8 bytes; an object that needs more cannot be placed there.
// expect: the type needs more than 8-byte alignment
#include <modsdk/memory.hpp>

namespace {
#ifdef MODSDK_CONTROL
struct block {
  double v[4];
};
#else
struct alignas(32) block {
  double v[4];
};
#endif
}  // namespace

void make() { auto p = modsdk::make_shm<block>(); }
