// SPDX-License-Identifier: MIT
// Each binding is a module dependency: with deps(...), at most 9 in all (the core's table holds 10).
// expect: modsdk: deps(...) and binds(...) together take at most 9 module dependencies
#include <modsdk/binds.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/module.hpp>
#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
}  // namespace
using modsdk::needs;
MODSDK_MODULE(binds_test, modsdk::binds(tmb),
              modsdk::deps(needs("a"), needs("b"), needs("c"), needs("d"), needs("e"), needs("f"), needs("g"),
#ifdef MODSDK_CONTROL
                           needs("h")));
#else
                           needs("h"), needs("i")));
#endif
