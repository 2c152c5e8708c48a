// SPDX-License-Identifier: MIT
/// @file A clusterer capability (modsdk/cluster.hpp): its handlers, joining a cluster, sending packets,
/// asking for a sync; the C callbacks clusterer calls, which check and decode every packet before a handler
/// sees it.
#pragma once
#include <cstring>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/common.hpp>
#include <modsdk/cluster/binding.hpp>
#include <modsdk/detail/bin_fields.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace cluster {
namespace detail {

enum class handler_kind { packet, chunk, writer, event, invalid };

template <class F>
struct handler_traits {
  static constexpr handler_kind kind = handler_kind::invalid;
  using data = void;
};
template <class A, class B>
struct handler_traits<void (*)(A, B)> {
  using first = std::remove_cvref_t<A>;
  using data = std::remove_cvref_t<B>;
  static constexpr bool by_cref = std::is_same_v<A, const first&> && std::is_same_v<B, const data&>;
  static constexpr handler_kind kind =
      (by_cref && std::is_same_v<first, sender> && ::modsdk::detail::bin::payload<data> &&
       requires { data::packet_type; })
          ? handler_kind::packet
      : (by_cref && std::is_same_v<first, sync_sender> && ::modsdk::detail::bin::payload<data>) ? handler_kind::chunk
      : (std::is_same_v<A, node_event> && std::is_same_v<B, int>)                               ? handler_kind::event
                                                                                                : handler_kind::invalid;
};
template <class A>
struct handler_traits<void (*)(A)> {
  using data = void;
  static constexpr handler_kind kind = std::is_same_v<A, sync_writer&> ? handler_kind::writer : handler_kind::invalid;
};
template <class A, class B>
struct handler_traits<void (*)(A, B) noexcept> : handler_traits<void (*)(A, B)> {};
template <class A>
struct handler_traits<void (*)(A) noexcept> : handler_traits<void (*)(A)> {};

template <auto F>
inline constexpr handler_kind kind_of = handler_traits<std::decay_t<decltype(F)>>::kind;
template <auto F>
using data_of = typename handler_traits<std::decay_t<decltype(F)>>::data;

template <handler_kind K, auto... F>
inline constexpr int count_of = (0 + ... + (kind_of<F> == K ? 1 : 0));

inline void log_exception(std::string_view cap, const char* what) noexcept {
  log::write_for(log::level::error, "cluster", "capability '{}': a handler threw: {}", cap,
                 what ? what : "a non-standard exception");
}
}  // namespace detail

/// A clusterer capability: a named group of packets this module exchanges with the other nodes of one
/// cluster. `Handlers...`: see modsdk/cluster.hpp. Declare it at namespace scope (one object per set of
/// handlers), then join() it from an on_init hook.
template <auto... Handlers>
class capability {
  static_assert(((detail::kind_of<Handlers> != detail::handler_kind::invalid) && ...),
                "modsdk: cluster::capability<Handlers...>: each handler must be a function taking "
                "(const cluster::sender&, const P&) for a packet P with a `packet_type`, "
                "(const cluster::sync_sender&, const C&) for a sync chunk C, (cluster::sync_writer&), or "
                "(cluster::node_event, int node_id), and return void (payloads: plain aggregates of integers, "
                "bool, enums, std::string, std::string_view, std::optional)");
  static_assert(detail::count_of<detail::handler_kind::chunk, Handlers...> <= 1 &&
                    detail::count_of<detail::handler_kind::writer, Handlers...> <= 1 &&
                    detail::count_of<detail::handler_kind::event, Handlers...> <= 1,
                "modsdk: cluster::capability<Handlers...>: at most one sync chunk handler, one sync_writer "
                "handler and one node_event handler");

 public:
  /// `name` must outlive the process (a string literal): clusterer keeps the pointer.
  constexpr capability(binding& b, const char* name) noexcept : b_(&b), name_(name) {}
  capability(const capability&) = delete;
  capability& operator=(const capability&) = delete;

