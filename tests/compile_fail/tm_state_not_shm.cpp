// SPDX-License-Identifier: MIT
// Per-transaction state lives in shm and is read by other processes: no std::string (a process heap).
// expect: its type must be trivially copyable
#include <string>

#include <modsdk/tm.hpp>

namespace {
modsdk::tm::binding tmb;
#ifdef MODSDK_CONTROL
struct note {
  char text[32];
};
#else
struct note {
  std::string text;
};
#endif
void on_reply(const modsdk::tm::transaction_event&, note&) {}
}  // namespace
bool f(modsdk::message& msg) { return tmb.on<on_reply>(msg, modsdk::tm::event::response_out, note{}); }
