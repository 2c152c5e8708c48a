// SPDX-License-Identifier: MIT
// docs/howto/cluster.md: a counter replicated across an OpenSIPS cluster through the clusterer module.
#include <atomic>
#include <string>

#include <modsdk/binds.hpp>
#include <modsdk/cluster.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/log.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/state.hpp>

namespace {
namespace cl = modsdk::cluster;

// snippet: cluster_packets
struct counter_add {                        // one change, sent as it happens
  static constexpr int packet_type = 1;     // which handler receives it
  static constexpr int packet_version = 1;  // a packet of another version is logged and dropped
  int delta;
  std::string origin;
};
struct counter_state {  // the whole state, as one sync chunk (packet_version 1 by default)
  int value;
};
// snippet-end: cluster_packets

struct totals {
  std::atomic<int> value{0};
};
modsdk::shared<totals> tot;  // handlers run in whichever process clusterer picks: keep the state in shm

// snippet: cluster_handlers
void on_add(const cl::sender& from, const counter_add& p) {
  tot->value += p.delta;
  modsdk::log::info("node {} added {}", from.node_id, p.delta);
}
void give_state(cl::sync_writer& w) { w.add(counter_state{tot->value}); }                // a node asks for our state
void on_chunk(const cl::sync_sender&, const counter_state& c) { tot->value = c.value; }  // ... and gets it
void on_event(cl::node_event e, int node_id) { modsdk::log::info("node {}: event {}", node_id, static_cast<int>(e)); }
// snippet-end: cluster_handlers

// snippet: cluster_capability
modsdk::param<int> cluster_id{"cluster_id", 0};  // 0: not clustered
modsdk::cluster::binding clusterer;
cl::capability<on_add, give_state, on_chunk, on_event> repl{clusterer, "counter-repl"};

bool init() { return repl.join(*cluster_id, cl::startup_sync::required); }
// snippet-end: cluster_capability

// snippet: cluster_send
/// MI counter_add: adds here, then tells every other node.
long long counter_add_mi(modsdk::mi_param<int, "delta"> delta) {
  if (repl.send_all(counter_add{*delta, "node" + std::to_string(repl.node_id())}) != cl::send_result::sent)
    modsdk::log::warn("not replicated: the other nodes are down, or this one is disabled");
  return tot->value += *delta;
}
// snippet-end: cluster_send
}  // namespace

// snippet: cluster_module
MODSDK_MODULE(snippet_cluster, modsdk::params(cluster_id), modsdk::binds(clusterer), modsdk::state(tot),
              modsdk::on_init(init), modsdk::mi(MODSDK_MI(counter_add, counter_add_mi, "add to the counter")));
// snippet-end: cluster_module
