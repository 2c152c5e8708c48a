// SPDX-License-Identifier: MIT
// ABI layer: OpenSIPS 4.0.x (and master, best effort). Changes from 3.6.7: mi_export_t has 20 parameter
// slots per recipe and aliases; async_ctx has resume_f_name; MI commands are namespaced `module:cmd`.
#pragma once
#include <modsdk/abi/clusterer.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/socket.hpp>
#include <modsdk/abi/v3_6.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct v4_0 : v3_6_7 {
  static constexpr const char* name = "4.0";
  using sip_msg_layout = sip_msg_v4_0;  ///< struct sip_msg
  using mi_export = mi_export_4x;
  using async_ctx = async_ctx_4x;
  using clusterer_binds = clusterer_binds_4_0;  ///< has_bridge and send_all_bridges added
  static constexpr int max_mi_params = 20;
  static constexpr bool tm_uac_chunks = true;  ///< struct cell holds struct ua_client* uac[chunks]
  static constexpr unsigned process_table_size =
      4696;                                         ///< sizeof(struct process_table): no tcp_socks_holder, unix_sock
  using socket_info = socket_info_4x;               ///< + orig_name
  static constexpr const int* protos = protos_4_0;  ///< + PROTO_BOND
};
}  // namespace abi
MODSDK_END_NAMESPACE
