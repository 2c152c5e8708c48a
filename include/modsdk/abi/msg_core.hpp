// SPDX-License-Identifier: MIT
// ABI layer: the core's SIP parsers a modsdk module calls, exported by every supported core (3.4.18 -
// 4.0.1, prototypes from abi-facts `proto.` lines; parse_contact, parse_sip_body and str2q from the
// releases' own headers, the same in the four). The testing layer's fake core defines them too.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/parsed.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct hdr_field;  // sip_msg.hpp
extern "C" {
/// Parses `len` bytes at `buf` into `uri` (whose strs then point into `buf`); 0 on success, < 0 (and an
/// error log line) when the text is not a URI the core knows.
MODSDK_CORE_SYMBOL int parse_uri(char* buf, int len, sip_uri* uri);
/// Parses the current R-URI (new_uri, else the request line's) into msg->parsed_uri, once; 0 or -1.
MODSDK_CORE_SYMBOL int parse_sip_msg_uri(sip_msg* msg);
/// Splits headers up to From / To and parses it into a to_body at hdr_field.parsed, once; 0 or -1.
MODSDK_CORE_SYMBOL int parse_from_header(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_to_header(sip_msg* msg);
/// Parses a Contact header's body into a contact_body at hdr->parsed, once; 0, or < 0 (logged) when it is
/// malformed.
MODSDK_CORE_SYMBOL int parse_contact(hdr_field* hdr);
/// A q value's text ("0.5") into thousandths (500); 0, or < 0 when it is not a q value (0 - 1).
MODSDK_CORE_SYMBOL int str2q(int* q, char* s, int len);
/// Parses the body into its parts at msg->body, once (from Content-Type; no body or no Content-Type:
/// msg->body stays NULL); 0, or -1 (logged) for a malformed multipart body.
MODSDK_CORE_SYMBOL int parse_sip_body(sip_msg* msg);
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
