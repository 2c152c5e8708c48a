// SPDX-License-Identifier: MIT
/// @file The clusterer binding (modsdk/cluster.hpp): what a send returns, node events, the sync writer.
#pragma once
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/detail/bin_fields.hpp>
#include <modsdk/detail/binding.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace cluster {

/// Who sent a packet.
struct sender {
  int node_id;
};
/// Who sent the sync packet a chunk came in.
struct sync_sender {
  int node_id;
};

/// A cluster event (enum clusterer_event).
enum class node_event {
  up = abi::cl_node_up,                   ///< the node became reachable
  down = abi::cl_node_down,               ///< the node became unreachable
  sync_requested = abi::cl_sync_req_rcv,  ///< the node asked for our state (the sync_writer handler runs too)
  sync_done = abi::cl_sync_done,          ///< our sync from that node is complete
};

/// What a send did (enum clusterer_send_ret).
enum class send_result {
  sent,                ///< handed to the destination node(s)
  this_node_disabled,  ///< this node is disabled in the cluster: nothing sent
  nothing_to_do,       ///< (4.0) no node to send to
  destination_down,    ///< the destination (every node, for send_all) is down or being probed
  error,               ///< an error (logged)
  not_clustered,       ///< the capability has not joined a cluster (cluster id 0): nothing sent
};

/// Whether a capability asks another node for the whole state when this node starts.
enum class startup_sync { none, required };

/// The version a payload type is sent with: its `packet_version`, or 1.
template <class P>
constexpr short packet_version() noexcept {
  if constexpr (requires { P::packet_version; })
    return static_cast<short>(P::packet_version);
  else
    return 1;
}

namespace detail {
struct calls {
  abi::cl_get_my_id_f get_my_id = nullptr;
  abi::cl_send_to_f send_to = nullptr;
  abi::cl_send_all_f send_all = nullptr;
  abi::cl_register_capability_f register_capability = nullptr;
  abi::cl_request_sync_f request_sync = nullptr;
  abi::cl_sync_chunk_start_f sync_chunk_start = nullptr;
  abi::cl_sync_chunk_iter_f sync_chunk_iter = nullptr;
};

inline send_result to_result(int r) noexcept {
  switch (r) {
    case abi::cl_send_success:
      return send_result::sent;
    case abi::cl_curr_disabled:
      return send_result::this_node_disabled;
    case abi::cl_send_ok_nop:
      return send_result::nothing_to_do;
    case abi::cl_dest_down:
      return send_result::destination_down;
    default:
      return send_result::error;
  }
}

/// Nesting depth of clusterer callbacks in this process: request_sync from inside one must say so (from_cb).
inline int& callback_depth() noexcept {
  static int depth = 0;
  return depth;
}
struct in_callback {
  in_callback() noexcept { ++callback_depth(); }
  ~in_callback() { --callback_depth(); }
  in_callback(const in_callback&) = delete;
  in_callback& operator=(const in_callback&) = delete;
};

template <class T>
inline constexpr bool always_false = false;
}  // namespace detail

/// The clusterer module's API for this module. Declare one at namespace scope and list it in modsdk::binds(...).
class binding {
 public:
  static constexpr const char* module_name = "clusterer";
  static constexpr const char* loader = "load_clusterer";

  constexpr binding() noexcept = default;

  /// Whether mod_init bound clusterer.
  bool bound() const noexcept { return bound_; }
  /// This node's id (clusterer's `my_node_id`); -1 when not bound.
  int node_id() const noexcept { return bound_ ? api_.get_my_id() : -1; }

 private:
  friend struct ::modsdk::detail::binding_access;
  template <auto...>
  friend class capability;
  friend class sync_writer;

  bool bind_from(abi::cmd_function load) noexcept {
    typename abi::for_profile_t<target.profile>::clusterer_binds b{};
    // load_clusterer is exported as a pseudo-command; its real type is int(struct clusterer_binds*).
    auto f = reinterpret_cast<abi::load_clusterer_f>(reinterpret_cast<void (*)()>(load));
    if (f(&b) < 0) return false;
    api_ = {b.get_my_id,    b.send_to,          b.send_all,       b.register_capability,
            b.request_sync, b.sync_chunk_start, b.sync_chunk_iter};
    if (!api_.get_my_id || !api_.send_to || !api_.send_all || !api_.register_capability || !api_.request_sync ||
        !api_.sync_chunk_start || !api_.sync_chunk_iter)
      return false;
    bound_ = true;
    return true;
  }

  detail::calls api_{};
  bool bound_ = false;
};

/// Hands this node's state to the node that asked for it, chunk by chunk (the sync_writer handler).
class sync_writer {
 public:
  sync_writer(const binding& b, abi::str* cap, int cluster_id, int node_id) noexcept
      : b_(b), cap_(cap), cluster_(cluster_id), node_(node_id) {}
  /// The node that asked.
  int node_id() const noexcept { return node_; }
  /// Adds one chunk (a payload aggregate; its packet_version is the data version the receiver checks).
  /// False (logged) when clusterer cannot take it.
  template <class C>
  bool add(const C& chunk) noexcept {
    static_assert(::modsdk::detail::bin::payload<C>,
                  "modsdk: cluster::sync_writer::add(chunk): the chunk must be a plain aggregate whose fields are "
                  "integers, bool, enums, std::string, std::string_view or std::optional of those");
    abi::bin_packet* p = b_.api_.sync_chunk_start(cap_, cluster_, node_, packet_version<C>());
    if (!p || !::modsdk::detail::bin::push_all(p, chunk)) {
      log::write_for(log::level::error, "cluster.sync", "capability '{}': a sync chunk for node {} could not be added",
                     std::string_view(cap_->s, static_cast<std::size_t>(cap_->len)), node_);
      return false;
    }
    return true;
  }

 private:
  const binding& b_;
  abi::str* cap_;
  int cluster_, node_;
};

}  // namespace cluster
MODSDK_END_NAMESPACE
