// SPDX-License-Identifier: MIT
// docs/howto/stats.md: statistics.
#include <modsdk/modsdk.hpp>

namespace {
// snippet: stats_objects
constinit modsdk::counter requests{"requests"};  // only goes up; reset_statistics sets it to 0
constinit modsdk::gauge active{"active_calls"};  // goes up and down

bool call_start(modsdk::request&) {
  requests.inc();
  active.inc();
  return true;
}
bool call_end(modsdk::request&) {
  active.dec();
  return true;
}
// snippet-end: stats_objects
}  // namespace

// snippet: stats_module
MODSDK_MODULE(snippet_stats, modsdk::functions(MODSDK_FN(call_start), MODSDK_FN(call_end)),
              modsdk::stats(requests, active));  // get_statistics snippet_stats:requests
// snippet-end: stats_module
