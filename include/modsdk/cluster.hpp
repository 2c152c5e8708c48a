// SPDX-License-Identifier: MIT
/// @file Replicating a module's state across an OpenSIPS cluster through the clusterer module: a capability
/// with typed BIN packets, node events and the full-state sync.
///
///     struct counter_add {                                   // a packet: a plain struct, sent field by field
///       static constexpr int packet_type = 1;                // which handler gets it
///       static constexpr int packet_version = 1;             // another version is logged and dropped
///       int delta;
///       std::string origin;
///     };
///     struct counter_state { int value; };                   // a sync chunk (packet_version: 1 by default)
///
///     void on_add(const modsdk::cluster::sender& from, const counter_add& p);     // a packet from node from.node_id
///     void on_chunk(const modsdk::cluster::sync_sender& from, const counter_state& c);  // a chunk of a sync
///     void give_state(modsdk::cluster::sync_writer& w) { w.add(counter_state{current()}); }
///     void on_event(modsdk::cluster::node_event e, int node_id);                 // up, down, sync done ...
///
///     modsdk::cluster::binding clusterer;
///     modsdk::cluster::capability<on_add, on_chunk, give_state, on_event> repl{clusterer, "counter-repl"};
///     modsdk::param<int> cluster_id{"cluster_id", 0};
///
///     bool init() { return repl.join(*cluster_id, modsdk::cluster::startup_sync::required); }
///     MODSDK_MODULE(new_module, modsdk::params(cluster_id), modsdk::binds(clusterer), modsdk::on_init(init));
///
///     repl.send_all(counter_add{1, "a"});                    // from any process, after mod_init
///
/// modsdk::binds(clusterer) orders this module after clusterer and binds `load_clusterer` in mod_init
/// (without `loadmodule "clusterer.so"`: one startup line saying so). join() registers the capability; call it
/// from an on_init hook. A cluster id of 0 (or less) means "not clustered": join() registers nothing and every
/// send returns send_result::not_clustered.
///
/// Handlers are functions (or `+[](...){}` lambdas) given as template arguments, one of each kind:
///   void(const sender&, const P&)        a packet of type P::packet_type (one handler per packet type)
///   void(const sync_sender&, const C&)   each chunk C of a sync packet (its version: C::packet_version)
///   void(sync_writer&)                   another node asked for our state: add() it chunk by chunk
///   void(node_event, int node_id)        a node came up / went down, a sync was asked for / is done
/// They run in whichever process clusterer hands the packet to, inside modsdk's exception firewall; keep
/// the replicated state in shm. std::string_view fields point into the packet: valid during the call only.
/// A packet of an unknown type, of another version, or shorter than its payload is logged and dropped.
#pragma once
#include <modsdk/cluster/binding.hpp>
#include <modsdk/cluster/capability.hpp>
#include <modsdk/config.hpp>
