// SPDX-License-Identifier: MIT
// What modsdk::param<T> and modsdk::param_list<T> share (modsdk/params.hpp): the rules on T, and the base
// holding the name, the validator and whether the script must set the parameter.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/common.hpp>
#include <modsdk/customize.hpp>
#include <modsdk/impl/modparams/parse.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The rules on T of param<T> (and of each field of a param_group), each with its fix.
template <class T>
constexpr bool check_param_type() {
  static_assert(!std::is_same_v<T, std::string>,
                "modsdk: param<std::string> is not allowed: module-level objects must be trivially destructible "
                "(workers exit from a signal handler); use modsdk::param<std::string_view>, modsdk keeps the text "
                "for the life of the process");
  static_assert(!std::is_same_v<T, const char*> && !std::is_same_v<T, char*>,
                "modsdk: param<const char*> is not supported; use modsdk::param<std::string_view>");
  if constexpr (detail::convert_has_mistake<T>) static_assert(detail::convert_mistake<T>::fired);
  static_assert(std::is_same_v<T, std::string> || convertible<T> || detail::convert_has_mistake<T>,
                "modsdk: param<T>: T has no conversion from text; specialise modsdk::convert<T> (modsdk/convert.hpp), "
                "or for an enum list its names in modsdk::enum_names<T> (modsdk/enum_names.hpp)");
  static_assert(std::is_same_v<T, std::string> || std::is_trivially_destructible_v<T>,
                "modsdk: param<T>: T must be trivially destructible (module-level objects are never destroyed: "
                "workers exit from a signal handler)");
  return true;
}

/// What param<T> and param_list<T> share: the name, the validator, whether the script must set it, and
/// their one row in the params section.
template <class T>
class single_param {
  static_assert(check_param_type<T>());

 public:
  constexpr std::string_view name() const noexcept { return name_.view(); }
  /// Whether the script must set it / whether a validator checks its values (for the generated reference).
  constexpr bool is_required() const noexcept { return required_; }
  constexpr bool has_validator() const noexcept { return !check_.empty(); }

  // ---- for the params section (modsdk internals) ----
  static constexpr std::size_t entry_count = 1;
  constexpr const char* entry_name(std::size_t) const noexcept { return name_.c_str(); }

 protected:
  constexpr single_param(param_name name, validator<T> check, bool required) noexcept
      : name_(name), check_(check), required_(required) {}
  /// One modparam line's value, converted and validated (nullopt: the line was refused, with its log line).
  auto parse(const modparam_ref& at, abi::modparam_t type, void* val) const noexcept {
    return parse_modparam<T>(at, type, val, check_);
  }
  /// mod_init's check: a required parameter no line set stops startup.
  bool finish_required(std::string_view module, bool set) const noexcept {
    if (required_ && !set) {
      log::write_for(log::level::error, "mod_init", "modparam {}.{} is required but was not set", module, name());
      return false;
    }
    return true;
  }

 private:
  param_name name_;
  validator<T> check_;
  bool required_;
};
}  // namespace detail

MODSDK_END_NAMESPACE
