// SPDX-License-Identifier: MIT
// Test kit fake core: the core's BIN interface (bin_interface.c: the wire layout, growth, popping past the end)
// and the clusterer module (modules/clusterer: load_clusterer, capabilities, send_to / send_all, node events,
// sync requests and the chunked sync packets of sync.c).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/testing/cluster.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {

inline constexpr int bin_max_len = 65535;                    // the core's TCP_BUF_SIZE bound on a BIN packet
inline constexpr int sync_chunk_marker = 101010101;          // sync.h SYNC_CHUNK_START_MARKER
inline constexpr char bin_marker[4] = {'P', '4', 'C', 'K'};  // BIN_PACKET_MARKER (no NUL on the wire)

inline void bin_set_len(abi::bin_packet* p) noexcept { std::memcpy(p->buffer.s + 4, &p->buffer.len, 4); }
inline bool bin_grow(abi::bin_packet* p, int more) noexcept {
  if (p->buffer.len + more <= p->size) return true;
  if (p->buffer.len + more > bin_max_len) {
    core_log(abi::l_err, "bin_extend", "cannot extend BIN packet beyond %d bytes", bin_max_len);
    return false;
  }
  int size = p->size * 2;
  while (size < p->buffer.len + more) size *= 2;
  if (size > bin_max_len) size = bin_max_len;
  char* b = static_cast<char*>(std::realloc(p->buffer.s, static_cast<std::size_t>(size)));
  if (!b) return false;
  p->buffer.s = b;
  p->size = size;
  return true;
}
/// The header's end: marker, length, version, capability, type.
inline int bin_header_len(const char* buf, int len) noexcept {
  if (len < 10 + 2) return -1;
  unsigned short cap = 0;
  std::memcpy(&cap, buf + 10, 2);
  const int end = 12 + cap + 4;
  return (std::memcmp(buf, bin_marker, 4) == 0 && end <= len) ? end : -1;
}

struct cl_cap {
  std::string name;
  abi::cl_packet_cb_f packet_cb;
  abi::cl_event_cb_f event_cb;
  int cluster_id;
  bool startup_sync;
};
struct cl_state {
  int node_id = 1;
  int send_result = 0;
  std::vector<cl_cap> caps;
  std::vector<cluster_capability> infos;
  std::vector<cluster_packet> sent;
  std::vector<std::pair<std::string, bool>> sync_requests;
  // the sync reply being written (sync.c keeps the same per process)
  abi::bin_packet* sync_pkt = nullptr;
  int sync_size_at = -1;  // where the current chunk's size goes
  int sync_dst = 0, sync_cluster = 0;
  // sync_chunk_iter's position
  const abi::bin_packet* iter_pkt = nullptr;
  int iter_next = -1;
  bool loaded = false;
};
inline cl_state& cl_st() {
  static cl_state s;
  return s;
}

inline cluster_packet cl_record(const abi::bin_packet* p, int cluster, int dst, bool sync) {
  cluster_packet r;
  r.cluster_id = cluster;
  r.destination = dst;
  unsigned short cap = 0;
  std::memcpy(&cap, p->buffer.s + 10, 2);
  r.capability.assign(p->buffer.s + 12, cap);
  r.type = sync ? abi::cl_sync_packet_type : p->type;
  r.version = abi::bin_version(p);
  r.sync = sync;
  r.bytes.assign(p->buffer.s, p->buffer.s + p->buffer.len);
  return r;
}

