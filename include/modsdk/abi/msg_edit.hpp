// SPDX-License-Identifier: MIT
// ABI layer: the core's calls that change a SIP message or its state, exported by every supported core with
// the same prototypes (3.4.18 - 4.0.1, abi-facts `proto.` lines): lumps (data_lump.h), reply lumps
// (data_lump_rpl.h), script flags (flags.h) and the destination URI (msg_parser.h). The testing layer's
// fake core defines them too. `type` is the core's `enum _hdr_types_t` (an int).
#pragma once
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
}  // extern "C"

/// MAX_FLAG: the highest script flag bit (flag_t is 32 bits in every supported version).
inline constexpr unsigned int max_flag = 31;
}  // namespace abi
MODSDK_END_NAMESPACE
