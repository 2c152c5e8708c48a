// SPDX-License-Identifier: MIT
// Script arguments: what one C++ parameter type of a script function means to the core (its CMD_PARAM_*
// flags, its fixup and free_fixup) and how the trampoline turns the core's void* slot back into it.
//
// Slot contents (shared research, opensips-module-abi.md 3.6/3.7; mod_fix.c): NULL for an omitted
// optional; INT: int* (a per-call copy, or our fixup's replacement); STR: str* (not NUL-terminated when
// it comes from a variable); REGEX: regex_t*; VAR: pv_spec_t*. A fixup runs once at startup for a
// literal (its result is kept for ever, never freed) and on every call for a variable or a formatted
// string (its result is freed by free_fixup after the call). It cannot tell which, so ours do the same
// work in both cases.
#pragma once
#include <concepts>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/convert.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/detail/memory.hpp>
#include <modsdk/detail/text.hpp>
#include <modsdk/impl/functions/fixup_values.hpp>
#include <modsdk/log.hpp>
#include <modsdk/types.hpp>
#include <modsdk/variable.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

template <class T>
struct optional_of {
  static constexpr bool is = false;
  using type = T;
};
template <class T>
struct optional_of<std::optional<T>> {
  static constexpr bool is = true;
  using type = T;
};

/// The value type a declared parameter carries: cv/ref and one std::optional removed.
template <class P>
using value_t = typename optional_of<std::remove_cvref_t<P>>::type;

template <class P>
inline constexpr bool is_optional_v = optional_of<std::remove_cvref_t<P>>::is;

template <class V>
concept has_expected = requires {
  { convert<V>::expected } -> std::convertible_to<std::string_view>;
};
template <class V>
concept has_from_string = has_expected<V> && requires {
  { convert<V>::from_string(std::string_view{}) } -> std::same_as<std::optional<V>>;
};
template <class V>
concept has_from_int = has_expected<V> && requires {
  { convert<V>::from_int(0) } -> std::same_as<std::optional<V>>;
};

/// pkg memory is 8-byte aligned in every allocator of every supported version.
inline constexpr std::size_t pkg_alignment = 8;

enum class kind {
  unsupported,
  non_const_reference,  // V& / V&& of a value type
  nested_optional,
  overaligned,        // a convert<T> type whose alignment pkg memory cannot give
  convert_mistake,    // a convert<T> specialisation without `expected` or not returning std::optional<T>
  int_value,          // int
  bounded_int,        // other integers: INT + range-check fixup
  string,             // std::string_view
  static_string,      // modsdk::static_str
  raw_string,         // modsdk::raw_str
  regex,              // modsdk::regex
  variable,           // modsdk::variable
  writable_variable,  // modsdk::writable_variable
  user_from_string,   // convert<T>::from_string: STR + parsing fixup
  user_from_int,      // convert<T>::from_int only: INT + converting fixup
};

template <class V>
constexpr kind value_kind() {
  if constexpr (std::is_same_v<V, int>)
    return kind::int_value;
  else if constexpr (std::is_same_v<V, std::string_view>)
    return kind::string;
  else if constexpr (std::is_same_v<V, static_str>)
    return kind::static_string;
  else if constexpr (std::is_same_v<V, raw_str>)
    return kind::raw_string;
  else if constexpr (std::is_same_v<V, modsdk::regex>)
    return kind::regex;
  else if constexpr (std::is_same_v<V, modsdk::writable_variable>)
    return kind::writable_variable;
  else if constexpr (std::is_same_v<V, modsdk::variable>)
    return kind::variable;
  else if constexpr (optional_of<V>::is)
    return kind::nested_optional;
  // integers other than int (detail::plain_integer, as convert<T> counts them): INT slot + range check
  else if constexpr (convert_has_mistake<V>)
    return kind::convert_mistake;
  else if constexpr (plain_integer<V> && has_from_int<V>)
    return kind::bounded_int;
  else if constexpr (has_from_string<V> || has_from_int<V>) {
    if constexpr (alignof(V) > pkg_alignment)
      return kind::overaligned;
    else if constexpr (has_from_string<V>)
      return kind::user_from_string;
    else
      return kind::user_from_int;
  } else
    return kind::unsupported;
}

