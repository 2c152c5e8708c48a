// SPDX-License-Identifier: MIT
/// @file Enums by name: list the names once and get convert<E> (script arguments and modparams) for free.
///
///     enum class transport { udp, tcp, tls };
///     template <> struct modsdk::enum_names<transport> {
///       static constexpr modsdk::enum_name<transport> names[] = {
///           {"udp", transport::udp}, {"tcp", transport::tcp}, {"tls", transport::tls}};
///     };
///
///     modsdk::param<transport> proto{"transport", transport::udp};   // modparam("m", "transport", "TLS")
///
/// Names match in any letter case; `expected` reads "one of udp, tcp, tls". Several names may map to the
/// same value (aliases); the first name listed for a value is its canonical name (modsdk::name_of).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

#include <fmt/core.h>

#include <modsdk/customize.hpp>
#include <modsdk/detail/text.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
template <class E>
constexpr bool enum_names_valid() {
  const auto& ns = enum_names<E>::names;
  for (std::size_t i = 0; i < std::size(ns); ++i) {
    if (ns[i].name.empty()) return false;
    for (std::size_t j = i + 1; j < std::size(ns); ++j)
      if (iequals(ns[i].name, ns[j].name)) return false;
  }
  return true;
}

template <class E>
constexpr auto enum_expected() {
  constexpr std::size_t size = [] {
    std::size_t n = 7;
    for (const auto& e : enum_names<E>::names) n += e.name.size() + 2;
    return n;
  }();
  static_text<size> t;
  t.append("one of ");
  bool first = true;
  for (const auto& e : enum_names<E>::names) {
    if (!first) t.append(", ");
    first = false;
    t.append(e.name);
  }
  return t;
}
template <class E>
inline constexpr auto enum_expected_v = enum_expected<E>();
}  // namespace detail

/// Enums with an enum_names<E> list: converted by name, in any letter case.
template <named_enum E>
struct convert<E> {
  static_assert(detail::enum_names_valid<E>(),
                "modsdk: enum_names<E>::names has an empty name or two names that differ only in letter case; "
                "names are matched case-insensitively, so make each one distinct");
  static constexpr std::string_view expected = detail::enum_expected_v<E>.view();
  static constexpr std::optional<E> from_string(std::string_view text) noexcept {
    for (const auto& e : enum_names<E>::names)
      if (detail::iequals(e.name, text)) return e.value;
    return std::nullopt;
  }
};

MODSDK_END_NAMESPACE
