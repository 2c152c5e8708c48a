// SPDX-License-Identifier: MIT
// ABI layer: the core's parsers of the other typed headers and what they hang at hdr_field.parsed - Expires
// (`exp_body_t`), Route / Record-Route (`rr_t` with its `name_addr_t`), Supported (`struct supported_body`),
// Allow (`struct allow_body`), Event (`event_t`), Privacy (its PRIVACY_* bits as the pointer's value);
// P-Asserted-Identity, P-Preferred-Identity and Remote-Party-ID give a `to_body` (parsed.hpp). Exported with the same
// prototypes by 3.4.18, 3.5.9, 3.6.8 and 4.0.1 (parser/parse_*.h of each); the structs are not in abi-facts: measured
// with offsetof against each release's own headers (identical in the four, static_asserts below). The core frees each
// result with the message (clean_hdr_field). The testing layer's fake core defines the functions too.
// Session-Expires / Min-SE (parser/parse_sst.h: `struct session_expires`, the Min-SE seconds as the pointer's
// value), Diversion / Refer-To (parse_diversion.h, parse_refer_to.h: a `to_body`, a list for Diversion), and the
// text parsers parse_params (parse_param.h: a `param_t` list the caller frees with free_params) and parse_methods
// (parse_methods.h): same files in 3.4.18, 3.5.9, 3.6.8 and 4.0.1 (byte for byte), the symbols exported by the
// four built cores (nm -D); sizes measured with sizeof/offsetof against each release's headers compiled with its
// own DEFS (session_expires 8, refresher at 4, enum parse_sst_result 4 bytes, param_hooks_t 64: the same in all).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/parsed.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {
struct hdr_field;  // sip_msg.hpp

/// `exp_body_t` (24 bytes): parse_expires()'s result.
struct exp_body {
  str text;             ///< the number as written (trimmed)
  unsigned char valid;  ///< 1 when it parsed
  int val;              ///< the seconds (str2int: digits only, wrapping)
};
/// `name_addr_t` (40 bytes): a name-addr ("display <uri>").
struct name_addr_t {
  str name;  ///< what comes before the '<' (display name with its blanks and quotes)
  str uri;   ///< without the <>
  int len;   ///< from the name to the '>' included
};
/// `rr_t` (72 bytes): one hop of a Route / Record-Route / Path header (parse_rr(): a list per header).
struct rr {
  name_addr_t nameaddr;
  param* r2;      ///< never set by parse_rr
  param* params;  ///< the hop's header parameters (after the '>'), parse_params(CLASS_ANY)
  int len;
  int deleted;
  rr* next;
};
/// `struct supported_body` (8 bytes): the F_SUPPORTED_* bits of one Supported header, and of all of them in
/// the first one's `all`.
struct supported_body {
  unsigned int supported;
  unsigned int supported_all;
};
inline constexpr unsigned f_supported_path = 1U << 0, f_supported_100rel = 1U << 1, f_supported_timer = 1U << 2,
                          f_supported_eventlist = 1U << 3, f_supported_gruu = 1U << 4;  ///< F_SUPPORTED_*
/// `struct allow_body` (8 bytes): the METHOD_* bits of one Allow header, and of all of them in the first's.
struct allow_body {
  unsigned int allow;
  unsigned int allow_all;
};
/// `event_t` (32 bytes): parse_event()'s result; `parsed` is an EVENT_* id (EVENT_REG 12 from 3.5).
struct event_t {
  str text;  ///< the event package ("presence")
  int parsed;
  param* params;
};

/// `enum sst_refresher`: the refresher parameter of a Session-Expires header.
enum class sst_refresher : int { unspecified = 0, uac = 1, uas = 2 };
/// `struct session_expires` (8 bytes): parse_session_expires()'s result (also kept at hdr->parsed).
struct session_expires {
  unsigned interval;  ///< seconds (digits only, wrapping)
  sst_refresher refresher;
};
/// `enum parse_sst_result`: parse_sst_success 0, _header_not_found 1, _no_value 2, _out_of_mem 3, _parse_error 4.
inline constexpr int parse_sst_success = 0, parse_sst_header_not_found = 1;
/// `pclass_t`: which well-known parameters parse_params() hooks; CLASS_ANY hooks none.
inline constexpr int class_any = 0;
/// `param_hooks_t` (64 bytes): the hooks parse_params() fills (zeroed, and only last_param set, for CLASS_ANY).
union param_hooks {
  param* last_param;
  param* slots[8];  ///< contact_hooks (6 pointers) / uri_hooks (8 pointers)
};

