// SPDX-License-Identifier: MIT
// modsdk/cluster.hpp against the fake clusterer: the dependency and the one line when clusterer is not loaded,
// capability registration with the cluster id of a modparam, packets built from aggregates and read back
// field by field (sent to one node / to all, the send result mapped), packets of another version, short or of
// an unknown type logged and dropped, node events, the full-state sync (request, chunks written and read).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/binds.hpp>
#include <modsdk/cluster.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
namespace cl = modsdk::cluster;
using modsdk::testing::bin_builder;
using modsdk::testing::clusterer_module;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

namespace {
enum class color { red = 1, blue = 7 };
struct counter_add {
  static constexpr int packet_type = 1;
  static constexpr int packet_version = 2;
  int delta;
  std::string origin;
  bool urgent;
  std::optional<int> limit;
  std::int64_t stamp;
  color c;
  std::string_view note;
};
struct reset_all {
  static constexpr int packet_type = 2;
};
struct counter_state {  // a sync chunk, version 1
  int value;
  std::string name;
};

std::vector<std::string> seen;
int total = 0;

void on_add(const cl::sender& from, const counter_add& p) {
  total += p.delta;
  seen.push_back("add:" + std::to_string(from.node_id) + ":" + std::to_string(p.delta) + ":" + p.origin + ":" +
                 (p.urgent ? "u" : "-") + ":" + (p.limit ? std::to_string(*p.limit) : "none") + ":" +
                 std::to_string(p.stamp) + ":" + std::to_string(static_cast<int>(p.c)) + ":" + std::string(p.note));
}
void on_reset(const cl::sender& from, const reset_all&) {
  if (from.node_id == 9) throw std::runtime_error("node 9 is not trusted");
  total = 0;
  seen.push_back("reset:" + std::to_string(from.node_id));
}
void on_chunk(const cl::sync_sender& from, const counter_state& c) {
  seen.push_back("chunk:" + std::to_string(from.node_id) + ":" + c.name + "=" + std::to_string(c.value));
}
void give_state(cl::sync_writer& w) {
  w.add(counter_state{total, "total"});
  w.add(counter_state{42, "answer"});
}

cl::binding clusterer;
void on_event(cl::node_event e, int node);
cl::capability<on_add, on_reset, on_chunk, give_state, on_event> repl{clusterer, "counter-repl"};
void on_event(cl::node_event e, int node) {
  seen.push_back("event:" + std::to_string(static_cast<int>(e)) + ":" + std::to_string(node));
  if (e == cl::node_event::up) repl.request_sync();  // from inside a clusterer callback
}

modsdk::param<int> cluster_id{"cluster_id", 0};
bool init() { return repl.join(*cluster_id, cl::startup_sync::required); }

int add(modsdk::message&, int delta) {
  return repl.send_all(counter_add{delta, "a", true, std::nullopt, -5000000000LL, color::blue, "n"}) ==
                 cl::send_result::sent
             ? 1
             : -1;
}
int tell(modsdk::message&, int node) {
  switch (repl.send_to(node, reset_all{})) {
    case cl::send_result::sent:
      return 1;
    case cl::send_result::destination_down:
      return 2;
    case cl::send_result::this_node_disabled:
      return 3;
    case cl::send_result::not_clustered:
      return 4;
    default:
      return -1;
  }
}
int sync(modsdk::message&) { return repl.request_sync() ? 1 : -1; }
int me(modsdk::message&) { return repl.node_id(); }
}  // namespace

MODSDK_DEFINE_MODULE(cl_mod, cl_user, modsdk::params(cluster_id), modsdk::binds(clusterer), modsdk::on_init(init),
                     modsdk::functions(MODSDK_FN(add), MODSDK_FN(tell), MODSDK_FN(sync), MODSDK_FN(me)));

