// SPDX-License-Identifier: MIT
// ABI layer: the core's message edits - `struct lump` (data_lump.h: a tree of deletions and insertions
// anchored at offsets into the received buffer, applied when the message is sent) and `struct lump_rpl`
// (data_lump_rpl.h: text added to the next locally generated reply). Equal in 3.4.18 - 4.0.1.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct lump` (56 bytes).
struct lump {
  int type;  ///< header_type of the header the lump belongs to
  int op;    ///< lump_nop ...
  union {
    unsigned int offset;  ///< LUMP_DEL / LUMP_NOP anchor
    int subst;
    int cond;
    char* value;  ///< LUMP_ADD: pkg text owned by the lump
  } u;
  unsigned int len;
  lump* before;
  lump* after;
  lump* next;
  int flags;
};
inline constexpr int lump_nop = 0, lump_del = 1, lump_add = 2, lump_add_subst = 3, lump_add_opt = 4, lump_skip = 5;
inline constexpr int lumpflag_none = 0, lumpflag_shmem = 2, lumpflag_branch = 4;

/// `struct lump_rpl` (32 bytes).
struct lump_rpl {
  str text;
  int flags;
  lump_rpl* next;
};
inline constexpr int lump_rpl_hdr = 2, lump_rpl_body = 4, lump_rpl_nodup = 8, lump_rpl_nofree = 16, lump_rpl_shmem = 32;

}  // namespace abi
MODSDK_END_NAMESPACE
