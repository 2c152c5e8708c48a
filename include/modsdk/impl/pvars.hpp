// SPDX-License-Identifier: MIT
// Exported pseudo-variables (modsdk/pvars.hpp): what one definition holds (its name, the C callbacks made
// from the user's getter and setter, what the reference shows), the pv_export_t table, the name rules
// the core applies when it registers a module's variables, and the conversions between the core's
// pv_value_t and the C++ values a getter returns or a setter takes.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/abi/pv.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// What the script wrote after a module pseudo-variable: the name of `$my_pv(name)` and the index of
/// `$(my_pv[2])` / `$(my_pv(name)[-1])` / `$(my_pv[*])` (a variable index, `$(my_pv[$var(i)])`, is read
/// for the message at hand).
class pvar_key {
 public:
  constexpr pvar_key() noexcept = default;
  constexpr pvar_key(std::string_view name, int index_type, int index) noexcept
      : name_(name), index_type_(index_type), index_(index) {}
  /// The name in parentheses, empty when the script gave none.
  constexpr std::string_view name() const noexcept { return name_; }
  /// The index in brackets (negative counts from the end), nullopt when none was given or it is `*`.
  constexpr std::optional<int> index() const noexcept {
    return index_type_ == abi::pv_idx_int || index_type_ == abi::pv_idx_pvar ? std::optional<int>(index_)
                                                                             : std::nullopt;
  }
  /// Whether the index is `[*]` (every value).
  constexpr bool all() const noexcept { return index_type_ == abi::pv_idx_all; }

 private:
  std::string_view name_;
  int index_type_ = 0;
  int index_ = 0;
};

namespace detail {

/// Whether `name` is one the core registers for a module variable (pvar.c's pv_add_extra: the characters
/// of is_pv_valid_char, letters, digits, '_' and '.'), and at least one of them.
constexpr bool valid_pvar_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
      return false;
  return true;
}

/// What the pvars section and the reference need of one exported pseudo-variable (modsdk::pvar fills it at
/// compile time).
struct pvar_def {
  const char* name = nullptr;
  int name_len = 0;
  abi::pv_getf getf = nullptr;
  abi::pv_setf setf = nullptr;  ///< nullptr: read-only (the core refuses assignments at startup)
  int (*parse_name)(abi::pv_spec*, const abi::str*) = nullptr;   ///< nullptr: `$name(...)` is refused
  int (*parse_index)(abi::pv_spec*, const abi::str*) = nullptr;  ///< nullptr: `$(name[...])` is refused
  const char* value_type = "";                                   ///< "int", "string", for the reference
  bool nullable = false;
};

/// The key of one evaluation: the static name parse_name stored, the index for this message.
inline bool pvar_key_of(abi::sip_msg* msg, void* param, pvar_key& key) noexcept {
  auto* p = static_cast<abi::pv_param*>(param);
  std::string_view name;
  if (p->pvn.type == abi::pv_name_intstr && p->pvn.u.isname.type == abi::avp_name_str && p->pvn.u.isname.name.s.s)
    name = std::string_view(p->pvn.u.isname.name.s.s, static_cast<std::size_t>(p->pvn.u.isname.name.s.len));
  int idx = 0, flags = 0;
  if (p->pvi.type != 0 && abi::pv_get_spec_index(msg, p, &idx, &flags) != 0) return false;
  key = pvar_key(name, p->pvi.type, idx);
  return true;
}

/// Text a getter returned as std::string lives in one of these until it is read: the core copies or
/// compares a value before the eighth next one is taken (an expression holds two).
inline std::string_view hold_pvar_text(std::string&& s) {
  static std::array<std::string, 8> ring;
  static std::size_t next = 0;
  std::string& slot = ring[next++ % ring.size()];
  slot = std::move(s);
  return slot;
}

inline int put_pvar_value(abi::sip_msg* msg, void* param, abi::pv_value* res, int v) noexcept {
  return abi::pv_get_sintval(msg, static_cast<abi::pv_param*>(param), res, v);
}
inline int put_pvar_value(abi::sip_msg* msg, void* param, abi::pv_value* res, std::string_view v) noexcept {
  if (v.size() > 0x7fffffffU) return -1;
  abi::str s{const_cast<char*>(v.data()), static_cast<int>(v.size())};  // NOLINT(*-const-cast): read only
  return abi::pv_get_strval(msg, static_cast<abi::pv_param*>(param), res, &s);
}
inline int put_pvar_null(abi::sip_msg* msg, void* param, abi::pv_value* res) noexcept {
  return abi::pv_get_null(msg, static_cast<abi::pv_param*>(param), res);
}

/// A value the script assigns: NULL (no value, or PV_VAL_NULL), an int or a string.
struct pvar_assigned {
  bool null = true;
  bool has_int = false, has_str = false;
  int i = 0;
  std::string_view s;
};
inline pvar_assigned read_assigned(const abi::pv_value* v) noexcept {
  pvar_assigned a;
  if (!v || (v->flags & abi::pv_val_null)) return a;
  a.null = false;
  if (v->flags & abi::pv_val_int) {
    a.has_int = true;
    a.i = v->ri;
  }
  if ((v->flags & abi::pv_val_str) && v->rs.s) {
    a.has_str = true;
    a.s = std::string_view(v->rs.s, static_cast<std::size_t>(v->rs.len));
  }
  return a;
}

inline void log_pvar_failure(const char* what, const char* op) noexcept {
  if (what)
    log::write_for(log::level::error, "pseudo-variable", "a pseudo-variable {} failed: exception: {}", op, what);
  else
    log::write_for(log::level::error, "pseudo-variable", "a pseudo-variable {} failed: unknown exception", op);
}

/// The pvars section: N exported pseudo-variables and their pv_export_t table.
template <std::size_t N>
struct pvars_section {
  static constexpr section_kind kind = section_kind::pvs;
  pvar_def defs[N];

  template <class Tag, std::size_t... K>
  static constexpr std::array<abi::pv_export, N + 1> make(std::index_sequence<K...>) {
    constexpr const auto& s = get_section<Tag, section_kind::pvs>();
    // type: any value but PVT_NONE; the core adds PVT_EXTRA, which keeps it clear of its own types
    return {{{{s.defs[K].name, s.defs[K].name_len},
              1,
              s.defs[K].getf,
              s.defs[K].setf,
              s.defs[K].parse_name,
              s.defs[K].parse_index,
              nullptr,
              0}...,
             {{nullptr, 0}, 0, nullptr, nullptr, nullptr, nullptr, nullptr, 0}}};
  }
  template <class Tag>
  static constexpr std::array<abi::pv_export, N + 1> table_data = make<Tag>(std::make_index_sequence<N>{});
  template <class Tag>
  static constexpr const abi::pv_export* table() {
    // the core would register the first and log "pvar [name] already exists" for the second
    static_assert(distinct_names<Tag>(),
                  "modsdk: pvars(...): two pseudo-variables have the same name; give each a name of its own");
    return table_data<Tag>.data();
  }

  template <class Tag>
  static constexpr bool distinct_names() {
    constexpr const auto& s = get_section<Tag, section_kind::pvs>();
    for (std::size_t i = 0; i < N; ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (std::string_view(s.defs[i].name) == std::string_view(s.defs[j].name)) return false;
    return true;
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