static_assert(sizeof(session_expires) == 8 && offsetof(session_expires, refresher) == 4);
static_assert(sizeof(sst_refresher) == 4 && sizeof(param_hooks) == 64);
static_assert(sizeof(exp_body) == 24 && offsetof(exp_body, valid) == 16 && offsetof(exp_body, val) == 20);
static_assert(sizeof(name_addr_t) == 40 && offsetof(name_addr_t, uri) == 16 && offsetof(name_addr_t, len) == 32);
static_assert(sizeof(rr) == 72 && offsetof(rr, r2) == 40 && offsetof(rr, params) == 48 && offsetof(rr, len) == 56 &&
              offsetof(rr, deleted) == 60 && offsetof(rr, next) == 64);
static_assert(sizeof(supported_body) == 8 && offsetof(supported_body, supported_all) == 4);
static_assert(sizeof(allow_body) == 8 && offsetof(allow_body, allow_all) == 4);
static_assert(sizeof(event_t) == 32 && offsetof(event_t, parsed) == 16 && offsetof(event_t, params) == 24);

extern "C" {
/// Parses an Expires header's body into an exp_body at hdr->parsed, once; 0, or < 0 (logged) when it is
/// not a number.
MODSDK_CORE_SYMBOL int parse_expires(hdr_field* hdr);
/// Parses a Route / Record-Route / Path header's body into a list of rr at hdr->parsed, once; 0 or -1.
MODSDK_CORE_SYMBOL int parse_rr(hdr_field* hdr);
/// Splits the headers to the first P-Asserted-Identity / P-Preferred-Identity / Remote-Party-ID and parses it
/// into a to_body (a list through next for PAI / PPI) at its parsed, once; 0, or -1 when it is missing or
/// malformed (logged).
MODSDK_CORE_SYMBOL int parse_pai_header(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_ppi_header(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_rpid_header(sip_msg* msg);
/// Splits every header and parses each Supported / Allow header into a supported_body / allow_body, the
/// union of all in the first one's *_all; 0, or -1 when there is none (or an Allow is malformed, logged).
MODSDK_CORE_SYMBOL int parse_supported(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_allow(sip_msg* msg);
/// The F_SUPPORTED_* bits of an option-tag list (any header's body); always 0.
MODSDK_CORE_SYMBOL int parse_supported_body(str* body, unsigned int* sup);
/// Splits the headers to the first Privacy header and keeps its PRIVACY_* bits in its parsed (the value, not
/// a pointer), once; 0, or -1 when it is missing or malformed (logged).
MODSDK_CORE_SYMBOL int parse_privacy(sip_msg* msg);
/// Parses an Event header's body into an event_t at hdr->parsed, once; 0, or -1 (logged) when malformed.
MODSDK_CORE_SYMBOL int parse_event(hdr_field* hdr);
/// Splits the headers to the first Session-Expires header, parses it into a session_expires at its parsed
/// (once) and copies it to *se; an `enum parse_sst_result`: 0, 1 when there is none, 2 - 4 (logged) when
/// malformed.
MODSDK_CORE_SYMBOL int parse_session_expires(sip_msg* msg, session_expires* se);
/// The same for Min-SE: its seconds kept as hdr->parsed's value and copied to *min_se; malformed: 2 or 4, not
/// logged by the core.
MODSDK_CORE_SYMBOL int parse_min_se(sip_msg* msg, unsigned* min_se);
/// Splits the headers to the first Diversion / Refer-To header and parses it into a to_body at its parsed (a list
/// through next for Diversion), once; 0, or -1 when it is missing or malformed (logged).
MODSDK_CORE_SYMBOL int parse_diversion_header(sip_msg* msg);
MODSDK_CORE_SYMBOL int parse_refer_to_header(sip_msg* msg);
/// Parses the parameters at the start of *s (`a=1;b;c="x"`) into a pkg list at *p (hooks of class `c` in *h),
/// moving *s to where it stopped (a ',' or '>', or the end); 0, or < 0 (logged, *p null) when malformed.
MODSDK_CORE_SYMBOL int parse_params(str* s, int c, param_hooks* h, param** p);
/// Frees a list parse_params() made.
MODSDK_CORE_SYMBOL void free_params(param* p);
/// The METHOD_* bits of a comma separated method list; 0, or -1 (logged) when malformed.
MODSDK_CORE_SYMBOL int parse_methods(str* body, unsigned* methods);
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
