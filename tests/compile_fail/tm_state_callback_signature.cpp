// SPDX-License-Identifier: MIT
// With a state, the callback takes the event and a reference to the state's type.
// expect: modsdk: tm.on<F>(msg, events, state): F must be callable as F(const modsdk::tm::transaction_event&, T&)
#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
struct counter {
  int n;
};
#ifdef MODSDK_CONTROL
void on_reply(const modsdk::tm::transaction_event&, counter& c) { ++c.n; }
#else
void on_reply(const modsdk::tm::transaction_event&, long& n) { ++n; }
#endif
}  // namespace
bool f(modsdk::message& msg) { return tmb.on<on_reply>(msg, modsdk::tm::event::response_out, counter{0}); }