namespace {
struct fresh {
  fresh() {
    core().reset();
    seen.clear();
    total = 0;
  }
  ~fresh() { core().reset(); }
};
sip_message options() {
  return sip_message::parse(
      "OPTIONS sip:x@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;"
      "tag=1\r\nTo: <sip:x@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
}
bool started(host& h, int cluster = 1) {
  core().load_module("clusterer");
  return h.modparam("cluster_id", cluster) && h.start();
}
}  // namespace

TEST_CASE_METHOD(fresh, "binds(clusterer): clusterer is a silent dependency in the deps table") {
  const auto* d = static_cast<const abi::dep_export<0>*>(cl_mod.deps);
  REQUIRE(d);
  CHECK(std::strcmp(d->md[0].mod_name, "clusterer") == 0);
  CHECK(d->md[0].type == abi::dep_silent);
}

TEST_CASE_METHOD(fresh, "without clusterer loaded, mod_init fails with one line naming the loadmodule to add") {
  host h{cl_mod};
  CHECK_FALSE(h.init());
  CHECK(core().logged(abi::l_err, "needs the 'clusterer' module: add loadmodule \"clusterer.so\" to the script"));
  CHECK(core().logged(abi::l_err, "failed to initialize module cl_user"));
}

TEST_CASE_METHOD(fresh, "join registers the capability in the modparam's cluster, with the startup sync flag") {
  host h{cl_mod};
  REQUIRE(started(h, 3));
  auto& c = clusterer_module();
  REQUIRE(c.capabilities().size() == 1);
  CHECK(c.capabilities()[0].name == "counter-repl");
  CHECK(c.capabilities()[0].cluster_id == 3);
  CHECK(c.capabilities()[0].startup_sync);
  CHECK(repl.cluster_id() == 3);
  c.set_node_id(4);
  auto msg = options();
  CHECK(h.call("me", msg) == 4);
}

TEST_CASE_METHOD(fresh, "cluster id 0: nothing registered, sends return not_clustered") {
  host h{cl_mod};
  REQUIRE(started(h, 0));
  CHECK(clusterer_module().capabilities().empty());
  auto msg = options();
  CHECK(h.call("tell", msg, {2}) == 4);
  CHECK(clusterer_module().sent().empty());
  CHECK(h.call("sync", msg) == -1);
}

TEST_CASE_METHOD(fresh, "a packet sent to all nodes carries every field in order and reads back the same") {
  host h{cl_mod};
  REQUIRE(started(h));
  auto msg = options();
  CHECK(h.call("add", msg, {5}) == 1);
  auto& c = clusterer_module();
  REQUIRE(c.sent().size() == 1);
  const auto& p = c.sent()[0];
  CHECK(p.cluster_id == 1);
  CHECK(p.destination == 0);
  CHECK(p.capability == "counter-repl");
  CHECK(p.type == 1);
  CHECK(p.version == 2);
  CHECK_FALSE(p.sync);
  // the same bytes as another node would hand them over
  CHECK(c.deliver(2, p));
  REQUIRE(seen.size() == 1);
  CHECK(seen[0] == "add:2:5:a:u:none:-5000000000:7:n");
  CHECK(total == 5);
  // and the same payload written by hand, field by field (an optional: 1 then the value)
  const auto hand = bin_builder("counter-repl", 1, 2)
                        .push_int(3)
                        .push_str("b")
                        .push_int(0)
                        .push_int(1)
                        .push_int(10)
                        .push_int(7)
                        .push_int(0)
                        .push_int(1)
                        .push_str("")
                        .packet();
  CHECK(c.deliver(6, hand));
  CHECK(seen.back() == "add:6:3:b:-:10:7:1:");
}

TEST_CASE_METHOD(fresh, "send_to: one node, and clusterer's result mapped") {
  host h{cl_mod};
  REQUIRE(started(h));
  auto msg = options();
  auto& c = clusterer_module();
  CHECK(h.call("tell", msg, {2}) == 1);
  REQUIRE(c.sent().size() == 1);
  CHECK(c.sent()[0].destination == 2);
  CHECK(c.sent()[0].type == 2);
  CHECK(c.sent()[0].version == 1);
  c.set_send_result(abi::cl_dest_down);
  CHECK(h.call("tell", msg, {2}) == 2);
  c.set_send_result(abi::cl_curr_disabled);
  CHECK(h.call("tell", msg, {2}) == 3);
  c.set_send_result(abi::cl_send_err);
  CHECK(h.call("tell", msg, {2}) == -1);
}

TEST_CASE_METHOD(fresh, "another version, a short packet, an unknown type, a throwing handler: logged and dropped") {
  host h{cl_mod};
  REQUIRE(started(h));
  auto& c = clusterer_module();
  CHECK(c.deliver(2, bin_builder("counter-repl", 1, 3).push_int(1).packet()));
  CHECK(core().logged(abi::l_warn, "packet type 1 from node 2 has version 3, this module reads version 2: dropped"));
  CHECK(c.deliver(2, bin_builder("counter-repl", 1, 2).push_int(1).push_str("x").packet()));
  CHECK(core().logged(abi::l_err, "packet type 1 from node 2 is shorter than its payload: dropped"));
  // a string whose length runs past the packet's end
  CHECK(c.deliver(2, bin_builder("counter-repl", 1, 2).push_int(1).push_int(0x00ff0003).packet()));
  CHECK(c.deliver(2, bin_builder("counter-repl", 77, 1).push_int(1).packet()));
  CHECK(core().logged(abi::l_warn, "packet type 77 from node 2 has no handler: dropped"));
  CHECK(c.deliver(9, bin_builder("counter-repl", 2, 1).packet()));
  CHECK(core().logged(abi::l_err, "capability 'counter-repl': a handler threw: node 9 is not trusted"));
  CHECK(seen.empty());
  CHECK(total == 0);
  CHECK(c.deliver(8, bin_builder("counter-repl", 2, 1).packet()));
  CHECK(seen == std::vector<std::string>{"reset:8"});
}

TEST_CASE_METHOD(fresh, "node events reach the event handler; request_sync from inside one says so") {
  host h{cl_mod};
  REQUIRE(started(h));
  auto& c = clusterer_module();
  CHECK(c.node_up(1, 2));
  CHECK(c.node_down(1, 2));
  CHECK(c.sync_done(1, "counter-repl", 3));
  CHECK_FALSE(c.node_up(5, 2));  // no capability in cluster 5
  CHECK(seen == std::vector<std::string>{"event:0:2", "event:1:2", "event:3:3"});
  auto msg = options();
  CHECK(h.call("sync", msg) == 1);
  REQUIRE(c.sync_requests().size() == 3);
  CHECK(c.sync_requests()[0] == std::pair<std::string, bool>{"counter-repl", false});  // join: startup sync
  CHECK(c.sync_requests()[1] == std::pair<std::string, bool>{"counter-repl", true});   // from the up event
  CHECK(c.sync_requests()[2] == std::pair<std::string, bool>{"counter-repl", false});  // from a script function
}

TEST_CASE_METHOD(fresh, "sync: the state written chunk by chunk for the asking node, read back chunk by chunk") {
  host h{cl_mod};
  REQUIRE(started(h));
  auto& c = clusterer_module();
  auto msg = options();
  REQUIRE(h.call("add", msg, {5}) == 1);
  REQUIRE(c.deliver(2, c.sent()[0]));  // total = 5
  c.clear_sent();
  seen.clear();
  CHECK(c.sync_request(1, "counter-repl", 3));
  CHECK(seen == std::vector<std::string>{"event:2:3"});
  REQUIRE(c.sent().size() == 1);
  const auto sp = c.sent()[0];
  CHECK(sp.sync);
  CHECK(sp.destination == 3);
  CHECK(sp.version == 1);
  seen.clear();
  CHECK(c.deliver(3, sp));
  CHECK(seen == std::vector<std::string>{"chunk:3:total=5", "chunk:3:answer=42"});

  // a short chunk is skipped (the next one still read), another data version drops the packet
  seen.clear();
  const auto bad = bin_builder("counter-repl", 0, 1)
                       .begin_chunk()
                       .push_int(1)
                       .begin_chunk()
                       .push_int(2)
                       .push_str("two")
                       .packet(true);
  CHECK(c.deliver(4, bad));
  CHECK(seen == std::vector<std::string>{"chunk:4:two=2"});
  CHECK(core().logged(abi::l_err, "1 sync chunk(s) from node 4 shorter than their payload: dropped"));
  CHECK(c.deliver(4, bin_builder("counter-repl", 0, 9).begin_chunk().push_int(1).push_str("x").packet(true)));
  CHECK(core().logged(abi::l_warn, "sync data from node 4 has version 9, this module reads version 1: dropped"));
}
