// SPDX-License-Identifier: MIT
// ipc_probe: the module tests/realcore/ipc loads into a real core. MI `probe_broadcast` sends an IPC job to
// every worker process (each logs its pid and counts in a dynamic statistic it registers at run time, in the
// core's "dynamic" group); `ipcprobe:jobs_run` (registered in on_init, custom group) and the computed
// `ipcprobe:jobs_x10` count the runs; MI `probe_later` answers asynchronously: its token travels in an IPC
// job to a SIP worker, which completes the reply with its pid.
#include <unistd.h>

#include <atomic>

#include <modsdk/modsdk.hpp>

namespace {
struct shared_counts {
  std::atomic<unsigned long> runs{0};
};
shared_counts* counts = nullptr;  // shm, made in on_init (before the fork)

modsdk::stat_ref jobs_run;                                                  // ipcprobe:jobs_run
unsigned long jobs_x10() { return counts ? counts->runs.load() * 10 : 0; }  // ipcprobe:jobs_x10, computed

struct hello {
  int round;
};
void say_hello(const hello& h) {
  counts->runs.fetch_add(1);
  jobs_run.inc();
  // registered at run time, in whichever worker runs first; the core's dynamic group merges the others
  modsdk::register_stat("ipc_probe_hellos", modsdk::dynamic_group).inc();
  modsdk::log::info("IPC hello round {} in pid {} process {}", h.round, getpid(), modsdk::ipc_process());
}

modsdk::mi_object probe_broadcast(modsdk::mi_param<int, "round"> round) {
  modsdk::mi_object o;
  o.add("sent", modsdk::ipc_broadcast<say_hello>(hello{*round}));
  return o;
}

struct later_job {
  modsdk::mi_async_token token;
  int id;
};
void answer_later(const later_job& j) {
  modsdk::mi_object o;
  o.add("id", j.id).add("pid", static_cast<int>(getpid()));
  modsdk::log::info("MI async answered in pid {}", getpid());
  modsdk::mi_complete(j.token, std::move(o));
}
modsdk::mi_later probe_later(modsdk::mi_param<int, "id"> id, modsdk::mi_async reply) {
  if (!modsdk::ipc_dispatch<answer_later>(later_job{reply.token(), *id}))
    modsdk::mi_complete(reply.token(), modsdk::mi_error{500, "dispatch failed"});
  return reply.later();
}

void init() {
  counts = modsdk::make_shm<shared_counts>().release();
  jobs_run = modsdk::register_stat("jobs_run", "ipcprobe");
  if (!jobs_run || !modsdk::register_computed_stat<jobs_x10>("jobs_x10", "ipcprobe"))
    throw std::runtime_error("statistics not registered");
}
}  // namespace

MODSDK_MODULE(ipc_probe, modsdk::ipc(), modsdk::on_init(init),
              modsdk::mi(MODSDK_MI(probe_broadcast, probe_broadcast, "an IPC job to every worker process"),
                         MODSDK_MI(probe_later, probe_later, "answered later by a SIP worker")));
