// SPDX-License-Identifier: MIT
// binds(...) takes binding objects (modsdk::tm::binding ...), nothing else.
// expect: modsdk: binds(...) takes bindings of other modules' APIs declared at namespace scope
#include <modsdk/binds.hpp>
#include <modsdk/module.hpp>
#include <modsdk/tm.hpp>

namespace {
#ifdef MODSDK_CONTROL
modsdk::tm::binding tmb;
#else
int tmb = 0;
#endif
}  // namespace
MODSDK_MODULE(binds_test, modsdk::binds(tmb));
