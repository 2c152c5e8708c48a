// SPDX-License-Identifier: MIT
// ABI layer: OpenSIPS 3.6.0 - 3.6.6, and 3.6.7+ (pv_spec_t grew from 104 to 112 bytes in 3.6.7,
// and tm_binds gained t_wait_no_more_branches).
// Changes from 3.5: DEP_REVERSE_* split into MINIT/DESTROY/CINIT; get_mi_arr_param_object appeared;
// cachedb_funcs gained iter_keys.
#pragma once
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/v3_5.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct v3_6 : v3_5 {
  static constexpr const char* name = "3.6";
  using cachedb_funcs = cachedb_funcs_3_6;                                        ///< iter_keys appeared
  using sip_msg_layout = sip_msg_v3_6;                                            ///< struct sip_msg
  static constexpr unsigned dep_reverse_init = 8 | 32, dep_reverse_destroy = 16;  // MINIT|CINIT
  static constexpr bool has_mi_arr_param_object = true;
  static constexpr bool has_msg_branch = true;               ///< struct msg_branch, append_msg_branch, get_dset_size
  static constexpr std::size_t tm_uac_uri = tm_uac_uri_3_6;  ///< struct ua_client reordered in 3.6.0
};
struct v3_6_7 : v3_6 {
  static constexpr const char* name = "3.6.7+";
  static constexpr int pv_spec_size = 112;
  using tm_binds = tm_binds_3_6_7;  ///< t_wait_no_more_branches appeared in 3.6.7
};
}  // namespace abi
MODSDK_END_NAMESPACE
