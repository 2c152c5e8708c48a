// SPDX-License-Identifier: MIT
// Test kit fake core: script expressions a test evaluates as the cfg would (fake_core::parses, eval, assign):
// a spec parsed as the cfg parser parses it, read with pv_get_spec_value, assigned with pv_set_value.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/pv.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/pv_module.hpp>
#include <modsdk/testing/fake/pv_spec.hpp>
#include <modsdk/testing/fake/pv_value.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

// ---- fake_core: script expressions --------------------------------------------------------------------
namespace detail {
struct alignas(16) parsed_spec {
  unsigned char b[MODSDK_PV_SPEC_STORAGE];
  parsed_spec() noexcept : b{} {}
  parsed_spec(const parsed_spec&) = delete;
  parsed_spec& operator=(const parsed_spec&) = delete;
  ~parsed_spec() { free_spec_trans(b); }  // the module transformations it parsed
  abi::pv_spec* get() noexcept { return reinterpret_cast<abi::pv_spec*>(b); }
};
/// The whole of `spec` parsed as the cfg parser does, or false (logged).
inline bool parse_whole(std::string_view spec, parsed_spec& out) {
  const std::string text(spec);
  abi::str in{const_cast<char*>(text.data()), static_cast<int>(text.size())};  // NOLINT(*-const-cast)
  const char* end = abi::pv_parse_spec(&in, out.get());
  if (end && end != text.data() + text.size()) {
    core_log(abi::l_err, "pv_parse_spec", "junk after pvar in <%s>", text.c_str());
    return false;
  }
  return end != nullptr;
}
}  // namespace detail

bool fake_core::parses(std::string_view spec) {
  detail::parsed_spec p;
  return detail::parse_whole(spec, p);
}
std::optional<script_value> fake_core::eval(std::string_view spec, abi::sip_msg* msg) {
  detail::parsed_spec p;
  if (!detail::parse_whole(spec, p)) return std::nullopt;
  abi::pv_value v{};
  if (abi::pv_get_spec_value(msg, p.get(), &v) != 0 || (v.flags & abi::pv_val_null)) return std::nullopt;
  std::optional<script_value> r;
  // an int (PV_TYPE_INT) reads as int even with its text; a value with text only reads as text
  const bool is_int = (v.flags & abi::pv_type_int) || ((v.flags & abi::pv_val_int) && !(v.flags & abi::pv_val_str));
  if (is_int)
    r = script_value{v.ri};
  else if (v.flags & abi::pv_val_str)
    r = script_value{std::string(v.rs.s, static_cast<std::size_t>(v.rs.len))};
  abi::pv_value_destroy(&v);
  return r;
}
bool fake_core::assign(std::string_view spec, abi::sip_msg* msg, std::optional<script_value> value) {
  detail::parsed_spec p;
  if (!detail::parse_whole(spec, p)) return false;
  if (!reinterpret_cast<abi::pv_spec_head*>(p.get())->setf) {
    detail::core_log(abi::l_err, "yyerror", "invalid left operand in assignment");
    return false;
  }
  abi::pv_value v{};
  if (!value) {
    v.flags = abi::pv_val_null;
  } else if (const int* n = std::get_if<int>(&*value)) {
    v.ri = *n;
    v.flags = abi::pv_val_int | abi::pv_type_int;
  } else {
    const std::string& t = std::get<std::string>(*value);
    v.rs = {const_cast<char*>(t.data()), static_cast<int>(t.size())};  // NOLINT(*-const-cast)
    v.flags = abi::pv_val_str;
  }
  return abi::pv_set_value(msg, p.get(), abi::assign_eq, &v) == 0;
}

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
