// SPDX-License-Identifier: MIT
// The module of "realcore: cluster: ..." (run_cluster.sh starts it in three cores): a counter replicated through
// the stock clusterer module. MI `cl_add` adds to this node's counter and sends the change to every other node
// (or to one, with `node`); a node starting later asks for the whole state (startup sync) and gets the counter
// as a sync chunk. MI `cl_count` shows what this node has.
#include <atomic>
#include <optional>
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

struct counter_add {  // one change, sent as it happens
  static constexpr int packet_type = 1;
  static constexpr int packet_version = 1;
  int delta;
  std::string origin;
};
struct counter_state {  // the whole state, one sync chunk
  int value;
};

struct totals {
  std::atomic<int> value{0};
  std::atomic<int> received{0};
  std::atomic<int> chunks{0};
};
modsdk::shared<totals> tot;
modsdk::param<int> cluster_id{"cluster_id", 0};
modsdk::cluster::binding clusterer;

void on_add(const cl::sender& from, const counter_add& p) {
  tot->value += p.delta;
  ++tot->received;
  modsdk::log::info("CLUSTER-RECV node={} delta={} origin={}", from.node_id, p.delta, p.origin);
}
void on_chunk(const cl::sync_sender& from, const counter_state& c) {
  tot->value = c.value;
  ++tot->chunks;
  modsdk::log::info("CLUSTER-SYNC-CHUNK node={} value={}", from.node_id, c.value);
}
void give_state(cl::sync_writer& w) {
  const int v = tot->value;
  const bool ok = w.add(counter_state{v});
  modsdk::log::info("CLUSTER-SYNC-GIVE node={} value={} ok={}", w.node_id(), v, ok);
}
void on_event(cl::node_event e, int node) {
  modsdk::log::info("CLUSTER-EVENT event={} node={}", static_cast<int>(e), node);
}

cl::capability<on_add, on_chunk, give_state, on_event> repl{clusterer, "modsdk-counter"};

bool init() { return repl.join(*cluster_id, cl::startup_sync::required); }

const char* result_name(cl::send_result r) {
  switch (r) {
    case cl::send_result::sent:
      return "sent";
    case cl::send_result::this_node_disabled:
      return "this_node_disabled";
    case cl::send_result::nothing_to_do:
      return "nothing_to_do";
    case cl::send_result::destination_down:
      return "destination_down";
    case cl::send_result::not_clustered:
      return "not_clustered";
    case cl::send_result::error:
      break;
  }
  return "error";
}

/// MI cl_add delta [node]: adds delta here, then sends it to node (or to all).
modsdk::mi_object cl_add(modsdk::mi_param<int, "delta"> delta, modsdk::mi_param<std::optional<int>, "node"> node) {
  const counter_add p{*delta, "node" + std::to_string(repl.node_id())};
  const cl::send_result r = node->has_value() ? repl.send_to(**node, p) : repl.send_all(p);
  if (r == cl::send_result::sent) tot->value += *delta;
  modsdk::mi_object o;
  o.add("result", result_name(r)).add("value", static_cast<long long>(tot->value.load()));
  return o;
}
/// MI cl_count: this node's counter, changes received, sync chunks read, its node id.
modsdk::mi_object cl_count() {
  modsdk::mi_object o;
  o.add("value", static_cast<long long>(tot->value.load()))
      .add("received", static_cast<long long>(tot->received.load()))
      .add("chunks", static_cast<long long>(tot->chunks.load()))
      .add("node", static_cast<long long>(repl.node_id()));
  return o;
}
}  // namespace

MODSDK_MODULE(cluster_counter, modsdk::params(cluster_id), modsdk::binds(clusterer), modsdk::state(tot),
              modsdk::on_init(init),
              modsdk::mi(MODSDK_MI(cl_add, cl_add, "add to the replicated counter"),
                         MODSDK_MI(cl_count, cl_count, "the replicated counter on this node")));
