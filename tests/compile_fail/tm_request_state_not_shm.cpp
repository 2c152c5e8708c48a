// SPDX-License-Identifier: MIT
// A request's state lives in shm until its completion runs, maybe in another process: no std::string.
// expect: modsdk: tm.request<F>(spec, state): the state lives in shm
#include <string>

#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
#ifdef MODSDK_CONTROL
struct sent {
  char peer[32];
};
#else
struct sent {
  std::string peer;
};
#endif
void on_done(const modsdk::tm::completion&, sent&) {}
}  // namespace
bool f() {
  return tmb.request<on_done>({.method = "OPTIONS", .to = "sip:a@example.com", .from = "sip:b@example.com"}, sent{});
}
