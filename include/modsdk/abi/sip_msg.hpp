// SPDX-License-Identifier: MIT
// ABI layer: the part of `struct sip_msg` that has not moved since 3.2 (offsets 0 - 119), and the
// header list it points to. Everything after offset 119 moved in 3.5, 3.6 and 4.0: modsdk reads those
// fields through pseudo-variables instead.
#pragma once
#include <cstddef>
#include <cstdint>
#include <modsdk/abi/common.hpp>
#include <modsdk/config.hpp>

MODSDK_BEGIN_NAMESPACE
namespace abi {

/// `struct hdr_field` (72 bytes, stable 3.2 - master).
struct hdr_field {
  int type;
  str name;
  str body;
  int len;
  void* parsed;
  hdr_field* next;
  hdr_field* sibling;
};

inline constexpr int sip_request = 1, sip_reply = 2;

/// `struct msg_start`: the first line. For a request a/b/c are method, R-URI (as received), version and
/// value is the method id; for a reply they are version, status, reason and value is the status code.
struct msg_start {
  int type;
  int len;
  str a, b, c;
  int value;
};

/// The stable prefix of `struct sip_msg`. Never instantiated by modsdk on a real core; a module only
/// reads through a `sip_msg*` reinterpreted as this.
struct sip_msg_prefix {
  std::uint32_t id;
  msg_start first_line;
  void* via1;
  void* via2;
  hdr_field* headers;
  hdr_field* last_header;
  std::uint64_t parsed_flag;
  hdr_field* h_via1;
};

inline constexpr std::uint64_t hdr_eoh_all = ~0ull;  ///< parse_headers flags: every header

}  // namespace abi
MODSDK_END_NAMESPACE
