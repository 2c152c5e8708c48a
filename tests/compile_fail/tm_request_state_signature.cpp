// SPDX-License-Identifier: MIT
// With a state, the completion callback takes the state's type as its second parameter.
// expect: modsdk: tm.request<F>(spec, state): F must be callable as F(const modsdk::tm::completion&, T&)
#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
struct sent {
  int attempt;
};
#ifdef MODSDK_CONTROL
void on_done(const modsdk::tm::completion&, sent&) {}
#else
void on_done(const modsdk::tm::completion&, long&) {}
#endif
}  // namespace
bool f() {
  return tmb.request<on_done>({.method = "OPTIONS", .to = "sip:a@example.com", .from = "sip:b@example.com"}, sent{1});
}
