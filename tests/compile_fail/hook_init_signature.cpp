// SPDX-License-Identifier: MIT
// on_init hooks take no arguments and return void, bool or int.
// expect: modsdk: on_init(f): f must be callable with no arguments and return void, bool or int
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>

namespace {
#ifdef MODSDK_CONTROL
bool init() { return true; }
#else
bool init(int level) { return level > 0; }
#endif
}  // namespace
MODSDK_MODULE(hook_test, modsdk::on_init(init));