// ---- the clusterer_binds functions ---------------------------------------------------------------------
inline int fake_cl_get_my_id() { return cl_st().node_id; }
inline int fake_cl_send_to(abi::bin_packet* p, int cluster, int node) {
  if (!p || !p->buffer.s) return abi::cl_send_err;
  cl_st().sent.push_back(cl_record(p, cluster, node, false));
  return cl_st().send_result;
}
inline int fake_cl_send_all(abi::bin_packet* p, int cluster) { return fake_cl_send_to(p, cluster, 0); }
inline int fake_cl_register_capability(abi::str* cap, abi::cl_packet_cb_f pcb, abi::cl_event_cb_f ecb, int cluster,
                                       int startup_sync, int) {
  if (!cap || !cap->s || !pcb || !ecb || cluster <= 0) {
    core_log(abi::l_err, "cl_register_cap", "bad capability registration");
    return -1;
  }
  auto& s = cl_st();
  std::string name(cap->s, static_cast<std::size_t>(cap->len));
  s.caps.push_back({name, pcb, ecb, cluster, startup_sync != 0});
  s.infos.push_back({std::move(name), cluster, startup_sync != 0});
  return 0;
}
inline int fake_cl_request_sync(abi::str* cap, int, int from_cb) {
  if (!cap || !cap->s) return -1;
  cl_st().sync_requests.emplace_back(std::string(cap->s, static_cast<std::size_t>(cap->len)), from_cb != 0);
  return 0;
}
inline void cl_end_chunk() {
  auto& s = cl_st();
  if (!s.sync_pkt || s.sync_size_at < 0) return;
  const int size = s.sync_pkt->buffer.len - (s.sync_size_at + 8);
  std::memcpy(s.sync_pkt->buffer.s + s.sync_size_at, &size, 4);
}
inline abi::bin_packet* fake_cl_sync_chunk_start(abi::str* cap, int cluster, int dst, short version) {
  auto& s = cl_st();
  if (!s.sync_pkt) {
    auto* p = static_cast<abi::bin_packet*>(std::calloc(1, sizeof(abi::bin_packet)));
    if (!p) return nullptr;
    if (abi::_bin_init(p, cap, abi::cl_sync_packet_type, version, 0, 1) < 0) {
      std::free(p);
      return nullptr;
    }
    s.sync_pkt = p;
    s.sync_dst = dst;
    s.sync_cluster = cluster;
  } else {
    cl_end_chunk();
  }
  s.sync_size_at = s.sync_pkt->buffer.len;
  abi::bin_push_int(s.sync_pkt, 0);
  abi::bin_push_int(s.sync_pkt, sync_chunk_marker);
  return s.sync_pkt;
}
// mirrors sync.c:cl_sync_chunk_iter(): skips whatever the module left unread of the previous chunk
inline int fake_cl_sync_chunk_iter(abi::bin_packet* p) {
  auto& s = cl_st();
  if (!p) return 0;
  if (s.iter_pkt == p && s.iter_next >= 0) {
    if (s.iter_next >= p->buffer.len) {
      s.iter_pkt = nullptr;
      return 0;
    }
    p->front_pointer = p->buffer.s + s.iter_next;
  }
  int size = 0, marker = 0;
  if (abi::bin_pop_int(p, &size) != 0) return 0;
  if (abi::bin_pop_int(p, &marker) != 0 || marker != sync_chunk_marker) {
    core_log(abi::l_err, "cl_sync_chunk_iter", "Bad sync chunk start marker");
    return 0;
  }
  s.iter_pkt = p;
  s.iter_next = static_cast<int>(p->front_pointer - p->buffer.s) + size;
  return 1;
}

inline int fake_load_clusterer(void* binds) {
  if (!binds) return -1;
  auto* b = static_cast<profile_abi::clusterer_binds*>(binds);
  *b = {};
  b->get_my_id = &fake_cl_get_my_id;
  b->send_to = &fake_cl_send_to;
  b->send_all = &fake_cl_send_all;
  b->register_capability = &fake_cl_register_capability;
  b->request_sync = &fake_cl_request_sync;
  b->sync_chunk_start = &fake_cl_sync_chunk_start;
  b->sync_chunk_iter = &fake_cl_sync_chunk_iter;
  return 0;
}

struct fake_clusterer_module {
  abi::cmd_export cmds[2];
  abi::module_exports exp;
};
inline fake_clusterer_module& fake_clusterer_exports() {
  static fake_clusterer_module m = [] {
    fake_clusterer_module x{};
    x.cmds[0].name = "load_clusterer";
    x.cmds[0].function = reinterpret_cast<abi::cmd_function>(reinterpret_cast<void*>(&fake_load_clusterer));
    x.exp.name = "clusterer";
    x.exp.type = abi::mod_type_default;
    x.exp.cmds = x.cmds;
    return x;
  }();
  return m;
}

inline void clusterer_reset() {
  auto& s = cl_st();
  if (s.sync_pkt) {
    abi::bin_free_packet(s.sync_pkt);
    std::free(s.sync_pkt);
  }
  s = cl_state{};
}

inline bool cl_event(int cluster, std::string_view cap, int ev, int node) {
  bool any = false;
  const std::vector<cl_cap> caps = cl_st().caps;
  for (const cl_cap& c : caps)
    if (c.cluster_id == cluster && (cap.empty() || c.name == cap)) {
      c.event_cb(ev, node);
      any = true;
    }
  return any;
}

}  // namespace testing::detail

