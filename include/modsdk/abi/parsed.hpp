// SPDX-License-Identifier: MIT
// ABI layer: what the core's parsers hang off a message - `sip_uri`, `to_body`/`to_param` (From, To),
// `via_body`/`via_param`, `cseq_body`, `contact_body_t`/`contact_t`/`param_t` (Contact), `sip_msg_body`/
// `body_part` (the parts of a body), and the address structures of `receive_info`. The same layout in
// 3.4.18, 3.5.9, 3.6.8 and 4.0.1 except receive_info (4.0 embeds the proxy-protocol endpoint); checked
// against abi-facts by tests/static/abi_layout.cpp, the Contact and body structs (not in abi-facts) by the
// static_asserts below, measured with offsetof against each release's own headers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `uri_type`: the scheme parse_uri() found.
enum uri_type : int {
  error_uri_t = 0,
  sip_uri_t,
  sips_uri_t,
  tel_uri_t,
  tels_uri_t,
  urn_service_uri_t,
  urn_nena_uri_t
};
inline constexpr int uri_max_u_params = 10;  ///< URI_MAX_U_PARAMS

/// `struct sip_uri` (816 bytes): parse_uri()'s result. The known parameters have a name and a value
/// member each; up to 10 others are in u_name/u_val.
struct sip_uri {
  str user, passwd, host, port, params, headers;
  unsigned short port_no;
  unsigned short proto;
  uri_type type;
  str transport, ttl, user_param, maddr, method, lr, r2, gr, pn_provider, pn_prid, pn_param, pn_purr;
  str transport_val, ttl_val, user_param_val, maddr_val, method_val, lr_val, r2_val, gr_val, pn_provider_val,
      pn_prid_val, pn_param_val, pn_purr_val;
  str u_name[uri_max_u_params];
  str u_val[uri_max_u_params];
  unsigned short u_params_no;
};

inline constexpr int tag_param = 400, generic_param = 401;  ///< to_param.type
/// `struct to_param`: one parameter of a From/To header.
struct to_param {
  int type;
  str name;
  str value;
  to_param* next;
};
/// `struct to_body` (912 bytes): a parsed From/To (and Contact-like) name-addr.
struct to_body {
  int error;  ///< PARSE_OK 1, PARSE_ERROR -1
  str body;
  str uri;
  str display;
  str tag_value;
  sip_uri parsed_uri;
  to_param* param_lst;
  to_param* last_param;
  to_body* next;
};
inline constexpr int parse_ok = 1, parse_error = -1;

/// `struct via_param`.
struct via_param {
  int type;
  str name;
  str value;
  char* start;
  int size;
  via_param* next;
};
/// `struct via_body` (240 bytes): a parsed Via header (one body; next for "Via: a, b").
struct via_body {
  int error;
  str hdr;
  str name;
  str version;
  str transport;
  str host;
  unsigned short proto;
  unsigned short port;
  str port_str;
  str params;
  str comment;
  unsigned int bsize;
  via_param* param_lst;
  via_param* last_param;
  via_param* branch;
  str tid;
  via_param* received;
  via_param* rport;
  via_param* i;
  via_param* alias;
  via_param* maddr;
  via_body* next;
};

/// `struct cseq_body`: parsed by the core while it splits the headers.
struct cseq_body {
  int error;
  str number;
  str method;
  int method_id;
};

/// `ptype_t`: the Contact parameters parse_params() hooks (P_OTHER for the others).
inline constexpr int p_other = 0, p_q = 1, p_expires = 2, p_methods = 3, p_received = 4, p_instance = 5;
/// `param_t` (56 bytes): one `;name=value` parameter (body without its quotes).
struct param {
  int type;  ///< ptype_t
  str name;
  str body;
  int len;
  param* next;
};
/// `contact_t` (96 bytes): one contact of a Contact header; the hooks point into `params`.
struct contact {
  str name;  ///< the display name as written (quotes kept), empty when absent
  str uri;   ///< without the <>
  param* instance;
  param* q;
  param* expires;
  param* methods;
  param* received;
  param* params;
  int len;
  contact* next;
};
/// `contact_body_t` (16 bytes): parse_contact()'s result at hdr_field.parsed.
struct contact_body {
  unsigned char star;  ///< 1 for "Contact: *"
  contact* contacts;
};

