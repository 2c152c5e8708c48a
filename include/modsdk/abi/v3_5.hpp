// SPDX-License-Identifier: MIT
// ABI layer: OpenSIPS 3.5.x. Module-visible changes from 3.4: parse_headers became a macro over
// parse_headers_aux; a NEEDS_SCRIPT process gets IPC only with PROC_FLAG_HAS_IPC; db_func_t gained async_timeout.
#pragma once
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/abi/socket.hpp>
#include <modsdk/abi/v3_4.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct v3_5 : v3_4 {
  static constexpr const char* name = "3.5";
  using sip_msg_layout = sip_msg_v3_5;                 ///< struct sip_msg
  static constexpr int hdr_eoh_type = hdr_eoh_t_v3_5;  ///< HDR_EOH_T
  static constexpr bool has_security_hdrs = true;
  using db_func = db_func_3_5;
  static constexpr bool has_parse_headers_aux = true;
  static constexpr bool proc_needs_script_implies_ipc = false;
  static constexpr const int* protos = protos_3_5;  ///< + PROTO_IPSEC, PROTO_HEP_TLS
};
}  // namespace abi
MODSDK_END_NAMESPACE
