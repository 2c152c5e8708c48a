// SPDX-License-Identifier: MIT
// An IPC job's payload is copied byte for byte into shm for another process: no std::string.
// expect: modsdk: an IPC job's payload is copied byte for byte into shm
#include <string>

#include <modsdk/ipc.hpp>

#ifdef MODSDK_CONTROL
struct note {
  char text[64];
};
#else
struct note {
  std::string text;
};
#endif
void show(const note&) {}
bool send() { return modsdk::ipc_dispatch<show>(note{}); }