// ---- the core symbols: bin_interface.c ----------------------------------------------------------------
namespace abi {
extern "C" {
int _bin_init(bin_packet* p, str* cap, int type, short version, int length, int use_sysmalloc) {  // NOLINT
  const int need = 12 + cap->len + 4;
  if (length != 0 && length < need + 1) {
    testing::detail::core_log(l_err, "_bin_init", "Length parameter has to be greater than: %d", need);
    return -1;
  }
  if (!length) length = 256;
  p->buffer.s = static_cast<char*>(std::malloc(static_cast<std::size_t>(length)));
  if (!p->buffer.s) return -1;
  p->flags = use_sysmalloc ? 1U : 0U;
  p->size = length;
  p->type = type;
  p->next = nullptr;
  p->front_pointer = nullptr;
  std::memcpy(p->buffer.s, testing::detail::bin_marker, 4);
  std::memcpy(p->buffer.s + 8, &version, 2);
  const auto cl = static_cast<unsigned short>(cap->len);
  std::memcpy(p->buffer.s + 10, &cl, 2);
  std::memcpy(p->buffer.s + 12, cap->s, static_cast<std::size_t>(cap->len));
  std::memcpy(p->buffer.s + 12 + cap->len, &type, 4);
  p->buffer.len = need;
  testing::detail::bin_set_len(p);
  return 0;
}
int bin_push_int(bin_packet* p, int info) {
  if (!p->buffer.s || !p->size || !testing::detail::bin_grow(p, 4)) return -1;
  std::memcpy(p->buffer.s + p->buffer.len, &info, 4);
  p->buffer.len += 4;
  testing::detail::bin_set_len(p);
  return p->buffer.len;
}
int bin_push_str(bin_packet* p, const str* info) {
  const int n = (info && info->s) ? info->len : 0;
  if (!p->buffer.s || !p->size || !testing::detail::bin_grow(p, 2 + n)) return -1;
  const auto l = static_cast<unsigned short>(n);
  std::memcpy(p->buffer.s + p->buffer.len, &l, 2);
  if (n) std::memcpy(p->buffer.s + p->buffer.len + 2, info->s, static_cast<std::size_t>(n));
  p->buffer.len += 2 + n;
  testing::detail::bin_set_len(p);
  return p->buffer.len;
}
int bin_pop_int(bin_packet* p, void* info) {
  const long at = p->front_pointer - p->buffer.s;
  if (at == p->buffer.len) return 1;
  if (at + 4 > p->buffer.len) {
    testing::detail::core_log(l_err, "bin_pop_int", "Receive binary packet buffer overflow");
    return -1;
  }
  std::memcpy(info, p->front_pointer, 4);
  p->front_pointer += 4;
  return 0;
}
int bin_pop_str(bin_packet* p, str* info) {
  const long at = p->front_pointer - p->buffer.s;
  if (at == p->buffer.len) return 1;
  if (at + 2 > p->buffer.len) {
    testing::detail::core_log(l_err, "bin_pop_str", "Receive binary packet buffer overflow");
    return -1;
  }
  unsigned short l = 0;
  std::memcpy(&l, p->front_pointer, 2);
  if (at + 2 + l > p->buffer.len) {
    testing::detail::core_log(l_err, "bin_pop_str", "Receive binary packet buffer overflow");
    return -1;
  }
  p->front_pointer += 2;
  info->len = l;
  info->s = l ? p->front_pointer : nullptr;
  p->front_pointer += l;
  return 0;
}
void bin_free_packet(bin_packet* p) {
  if (!p->buffer.s) {
    testing::detail::core_log(l_info, "bin_free_packet", "atempting to free uninitialized binary packet");
    return;
  }
  std::free(p->buffer.s);
  p->buffer.s = nullptr;
}
}  // extern "C"
}  // namespace abi

