// SPDX-License-Identifier: MIT
// The one translation unit of every unit-test program that holds Catch2's main and the fake core's
// definitions of the core symbols (modsdk/testing.hpp, MODSDK_TESTING_IMPLEMENTATION).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
