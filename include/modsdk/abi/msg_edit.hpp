// SPDX-License-Identifier: MIT
// ABI layer: the core's calls that change a SIP message or its state, exported by every supported core with
// the same prototypes (3.4.18 - 4.0.1, abi-facts `proto.` lines): lumps (data_lump.h), reply lumps
// (data_lump_rpl.h), script and branch flags and the flag names (flags.h, dset.h), the destination URI
// (msg_parser.h), the send socket (socket_info.h: parse_sock_info; the struct is read in abi/socket.hpp) and
// the route type being run (route.h). The testing layer's fake core defines them too. `type` is the core's
// `enum _hdr_types_t` (an int).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/lump.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
/// A LUMP_NOP at `offset` into msg->buf (in msg->add_rm, or msg->body_lumps past the end of the headers),
/// to hang insertions on. The core aborts the process when `offset` > msg->len.
MODSDK_CORE_SYMBOL lump* anchor_lump(sip_msg* msg, unsigned int offset, int type);
/// A LUMP_DEL of `len` bytes at `offset`; the core aborts the process when the range leaves msg->buf.
MODSDK_CORE_SYMBOL lump* del_lump(sip_msg* msg, unsigned int offset, unsigned int len, int type);
/// A LUMP_ADD of `len` bytes at `new_hdr` (pkg memory the lump owns from then on) before / after a lump.
MODSDK_CORE_SYMBOL lump* insert_new_lump_after(lump* after, char* new_hdr, unsigned int len, int type);
MODSDK_CORE_SYMBOL lump* insert_new_lump_before(lump* before, char* new_hdr, unsigned int len, int type);
/// Text for the next reply generated for `msg` (LUMP_RPL_HDR or LUMP_RPL_BODY; copied unless NODUP).
MODSDK_CORE_SYMBOL lump_rpl* add_lump_rpl(sip_msg* msg, char* s, int len, int flags);
/// Script flags: bit `flag` (0 - MAX_FLAG, 31 in every supported version) of msg->flags. setflag and
/// resetflag return 1; isflagset 1 when set, -1 when not.
MODSDK_CORE_SYMBOL int setflag(sip_msg* msg, unsigned int flag);
MODSDK_CORE_SYMBOL int resetflag(sip_msg* msg, unsigned int flag);
MODSDK_CORE_SYMBOL int isflagset(sip_msg* msg, unsigned int flag);
/// Forgets the destination URI (msg->dst_uri, freed by the core).
MODSDK_CORE_SYMBOL void reset_dst_uri(sip_msg* msg);
/// Branch flags: the bits of `mask` in the flags of branch `b_idx` (0: the R-URI's, msg->ruri_bflags; n: the
/// n-th appended branch); 1, or -1 when there is no such branch (isbflagset: -1 when not set).
MODSDK_CORE_SYMBOL int setbflag(sip_msg* msg, unsigned int b_idx, unsigned int mask);
MODSDK_CORE_SYMBOL int resetbflag(sip_msg* msg, unsigned int b_idx, unsigned int mask);
MODSDK_CORE_SYMBOL int isbflagset(sip_msg* msg, unsigned int b_idx, unsigned int mask);
/// The socket the core listens on that matches "[proto:]host[:port]" (a `const struct socket_info*`), or
/// NULL. 3.4 returns it non-const: the same call.
MODSDK_CORE_SYMBOL const void* parse_sock_info(str* spec);
/// The type of the route being run (REQUEST_ROUTE, FAILURE_ROUTE ...; route.h), set by the core per route.
MODSDK_CORE_SYMBOL extern int route_type;
}  // extern "C"

/// `struct flag_entry` (32 bytes, the same in 3.4.18 - 4.0.1, measured): a flag name the cfg uses and its bit.
struct flag_entry {
  str name;
  int bit;
  flag_entry* next;
};
static_assert(sizeof(flag_entry) == 32 && offsetof(flag_entry, bit) == 16 && offsetof(flag_entry, next) == 24);
inline constexpr int flag_type_msg = 0, flag_type_branch = 1, flag_list_count = 3;  ///< FLAG_TYPE_*
extern "C" {
/// The flag names per FLAG_TYPE_*, newest first: filled while the cfg is parsed, read-only afterwards.
MODSDK_CORE_SYMBOL extern flag_entry* flag_lists[flag_list_count];
}  // extern "C"

/// MAX_FLAG: the highest script flag bit (flag_t is 32 bits in every supported version).
inline constexpr unsigned int max_flag = 31;
}  // namespace abi
MODSDK_END_NAMESPACE
