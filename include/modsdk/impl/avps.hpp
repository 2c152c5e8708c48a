// SPDX-License-Identifier: MIT
// AVPs (modsdk/avp.hpp): what every AVP handle shares (its name and the id the core resolved it to), the
// conversion of a C++ value to the core's int_str, and the avps section that resolves each
// listed name in mod_init, before the fork, so every process starts with the id.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include <modsdk/abi/avp.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// One AVP value: an int or text (the text lives in the core's AVP list until the value is removed).
using avp_value = std::variant<int, std::string_view>;

namespace detail {

/// Whether the script can write `$avp(name)`: 1 to 255 characters, none that ends or nests the spec.
constexpr bool valid_avp_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 255) return false;
  for (char c : name)
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '$' || c == ' ' || c == '\t' ||
        c == '\n' || c == '"' || c == '\'')
      return false;
  return true;
}

/// What the avps section needs of an AVP handle (modsdk::avp<T>): the name and the id.
class avp_base {
 public:
  constexpr explicit avp_base(std::string_view name) noexcept : name_(name) {}
  /// The name, as `$avp(name)` writes it.
  constexpr std::string_view name() const noexcept { return name_; }
  /// Resolves the name to the core's id (parse_avp_spec); false, logged, when the core refuses it.
  bool resolve() noexcept {
    abi::str n{const_cast<char*>(name_.data()), static_cast<int>(name_.size())};  // NOLINT(*-const-cast): read
    int id = -1;
    if (abi::parse_avp_spec(&n, &id) != 0 || id < 0) {
      log::write_for(log::level::error, "avp", "AVP \"{}\": the core cannot resolve the name", name_);
      return false;
    }
    id_ = id;
    return true;
  }
  /// The core's id, resolved on first use when the avps section did not resolve it; -1 when it cannot be.
  /// The hot path is one load and test; resolving is out of line.
  int id() noexcept {
    if (id_ >= 0) [[likely]]
      return id_;
    return resolve_on_first_use();
  }

 private:
  [[gnu::cold, gnu::noinline]] int resolve_on_first_use() noexcept { return resolve() ? id_ : -1; }
  std::string_view name_;
  int id_ = -1;
};

/// The core's flags and int_str for a value (text is copied by the core).
inline unsigned short avp_write(const avp_value& v, abi::int_str& out) noexcept {
  if (const int* n = std::get_if<int>(&v)) {
    out.n = *n;
    return 0;
  }
  const std::string_view s = std::get<std::string_view>(v);
  out.s = {const_cast<char*>(s.data()), static_cast<int>(s.size())};  // NOLINT(*-const-cast): the core copies it
  return abi::avp_val_str;
}

/// The avps section: the module's AVP handles, resolved in mod_init.
template <std::size_t N>
struct avps_section {
  static constexpr section_kind kind = section_kind::avps;
  avp_base* objs[N];

  template <class Tag>
  static bool on_init() {
    for (avp_base* a : get_section<Tag, section_kind::avps>().objs)
      if (!a->resolve()) return false;
    return true;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
