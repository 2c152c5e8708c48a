// SPDX-License-Identifier: MIT
// A handler that takes mi_async answers later: it returns reply.later(), not a value.
// expect: modsdk: an MI handler that answers later takes modsdk::mi_async
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>

#ifdef MODSDK_CONTROL
modsdk::mi_later slow(modsdk::mi_async reply) {
  modsdk::mi_complete(reply.token(), 1);
  return reply.later();
}
#else
int slow(modsdk::mi_async reply) {
  modsdk::mi_complete(reply.token(), 1);
  return 1;
}
#endif
MODSDK_MODULE(async_mod, modsdk::mi(MODSDK_MI(slow, slow)));
