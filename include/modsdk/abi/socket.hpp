// SPDX-License-Identifier: MIT
// ABI layer: `struct socket_info` (socket_info.h), a socket the core listens on, and the core's lookup of one.
// Not in abi-facts: measured with offsetof against each release's own headers (3.4.18, 3.5.9, 3.6.8, 4.0.1,
// x86_64, the modules' build flags). 3.4 - 3.6 share the members read here at the same offsets (the struct
// grows after adv_port: tos, extra_data, bond_sis, list links - never read); 4.0 inserted `orig_name` after
// `name`, moving everything after it by 16 bytes. Only the leading members are declared: a module never
// allocates one, it reads the core's through a pointer.
//
// The protocol ids (enum sip_protos, ip_addr.h) differ: 3.5 inserted PROTO_IPSEC after PROTO_WSS and
// PROTO_HEP_TLS after PROTO_HEP_TCP, 4.0 PROTO_BOND before PROTO_OTHER (measured: PROTO_BIN 7 / 8 / 8 / 8,
// PROTO_OTHER 14 / 16 / 16 / 17).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/parsed.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

// The members from `address` on, the same in every version.
#define MODSDK_DETAIL_SOCKET_INFO_TAIL \
  ip_addr address;                     \
  str address_str;                     \
  unsigned short port_no;              \
  str port_no_str;                     \
  int flags; /* enum si_flags */       \
  sockaddr_union su;                   \
  int proto; /* enum sip_protos */     \
  str sock_str;                        \
  str adv_sock_str;                    \
  str tag_sock_str;                    \
  str adv_name_str;                    \
  str adv_port_str;                    \
  ip_addr adv_address;                 \
  unsigned short adv_port

/// `struct socket_info` of 3.4 - 3.6, up to adv_port (the core's is 288 bytes).
struct socket_info_3x {
  int socket;
  str name;  ///< the host name or address as configured
  str tag;   ///< the cfg's tag of the socket (`listen = ... tag xxx`)
  MODSDK_DETAIL_SOCKET_INFO_TAIL;
};
/// `struct socket_info` of 4.0, up to adv_port (the core's is 312 bytes): + orig_name.
struct socket_info_4x {
  int socket;
  str name;
  str orig_name;
  str tag;
  MODSDK_DETAIL_SOCKET_INFO_TAIL;
};
#undef MODSDK_DETAIL_SOCKET_INFO_TAIL

static_assert(offsetof(socket_info_3x, name) == 8 && offsetof(socket_info_3x, tag) == 24 &&
                  offsetof(socket_info_3x, address) == 40 && offsetof(socket_info_3x, address_str) == 64 &&
                  offsetof(socket_info_3x, port_no) == 80 && offsetof(socket_info_3x, flags) == 104 &&
                  offsetof(socket_info_3x, su) == 108 && offsetof(socket_info_3x, proto) == 136 &&
                  offsetof(socket_info_3x, sock_str) == 144 && offsetof(socket_info_3x, adv_sock_str) == 160 &&
                  offsetof(socket_info_3x, adv_name_str) == 192 && offsetof(socket_info_3x, adv_port_str) == 208 &&
                  offsetof(socket_info_3x, adv_address) == 224 && offsetof(socket_info_3x, adv_port) == 248,
              "struct socket_info as measured in 3.4.18, 3.5.9 and 3.6.8");
static_assert(offsetof(socket_info_4x, orig_name) == 24 && offsetof(socket_info_4x, tag) == 40 &&
                  offsetof(socket_info_4x, address) == 56 && offsetof(socket_info_4x, address_str) == 80 &&
                  offsetof(socket_info_4x, port_no) == 96 && offsetof(socket_info_4x, flags) == 120 &&
                  offsetof(socket_info_4x, su) == 124 && offsetof(socket_info_4x, proto) == 152 &&
                  offsetof(socket_info_4x, sock_str) == 160 && offsetof(socket_info_4x, adv_sock_str) == 176 &&
                  offsetof(socket_info_4x, adv_name_str) == 208 && offsetof(socket_info_4x, adv_port_str) == 224 &&
                  offsetof(socket_info_4x, adv_address) == 240 && offsetof(socket_info_4x, adv_port) == 264,
              "struct socket_info as measured in 4.0.1");

/// The protocol names in the order of 4.0's enum sip_protos (PROTO_NONE 0 ... PROTO_OTHER 17); a version's
/// own numbering maps onto it with its proto table below.
inline constexpr const char* proto_names[] = {"",        "udp",   "tcp",  "tls",   "sctp",    "ws",
                                              "wss",     "ipsec", "bin",  "bins",  "hep_udp", "hep_tcp",
                                              "hep_tls", "smpp",  "msrp", "msrps", "bond",    "other"};
inline constexpr int proto_count = 18;
/// Per version: the core's id of each protocol above (-1: the version has none), index = 4.0 order.
inline constexpr int protos_3_4[proto_count] = {0, 1, 2, 3, 4, 5, 6, -1, 7, 8, 9, 10, -1, 11, 12, 13, -1, 14};
inline constexpr int protos_3_5[proto_count] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, -1, 16};
inline constexpr int protos_4_0[proto_count] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};

extern "C" {
/// grep_sock_info() (a macro over this): the socket the core listens on for `host` (a name, an address, an
/// advertised name; "[v6]" brackets allowed), `port` (0: any) and `proto` (0: any, tried in the core's order);
/// `check_tag` 1 also matches the sockets' tags. NULL when none. 3.4 returns it non-const: the same call.
MODSDK_CORE_SYMBOL const void* grep_sock_info_ext(str* host, unsigned short port, unsigned short proto, int check_tag);
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
