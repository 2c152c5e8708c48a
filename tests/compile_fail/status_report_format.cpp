// SPDX-License-Identifier: MIT
// A report's format string is checked against its arguments at compile time, as a log line's.
// expect: argument_never_used
#include <modsdk/status_report.hpp>

constinit modsdk::status_report r{"main"};
#ifdef MODSDK_CONTROL
int main() { return r.report("loaded {} rules", 3) ? 0 : 1; }
#else
int main() { return r.report("loaded rules", 3) ? 0 : 1; }
#endif
