// SPDX-License-Identifier: MIT
// ABI layer: the header type ids of `hdr_types_t` (parser/hf.h), the `type` member of a `hdr_field`, and
// the `hdr_flags_t` bits parse_headers() takes (HDR_*_F = 1 << HDR_*_T).
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `hdr_types_t`: the type id the core's header-name parser gives a header. One enum for modsdk's API
/// (`modsdk::header_type`) and its fake core. Values from the stock cores' own headers (abi-facts):
/// error - use_path are equal in 3.4.18, 3.5.9, 3.6.8 and 4.0.1; 3.5 added the three Security-* types,
/// which moved the end-of-headers id HDR_EOH_T from 53 to 56 (hdr_eoh_type<V>).
enum class header_type : int {
  error = -1,  ///< HDR_ERROR_T: a header line the core could not parse
  other = 0,   ///< HDR_OTHER_T: any header the core has no id for (X-..., Subject's compact "s", ...)
  via = 1,
  to = 3,
  from = 4,
  cseq = 5,
  call_id = 6,
  contact = 7,
  max_forwards = 8,
  route = 9,
  record_route = 10,
  path = 11,
  content_type = 12,
  content_length = 13,
  authorization = 14,
  expires = 15,
  proxy_authorization = 16,
  supported = 17,
  proxy_require = 18,
  unsupported = 19,
  allow = 20,
  event = 21,
  accept = 22,
  accept_language = 23,
  organization = 24,
  priority = 25,
  subject = 26,
  user_agent = 27,
  accept_disposition = 28,
  content_disposition = 29,
  diversion = 30,
  remote_party_id = 31,
  refer_to = 32,
  session_expires = 33,
  min_se = 34,
  p_preferred_identity = 35,
  p_asserted_identity = 36,
  privacy = 37,
  retry_after = 38,
  call_info = 39,
  www_authenticate = 40,
  proxy_authenticate = 41,
  min_expires = 42,
  feature_caps = 43,
  replaces = 44,
  to_path = 45,
  from_path = 46,
  message_id = 47,
  byte_range = 48,
  failure_report = 49,
  success_report = 50,
  status = 51,
  use_path = 52,
  security_client = 53,  ///< 3.5+
  security_server = 54,  ///< 3.5+
  security_verify = 55,  ///< 3.5+
};

/// The HDR_*_F bit of a header type (HDR_T2F): what parse_headers() is asked to parse up to.
constexpr std::uint64_t hdr_flag(header_type t) noexcept {
  return static_cast<int>(t) >= 0 ? 1ull << static_cast<int>(t) : 0;
}
inline constexpr std::uint64_t hdr_via2_f = 1ull << 2;  ///< HDR_VIA2_F: the second Via
inline constexpr std::uint64_t hdr_eoh_f = ~0ull;       ///< HDR_EOH_F: every header, to the end of the headers
inline constexpr std::uint64_t hdr_eoh_all = hdr_eoh_f;

/// HDR_EOH_T, the pseudo type of the end of the headers (a lump anchored there).
inline constexpr int hdr_eoh_t_v3_4 = 53;
inline constexpr int hdr_eoh_t_v3_5 = 56;  ///< 3.5, 3.6, 4.0

// The C names, for code that mirrors a C module (and the fake core).
inline constexpr int hdr_error_t = -1, hdr_other_t = 0, hdr_via_t = 1, hdr_via1_t = 1, hdr_via2_t = 2, hdr_to_t = 3,
                     hdr_from_t = 4, hdr_cseq_t = 5, hdr_callid_t = 6, hdr_contact_t = 7, hdr_maxforwards_t = 8,
                     hdr_route_t = 9, hdr_recordroute_t = 10, hdr_path_t = 11, hdr_contenttype_t = 12,
                     hdr_contentlength_t = 13, hdr_authorization_t = 14, hdr_expires_t = 15, hdr_proxyauth_t = 16,
                     hdr_supported_t = 17, hdr_event_t = 21, hdr_subject_t = 26, hdr_useragent_t = 27,
                     hdr_session_expires_t = 33, hdr_security_client_t = 53, hdr_security_verify_t = 55;

}  // namespace abi
MODSDK_END_NAMESPACE
