// SPDX-License-Identifier: MIT
/// @file A group of parameters described by a plain struct: one modparam per field, typed by the field.
///
///     struct settings {
///       std::chrono::seconds timeout{30};
///       std::string_view url;
///       bool debug = false;
///     };
///     MODSDK_FIELDS(settings, timeout, url, debug);   // in settings' namespace, after its definition
///
///     modsdk::param_group<settings> cfg{"db_"};       // modparams db_timeout, db_url, db_debug
///     MODSDK_MODULE(new_module, modsdk::params(cfg, other_param), ...);
///
///     cfg->timeout, cfg->url                          // the values (defaults: the struct's initialisers)
///
/// Boost.PFR reads the fields; MODSDK_FIELDS supplies their names (PFR in Boost 1.81 has none) and
/// checks at compile time that it lists every field, with the types in declaration order. Each field
/// type follows the rules of modsdk::param<T> (convert<T>, trivially destructible, string_view for text).
/// An optional validator on the whole struct runs in mod_init, after every modparam line, so it can
/// check fields against each other:
///
///     modsdk::param_group<settings> cfg{"db_", {}, [](const settings& s) -> const char* {
///       return s.url.empty() && s.debug ? "db_debug needs db_url" : nullptr; }};
#pragma once
#include <cstddef>
#include <cstdlib>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/pfr/core.hpp>

#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/param_value.hpp>
#include <modsdk/impl/modparams/fields.hpp>
#include <modsdk/impl/modparams/parse.hpp>
#include <modsdk/log.hpp>
#include <modsdk/params.hpp>

/// Names the fields of aggregate `S` for modsdk::param_group<S>: `MODSDK_FIELDS(settings, timeout, url);`.
/// Use it in the namespace of S, after S's definition, listing every field in declaration order.
#define MODSDK_FIELDS(S, ...)                                                                                      \
  [[maybe_unused]] constexpr auto modsdk_fields(const S*) noexcept {                                               \
    struct modsdk_probe : S {                                                                                      \
      constexpr auto modsdk_refs() noexcept { return ::std::tie(__VA_ARGS__); }                                    \
    };                                                                                                             \
    return ::modsdk::detail::field_list<S, decltype(::std::declval<modsdk_probe&>().modsdk_refs())>(#__VA_ARGS__); \
  }                                                                                                                \
  static_assert(true, "")

MODSDK_BEGIN_NAMESPACE

/// One modparam per field of S (see the file comment). `*cfg` / `cfg->field` are the values.
template <class S>
class param_group {
  static_assert(std::is_aggregate_v<S> && !std::is_array_v<S>,
                "modsdk: param_group<S>: S must be an aggregate struct (public fields, no constructors)");
  static_assert(detail::described_struct<S>,
                "modsdk: param_group<S>: name S's fields with MODSDK_FIELDS(S, field1, field2, ...) in S's namespace, "
                "after its definition");

  static constexpr auto fields = modsdk_fields(static_cast<const S*>(nullptr));
  static constexpr std::size_t N = fields.size;

  template <std::size_t K>
  using field_t = boost::pfr::tuple_element_t<K, S>;

  static constexpr bool fields_ok = []<std::size_t... K>(std::index_sequence<K...>) {
    return (detail::check_param_type<field_t<K>>() && ...);
  }
  (std::make_index_sequence<N>{});
  static_assert(fields_ok);
  static constexpr bool no_started_field = []<std::size_t... K>(std::index_sequence<K...>) {
    return (!detail::param_value_start<field_t<K>>::active && ...);
  }
  (std::make_index_sequence<N>{});
  static_assert(no_started_field,
                "modsdk: param_group<S>: a field of this type is parsed at start (e.g. modsdk::pv_format); declare it "
                "as its own modsdk::param<T>");

 public:
  using value_type = S;

  /// Modparams named like the fields; values start from `defaults`.
  consteval param_group(S defaults = S{}, detail::validator<S> check = {})
      : defaults_(defaults), value_(defaults), check_(check) {
    make_names("");
  }
  /// Modparams named `prefix` + field name.
  template <std::size_t M>
  consteval param_group(const char (&prefix)[M], S defaults = S{}, detail::validator<S> check = {})
      : defaults_(defaults), value_(defaults), check_(check) {
    make_names(detail::make_param_name(prefix).view());
  }

  const S& operator*() const noexcept { return value_; }
  const S* operator->() const noexcept { return &value_; }
  const S& get() const noexcept { return value_; }
  /// Whether a modparam line set field `field` (by its name in the struct).
  bool is_set(std::string_view field) const noexcept {
    for (std::size_t k = 0; k < N; ++k)
      if (fields.names[k] == field) return set_[k];
    return false;
  }
  /// The modparam name of field `k` (prefix included).
  constexpr std::string_view param_name(std::size_t k) const noexcept { return names_[k]; }

  // ---- for the params section (modsdk internals) ----
  static constexpr std::size_t entry_count = N;
  constexpr const char* entry_name(std::size_t k) const noexcept { return names_[k]; }
  template <std::size_t K>
  bool assign(const detail::modparam_ref& at, abi::modparam_t type, void* val) noexcept {
    auto v = detail::parse_modparam<field_t<K>>(at, type, val, {});
    if (!v) return false;
    boost::pfr::get<K>(value_) = std::move(v->value);
    std::free(texts_[K]);
    texts_[K] = v->text;
    set_[K] = true;
    return true;
  }
  void reset() noexcept {
    value_ = defaults_;
    for (std::size_t k = 0; k < N; ++k) {
      std::free(texts_[k]);
      texts_[k] = nullptr;
      set_[k] = false;
    }
  }
  bool finish(std::string_view module) const noexcept {
    char joined[N * (detail::max_param_name + 2)];
    const std::string_view names = joined_names(joined);
    return detail::firewall(
        [&] {
          if (auto why = check_.check(value_)) {
            log::write_for(log::level::error, "mod_init", "modparam {}: {} not accepted{}{}", module, names,
                           why->empty() ? "" : ": ", *why);
            return false;
          }
          return true;
        },
        [&](const char* what) {
          if (what)
            log::write_for(log::level::error, "mod_init", "modparam {}: {} not accepted: exception: {}", module, names,
                           what);
          else
            log::write_for(log::level::error, "mod_init", "modparam {}: {} not accepted: unknown exception", module,
                           names);
          return false;
        });
  }

 private:
  /// "a, b, c": the group's parameter names, for its error line.
  std::string_view joined_names(char (&out)[N * (detail::max_param_name + 2)]) const noexcept {
    std::size_t n = 0;
    for (std::size_t k = 0; k < N; ++k) {
      if (k) out[n++] = ',', out[n++] = ' ';
      for (const char* c = names_[k]; *c; ++c) out[n++] = *c;
    }
    return {out, n};
  }
  consteval void make_names(std::string_view prefix) {
    for (std::size_t k = 0; k < N; ++k) {
      const std::string_view f = fields.names[k];
      if (prefix.size() + f.size() + 1 > detail::max_param_name)
        detail::modsdk_error_param_group_prefix_plus_field_name_longer_than_63_characters();
      std::size_t i = 0;
      for (char c : prefix) names_[k][i++] = c;
      for (char c : f) names_[k][i++] = c;
    }
  }

  char names_[N][detail::max_param_name]{};
  S defaults_;
  S value_;
  detail::validator<S> check_;
  bool set_[N]{};
  char* texts_[N]{};
};

MODSDK_END_NAMESPACE
