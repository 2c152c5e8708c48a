// SPDX-License-Identifier: MIT
// Pseudo-variable plumbing shared by variable.hpp, pv.hpp and message.hpp: a modsdk-owned pv_spec_t
// buffer parsed once per process, and the rules for reading a pv_value_t the core hands back.
//
// pv_parse_spec memsets sizeof(pv_spec_t) of the *core* build (104 or 112 bytes) into the caller's
// storage, so the buffer is MODSDK_PV_SPEC_STORAGE (>= 112, default 256) bytes, 16-aligned. Parsed
// specs are never freed: pv_spec_free would pkg_free the buffer itself, and a spec is needed for the
// life of the process anyway.
#pragma once
#include <cstddef>
#include <cstring>
#include <string_view>

#include <charconv>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/config.hpp>
#include <modsdk/detail/log_call.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

static_assert(MODSDK_PV_SPEC_STORAGE >= abi::for_profile_t<target.profile>::pv_spec_size,
              "modsdk: MODSDK_PV_SPEC_STORAGE is smaller than the target's pv_spec_t");

/// Storage for one pv_spec_t plus its text; constant-initialised, trivially destructible, parsed on
/// first use in each process (or earlier with parse()). The text must outlive the object: the core
/// keeps pointers into it (e.g. the header name of `$hdr(Name)`).
class pv_storage {
 public:
  constexpr explicit pv_storage(const char* text) noexcept : text_(text) {}
  pv_storage(const pv_storage&) = delete;
  pv_storage& operator=(const pv_storage&) = delete;

  constexpr std::string_view text() const noexcept { return text_ ? std::string_view(text_) : std::string_view{}; }

  /// Parses the text once per process; false (logged once) when the core refuses it.
  bool parse() noexcept {
    if (state_ == unparsed) state_ = do_parse() ? parsed : failed;
    return state_ == parsed;
  }
  /// The parsed spec, or nullptr when the text does not parse.
  abi::pv_spec* get() noexcept { return parse() ? reinterpret_cast<abi::pv_spec*>(storage_) : nullptr; }

 private:
  enum : unsigned char { unparsed, parsed, failed };
  bool do_parse() noexcept {
    const std::string_view t = text();
    if (t.empty()) {
      log_for_function(log_level::error, "pv", "empty pseudo-variable text");
      return false;
    }
    std::memset(storage_, 0, sizeof storage_);
    abi::str in{const_cast<char*>(t.data()), static_cast<int>(t.size())};
    const char* end = abi::pv_parse_spec(&in, reinterpret_cast<abi::pv_spec*>(storage_));
    if (!end) {
      log_for_function(log_level::error, "pv", "cannot parse pseudo-variable \"{}\"", t);
      return false;
    }
    if (end != t.data() + t.size()) {
      log_for_function(log_level::error, "pv", "unexpected text \"{}\" after pseudo-variable \"{}\"",
                       std::string_view(end, static_cast<std::size_t>(t.data() + t.size() - end)),
                       t.substr(0, static_cast<std::size_t>(end - t.data())));
      return false;
    }
    return true;
  }

  const char* text_;
  unsigned char state_ = unparsed;
  alignas(16) unsigned char storage_[MODSDK_PV_SPEC_STORAGE]{};
};

namespace pv {

/// Values the core hands over as owned (PV_VAL_PKG / PV_VAL_SHM) are kept for the next few reads and
/// then destroyed, so views into them stay valid as long as views into the core's static buffers.
struct owned_ring {
  abi::pv_value slot[4];
  unsigned next;
};
inline owned_ring& owned_values() noexcept {
  static constinit owned_ring ring{};
  return ring;
}
inline void keep_owned(const abi::pv_value& v) noexcept {
  owned_ring& r = owned_values();
  abi::pv_value& s = r.slot[r.next++ % 4];
  if (s.flags & (abi::pv_val_pkg | abi::pv_val_shm)) abi::pv_value_destroy(&s);
  s = v;
}

/// Decimal text for int-only values (no STR part), in a small per-process ring of buffers.
inline std::string_view int_text(int v) noexcept {
  static constinit char bufs[4][16]{};
  static constinit unsigned next = 0;
  char* b = bufs[next++ % 4];
  return {b, static_cast<std::size_t>(std::to_chars(b, b + 15, v).ptr - b)};
}

/// Evaluates `spec` on `msg`: false when the core fails or the value is NULL.
inline bool read(abi::sip_msg* msg, abi::pv_spec* spec, abi::pv_value& out) noexcept {
  out = {};
  if (!msg || !spec) return false;
  if (abi::pv_get_spec_value(msg, spec, &out) != 0) return false;
  if (out.flags & (abi::pv_val_pkg | abi::pv_val_shm)) keep_owned(out);
  return !(out.flags & abi::pv_val_null);
}

constexpr bool is_int(const abi::pv_value& v) noexcept {
  return (v.flags & abi::pv_val_int) && ((v.flags & abi::pv_type_int) || !(v.flags & abi::pv_val_str));
}
constexpr bool has_str(const abi::pv_value& v) noexcept { return (v.flags & abi::pv_val_str) != 0; }

/// The value as text: its string part, or the decimal form of an int-only value.
inline std::string_view text_of(const abi::pv_value& v) noexcept {
  if (has_str(v)) return v.rs.s ? std::string_view(v.rs.s, static_cast<std::size_t>(v.rs.len)) : std::string_view{};
  if (v.flags & abi::pv_val_int) return int_text(v.ri);
  return {};
}

/// Reads a text value; empty when absent.
inline std::string_view read_text(abi::sip_msg* msg, pv_storage& pv) noexcept {
  abi::pv_value v;
  return read(msg, pv.get(), v) ? text_of(v) : std::string_view{};
}

}  // namespace pv
}  // namespace detail
MODSDK_END_NAMESPACE
