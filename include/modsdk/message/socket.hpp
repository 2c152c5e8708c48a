// SPDX-License-Identifier: MIT
/// @file The sockets the core listens on (`listen = udp:10.0.0.1:5060`): a read-only view of one, the
/// core's lookups (grep_sock_info, parse_sock_info) and the "[proto:]host[:port]" syntax they read:
///
///     if (auto s = msg.received_socket()) s->text();          // "udp:10.0.0.1:5060", where it arrived
///     auto spec = modsdk::parse_socket_spec("tcp:10.0.0.1:5070");  // {sip_protocol::tcp, "10.0.0.1", 5070}
///     auto out = modsdk::grep_socket("10.0.0.1", 5060, modsdk::sip_protocol::udp);
///     if (out) req.set_send_socket(*out);                      // force_send_socket(), read back by send_socket()
///
/// A sip_socket points into the core's socket list, which does not change after startup: the view may be
/// kept for the life of the process.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/socket.hpp>
#include <modsdk/log.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// A socket's protocol (the core's enum sip_protos, numbered the same on every version here; a protocol the
/// target core does not know - ipsec and hep_tls before 3.5, bond before 4.0 - is never reported by it).
enum class sip_protocol : unsigned char {
  none,  ///< not given (a spec without "proto:"): any
  udp,
  tcp,
  tls,
  sctp,
  ws,
  wss,
  ipsec,
  bin,
  bins,
  hep_udp,
  hep_tcp,
  hep_tls,
  smpp,
  msrp,
  msrps,
  bond,
  other
};

/// The protocol's name as the cfg writes it ("udp", "hep_tcp"; "" for none).
constexpr std::string_view protocol_name(sip_protocol t) noexcept {
  const auto i = static_cast<std::size_t>(t);
  return i < static_cast<std::size_t>(abi::proto_count) ? abi::proto_names[i] : "";
}

namespace detail::sock {
using layout = abi::for_profile_t<target.profile>::socket_info;
inline constexpr const int* protos = abi::for_profile_t<target.profile>::protos;

constexpr std::string_view view(const abi::str& s) noexcept {
  return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
}
/// The target core's id of `t`, or -1 when it has none.
constexpr int to_core(sip_protocol t) noexcept { return protos[static_cast<std::size_t>(t)]; }
constexpr sip_protocol from_core(int id) noexcept {
  for (int i = 0; i < abi::proto_count; ++i)
    if (protos[i] == id) return static_cast<sip_protocol>(i);
  return sip_protocol::other;
}
inline bool fail(std::string_view what, std::string_view spec, std::string_view why) noexcept {
  log::write_for(log::level::error, "socket", "{} '{}': {}", what, spec, why);
  return false;
}
/// parse_proto(): a protocol name, case-insensitive; none when unknown.
constexpr sip_protocol proto_named(std::string_view s) noexcept {
  for (int i = 1; i < abi::proto_count - 1; ++i) {  // not "" nor "other"
    const std::string_view n = abi::proto_names[i];
    if (n.size() != s.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < n.size() && same; ++k) same = (s[k] >= 'A' && s[k] <= 'Z' ? s[k] | 0x20 : s[k]) == n[k];
    if (same) return static_cast<sip_protocol>(i);
  }
  return sip_protocol::none;
}
/// str2int() for a port: digits only, not empty; -1 otherwise or past 65535.
constexpr long port_number(std::string_view s) noexcept {
  if (s.empty()) return -1;
  long n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
    if (n > 65535) return -1;
  }
  return n;
}
}  // namespace detail::sock

/// A socket the core listens on (its `struct socket_info`, read-only).
class sip_socket {
 public:
  /// From the core's `const struct socket_info*` (not null).
  explicit sip_socket(const void* core) noexcept : si_(static_cast<const detail::sock::layout*>(core)) {}
  /// Not from text: a socket is one the core listens on, found by the core.
  template <class Text>
  requires std::is_convertible_v<const Text&, std::string_view> sip_socket(const Text&)
  noexcept : si_(nullptr) {
    static_assert(!std::is_convertible_v<const Text&, std::string_view>,
                  "modsdk: a sip_socket is a socket the core listens on, not text; look it up with "
                  "modsdk::find_socket(\"udp:10.0.0.1:5060\") or modsdk::grep_socket(host, port, proto), or call "
                  "request::force_send_socket(\"udp:10.0.0.1:5060\")");
  }

