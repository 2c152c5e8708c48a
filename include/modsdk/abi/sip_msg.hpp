// SPDX-License-Identifier: MIT
// ABI layer: `struct sip_msg` per version and the header list it points to. The first 120 bytes
// (id - h_via1) have not moved since 3.2; after them 3.5 inserted the Security-* pointers, 3.6 dropped
// h_via2 and added sdp_ops, and 4.0 grew receive_info by 64 bytes (abi-facts: sizeof 2472/2496/2496/2560).
// Each version header (v3_4.hpp ...) names its layout as `sip_msg`; checked by tests/static/abi_layout.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/hdr_types.hpp>
#include <modsdk/abi/parsed.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct hdr_field` (72 bytes, stable 3.2 - master).
struct hdr_field {
  int type;  ///< header_type
  str name;
  str body;
  int len;  ///< the whole line, name to CRLF included
  void* parsed;
  hdr_field* next;
  hdr_field* sibling;
};

inline constexpr int sip_request = 1, sip_reply = 2;

/// `struct msg_start`: the first line. For a request a/b/c are method, R-URI (as received), version and
/// value is the method id; for a reply they are version, status, reason and value is the status code.
struct msg_start {
  int type;
  int len;
  str a, b, c;
  int value;
};

/// The stable prefix of `struct sip_msg` (0 - 119), the same in every version.
#define MODSDK_DETAIL_SIP_MSG_HEAD \
  std::uint32_t id;                \
  msg_start first_line;            \
  via_body* via1;                  \
  via_body* via2;                  \
  hdr_field* headers;              \
  hdr_field* last_header;          \
  std::uint64_t parsed_flag;       \
  hdr_field* h_via1
struct sip_msg_prefix {
  MODSDK_DETAIL_SIP_MSG_HEAD;
};

inline constexpr int max_branch_param_len = 60;  ///< MAX_BRANCH_PARAM_LEN
struct lump;
struct lump_rpl;

// The members every version has, in order: the typed-header shortcuts callid - replaces, and the
// message's attributes from buf to msg_cb.
#define MODSDK_DETAIL_SIP_MSG_KNOWN                                                                                   \
  hdr_field *callid, *to, *cseq, *from, *contact, *maxforwards, *route, *record_route, *path, *content_type,          \
      *content_length, *authorization, *expires, *proxy_auth, *supported, *proxy_require, *unsupported, *allow,       \
      *event, *accept, *accept_language, *organization, *priority, *subject, *user_agent, *content_disposition,       \
      *accept_disposition, *diversion, *rpid, *refer_to, *session_expires, *min_se, *ppi, *pai, *privacy, *call_info, \
      *www_authenticate, *proxy_authenticate, *min_expires, *feature_caps, *replaces
#define MODSDK_DETAIL_SIP_MSG_TAIL                               \
  char* buf;                                                     \
  unsigned int len;                                              \
  str new_uri;                                                   \
  str dst_uri;                                                   \
  int ruri_q;                                                    \
  unsigned int ruri_bflags;                                      \
  const void* force_send_socket; /* const struct socket_info* */ \
  str path_vec;                                                  \
  int parsed_uri_ok;                                             \
  sip_uri parsed_uri;                                            \
  int parsed_orig_ruri_ok;                                       \
  sip_uri parsed_orig_ruri;                                      \
  lump* add_rm;                                                  \
  lump* body_lumps;                                              \
  lump_rpl* reply_lump;                                          \
  char add_to_branch_s[max_branch_param_len];                    \
  int add_to_branch_len;                                         \
  unsigned int hash_index;                                       \
  unsigned int flags;                                            \
  unsigned int msg_flags;                                        \
  str set_global_address;                                        \
  str set_global_port;                                           \
  std::int64_t time[2]; /* struct timeval */                     \
  void* msg_cb

/// `struct sip_msg` of 3.4 (2472 bytes).
struct sip_msg_v3_4 {
  MODSDK_DETAIL_SIP_MSG_HEAD;
  hdr_field* h_via2;
  MODSDK_DETAIL_SIP_MSG_KNOWN;
  void* body;  ///< struct sip_msg_body*
  char* eoh;
  char* unparsed;
  receive_info_3x rcv;
  MODSDK_DETAIL_SIP_MSG_TAIL;
};
/// `struct sip_msg` of 3.5 (2496 bytes): + Security-Client/Server/Verify.
struct sip_msg_v3_5 {
  MODSDK_DETAIL_SIP_MSG_HEAD;
  hdr_field* h_via2;
  MODSDK_DETAIL_SIP_MSG_KNOWN;
  hdr_field *security_client, *security_server, *security_verify;
  void* body;
  char* eoh;
  char* unparsed;
  receive_info_3x rcv;
  MODSDK_DETAIL_SIP_MSG_TAIL;
};
/// `struct sip_msg` of 3.6 (2496 bytes): h_via2 gone, sdp_ops added.
struct sip_msg_v3_6 {
  MODSDK_DETAIL_SIP_MSG_HEAD;
  MODSDK_DETAIL_SIP_MSG_KNOWN;
  hdr_field *security_client, *security_server, *security_verify;
  void* body;
  void* sdp_ops;
  char* eoh;
  char* unparsed;
  receive_info_3x rcv;
  MODSDK_DETAIL_SIP_MSG_TAIL;
};
/// `struct sip_msg` of 4.0 (2560 bytes): receive_info carries the proxy-protocol endpoint.
struct sip_msg_v4_0 {
  MODSDK_DETAIL_SIP_MSG_HEAD;
  MODSDK_DETAIL_SIP_MSG_KNOWN;
  hdr_field *security_client, *security_server, *security_verify;
  void* body;
  void* sdp_ops;
  char* eoh;
  char* unparsed;
  receive_info_4x rcv;
  MODSDK_DETAIL_SIP_MSG_TAIL;
};
#undef MODSDK_DETAIL_SIP_MSG_HEAD
#undef MODSDK_DETAIL_SIP_MSG_KNOWN
#undef MODSDK_DETAIL_SIP_MSG_TAIL

/// METHOD_* ids (msg_start.value of a request, cseq_body.method_id), equal in every version.
inline constexpr int method_undef = 0, method_invite = 1, method_cancel = 2, method_ack = 4, method_bye = 8,
                     method_info = 16, method_options = 32, method_update = 64, method_register = 128,
                     method_message = 256, method_subscribe = 512, method_notify = 1024, method_prack = 2048,
                     method_refer = 4096, method_publish = 8192, method_other = 16384;

}  // namespace abi
MODSDK_END_NAMESPACE