  /// Registers the capability in cluster `cluster_id` (register_capability). Call it from an on_init hook.
  /// With startup_sync::required the capability starts out of sync and join() asks for the state at once
  /// (request_sync): clusterer sends the request when a node that has it is up.
  /// A cluster id <= 0: not clustered, nothing registered, true. False (logged) when clusterer refuses.
  bool join(int cluster_id, startup_sync sync = startup_sync::none) noexcept {
    cluster_ = 0;
    if (cluster_id <= 0) return true;
    if (!ready("join")) return false;
    if (self() && self() != this) {
      log::write_for(log::level::error, "cluster",
                     "capability '{}': another capability with the same handlers "
                     "has joined already; give each capability its own handlers",
                     name());
      return false;
    }
    cap_ = abi::str{const_cast<char*>(name_), static_cast<int>(std::char_traits<char>::length(name_))};
    if (b_->api_.register_capability(&cap_, &on_packet, &on_event, cluster_id, sync == startup_sync::required ? 1 : 0,
                                     abi::cl_node_cmp_any) < 0) {
      log::write_for(log::level::error, "cluster", "clusterer refused capability '{}' in cluster {}", name(),
                     cluster_id);
      return false;
    }
    self() = this;
    cluster_ = cluster_id;
    // clusterer only marks the capability as waiting for its state; asking is the module's part
    return sync == startup_sync::none || request_sync();
  }

  /// The capability's name.
  std::string_view name() const noexcept { return name_; }
  /// The cluster joined (0 before join or when not clustered).
  int cluster_id() const noexcept { return cluster_; }
  /// This node's id, -1 when clusterer is not bound.
  int node_id() const noexcept { return b_->node_id(); }

  /// Sends `payload` to node `node_id` of the cluster.
  template <class P>
  send_result send_to(int node_id, const P& payload) noexcept {
    return send<P>(payload, node_id, false);
  }
  /// Sends `payload` to every other node of the cluster.
  template <class P>
  send_result send_all(const P& payload) noexcept {
    return send<P>(payload, 0, true);
  }

  /// Asks a node that is in sync for the whole state (request_sync): its chunks arrive at the chunk handler.
  /// False (logged) on an error; true when asked, or already pending / in progress.
  bool request_sync() noexcept {
    if (cluster_ <= 0) return false;
    if (!ready("request_sync")) return false;
    if (b_->api_.request_sync(&cap_, cluster_, detail::callback_depth() > 0 ? 1 : 0) < 0) {
      log::write_for(log::level::error, "cluster", "capability '{}': the sync request failed", name());
      return false;
    }
    return true;
  }

 private:
  static capability*& self() noexcept {
    static capability* s = nullptr;
    return s;
  }

  bool ready(const char* what) const noexcept {
    if (b_->bound()) return true;
    log::write_for(log::level::error, "cluster",
                   "capability '{}': {}: the clusterer API is not bound: list the binding in modsdk::binds(...) of "
                   "MODSDK_MODULE; it is bound in mod_init, so it cannot be used before",
                   name(), what);
    return false;
  }

  template <class P>
  send_result send(const P& payload, int node, bool all) noexcept {
    static_assert(::modsdk::detail::bin::payload<P>,
                  "modsdk: cluster::capability::send_to/send_all(payload): the payload must be a plain aggregate "
                  "whose fields are integers, bool, enums, std::string, std::string_view or std::optional of those");
    static_assert(
        requires { P::packet_type; },
        "modsdk: cluster::capability::send_to/send_all(payload): the payload type must declare "
        "`static constexpr int packet_type` (and may declare `packet_version`)");
    static_assert(P::packet_type != abi::cl_sync_packet_type,
                  "modsdk: cluster: packet_type 101 is clusterer's sync packet type; choose another");
    if (cluster_ <= 0) return send_result::not_clustered;
    if (!ready(all ? "send_all" : "send_to")) return send_result::error;
    abi::bin_packet p{};
    if (abi::_bin_init(&p, &cap_, P::packet_type, packet_version<P>(), 0, 0) < 0) {
      log::write_for(log::level::error, "cluster", "capability '{}': no memory for a packet", name());
      return send_result::error;
    }
    send_result r = send_result::error;
    if (::modsdk::detail::bin::push_all(&p, payload))
      r = detail::to_result(all ? b_->api_.send_all(&p, cluster_) : b_->api_.send_to(&p, cluster_, node));
    else
      log::write_for(log::level::error, "cluster", "capability '{}': packet type {} does not fit in a BIN packet",
                     name(), P::packet_type);
    abi::bin_free_packet(&p);
    return r;
  }