inline constexpr unsigned int body_part_flag_new = 1U << 0, body_part_flag_deleted = 1U << 1;  ///< SIP_BODY_PART_*
inline constexpr unsigned char body_flag_new = 1U << 0, body_rcv_multipart = 1U << 2;          ///< SIP_BODY_*
/// `struct body_part` (120 bytes): one part of a body (the only one for a body that is not multipart).
struct body_part {
  int mime;  ///< (type << 16) + subtype, the core's TYPE_* / SUBTYPE_* ids
  str mime_s;
  unsigned int flags;
  str body;
  str headers;  ///< the part's own header lines (empty for a single-part body)
  void* parsed;
  void* free_parsed_f;
  void* clone_parsed_f;
  void* dump_f;
  str dump;
  body_part* next;
};
/// `struct sip_msg_body` (160 bytes): parse_sip_body()'s result at sip_msg.body.
struct sip_msg_body {
  unsigned char part_count;
  unsigned char updated_part_count;
  unsigned char flags;
  str body;
  str boundary;
  body_part first;
};
static_assert(sizeof(param) == 56 && offsetof(param, body) == 24 && offsetof(param, next) == 48);
static_assert(sizeof(contact) == 96 && offsetof(contact, q) == 40 && offsetof(contact, params) == 72 &&
              offsetof(contact, next) == 88);
static_assert(sizeof(contact_body) == 16 && offsetof(contact_body, contacts) == 8);
static_assert(sizeof(body_part) == 120 && offsetof(body_part, flags) == 24 && offsetof(body_part, body) == 32 &&
              offsetof(body_part, headers) == 48 && offsetof(body_part, dump) == 96 &&
              offsetof(body_part, next) == 112);
static_assert(sizeof(sip_msg_body) == 160 && offsetof(sip_msg_body, body) == 8 &&
              offsetof(sip_msg_body, boundary) == 24 && offsetof(sip_msg_body, first) == 40);

/// `struct ip_addr` (24 bytes).
struct ip_addr {
  unsigned int af;
  unsigned int len;
  union {
    unsigned long addrl[2];
    unsigned int addr32[4];
    unsigned short addr16[8];
    unsigned char addr[16];
  } u;
};
/// `union sockaddr_union` (28 bytes: sockaddr_in6).
struct sockaddr_union {
  unsigned int words[7];
};
/// `struct receive_info` up to 3.6 (104 bytes).
struct receive_info_3x {
  ip_addr src_ip;
  ip_addr dst_ip;
  unsigned short src_port;
  unsigned short dst_port;
  int proto;
  unsigned int proto_reserved1;
  unsigned int proto_reserved2;
  sockaddr_union src_su;
  const void* bind_address;  ///< const struct socket_info*
};
/// `struct proxy_protocol` (4.0, 64 bytes): the endpoint behind a PROXY-protocol hop.
struct proxy_protocol {
  int flags;  ///< PP_OK 3 when valid
  ip_addr src_ip;
  ip_addr dst_ip;
  unsigned short src_port;
  unsigned short dst_port;
};
inline constexpr int pp_ok = 3;
/// `struct receive_info` from 4.0 (168 bytes).
struct receive_info_4x {
  ip_addr src_ip;
  ip_addr dst_ip;
  unsigned short src_port;
  unsigned short dst_port;
  int proto;
  unsigned int proto_reserved1;
  unsigned int proto_reserved2;
  sockaddr_union src_su;
  const void* bind_address;
  proxy_protocol real_ep;
};

}  // namespace abi
MODSDK_END_NAMESPACE
