// SPDX-License-Identifier: MIT
// A callback before the script says whether the script runs: a verdict, bool or nothing, not an int.
// expect: modsdk: a callback before the script returns modsdk::script_verdict, bool
#include <modsdk/module.hpp>
#include <modsdk/script_callbacks.hpp>

#ifdef MODSDK_CONTROL
modsdk::script_verdict screen(modsdk::request&) { return modsdk::script_verdict::skip_script; }
#else
int screen(modsdk::request&) { return 1; }
#endif
MODSDK_MODULE(cb_mod, modsdk::script_callbacks(modsdk::before_request<screen>{}));
