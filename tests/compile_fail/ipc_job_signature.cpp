// SPDX-License-Identifier: MIT
// An IPC job is `void job()` or `void job(const T&)`: it cannot write back into the sender's payload.
// expect: modsdk: an IPC job is a function `void job()` or `void job(const T& payload)`
#include <modsdk/ipc.hpp>

struct counter {
  int n;
};
#ifdef MODSDK_CONTROL
void bump(const counter&) {}
#else
void bump(counter& c) { ++c.n; }
#endif
bool send() { return modsdk::ipc_dispatch<bump>(counter{1}); }
