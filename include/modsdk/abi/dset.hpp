// SPDX-License-Identifier: MIT
// ABI layer: the destination set - the extra branches a request forks to (dset.h). 3.4 and 3.5 export
// append_branch / get_nr_branches (3.5 const-qualifies the socket argument: the same call); 3.6 and 4.0
// replaced them with struct msg_branch, append_msg_branch and get_dset_size (abi-facts `proto.` lines and
// `msg_branch` offsets; update_branch / remove_branch and the update_msg_branch_* family from dset.h, not in
// abi-facts). The symbols are weak: a module references only the pair of its target
// (profile::has_msg_branch), and the other pair stays unresolved without failing the load.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct msg_branch` (3.6+, 96 bytes): the core copies what it needs.
struct msg_branch {
  str tag;
  str uri;
  str dst_uri;
  str path;
  int q;                          ///< qvalue_t: 0 - 1000, q_unspecified
  const void* force_send_socket;  ///< const struct socket_info*
  unsigned int bflags;
  void* attrs;  ///< struct usr_avp*
};
static_assert(sizeof(msg_branch) == 96 && offsetof(msg_branch, uri) == 16 && offsetof(msg_branch, q) == 64 &&
                  offsetof(msg_branch, force_send_socket) == 72 && offsetof(msg_branch, bflags) == 80 &&
                  offsetof(msg_branch, attrs) == 88,
              "struct msg_branch as abi-facts measured it in 3.6.8 and 4.0.1");

/// Q_UNSPECIFIED (qvalue_t -1): no q for the branch.
inline constexpr int q_unspecified = -1;

extern "C" {
/// 3.4 / 3.5: a branch to `uri` (next hop `dst_uri`, may be null), copied by the core; 1 on success.
MODSDK_CORE_WEAK int append_branch(sip_msg* msg, str* uri, str* dst_uri, str* path, int q, unsigned int flags,
                                   const void* force_socket);
MODSDK_CORE_WEAK int get_nr_branches();
/// 3.6+: the same from a struct msg_branch; 1 on success.
MODSDK_CORE_WEAK int append_msg_branch(msg_branch* branch);
MODSDK_CORE_WEAK int get_dset_size();

// Reading and changing the appended branches, `idx` 0-based (the first appended branch is 0; branch flags
// count the R-URI's branch as 0 instead). 3.4 / 3.5 (dset.h; 3.5 const-qualifies the socket): get_branch
// returns the URI (NULL past the end) and fills the rest (the views stay valid until the set changes);
// update_branch changes each member whose pointer is not NULL (an empty or NULL dst_uri / path clears it),
// 0 or -1; remove_branch shifts the later branches down, 0 or -1; clear_branches empties the set.
MODSDK_CORE_WEAK char* get_branch(unsigned int idx, int* len, int* q, str* dst_uri, str* path, unsigned int* flags,
                                  const void** force_socket);
MODSDK_CORE_WEAK int update_branch(unsigned int idx, str** uri, str** dst_uri, str** path, int* q, unsigned int* flags,
                                   const void** force_socket);
MODSDK_CORE_WEAK int remove_branch(unsigned int idx);
MODSDK_CORE_WEAK void clear_branches();
/// 3.6+: the same per member; get_msg_branch returns the core's own struct (NULL past the end), each
/// update_msg_branch_* 0 or -1 (the uri must not be empty), remove_msg_branch 0 or -1 (frees its AVPs),
/// clear_dset empties the set.
MODSDK_CORE_WEAK msg_branch* get_msg_branch(unsigned int idx);
MODSDK_CORE_WEAK int update_msg_branch_uri(unsigned int idx, str* val);
MODSDK_CORE_WEAK int update_msg_branch_dst_uri(unsigned int idx, str* val);
MODSDK_CORE_WEAK int update_msg_branch_path(unsigned int idx, str* val);
MODSDK_CORE_WEAK int update_msg_branch_q(unsigned int idx, int val);
MODSDK_CORE_WEAK int update_msg_branch_socket(unsigned int idx, const void* val);
MODSDK_CORE_WEAK int update_msg_branch_bflags(unsigned int idx, unsigned int val);
MODSDK_CORE_WEAK int remove_msg_branch(unsigned int idx);
MODSDK_CORE_WEAK void clear_dset();
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
