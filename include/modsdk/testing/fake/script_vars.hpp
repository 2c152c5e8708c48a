// SPDX-License-Identifier: MIT
// Test kit fake core: the script variables a test sets and reads (fake_core::set_var, unset_var, var):
// $var(x) in the fake's own table, $avp(x) in the one usr_avp list the script and the modules share.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <modsdk/abi/avp.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/avp.hpp>
#include <modsdk/testing/fake/core_state.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

// ---- fake_core: script variables -----------------------------------------------------------------------
namespace detail {
/// "$var(x)" / "$avp(x)" -> (is_avp, name); nullopt for anything else.
inline std::optional<std::pair<bool, std::string>> var_name(std::string_view spec) {
  for (auto [prefix, avp] : {std::pair{std::string_view("$var("), false}, std::pair{std::string_view("$avp("), true}})
    if (spec.starts_with(prefix) && spec.ends_with(")") && spec.size() > prefix.size() + 1)
      return std::pair{avp, std::string(spec.substr(prefix.size(), spec.size() - prefix.size() - 1))};
  return std::nullopt;
}
}  // namespace detail

bool fake_core::set_var(std::string_view spec, int value) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  detail::var_value v;
  v.n = value;
  if (n->first) {
    abi::int_str is{};
    is.n = value;
    return abi::add_avp(0, detail::avp_id(n->second, true), is) == 0;
  }
  detail::st().vars[n->second] = v;
  return true;
}
bool fake_core::set_var(std::string_view spec, std::string_view value) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  detail::var_value v;
  v.set_text(value);
  if (n->first) {
    abi::int_str is{};
    is.s = {const_cast<char*>(value.data()), static_cast<int>(value.size())};  // NOLINT(*-const-cast): copied
    return abi::add_avp(abi::avp_val_str, detail::avp_id(n->second, true), is) == 0;
  }
  detail::st().vars[n->second] = v;
  return true;
}
bool fake_core::unset_var(std::string_view spec) {
  auto n = detail::var_name(spec);
  if (!n) return false;
  if (n->first) {
    if (const int id = detail::avp_id(n->second, false); id > 0) abi::destroy_avps(0, id, 0);
  } else {
    detail::var_value v;
    v.null = true;
    detail::st().vars[n->second] = v;
  }
  return true;
}
std::optional<script_value> fake_core::var(std::string_view spec) const {
  auto n = detail::var_name(spec);
  if (!n) return std::nullopt;
  const detail::var_value* v = nullptr;
  if (n->first) {
    const int id = detail::avp_id(n->second, false);
    abi::int_str is{};
    abi::usr_avp* a = id > 0 ? abi::search_first_avp(0, id, &is, nullptr) : nullptr;
    if (!a || (a->flags & abi::avp_val_null)) return std::nullopt;
    if (a->flags & abi::avp_val_str) return script_value{std::string(is.s.s, static_cast<std::size_t>(is.s.len))};
    return script_value{is.n};
  } else {
    auto it = detail::st().vars.find(n->second);
    if (it != detail::st().vars.end()) v = &it->second;
  }
  if (!v || v->null) return std::nullopt;
  if (v->is_str) return script_value{std::string(v->text())};
  return script_value{v->n};
}

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