  // ---- receiving ---------------------------------------------------------------------------------------
  template <auto F>
  static bool try_packet(capability& c, abi::bin_packet* p) {
    if constexpr (detail::kind_of<F> == detail::handler_kind::packet) {
      using P = detail::data_of<F>;
      if (p->type != P::packet_type) return false;
      if (abi::bin_version(p) != packet_version<P>()) {
        log::write_for(log::level::warn, "cluster",
                       "capability '{}': packet type {} from node {} has version {}, this module reads version {}: "
                       "dropped",
                       c.name(), p->type, p->src_id, abi::bin_version(p), packet_version<P>());
        return true;
      }
      P payload{};
      if (!::modsdk::detail::bin::pop_all(p, payload)) {
        log::write_for(log::level::error, "cluster",
                       "capability '{}': packet type {} from node {} is shorter than its payload: dropped", c.name(),
                       p->type, p->src_id);
        return true;
      }
      F(sender{p->src_id}, payload);
      return true;
    } else {
      return false;
    }
  }

  template <auto F>
  static void run_chunks(capability& c, abi::bin_packet* p) {
    using C = detail::data_of<F>;
    if (abi::bin_version(p) != packet_version<C>()) {
      log::write_for(log::level::warn, "cluster",
                     "capability '{}': sync data from node {} has version {}, this module reads version {}: dropped",
                     c.name(), p->src_id, abi::bin_version(p), packet_version<C>());
      return;
    }
    int bad = 0;
    while (c.b_->api_.sync_chunk_iter(p)) {
      C chunk{};
      // read no further than the chunk's end: its size precedes the start marker (sync.c's chunk layout)
      int size = -1;
      std::memcpy(&size, p->front_pointer - abi::cl_sync_chunk_header, sizeof size);
      const int whole = p->buffer.len;
      const long end = (p->front_pointer - p->buffer.s) + size;
      if (size >= 0 && end <= whole) p->buffer.len = static_cast<int>(end);
      const bool ok = ::modsdk::detail::bin::pop_all(p, chunk);
      p->buffer.len = whole;
      if (!ok) {
        ++bad;
        continue;
      }
      F(sync_sender{p->src_id}, chunk);
    }
    if (bad)
      log::write_for(log::level::error, "cluster",
                     "capability '{}': {} sync chunk(s) from node {} shorter than their payload: dropped", c.name(),
                     bad, p->src_id);
  }

  template <auto F>
  static void try_chunks(capability& c, abi::bin_packet* p) {
    if constexpr (detail::kind_of<F> == detail::handler_kind::chunk) run_chunks<F>(c, p);
  }

  template <auto F>
  static void try_event(capability& c, int ev, int node) {
    if constexpr (detail::kind_of<F> == detail::handler_kind::event) {
      F(static_cast<node_event>(ev), node);
    } else if constexpr (detail::kind_of<F> == detail::handler_kind::writer) {
      if (ev != abi::cl_sync_req_rcv) return;
      sync_writer w(*c.b_, &c.cap_, c.cluster_, node);
      F(w);
    }
  }

  static void on_packet(abi::bin_packet* p) noexcept {
    capability* c = self();
    if (!c || !p) return;
    ::modsdk::detail::firewall(
        [&] {
          detail::in_callback scope;
          if (p->type == abi::cl_sync_packet_type) {
            if constexpr (detail::count_of<detail::handler_kind::chunk, Handlers...> == 0)
              log::write_for(log::level::warn, "cluster",
                             "capability '{}': sync data from node {} but no sync chunk handler: dropped", c->name(),
                             p->src_id);
            (try_chunks<Handlers>(*c, p), ...);
            return true;
          }
          if (!(try_packet<Handlers>(*c, p) || ...))
            log::write_for(log::level::warn, "cluster",
                           "capability '{}': packet type {} from node {} has no handler: dropped", c->name(), p->type,
                           p->src_id);
          return true;
        },
        [&](const char* what) {
          detail::log_exception(c->name(), what);
          return true;
        });
  }

  static void on_event(int ev, int node) noexcept {
    capability* c = self();
    if (!c) return;
    ::modsdk::detail::firewall(
        [&] {
          detail::in_callback scope;
          (try_event<Handlers>(*c, ev, node), ...);
          return true;
        },
        [&](const char* what) {
          detail::log_exception(c->name(), what);
          return true;
        });
  }

  binding* b_;
  const char* name_;
  abi::str cap_{nullptr, 0};
  int cluster_ = 0;
};

}  // namespace cluster
MODSDK_END_NAMESPACE
