// SPDX-License-Identifier: MIT
/// @file The method of a SIP message as the core's id (`sip_method`), and the CSeq header as the core parsed
/// it (`cseq_value`, from `message::cseq()`).
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <string_view>

MODSDK_BEGIN_NAMESPACE

/// SIP method ids (the core's METHOD_* values, the same in every supported version).
enum class sip_method : int {
  undef = 0,
  invite = 1,
  cancel = 2,
  ack = 4,
  bye = 8,
  info = 16,
  options = 32,
  update = 64,
  register_ = 128,
  message = 256,
  subscribe = 512,
  notify = 1024,
  prack = 2048,
  refer = 4096,
  publish = 8192,
  other = 16384,
};

/// The CSeq header: sequence number and method (as written and as the core's id).
struct cseq_value {
  std::uint32_t number = 0;
  std::string_view method;
  sip_method method_id = sip_method::undef;
};

MODSDK_END_NAMESPACE
