// SPDX-License-Identifier: MIT
/// @file A script variable (`$var(x)`, `$avp(y)`, `$ru`, ...) bound to the message being processed.
/// As a script-function parameter type, `modsdk::variable` makes the parameter CMD_PARAM_VAR: the script
/// must pass a bare variable, and the function can read it, write it or unset it.
#pragma once
#include <optional>
#include <string_view>

#include <modsdk/abi/core.hpp>

namespace modsdk::inline v0 {

/// A pseudo-variable spec plus the message it is evaluated on. Cheap to copy; owns nothing.
class variable {
 public:
  variable(abi::sip_msg* msg, abi::pv_spec* spec) noexcept : msg_(msg), spec_(spec) {}

  /// Whether the core can write this variable (its spec has a setter; `$ci` cannot be written).
  bool writable() const noexcept { return setf() != nullptr; }

  /// The value as an int, or nullopt when it is unset (NULL) or not an integer.
  std::optional<int> get_int() const noexcept {
    abi::pv_value v{};
    if (abi::pv_get_spec_value(msg_, spec_, &v) != 0 || (v.flags & abi::pv_val_null)) return std::nullopt;
    if (!(v.flags & abi::pv_val_int)) return std::nullopt;
    return v.ri;
  }
  /// The value as text (an int is given in its decimal form), or nullopt when it is unset. The view
  /// points into core memory that the next pseudo-variable evaluation may overwrite: copy it to keep it.
  std::optional<std::string_view> get_str() const noexcept {
    abi::pv_value v{};
    if (abi::pv_get_spec_value(msg_, spec_, &v) != 0 || (v.flags & abi::pv_val_null)) return std::nullopt;
    if (!(v.flags & abi::pv_val_str)) return std::nullopt;
    return std::string_view(v.rs.s, static_cast<std::size_t>(v.rs.len));
  }

  /// Assigns an integer (`$x = 5`). Returns false when the core refuses (read-only variable, no memory).
  bool set(int value) noexcept {
    abi::pv_value v{};
    v.ri = value;
    v.flags = abi::pv_val_int | abi::pv_type_int;
    return abi::pv_set_value(msg_, spec_, abi::assign_eq, &v) >= 0;
  }
  /// Assigns a string (`$x = "text"`); the core copies it.
  bool set(std::string_view value) noexcept {
    abi::pv_value v{};
    v.rs.s = const_cast<char*>(value.data());
    v.rs.len = static_cast<int>(value.size());
    v.flags = abi::pv_val_str;
    return abi::pv_set_value(msg_, spec_, abi::assign_eq, &v) >= 0;
  }
  bool set(const char* value) noexcept { return set(std::string_view(value)); }
  /// Unsets the variable (`$x = NULL`).
  bool unset() noexcept { return abi::pv_set_value(msg_, spec_, abi::assign_eq, nullptr) >= 0; }

  abi::pv_spec* spec() const noexcept { return spec_; }
  abi::sip_msg* msg() const noexcept { return msg_; }

 private:
  // pv_spec_t.setf is at offset 16 in every supported version (type@0, getf@8).
  void* setf() const noexcept { return *reinterpret_cast<void* const*>(reinterpret_cast<const char*>(spec_) + 16); }
  abi::sip_msg* msg_;
  abi::pv_spec* spec_;
};

}  // namespace modsdk::inline v0
