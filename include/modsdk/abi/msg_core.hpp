// SPDX-License-Identifier: MIT
// ABI layer: the core's SIP parsers a modsdk module calls, exported by every supported core (3.4.18 -
// 4.0.1, prototypes from abi-facts `proto.` lines). The testing layer's fake core defines them too.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/parsed.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
/// Parses `len` bytes at `buf` into `uri` (whose strs then point into `buf`); 0 on success, < 0 (and an
/// error log line) when the text is not a URI the core knows.
MODSDK_CORE_SYMBOL int parse_uri(char* buf, int len, sip_uri* uri);
/// Parses the current R-URI (new_uri, else the request line's) into msg->parsed_uri, once; 0 or -1.
MODSDK_CORE_SYMBOL int parse_sip_msg_uri(sip_msg* msg);
/// Splits headers up to From / To and parses it into a to_body at hdr_field.parsed, once; 0 or -1.
MODSDK_CORE_SYMBOL int parse_from_header(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_to_header(sip_msg* msg);
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
