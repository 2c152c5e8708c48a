// SPDX-License-Identifier: MIT
// README's first screen: the line it shows as rejected at compile time really is rejected, with the
// message it promises (the README block is this region, commented out; docs/snippets/snippets.cmake).
// expect: modsdk: unsupported parameter type in a script function
#include <modsdk/modsdk.hpp>

namespace {
#ifndef MODSDK_CONTROL
// snippet: readme_rejected
// ❌ rejected at compile time: the error names scale, parameter 2 (double) and the types a script can pass
bool scale(modsdk::message&, double factor) { return factor > 1; }
// snippet-end: readme_rejected
#else
bool scale(modsdk::message&, int factor) { return factor > 1; }
#endif
}  // namespace

MODSDK_MODULE(readme_unsupported_type, modsdk::functions(MODSDK_FN(scale)));