// ---- the test kit's side ---------------------------------------------------------------------------------
namespace testing {
fake_clusterer& clusterer_module() noexcept {
  static fake_clusterer c;
  return c;
}
void fake_clusterer::set_node_id(int id) noexcept { detail::cl_st().node_id = id; }
int fake_clusterer::node_id() const noexcept { return detail::cl_st().node_id; }
void fake_clusterer::set_send_result(int code) noexcept { detail::cl_st().send_result = code; }
const std::vector<cluster_capability>& fake_clusterer::capabilities() const noexcept { return detail::cl_st().infos; }
const std::vector<cluster_packet>& fake_clusterer::sent() const noexcept { return detail::cl_st().sent; }
void fake_clusterer::clear_sent() noexcept { detail::cl_st().sent.clear(); }
const std::vector<std::pair<std::string, bool>>& fake_clusterer::sync_requests() const noexcept {
  return detail::cl_st().sync_requests;
}

bool fake_clusterer::deliver(int from, const cluster_packet& packet) {
  const detail::cl_cap* cap = nullptr;
  for (const detail::cl_cap& c : detail::cl_st().caps)
    if (c.name == packet.capability && (packet.cluster_id == 0 || c.cluster_id == packet.cluster_id)) cap = &c;
  const int len = static_cast<int>(packet.bytes.size());
  const int header = detail::bin_header_len(packet.bytes.data(), len);
  if (!cap || header < 0) return false;
  const abi::cl_packet_cb_f cb = cap->packet_cb;
  detail::cl_st().iter_pkt = nullptr;
  // an exact-size copy: a read past the packet's end is a sanitizer error
  char* buf = static_cast<char*>(std::malloc(packet.bytes.size()));
  if (!buf) return false;
  std::memcpy(buf, packet.bytes.data(), packet.bytes.size());
  abi::bin_packet p{};
  p.buffer = {buf, len};
  p.size = len;
  std::memcpy(&p.type, buf + header - 4, 4);
  if (packet.sync) p.type = abi::cl_sync_packet_type;
  p.front_pointer = buf + header;
  p.src_id = from;
  cb(&p);
  std::free(buf);
  return true;
}
bool fake_clusterer::node_up(int cluster_id, int node, std::string_view capability) {
  return detail::cl_event(cluster_id, capability, abi::cl_node_up, node);
}
bool fake_clusterer::node_down(int cluster_id, int node, std::string_view capability) {
  return detail::cl_event(cluster_id, capability, abi::cl_node_down, node);
}
bool fake_clusterer::sync_done(int cluster_id, std::string_view capability, int node) {
  return detail::cl_event(cluster_id, capability, abi::cl_sync_done, node);
}
bool fake_clusterer::sync_request(int cluster_id, std::string_view capability, int node) {
  if (!detail::cl_event(cluster_id, capability, abi::cl_sync_req_rcv, node)) return false;
  auto& s = detail::cl_st();
  if (s.sync_pkt) {
    detail::cl_end_chunk();
    s.sent.push_back(detail::cl_record(s.sync_pkt, s.sync_cluster, s.sync_dst, true));
    abi::bin_free_packet(s.sync_pkt);
    std::free(s.sync_pkt);
    s.sync_pkt = nullptr;
    s.sync_size_at = -1;
  }
  return true;
}

// ---- bin_builder ------------------------------------------------------------------------------------------
bin_builder::bin_builder(std::string_view capability, int type, int version)
    : cap_(capability), type_(type), version_(version) {}
bin_builder& bin_builder::push_int(int v) {
  const char* b = reinterpret_cast<const char*>(&v);
  body_.insert(body_.end(), b, b + 4);
  return *this;
}
bin_builder& bin_builder::push_str(std::string_view s) {
  const auto l = static_cast<unsigned short>(s.size());
  const char* b = reinterpret_cast<const char*>(&l);
  body_.insert(body_.end(), b, b + 2);
  body_.insert(body_.end(), s.begin(), s.end());
  return *this;
}
bin_builder& bin_builder::begin_chunk() {
  chunks_.push_back(body_.size());
  push_int(0);
  return push_int(detail::sync_chunk_marker);
}
cluster_packet bin_builder::packet(bool sync) const {
  std::vector<char> body = body_;
  for (std::size_t i = 0; i < chunks_.size(); ++i) {
    const std::size_t end = i + 1 < chunks_.size() ? chunks_[i + 1] : body.size();
    const int size = static_cast<int>(end - (chunks_[i] + 8));
    std::memcpy(body.data() + chunks_[i], &size, 4);
  }
  cluster_packet r;
  r.capability = cap_;
  r.type = sync ? abi::cl_sync_packet_type : type_;
  r.version = version_;
  r.sync = sync;
  const auto cl = static_cast<unsigned short>(cap_.size());
  const int total = static_cast<int>(12 + cap_.size() + 4 + body.size());
  const auto ver = static_cast<short>(version_);
  r.bytes.resize(static_cast<std::size_t>(total));
  char* o = r.bytes.data();
  std::memcpy(o, detail::bin_marker, 4);
  std::memcpy(o + 4, &total, 4);
  std::memcpy(o + 8, &ver, 2);
  std::memcpy(o + 10, &cl, 2);
  std::memcpy(o + 12, cap_.data(), cap_.size());
  std::memcpy(o + 12 + cap_.size(), &type_, 4);
  if (!body.empty()) std::memcpy(o + 16 + cap_.size(), body.data(), body.size());
  return r;
}
}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
