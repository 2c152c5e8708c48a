// SPDX-License-Identifier: MIT
// Reference generation: the writer a section's describe() hook fills, and the words modsdk uses for C++
// types and default values.
#pragma once
#include <chrono>
#include <concepts>
#include <modsdk/config.hpp>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <modsdk/convert.hpp>
#include <modsdk/enum_names.hpp>
#include <modsdk/reference/format.hpp>
#include <modsdk/reference/model.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// The C++ spelling of T, from the compiler ("sip_code", "std::chrono::duration<long int>", ...).
template <class T>
constexpr std::string_view raw_type_name() noexcept {
  std::string_view s = __PRETTY_FUNCTION__;  // "... raw_type_name() [with T = X; ...]" or "[T = X]"
  auto b = s.find("T = ");
  if (b == std::string_view::npos) return "?";
  s.remove_prefix(b + 4);
  auto e = s.find_first_of(";]");
  return s.substr(0, e);
}

template <class T>
std::string type_name() {
  std::string s(raw_type_name<T>());
  for (std::string_view anon : {"{anonymous}::", "(anonymous namespace)::", "modsdk::v0::", "modsdk::"}) {
    for (auto p = s.find(anon); p != std::string::npos; p = s.find(anon)) s.erase(p, anon.size());
  }
  return s;
}

template <class T>
struct ref_is_duration : std::false_type {};
template <class R, class P>
struct ref_is_duration<std::chrono::duration<R, P>> : std::true_type {};

/// The word a reference uses for a value type: "string", "int", "boolean", "duration", "enum" or the
/// C++ type's name.
template <class T>
std::string value_kind() {
  if constexpr (std::is_same_v<T, std::string_view>)
    return "string";
  else if constexpr (std::is_same_v<T, bool>)
    return "boolean";
  else if constexpr (std::is_same_v<T, int>)
    return "int";
  else if constexpr (std::is_integral_v<T>)
    return fmt::format("integer ({})", type_name<T>());
  else if constexpr (ref_is_duration<T>::value)
    return "duration";
  else if constexpr (named_enum<T>)
    return fmt::format("enum {}", type_name<T>());
  else
    return type_name<T>();
}

/// convert<T>::expected, when T has one.
template <class T>
std::string expected_text() {
  if constexpr (requires { convert<T>::expected; })
    return std::string(std::string_view(convert<T>::expected));
  else
    return {};
}

/// A default value as the script would write it, and as JSON.
struct default_value {
  std::string text;
  std::string json;
};

template <class Rep, class Period>
std::string duration_text(std::chrono::duration<Rep, Period> d) {
  using namespace std::chrono;
  const auto us = duration_cast<duration<long double, std::micro>>(d).count();
  struct unit {
    long double us;
    const char* suffix;
  };
  for (unit u : {unit{86400e6L, "d"}, unit{3600e6L, "h"}, unit{60e6L, "m"}, unit{1e6L, "s"}, unit{1e3L, "ms"}})
    if (us != 0 && us / u.us == static_cast<long double>(static_cast<long long>(us / u.us)))
      return fmt::format("{}{}", static_cast<long long>(us / u.us), u.suffix);
  return fmt::format("{}us", static_cast<long long>(us));
}

template <class T>
std::optional<default_value> format_default(const T& v) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    if (v.data() == nullptr) return std::nullopt;
    return default_value{refout::json_string(v), refout::json_string(v)};
  } else if constexpr (std::is_same_v<T, bool>) {
    return default_value{v ? "\"yes\"" : "\"no\"", v ? "true" : "false"};
  } else if constexpr (std::is_integral_v<T>) {
    return default_value{fmt::format("{}", v), fmt::format("{}", v)};
  } else if constexpr (ref_is_duration<T>::value) {
    const std::string t = duration_text(v);
    return default_value{refout::json_string(t), refout::json_string(t)};
  } else if constexpr (named_enum<T>) {
    const std::string_view n = name_of(v);
    if (n.empty()) return std::nullopt;
    return default_value{refout::json_string(n), refout::json_string(n)};
  } else if constexpr (fmt::is_formattable<T>::value) {
    if constexpr (requires { v.masked(); })  // db::url: an empty URL is no default, not ""
      if (v.empty()) return std::nullopt;
    const std::string t = fmt::format("{}", v);
    return default_value{refout::json_string(t), refout::json_string(t)};
  } else {
    return std::nullopt;
  }
}

/// What a section's `template <class Tag> static void describe(detail::reference_writer&)` hook fills.
/// Entries read from the C tables are already there; a hook finds them by name and adds what only the
/// declarations know (or adds entries the tables cannot show).
class reference_writer {
 public:
  explicit reference_writer(module_reference& r) noexcept : r_(r) {}
  module_reference& ref() noexcept { return r_; }

  reference_function& function(std::string_view name) {
    if (auto* f = r_.function(name)) return *f;
    r_.functions.push_back({std::string(name), false, {}, {}, {}});
    return r_.functions.back();
  }
  reference_param& param(std::string_view name) {
    if (auto* p = r_.param(name)) return *p;
    reference_param p;
    p.name = name;
    r_.params.push_back(std::move(p));
    return r_.params.back();
  }
  reference_stat& stat(std::string_view name) {
    if (auto* s = r_.stat(name)) return *s;
    r_.stats.push_back({std::string(name), {}, {}});
    return r_.stats.back();
  }
  reference_mi& mi(std::string_view name) {
    if (auto* m = r_.mi_command(name)) return *m;
    r_.mi.push_back({std::string(name), {}, {}, {}});
    return r_.mi.back();
  }

  /// Fills a modparam's type, accepted values and default from its C++ value type.
  template <class T>
  reference_param& typed_param(std::string_view name, const T* def) {
    reference_param& p = param(name);
    p.type = value_kind<T>();
    p.expected = expected_text<T>();
    if (def) {
      if (auto d = format_default(*def)) {
        p.default_text = d->text;
        p.default_json = d->json;
      }
    }
    return p;
  }

 private:
  module_reference& r_;
};

}  // namespace detail
MODSDK_END_NAMESPACE
