// SPDX-License-Identifier: MIT
/// @file The fake clusterer module of the test kit: what a module bound with modsdk::binds(clusterer) talks
/// to in a test program. It records what the module sends and lets the test play the other nodes.
///
///     modsdk::testing::core().load_module("clusterer");        // load_clusterer becomes available
///     REQUIRE(h.start());                                        // mod_init binds it, join() registers
///     auto& cl = modsdk::testing::clusterer_module();
///     CHECK(h.call("add", msg) == 1);                            // the module calls repl.send_all(...)
///     REQUIRE(cl.sent().size() == 1);
///     cl.deliver(2, cl.sent()[0]);                               // the same bytes, as if node 2 sent them
///     cl.deliver(2, bin_builder("counter-repl", 1, 1).push_int(5).packet());   // a hand-made packet
///     cl.node_up(1, 2);                                          // node_event::up for node 2 of cluster 1
///     cl.sync_request(1, "counter-repl", 3);                     // node 3 asks: the sync_writer runs, the
///                                                                // chunks are recorded as one sync packet
///     cl.deliver(3, cl.sent().back());                           // ... and fed back: the chunk handler runs
///
/// The fake serves the core's BIN functions too (_bin_init, bin_push_*, bin_pop_*, bin_free_packet), with
/// the core's wire layout, so the bytes in sent() are what a real node would receive.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

MODSDK_BEGIN_NAMESPACE
namespace testing {

/// A BIN packet: what the module sent, or what a test delivers.
struct cluster_packet {
  int cluster_id = 0;
  int destination = 0;      ///< the node it was sent to; 0: every node (send_all)
  std::string capability;   ///< the capability it belongs to
  int type = 0;             ///< its packet type (101: a sync packet)
  int version = 0;          ///< its version (a sync packet: the data version)
  bool sync = false;        ///< a sync packet (the chunks a sync_writer added)
  std::vector<char> bytes;  ///< the whole packet, header included
};

/// Builds a packet by hand, as another node (or a broken one) would send it.
class bin_builder {
 public:
  bin_builder(std::string_view capability, int type, int version);
  bin_builder& push_int(int v);
  bin_builder& push_str(std::string_view s);
  /// A sync chunk starts here (what clusterer writes before each chunk: its size, a start marker).
  bin_builder& begin_chunk();
  /// The packet; `sync`: delivered to the capability as a sync packet (type 101).
  cluster_packet packet(bool sync = false) const;

 private:
  std::string cap_;
  int type_, version_;
  std::vector<char> body_;
  std::vector<std::size_t> chunks_;
};

/// A capability the module registered.
struct cluster_capability {
  std::string name;
  int cluster_id = 0;
  bool startup_sync = false;
};

/// The fake clusterer module (clusterer.so's `load_clusterer`). Reached with clusterer_module().
class fake_clusterer {
 public:
  /// This node's id (get_my_id; 1 until set).
  void set_node_id(int id) noexcept;
  int node_id() const noexcept;
  /// What every following send returns (enum clusterer_send_ret; 0: success); the packets are recorded anyway.
  void set_send_result(int code) noexcept;

  const std::vector<cluster_capability>& capabilities() const noexcept;
  /// Packets sent so far (send_to, send_all, sync replies), oldest first.
  const std::vector<cluster_packet>& sent() const noexcept;
  void clear_sent() noexcept;
  /// Capabilities whose sync the module requested (request_sync), oldest first, with the from_cb flag.
  const std::vector<std::pair<std::string, bool>>& sync_requests() const noexcept;

  /// Hands `packet` to its capability's packet callback as coming from node `from` (false: no such
  /// capability registered).
  bool deliver(int from, const cluster_packet& packet);
  /// Node events for a registered capability of cluster `cluster_id` (every one when `capability` is empty).
  bool node_up(int cluster_id, int node, std::string_view capability = {});
  bool node_down(int cluster_id, int node, std::string_view capability = {});
  /// Node `node` asks for the capability's state: SYNC_REQ_RCV; the chunks added meanwhile become one sync
  /// packet in sent() (destination `node`), when there are any.
  bool sync_request(int cluster_id, std::string_view capability, int node);
  /// The sync from `node` is complete: SYNC_DONE.
  bool sync_done(int cluster_id, std::string_view capability, int node);
};

fake_clusterer& clusterer_module() noexcept;

}  // namespace testing
MODSDK_END_NAMESPACE
