// SPDX-License-Identifier: MIT
// MI parameters: reading one mi_param<T, "name"> from the core's mi_params_t, as text converted through
// convert<T>. A parameter that is missing or does not convert becomes an "Invalid params" (-32602)
// reply naming it.
#pragma once
#include <concepts>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/convert.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/impl/mi/items.hpp>
#include <modsdk/impl/mi/response.hpp>

MODSDK_BEGIN_NAMESPACE

template <class T, detail::fixed_string Name>
class mi_param;  // modsdk/mi.hpp

namespace detail::mi {

template <class T>
struct is_param : std::false_type {};
template <class T, fixed_string N>
struct is_param<mi_param<T, N>> : std::true_type {};

template <class T>
concept text_readable = std::same_as<T, std::string_view> || std::same_as<T, std::string> || convertible<T>;

template <class T>
std::optional<T> from_text(std::string_view text) {
  if constexpr (std::same_as<T, std::string_view>)
    return text;
  else if constexpr (std::same_as<T, std::string>)
    return std::string(text);
  else
    return convert<T>::from_string(text);
}
template <class T>
constexpr std::string_view expected_text() {
  if constexpr (std::same_as<T, std::string_view> || std::same_as<T, std::string>)
    return "a string";
  else
    return convert<T>::expected;
}

inline abi::mi_response* param_error(std::string_view why) noexcept {
  return error_response(-32602, "Invalid params", why);
}

/// Reads parameter P (present = the matched recipe names it) into `out`; on failure sets `err`.
template <class P>
bool read_param(const abi::mi_params_t* ps, bool present, std::optional<P>& out, abi::mi_response*& err) {
  using V = typename P::value_type;
  using inner = optional_inner<V>;
  if (!present) {
    if constexpr (inner::is_optional) {
      out.emplace(V{});
      return true;
    } else {
      err = param_error(std::string("missing parameter '").append(P::name) + "'");
      return false;
    }
  }
  char* s = nullptr;
  int len = 0;
  const int rc = abi::try_get_mi_string_param(ps, const_cast<char*>(P::c_name), &s, &len);
  if (rc != 0 || !s) {
    if constexpr (inner::is_optional)
      if (rc == -1) {
        out.emplace(V{});
        return true;
      }
    err = param_error(rc == -1 ? std::string("missing parameter '").append(P::name) + "'"
                               : std::string("parameter '").append(P::name) + "' must be a string or a number");
    return false;
  }
  const std::string_view text(s, static_cast<std::size_t>(len));
  auto value = from_text<typename inner::type>(text);
  if (!value) {
    err = param_error(std::string("parameter '").append(P::name).append("': \"").append(text).append("\" is not ") +
                      std::string(expected_text<typename inner::type>()));
    return false;
  }
  out.emplace(V(std::move(*value)));
  return true;
}

}  // namespace detail::mi
MODSDK_END_NAMESPACE
