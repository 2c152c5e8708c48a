// SPDX-License-Identifier: MIT
// The module every consumer project builds: proves that modsdk's public headers, the target stamp and
// modsdk_add_module work the way that project consumed modsdk.
#include <modsdk/modsdk.hpp>

MODSDK_MODULE(consumer_mod);
