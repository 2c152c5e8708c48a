// SPDX-License-Identifier: MIT
// A reply callback gets the reply: a function taking modsdk::request& cannot run before the reply script.
// expect: modsdk: a script callback takes the message
#include <modsdk/module.hpp>
#include <modsdk/script_callbacks.hpp>

#ifdef MODSDK_CONTROL
bool gate(modsdk::reply&) { return true; }
#else
bool gate(modsdk::request&) { return true; }
#endif
MODSDK_MODULE(cb_mod, modsdk::script_callbacks(modsdk::before_reply<gate>{}));