/// The kind of a declared parameter type P (as written in the C++ signature).
template <class P>
constexpr kind param_kind() {
  constexpr kind k = value_kind<value_t<P>>();
  constexpr bool refusable =
      k != kind::unsupported && k != kind::nested_optional && k != kind::overaligned && k != kind::convert_mistake;
  if constexpr (refusable && std::is_reference_v<P> && !std::is_const_v<std::remove_reference_t<P>>)
    return kind::non_const_reference;
  else
    return k;
}

constexpr bool usable(kind k) {
  return k != kind::unsupported && k != kind::non_const_reference && k != kind::nested_optional &&
         k != kind::overaligned && k != kind::convert_mistake;
}

constexpr int base_flags(kind k) {
  switch (k) {
    case kind::int_value:
    case kind::bounded_int:
    case kind::user_from_int:
      return abi::cmd_param_int;
    case kind::string:
    case kind::user_from_string:
      return abi::cmd_param_str;
    case kind::static_string:
      return abi::cmd_param_str | abi::cmd_param_static;
    case kind::raw_string:
      return abi::cmd_param_str | abi::cmd_param_no_expand;
    case kind::regex:
      return abi::cmd_param_regex;
    case kind::variable:
    case kind::writable_variable:
      return abi::cmd_param_var;
    default:
      return 0;
  }
}

/// Whether the core copies this parameter through its per-call value array (INT, STR, REGEX): the 8th
/// such parameter would be written past that array's end.
constexpr bool uses_value_array(kind k) { return (base_flags(k) & abi::cmd_param_var) == 0; }

// ---- fixups ------------------------------------------------------------------------------------

template <fixed_string F, int Arg, class V>
[[gnu::cold]] void log_bad_value(std::string_view text) noexcept {
  log::write_for(log::level::error, F.view(), "parameter {} of {}(): {:?} is not {}", Arg, F.view(), text,
                 std::string_view(convert<V>::expected));
}
template <fixed_string F, int Arg, class V>
[[gnu::cold]] void log_bad_value(int value) noexcept {
  log::write_for(log::level::error, F.view(), "parameter {} of {}(): {} is not {}", Arg, F.view(), value,
                 std::string_view(convert<V>::expected));
}
template <fixed_string F, int Arg>
[[gnu::cold]] void log_fixup_exception(const char* what) noexcept {
  log::write_for(log::level::error, F.view(), "parameter {} of {}(): conversion failed: exception: {}", Arg, F.view(),
                 what ? what : "unknown exception");
}

/// Integers other than int: validates in place (the slot keeps pointing at the core's int).
template <fixed_string F, int Arg, class V>
int range_fixup(void** slot) noexcept {
  if (!*slot) return 0;
  const int v = *static_cast<const int*>(*slot);
  if (!convert<V>::from_int(v)) {
    log_bad_value<F, Arg, V>(v);
    return -1;
  }
  return 0;
}

/// A writable variable: checked once, at startup (the core runs VAR fixups only there).
template <fixed_string F, int Arg>
int writable_fixup(void** slot) noexcept {
  if (!*slot) return 0;
  if (!modsdk::variable(nullptr, static_cast<abi::pv_spec*>(*slot)).writable()) {
    log::write_for(log::level::error, F.view(),
                   "parameter {} of {}(): the variable cannot be written; pass one the script can assign, "
                   "like $var(name) or $avp(name)",
                   Arg, F.view());
    return -1;
  }
  return 0;
}

