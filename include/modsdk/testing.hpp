// SPDX-License-Identifier: MIT
/// @file The in-process test kit: a fake OpenSIPS core and a host that drives a module through its
/// `exports` the way the core does.
///
/// Exactly one file of a test program emits the fake core (every core symbol a module references):
///
///     #define MODSDK_TESTING_IMPLEMENTATION
///     #include <modsdk/testing.hpp>
///
/// Every other file includes <modsdk/testing.hpp> without the define and gets the API only:
/// `modsdk::testing::core()` (logs, memory accounting, script variables, sl replies),
/// `modsdk::testing::sip_message` and `modsdk::testing::host`. Link with modsdk::testing (it adds
/// -rdynamic, so a module .so loaded with host::load resolves the core symbols against the test).
#pragma once
#include <modsdk/testing/cluster.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/dialog.hpp>
#include <modsdk/testing/host.hpp>
#include <modsdk/testing/sip_message.hpp>
#include <modsdk/testing/tm.hpp>

#ifdef MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing/impl.hpp>
#endif
