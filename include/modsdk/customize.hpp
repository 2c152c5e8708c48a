// SPDX-License-Identifier: MIT
/// @file The customisation points users specialise: convert<T> (how text and ints from the script or a
/// modparam line become a T) and enum_names<E> (an enum's names, for conversion and for log lines).
/// This floor holds only the primaries and their concepts; modsdk's own specialisations are in
/// convert.hpp, duration.hpp and enum_names.hpp.
#pragma once
#include <concepts>
#include <cstddef>
#include <iterator>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

MODSDK_BEGIN_NAMESPACE

/// How text (and optionally an int) from the script or a modparam line becomes a T. Specialise it for
/// your own types; a specialisation provides
///   static constexpr std::string_view expected;                 // "a duration like 10s, 500ms or 2m"
///   static std::optional<T> from_string(std::string_view text); // required; nullopt = malformed
///   static std::optional<T> from_int(int value);                // optional; nullopt = out of range
/// `expected` completes the sentence `"<text>" is not <expected>` in error messages. from_string may
/// throw; modsdk reports the exception at the modparam line or fixup that called it.
/// The primary template is empty: a T without a specialisation is simply not `convertible`.
template <class T>
struct convert {};

/// T can be made from text through convert<T>.
template <class T>
concept convertible = requires {
  { convert<T>::from_string(std::string_view{}) } -> std::same_as<std::optional<T>>;
  { convert<T>::expected } -> std::convertible_to<std::string_view>;
};

/// T can also be made from an int (a modparam given as a number). A script-function parameter of such a T
/// is still a string parameter of the core: it takes no integer literal (docs/howto/functions.md).
template <class T>
concept convertible_from_int = convertible<T> && requires {
  { convert<T>::from_int(0) } -> std::same_as<std::optional<T>>;
};

namespace detail {
/// A convert<T> specialisation that is not `convertible` because of a mistake in it (rather than no
/// specialisation at all): `from_string`/`from_int` callable but not returning std::optional<T>, or no
/// `expected`. Instantiating convert_mistake<T> fires the static_assert that names the mistake.
template <class T>
concept convert_calls_from_string = requires {
  convert<T>::from_string(std::string_view{});
};
template <class T>
concept convert_calls_from_int = requires {
  convert<T>::from_int(0);
};
template <class T>
concept convert_from_string_optional = requires {
  { convert<T>::from_string(std::string_view{}) } -> std::same_as<std::optional<T>>;
};
template <class T>
concept convert_from_int_optional = requires {
  { convert<T>::from_int(0) } -> std::same_as<std::optional<T>>;
};
template <class T>
concept convert_has_expected = requires {
  { convert<T>::expected } -> std::convertible_to<std::string_view>;
};
template <class T>
concept convert_declared = convert_calls_from_string<T> || convert_calls_from_int<T>;
template <class T>
concept convert_bad_from_string = convert_calls_from_string<T> && !convert_from_string_optional<T>;
template <class T>
concept convert_bad_from_int = convert_calls_from_int<T> && !convert_from_int_optional<T>;
template <class T>
concept convert_without_expected = convert_declared<T> && !convert_has_expected<T>;
template <class T>
concept convert_has_mistake = convert_bad_from_string<T> || convert_bad_from_int<T> || convert_without_expected<T>;

template <class T>
struct convert_mistake {
  static_assert(!convert_calls_from_string<T> || convert_from_string_optional<T>,
                "modsdk: convert<T>::from_string must return std::optional<T> (std::nullopt for text that is not a T), "
                "not T or another type (the template argument of this error is T)");
  static_assert(!convert_calls_from_int<T> || convert_from_int_optional<T>,
                "modsdk: convert<T>::from_int must return std::optional<T> (std::nullopt for a value out of range), "
                "not T or another type (the template argument of this error is T)");
  static_assert(convert_has_expected<T>,
                "modsdk: convert<T> has no `expected`: add `static constexpr std::string_view expected = \"...\";`, "
                "the words completing the error `\"<text>\" is not <expected>` (the template argument of this error "
                "is T)");
  static constexpr bool fired = true;
};
}  // namespace detail

/// One {name, value} pair of an enum_names<E> list.
template <class E>
struct enum_name {
  std::string_view name;
  E value;
};

/// Specialise with `static constexpr modsdk::enum_name<E> names[] = {...};` (a C array or std::array).
template <class E>
struct enum_names {};

/// E has a names list in enum_names<E>.
template <class E>
concept named_enum = std::is_enum_v<E> && requires {
  { enum_names<E>::names[0] } -> std::convertible_to<enum_name<E>>;
  std::size(enum_names<E>::names);
};

/// The canonical (first listed) name of `value`, or an empty view when it has none.
template <named_enum E>
constexpr std::string_view name_of(E value) noexcept {
  for (const auto& e : enum_names<E>::names)
    if (e.value == value) return e.name;
  return {};
}

MODSDK_END_NAMESPACE
