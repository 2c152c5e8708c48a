// SPDX-License-Identifier: MIT
// docs/howto/ipc.md: IPC jobs, statistics made at run time, reader/writer locks, MI replies sent later.
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <modsdk/modsdk.hpp>

namespace {
// snippet: ipc_jobs
struct purge {
  char key[64];  // the payload is copied into shm: trivially copyable, no std::string
};
void purge_local(const purge& p) { modsdk::log::info("purging {} in pid {}", p.key, getpid()); }

bool purge_everywhere(modsdk::request&, std::string_view key) {
  purge p{};
  std::memcpy(p.key, key.data(), std::min(key.size(), sizeof p.key - 1));
  return modsdk::ipc_broadcast<purge_local>(p) > 0;  // every worker, this one included
}
// snippet-end: ipc_jobs

// snippet: ipc_stats
modsdk::stat_ref per_gateway[2];
struct table {
  modsdk::rw_lock lock;
  int rows = 0;
};
table* routes = nullptr;  // shm

unsigned long route_rows() {  // computed each time MI reads it
  modsdk::read_guard g{routes->lock};
  return static_cast<unsigned long>(routes->rows);
}

void init() {
  routes = modsdk::make_shm<table>().release();
  per_gateway[0] = modsdk::register_stat("gw0_calls", "gateways");  // get_statistics gateways:
  per_gateway[1] = modsdk::register_stat("gw1_calls", "gateways");
  modsdk::register_computed_stat<route_rows>("route_rows");  // group: the module's name
}

bool reload_routes(modsdk::request&, int rows) {
  modsdk::write_guard g{routes->lock};  // readers wait; a waiting writer goes first
  routes->rows = rows;
  per_gateway[0].inc();
  return true;
}
// snippet-end: ipc_stats

// snippet: ipc_mi_later
struct count_job {
  modsdk::mi_async_token token;  // trivially copyable: travels in the IPC payload
};
void count_in_worker(const count_job& j) {
  modsdk::mi_object o;
  o.add("rows", static_cast<int>(route_rows())).add("pid", static_cast<int>(getpid()));
  modsdk::mi_complete(j.token, std::move(o));  // the MI client gets its answer now
}
modsdk::mi_later count_rows(modsdk::mi_async reply) {
  modsdk::ipc_dispatch<count_in_worker>(count_job{reply.token()});
  return reply.later();
}
// snippet-end: ipc_mi_later
}  // namespace

// snippet: ipc_module
MODSDK_MODULE(snippet_ipc, modsdk::ipc(), modsdk::on_init(init),
              modsdk::functions(MODSDK_FN(purge_everywhere), MODSDK_FN(reload_routes)),
              modsdk::mi(MODSDK_MI(count_rows, count_rows, "counted by a SIP worker")));
// snippet-end: ipc_module