  /// The host as the cfg wrote it (a name or an address: "10.0.0.1", "proxy.example.com").
  std::string_view name() const noexcept { return detail::sock::view(si_->name); }
  /// The IP address it is bound to, as text ("10.0.0.1", "::1").
  std::string_view address() const noexcept { return detail::sock::view(si_->address_str); }
  unsigned short port() const noexcept { return si_->port_no; }
  sip_protocol proto() const noexcept { return detail::sock::from_core(si_->proto); }
  /// "proto:address:port" ("udp:10.0.0.1:5060"): what force_send_socket() and $socket_in print.
  std::string_view text() const noexcept { return detail::sock::view(si_->sock_str); }
  /// The cfg's tag of the socket (`listen = ... tag ext`), empty when none.
  std::string_view tag() const noexcept { return detail::sock::view(si_->tag); }
  /// The advertised address and port (`listen = ... as 1.2.3.4:5080`): empty and 0 when none.
  std::string_view advertised_name() const noexcept { return detail::sock::view(si_->adv_name_str); }
  unsigned short advertised_port() const noexcept { return si_->adv_port; }
  /// "proto:advertised-address:port", empty when nothing is advertised.
  std::string_view advertised_text() const noexcept { return detail::sock::view(si_->adv_sock_str); }
  /// The core's `const struct socket_info*`, for a core call.
  const void* raw() const noexcept { return si_; }
  friend bool operator==(const sip_socket& a, const sip_socket& b) noexcept { return a.si_ == b.si_; }

 private:
  const detail::sock::layout* si_;
};

/// "[proto:]host[:port]" split as the core's parse_phostport() splits it.
struct socket_spec {
  sip_protocol proto = sip_protocol::none;  ///< none: any
  std::string_view host;                    ///< "[::1]" keeps its brackets
  unsigned short port = 0;                  ///< 0: any
};

/// Splits "[proto:]host[:port]" ("udp:10.0.0.1:5060", "10.0.0.1:5060", "tcp:host", "[::1]:5060") with the
/// rules of the core's parse_phostport (a static function in its headers, compiled into each C module that
/// uses it): at most two ':' outside brackets; with one, a number after it is the port, otherwise what is
/// before it is the protocol. Nullopt, logged, when malformed: empty, a ':' at the end, a third ':', unbalanced
/// or nested brackets, an unknown protocol, a bad port (also one past 65535, which the core truncates).
inline std::optional<socket_spec> parse_socket_spec(std::string_view s) noexcept {
  auto bad = [s](std::string_view why) {
    detail::sock::fail("parse_socket_spec", s, why);
    return std::nullopt;
  };
  constexpr auto npos = std::string_view::npos;
  std::size_t first = npos, second = npos;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' && ++depth > 1) return bad("nested '['");
    if (s[i] == ']' && --depth < 0) return bad("']' without '['");
    if (s[i] != ':' || depth != 0) continue;
    if (first == npos)
      first = i;
    else if (second == npos)
      second = i;
    else
      return bad("too many ':'");
  }
  if (s.empty()) return bad("empty");
  if (depth != 0) return bad("'[' without ']'");
  if (s.back() == ':') return bad("nothing after the last ':'");
  socket_spec out;
  auto proto = [&](std::string_view p) {
    out.proto = detail::sock::proto_named(p);
    const char* why = out.proto == sip_protocol::none        ? "unknown protocol"
                      : detail::sock::to_core(out.proto) < 0 ? "protocol unknown to this core"
                                                             : nullptr;
    if (why) bad(why);
    return why == nullptr;
  };
  if (first == npos) {
    out.host = s;
  } else if (second != npos) {
    const long port = detail::sock::port_number(s.substr(second + 1));
    if (!proto(s.substr(0, first))) return std::nullopt;
    if (port < 0) return bad("bad port number");
    out.host = s.substr(first + 1, second - first - 1);
    out.port = static_cast<unsigned short>(port);
  } else if (const long port = detail::sock::port_number(s.substr(first + 1)); port >= 0) {
    out.host = s.substr(0, first);
    out.port = static_cast<unsigned short>(port);
  } else {
    if (!proto(s.substr(0, first))) return std::nullopt;
    out.host = s.substr(first + 1);
  }
  if (out.host.empty()) return bad("no host");
  return out;
}

/// The socket the core listens on for `host` (its name, address or advertised name), `port` (0: any; the
/// protocol's default port matches a socket without one) and `proto` (none: any), through the core's
/// grep_sock_info(); nullopt when it has none (not logged: a normal answer, e.g. "is this host me?").
inline std::optional<sip_socket> grep_socket(std::string_view host, unsigned short port = 0,
                                             sip_protocol proto = sip_protocol::none) noexcept {
  const int id = detail::sock::to_core(proto);
  if (host.empty() || id < 0) return std::nullopt;
  abi::str h{const_cast<char*>(host.data()), static_cast<int>(host.size())};
  const void* si = abi::grep_sock_info_ext(&h, port, static_cast<unsigned short>(id), 0);
  return si ? std::optional<sip_socket>(sip_socket(si)) : std::nullopt;
}
/// The socket for "[proto:]host[:port]" through the core's parse_sock_info() (which also matches a socket's
/// tag in place of the host), as force_send_socket() resolves it; nullopt, logged, when malformed or none.
inline std::optional<sip_socket> find_socket(std::string_view spec) noexcept {
  if (!parse_socket_spec(spec)) return std::nullopt;
  abi::str s{const_cast<char*>(spec.data()), static_cast<int>(spec.size())};
  if (const void* si = abi::parse_sock_info(&s)) return sip_socket(si);
  detail::sock::fail("find_socket", spec, "the core does not listen on that socket");
  return std::nullopt;
}

MODSDK_END_NAMESPACE
