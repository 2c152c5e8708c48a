// SPDX-License-Identifier: MIT
/// @file A script variable (`$var(x)`, `$avp(y)`, `$ru`, ...) bound to the message being processed.
/// As a script-function parameter type, `modsdk::variable` makes the parameter CMD_PARAM_VAR: the script
/// must pass a bare variable, and the function can read it, write it or unset it. modsdk::pv_spec
/// (modsdk/pv.hpp) gives the same object for a variable named in C++ (`modsdk::pv("$hdr(X-Foo)")`).
///
/// Lifetime of what get_str() returns: the text lives in the message (most message fields), in a core
/// buffer that a later pseudo-variable evaluation may reuse (numbers, IPs, many computed values), or in
/// the variable's own storage (`$var`, `$avp`) until it is assigned again. Copy it (get_string()) to
/// keep it beyond the next read.
#pragma once
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/customize.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/detail/text.hpp>

MODSDK_BEGIN_NAMESPACE

/// A pseudo-variable spec plus the message it is evaluated on. Cheap to copy; owns nothing. A variable
/// whose spec is null (a pv_spec whose text did not parse) reads as unset and refuses writes.
class variable {
 public:
  variable(abi::sip_msg* msg, abi::pv_spec* spec) noexcept : msg_(msg), spec_(spec) {}

  /// Whether the core can write this variable (its spec has a setter; `$ci` cannot be written).
  bool writable() const noexcept { return spec_ && setf() != nullptr; }

  /// Whether the variable has a value (is not NULL / unset).
  bool has_value() const noexcept {
    abi::pv_value v;
    return detail::pv::read(msg_, spec_, v);
  }

  /// The value as an int: an integer value, or a text value that is a decimal integer; nullopt when
  /// unset or not an integer.
  std::optional<int> get_int() const noexcept {
    abi::pv_value v;
    if (!detail::pv::read(msg_, spec_, v)) return std::nullopt;
    if (v.flags & abi::pv_val_int) return v.ri;
    if (detail::pv::has_str(v)) return detail::parse_integer<int>(detail::pv::text_of(v));
    return std::nullopt;
  }
  /// The value as text (an int is given in its decimal form), or nullopt when it is unset. See the file
  /// comment for how long the view stays valid.
  std::optional<std::string_view> get_str() const noexcept {
    abi::pv_value v;
    if (!detail::pv::read(msg_, spec_, v)) return std::nullopt;
    if (!(v.flags & (abi::pv_val_str | abi::pv_val_int))) return std::nullopt;
    return detail::pv::text_of(v);
  }
  /// Like get_str(), as an owned copy.
  std::optional<std::string> get_string() const {
    auto s = get_str();
    if (!s) return std::nullopt;
    return std::string(*s);
  }

  /// Assigns an integer (`$x = 5`). Returns false when the core refuses (read-only variable, no memory).
  bool set(int value) noexcept {
    if (!spec_) return false;
    abi::pv_value v{};
    v.ri = value;
    v.flags = abi::pv_val_int | abi::pv_type_int;
    return abi::pv_set_value(msg_, spec_, abi::assign_eq, &v) >= 0;
  }
  /// Assigns a string (`$x = "text"`); the core copies it.
  bool set(std::string_view value) noexcept {
    if (!spec_) return false;
    abi::pv_value v{};
    v.rs.s = const_cast<char*>(value.data());
    v.rs.len = static_cast<int>(value.size());
    v.flags = abi::pv_val_str;
    return abi::pv_set_value(msg_, spec_, abi::assign_eq, &v) >= 0;
  }
  bool set(const char* value) noexcept { return set(std::string_view(value)); }
  bool set(const std::string& value) noexcept { return set(std::string_view(value)); }
  /// Unsets the variable (`$x = NULL`).
  bool unset() noexcept { return spec_ && abi::pv_set_value(msg_, spec_, abi::assign_eq, nullptr) >= 0; }

  abi::pv_spec* spec() const noexcept { return spec_; }
  abi::sip_msg* msg() const noexcept { return msg_; }

 private:
  // pv_spec_t.setf is at offset 16 in every supported version (type@0, getf@8).
  void* setf() const noexcept { return *reinterpret_cast<void* const*>(reinterpret_cast<const char*>(spec_) + 16); }
  abi::sip_msg* msg_;
  abi::pv_spec* spec_;
};

MODSDK_END_NAMESPACE
