// SPDX-License-Identifier: MIT
// modsdk: every user-settable knob, with its default. Define a knob before including any modsdk header
// (or with target_compile_definitions) to change it.
#pragma once

#define MODSDK_VERSION_MAJOR 0
#define MODSDK_VERSION_MINOR 1
#define MODSDK_VERSION_PATCH 0
#define MODSDK_VERSION (MODSDK_VERSION_MAJOR * 10000 + MODSDK_VERSION_MINOR * 100 + MODSDK_VERSION_PATCH)

#if __cplusplus < 202002L
#error "modsdk needs C++20 (-std=c++20); link modsdk::modsdk in CMake to get it"
#endif

/// What a script function returns to the core when it lets an exception escape (after logging it).
/// -1 is "false" in the script; 0 would stop the script, so it is refused.
#ifndef MODSDK_EXCEPTION_RESULT
#define MODSDK_EXCEPTION_RESULT (-1)
#endif
#if MODSDK_EXCEPTION_RESULT == 0
#error "modsdk: MODSDK_EXCEPTION_RESULT must not be 0: 0 stops the OpenSIPS script (use a negative code)"
#endif

/// Bytes of storage modsdk gives every pv_spec_t it parses itself. The core's pv_spec_t is 104 bytes
/// (3.4 - 3.6.6) or 112 bytes (3.6.7+, 4.0); pv_parse_spec memsets the core's size, so keep headroom.
#ifndef MODSDK_PV_SPEC_STORAGE
#define MODSDK_PV_SPEC_STORAGE 256
#endif
#if MODSDK_PV_SPEC_STORAGE < 112
#error "modsdk: MODSDK_PV_SPEC_STORAGE must be at least 112 bytes (sizeof(pv_spec_t) in 4.0)"
#endif

/// Size of the stack buffer a log line's text is formatted into: a longer text is cut on a UTF-8 boundary
/// and ends in "..." (the core's prefix and the newline are not counted).
#ifndef MODSDK_LOG_LINE_MAX
#define MODSDK_LOG_LINE_MAX 2048
#endif
#if MODSDK_LOG_LINE_MAX < 64
#error "modsdk: MODSDK_LOG_LINE_MAX must be at least 64"
#endif

/// modsdk's namespace: `modsdk`, with a versioned inline namespace (two modules built with different SDK
/// releases never share a symbol) and hidden visibility (nothing of modsdk leaves a module, even one built
/// without -fvisibility=hidden), as pybind11 does. Every header opens it with these two macros:
///     MODSDK_BEGIN_NAMESPACE
///     namespace detail { ... }
///     MODSDK_END_NAMESPACE
#define MODSDK_BEGIN_NAMESPACE \
  namespace modsdk {           \
  inline namespace v0 __attribute__((visibility("hidden"))) {
#define MODSDK_END_NAMESPACE \
  }                          \
  }

// Symbol visibility: only `exports` (and what the core must find) leaves a module.
#define MODSDK_EXPORT_SYMBOL __attribute__((visibility("default")))
#define MODSDK_CORE_SYMBOL __attribute__((visibility("default")))
#define MODSDK_CORE_WEAK __attribute__((weak, visibility("default")))
