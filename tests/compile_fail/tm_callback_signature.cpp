// SPDX-License-Identifier: MIT
// A tm callback takes the transaction_event (and the state, when one is given).
// expect: modsdk: tm.on<F>(msg, events): F must be callable as F(const modsdk::tm::transaction_event&)
#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
#ifdef MODSDK_CONTROL
void on_reply(const modsdk::tm::transaction_event&) {}
#else
void on_reply(int code) { (void)code; }
#endif
}  // namespace
bool f(modsdk::message& msg) { return tmb.on<on_reply>(msg, modsdk::tm::event::response_out); }
