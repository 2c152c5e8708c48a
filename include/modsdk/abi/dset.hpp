// SPDX-License-Identifier: MIT
// ABI layer: the destination set - the extra branches a request forks to (dset.h). 3.4 and 3.5 export
// append_branch / get_nr_branches (3.5 const-qualifies the socket argument: the same call); 3.6 and 4.0
// replaced them with struct msg_branch, append_msg_branch and get_dset_size (abi-facts `proto.` lines and
// `msg_branch` offsets). The symbols are weak: a module references only the pair of its target
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
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