/// convert<V> types: parse (or convert the int), then replace the slot by a pkg-allocated V
/// (impl/functions/fixup_values.hpp explains the per-call bookkeeping).
template <fixed_string F, int Arg, class V, bool FromString>
int convert_fixup(void** slot) noexcept {
  if (!*slot) return 0;
  const bool per_call = per_call_slot(slot);
  return firewall(
      [&] {
        std::optional<V> v;
        if constexpr (FromString) {
          const auto* s = static_cast<const abi::str*>(*slot);
          const std::string_view text(s->s, static_cast<std::size_t>(s->len));
          v = convert<V>::from_string(text);
          if (!v) {
            log_bad_value<F, Arg, V>(text);
            return -1;
          }
        } else {
          const int n = *static_cast<const int*>(*slot);
          v = convert<V>::from_int(n);
          if (!v) {
            log_bad_value<F, Arg, V>(n);
            return -1;
          }
        }
        V* made = make_value<V>(std::move(*v), F.c_str(), Arg, per_call);
        if (!made) {
          log::write_for(log::level::error, F.view(), "parameter {} of {}(): out of pkg memory", Arg, F.view());
          return -1;
        }
        *slot = made;
        return 0;
      },
      [](const char* what) {
        log_fixup_exception<F, Arg>(what);
        return -1;
      });
}

/// Runs only for per-call values (the core never frees startup ones).
inline int convert_free_fixup(void** slot) noexcept {
  if (*slot) {
    free_value(header_of(*slot));
    *slot = nullptr;
  }
  return 0;
}

// ---- per parameter -----------------------------------------------------------------------------

/// Everything about the declared parameter type P at script position Arg (1-based) of function F.
template <class P, fixed_string F, int Arg>
struct param {
  using V = value_t<P>;
  static constexpr kind k = param_kind<P>();
  static constexpr bool optional = is_optional_v<P>;
  static constexpr int flags = base_flags(k) | (optional ? abi::cmd_param_opt : 0);
  /// The slot holds a value made by our fixup (a call claims it; fixup_values.hpp).
  static constexpr bool made_by_fixup = k == kind::user_from_string || k == kind::user_from_int;
  static constexpr bool has_fixup = made_by_fixup || k == kind::bounded_int || k == kind::writable_variable;
  static constexpr bool has_free_fixup = made_by_fixup;

  static constexpr abi::fixup_function fixup() noexcept {
    if constexpr (k == kind::bounded_int)
      return &range_fixup<F, Arg, V>;
    else if constexpr (k == kind::writable_variable)
      return &writable_fixup<F, Arg>;
    else if constexpr (k == kind::user_from_string)
      return &convert_fixup<F, Arg, V, true>;
    else if constexpr (k == kind::user_from_int)
      return &convert_fixup<F, Arg, V, false>;
    else
      return nullptr;
  }
  static constexpr abi::free_fixup_function free_fixup() noexcept {
    if constexpr (k == kind::user_from_string || k == kind::user_from_int)
      return &convert_free_fixup;
    else
      return nullptr;
  }

  /// The value of a present (non-NULL) slot. User types come back as a reference to the fixup's object.
  static decltype(auto) value(abi::sip_msg* msg, void* slot) noexcept {
    if constexpr (k == kind::int_value)
      return *static_cast<const int*>(slot);
    else if constexpr (k == kind::bounded_int)
      return static_cast<V>(*static_cast<const int*>(slot));
    else if constexpr (k == kind::string || k == kind::static_string || k == kind::raw_string) {
      const auto* s = static_cast<const abi::str*>(slot);
      return V(s->s, static_cast<std::size_t>(s->len));
    } else if constexpr (k == kind::regex)
      return modsdk::regex(static_cast<const regex_t*>(slot));
    else if constexpr (k == kind::variable || k == kind::writable_variable)
      return V(msg, static_cast<abi::pv_spec*>(slot));
    else
      return static_cast<const V&>(*static_cast<const V*>(slot));
  }

  /// The argument for P: for std::optional<T>, NULL is nullopt.
  static decltype(auto) get(abi::sip_msg* msg, void* slot) {
    if constexpr (optional) {
      if (!slot) return std::optional<V>();
      return std::optional<V>(value(msg, slot));
    } else {
      return value(msg, slot);
    }
  }
};

}  // namespace detail::fn
MODSDK_END_NAMESPACE
