// SPDX-License-Identifier: MIT
// The one file of new_module's test programs that holds Catch2's main and the fake core.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
