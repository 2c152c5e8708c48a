// SPDX-License-Identifier: MIT
// mi_later is made only by an mi_async: a handler cannot promise a later reply it has no token for.
// expect: mi_later
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>

#ifdef MODSDK_CONTROL
modsdk::mi_later slow(modsdk::mi_async reply) { return reply.later(); }
#else
modsdk::mi_later slow() { return {}; }
#endif
MODSDK_MODULE(async_mod, modsdk::mi(MODSDK_MI(slow, slow)));
