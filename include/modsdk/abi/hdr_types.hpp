// SPDX-License-Identifier: MIT
// ABI layer: the header type ids of `hdr_types_t` (parser/hf.h), the `type` member of a `hdr_field`.
#pragma once
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `hdr_types_t`, HDR_*_T as `hdr_*_t`. Values from the stock cores' own headers (shared research:
/// abi-facts): -1 - 52 are equal in 3.4.18, 3.5.9, 3.6.8 and 4.0.1; 3.5 added the three Security-*
/// types (53 - 55), which moved the end-of-headers id HDR_EOH_T from 53 to 56.
enum hdr_type : int {
  hdr_error_t = -1,
  hdr_other_t = 0,
  hdr_via_t = 1,
  hdr_via1_t = 1,
  hdr_via2_t = 2,
  hdr_to_t = 3,
  hdr_from_t = 4,
  hdr_cseq_t = 5,
  hdr_callid_t = 6,
  hdr_contact_t = 7,
  hdr_maxforwards_t = 8,
  hdr_route_t = 9,
  hdr_recordroute_t = 10,
  hdr_path_t = 11,
  hdr_contenttype_t = 12,
  hdr_contentlength_t = 13,
  hdr_authorization_t = 14,
  hdr_expires_t = 15,
  hdr_proxyauth_t = 16,
  hdr_supported_t = 17,
  hdr_proxyrequire_t = 18,
  hdr_unsupported_t = 19,
  hdr_allow_t = 20,
  hdr_event_t = 21,
  hdr_accept_t = 22,
  hdr_acceptlanguage_t = 23,
  hdr_organization_t = 24,
  hdr_priority_t = 25,
  hdr_subject_t = 26,
  hdr_useragent_t = 27,
  hdr_acceptdisposition_t = 28,
  hdr_contentdisposition_t = 29,
  hdr_diversion_t = 30,
  hdr_rpid_t = 31,
  hdr_refer_to_t = 32,
  hdr_session_expires_t = 33,
  hdr_min_se_t = 34,
  hdr_ppi_t = 35,
  hdr_pai_t = 36,
  hdr_privacy_t = 37,
  hdr_retry_after_t = 38,
  hdr_call_info_t = 39,
  hdr_www_authenticate_t = 40,
  hdr_proxy_authenticate_t = 41,
  hdr_min_expires_t = 42,
  hdr_feature_caps_t = 43,
  hdr_replaces_t = 44,
  hdr_to_path_t = 45,
  hdr_from_path_t = 46,
  hdr_message_id_t = 47,
  hdr_byte_range_t = 48,
  hdr_failure_report_t = 49,
  hdr_success_report_t = 50,
  hdr_status_t = 51,
  hdr_use_path_t = 52,
  hdr_security_client_t = 53,  ///< 3.5+
  hdr_security_server_t = 54,  ///< 3.5+
  hdr_security_verify_t = 55,  ///< 3.5+
  hdr_eoh_t_v3_4 = 53,         ///< HDR_EOH_T in 3.4
  hdr_eoh_t_v3_5 = 56,         ///< HDR_EOH_T in 3.5, 3.6 and 4.0
};

}  // namespace abi
MODSDK_END_NAMESPACE
