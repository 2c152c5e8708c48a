// SPDX-License-Identifier: MIT
// A core release modsdk does not serve is refused at compile time, naming the target.
// expect: modsdk: target "opensips 3.3.9 (x86_64/linux)" is not supported
#ifndef MODSDK_CONTROL
#undef MODSDK_TARGET_VERSION
#define MODSDK_TARGET_VERSION "opensips 3.3.9 (x86_64/linux)"
#endif
#include <modsdk/modsdk.hpp>
MODSDK_MODULE(target_test);
