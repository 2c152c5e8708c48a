// SPDX-License-Identifier: MIT
// Test kit fake core: the sockets it listens on, laid out as the target core's `struct socket_info`
// (abi/socket.hpp), and the core's lookups over them (socket_info.c grep_sock_info_ext, parse_sock_info).
// The listeners: udp, tcp 127.0.0.1:5060, tls 127.0.0.1:5061, and udp 127.0.0.2:5080 tagged "ext" and
// advertised as 203.0.113.7:5080 (the cfg's `listen = udp:127.0.0.2:5080 as 203.0.113.7:5080 tag ext`).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/abi/socket.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/parser.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing::detail {
using fake_socket_info = profile_abi::socket_info;

struct listener_def {
  int proto;  // index into abi::proto_names (4.0 order)
  std::string_view address;
  unsigned char last_octet;
  unsigned short port;
  std::string_view port_text, text, tag, adv_name, adv_text;
  unsigned short adv_port;
};
inline constexpr listener_def listener_defs[] = {
    {1, "127.0.0.1", 1, 5060, "5060", "udp:127.0.0.1:5060", "", "", "", 0},
    {2, "127.0.0.1", 1, 5060, "5060", "tcp:127.0.0.1:5060", "", "", "", 0},
    {3, "127.0.0.1", 1, 5061, "5061", "tls:127.0.0.1:5061", "", "", "", 0},
    {1, "127.0.0.2", 2, 5080, "5080", "udp:127.0.0.2:5080", "ext", "203.0.113.7", "udp:203.0.113.7:5080", 5080}};
inline constexpr std::size_t listener_count = std::size(listener_defs);

inline abi::str fixed(std::string_view s) noexcept {
  return s.empty() ? abi::str{nullptr, 0} : abi::str{const_cast<char*>(s.data()), static_cast<int>(s.size())};
}
/// The listeners, built once (the core builds its list at startup and never changes it).
inline const std::array<fake_socket_info, listener_count>& listeners() noexcept {
  static const auto list = [] {
    std::array<fake_socket_info, listener_count> out{};
    for (std::size_t i = 0; i < listener_count; ++i) {
      const listener_def& d = listener_defs[i];
      fake_socket_info& si = out[i];
      si.socket = static_cast<int>(3 + i);
      si.name = si.address_str = fixed(d.address);
      si.tag = fixed(d.tag);
      si.address.af = 2;  // AF_INET
      si.address.len = 4;
      si.address.u.addr[0] = 127;
      si.address.u.addr[3] = d.last_octet;
      si.port_no = d.port;
      si.port_no_str = fixed(d.port_text);
      si.flags = 1;  // SI_IS_IP
      si.proto = profile_abi::protos[d.proto];
      si.sock_str = fixed(d.text);
      si.tag_sock_str = d.tag.empty() ? si.sock_str : fixed(d.tag);
      si.adv_name_str = fixed(d.adv_name);
      si.adv_sock_str = fixed(d.adv_text);
      si.adv_port = d.adv_port;
      if (d.adv_port) si.adv_port_str = fixed(d.port_text);
    }
    return out;
  }();
  return list;
}
inline std::string_view sv(const abi::str& s) noexcept {
  return s.s && s.len > 0 ? std::string_view(s.s, static_cast<std::size_t>(s.len)) : std::string_view{};
}
/// The listener printed as `text` ("udp:127.0.0.1:5060"), or null.
inline const fake_socket_info* listener_by_text(std::string_view text) noexcept {
  for (const auto& si : listeners())
    if (sv(si.sock_str) == text) return &si;
  return nullptr;
}
/// The text of listener `p` (a `const struct socket_info*`), empty when it is not one.
inline std::string_view listener_text(const void* p) noexcept {
  for (const auto& si : listeners())
    if (p == &si) return sv(si.sock_str);
  return {};
}
}  // namespace testing::detail

namespace abi {
extern "C" {
// grep_sock_info_ext(): the core's rules over the fake's listeners (no default-port sockets, no global
// advertised address, no bond sockets).
const void* grep_sock_info_ext(str* host, unsigned short port, unsigned short proto, int check_tag) {
  using testing::detail::sv;
  if (!host || !host->s || host->len <= 0) return nullptr;
  std::string_view h(host->s, static_cast<std::size_t>(host->len));
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  for (const auto& si : testing::detail::listeners()) {
    if (proto != 0 && si.proto != proto) continue;
    if (check_tag && port == 0 && si.tag.s && testing::detail::iequals(h, sv(si.tag))) return &si;
    if (port != 0 && si.port_no != port && si.adv_port != port) continue;
    if (testing::detail::iequals(h, sv(si.name)) || testing::detail::iequals(h, sv(si.adv_name_str)) ||
        h == sv(si.address_str))
      return &si;
  }
  return nullptr;
}
// parse_sock_info(): "[proto:]host[:port]" split as parse_phostport does, then grep_internal_sock_info.
const void* parse_sock_info(str* spec) {
  if (!spec || !spec->s || spec->len <= 0) return nullptr;
  std::string_view s(spec->s, static_cast<std::size_t>(spec->len)), host = s, port;
  int proto = 0;
  const auto first = s.find(':'), last = s.rfind(':');
  auto proto_of = [](std::string_view p) {
    for (int i = 1; i < proto_count - 1; ++i)
      if (testing::detail::iequals(p, proto_names[i])) return testing::detail::profile_abi::protos[i];
    return -1;
  };
  if (s.find('[') == std::string_view::npos && first != std::string_view::npos) {
    if (first != last) {
      proto = proto_of(s.substr(0, first));
      host = s.substr(first + 1, last - first - 1);
      port = s.substr(last + 1);
    } else if (const auto p = s.substr(first + 1); !p.empty() && p.find_first_not_of("0123456789") == p.npos) {
      host = s.substr(0, first);
      port = p;
    } else {
      proto = proto_of(s.substr(0, first));
      host = s.substr(first + 1);
    }
  }
  unsigned n = 0;
  for (char ch : port) {
    if (ch < '0' || ch > '9' || n > 65535) return nullptr;
    n = n * 10 + static_cast<unsigned>(ch - '0');
  }
  if (proto < 0) return nullptr;
  str h{const_cast<char*>(host.data()), static_cast<int>(host.size())};
  return grep_sock_info_ext(&h, static_cast<unsigned short>(n), static_cast<unsigned short>(proto), 1);
}
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
