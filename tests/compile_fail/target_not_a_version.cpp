// SPDX-License-Identifier: MIT
// A version that is not the `version:` line of `opensips -V` is refused with the expected format.
// expect: is not an OpenSIPS version line
#ifndef MODSDK_CONTROL
#undef MODSDK_TARGET_VERSION
#define MODSDK_TARGET_VERSION "4.0.1"
#endif
#include <modsdk/modsdk.hpp>
MODSDK_MODULE(target_test);
