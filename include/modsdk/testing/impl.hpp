// SPDX-License-Identifier: MIT
// Test kit implementation: every extern "C" core symbol (abi/core.hpp) and the fake core's internals.
// Included by <modsdk/testing.hpp> in exactly one translation unit of a test program, the one that
// defines MODSDK_TESTING_IMPLEMENTATION.
#pragma once
#ifndef MODSDK_TESTING_IMPLEMENTATION
#  error "modsdk: include <modsdk/testing.hpp> (with MODSDK_TESTING_IMPLEMENTATION defined in one file), not testing/impl.hpp"
#endif
#include <modsdk/testing/impl_core.hpp>
#include <modsdk/testing/impl_msg.hpp>
#include <modsdk/testing/impl_host.hpp>
