// SPDX-License-Identifier: MIT
// ABI layer: OpenSIPS 3.4.x.
#pragma once
#include <modsdk/abi/cachedb.hpp>
#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/db.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/socket.hpp>
#include <modsdk/abi/tm.hpp>
#include <modsdk/abi/versions.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct v3_4 {
  static constexpr const char* name = "3.4";
  using sip_msg_layout = sip_msg_v3_4;                 ///< struct sip_msg
  static constexpr int hdr_eoh_type = hdr_eoh_t_v3_4;  ///< HDR_EOH_T
  static constexpr bool has_security_hdrs = false;
  using mi_export = mi_export_3x;
  using async_ctx = async_ctx_3x;
  using db_func = db_func_3_4;
  using tm_binds = tm_binds_3_4;                             ///< 3.4.1+ (3.4.0 lacks t_sett)
  static constexpr std::size_t tm_uac_uri = tm_uac_uri_3_4;  ///< offsetof(struct ua_client, uri)
  static constexpr bool tm_uac_chunks = false;               ///< struct cell holds struct ua_client uac[MAX_BRANCHES]
  using cachedb_funcs = cachedb_funcs_3_4;
  using clusterer_binds = clusterer_binds_3_4;  ///< 3.4 - 3.6
  static constexpr int max_mi_params = 10;
  static constexpr int pv_spec_size = 104;
  static constexpr unsigned dep_reverse_init = 8, dep_reverse_destroy = 16;
  static constexpr bool has_parse_headers_aux = false;  ///< 3.4 exports parse_headers()
  static constexpr bool has_msg_branch = false;         ///< append_branch (3.6: append_msg_branch)
  using socket_info = socket_info_3x;                   ///< struct socket_info
  static constexpr const int* protos = protos_3_4;      ///< enum sip_protos
  static constexpr bool has_mi_arr_param_object = false;
  static constexpr bool proc_needs_script_implies_ipc = true;
  static constexpr unsigned process_table_size = 4704;  ///< sizeof(struct process_table), 3.4 - 3.6
};
}  // namespace abi
MODSDK_END_NAMESPACE
