// SPDX-License-Identifier: MIT
// A request's completion callback takes the completion (not a transaction callback's transaction_event).
// expect: modsdk: tm.request<F>(spec): F must be callable as F(const modsdk::tm::completion&)
#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
#ifdef MODSDK_CONTROL
void on_done(const modsdk::tm::completion&) {}
#else
void on_done(const modsdk::tm::transaction_event&) {}
#endif
}  // namespace
bool f() { return tmb.request<on_done>({.method = "OPTIONS", .to = "sip:a@example.com", .from = "sip:b@example.com"}); }
