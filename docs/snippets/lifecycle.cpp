// SPDX-License-Identifier: MIT
// docs/howto/lifecycle.md: hooks and per-process / shared state.
#include <modsdk/modsdk.hpp>

#include <atomic>
#include <stdexcept>
#include <string_view>

namespace {
modsdk::param<std::string_view> db_url{"db_url", "text:///tmp/db"};

// snippet: lifecycle_state
struct totals {  // in shm: every process sees the same object
  std::atomic<long> calls{0};
};
struct connection {  // one per process: opened after fork
  explicit connection(int rank) : rank(rank) {}
  int rank;
};
modsdk::shared<totals> stats_shm;
modsdk::per_process<connection> conn{[](modsdk::process_rank r) { return connection(r.raw()); }};

bool count(modsdk::request&) {
  stats_shm->calls++;      // shared<T>: exists from mod_init on
  return conn->rank >= 1;  // per_process<T>: exists in processes that ran child_init
}
// snippet-end: lifecycle_state

// snippet: lifecycle_hooks
void init() {                                                        // mod_init: main process, before fork
  if (db_url->empty()) throw std::runtime_error("db_url is empty");  // logged; the start aborts
  modsdk::log::info("starting with {}", *db_url);
}
bool child_init(modsdk::process_rank rank) {  // every forked process
  if (rank.is_sip_worker()) modsdk::log::debug("SIP worker {} ready", rank.raw());
  return true;  // false fails that process (and the start)
}
void destroy() { modsdk::log::info("calls seen: {}", stats_shm->calls.load()); }
// snippet-end: lifecycle_hooks
}  // namespace

// snippet: lifecycle_module
MODSDK_MODULE(snippet_lifecycle, modsdk::functions(MODSDK_FN(count)), modsdk::params(db_url),
              modsdk::state(stats_shm, conn), modsdk::on_init(init), modsdk::on_child_init(child_init),
              modsdk::on_destroy(destroy));
// snippet-end: lifecycle_module
