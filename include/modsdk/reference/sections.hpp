// SPDX-License-Identifier: MIT
// Reference generation: describers for section types that carry no describe() hook of their own. They
// read only the sections' public members; a section that grows a describe<Tag>() hook takes precedence
// (see reference.hpp).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/pfr.hpp>

#include <modsdk/functions.hpp>
#include <modsdk/impl/db.hpp>
#include <modsdk/impl/modparams/registry.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/impl/stats.hpp>
#include <modsdk/reference/writer.hpp>
#include <modsdk/types.hpp>
#include <modsdk/variable.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// Describes sections of type S (specialised below); the primary template describes nothing.
template <class S>
struct section_describer {};

template <class P>
void describe_param_object(reference_writer& w, const P& p) {
  using T = typename P::value_type;
  if constexpr (requires { p.default_value(); }) {  // param<T>
    reference_param& r = w.typed_param<T>(p.name(), &p.default_value());
    if constexpr (requires { p.is_required(); }) r.required = p.is_required();
    if constexpr (requires { p.has_validator(); }) r.validated = p.has_validator();
    if (r.required) r.default_text.clear(), r.default_json = "null";
  } else if constexpr (requires {
                         p.begin();
                         p.size();
                       }) {  // param_list<T>
    reference_param& r = w.typed_param<T>(p.name(), static_cast<const T*>(nullptr));
    r.repeatable = true;
    if constexpr (requires { p.is_required(); }) r.required = p.is_required();
    if constexpr (requires { p.has_validator(); }) r.validated = p.has_validator();
  } else if constexpr (requires {
                         boost::pfr::tuple_size_v<T>;
                         p.get();
                       }) {      // param_group<S>: one per field
    const T& current = p.get();  // the defaults: nothing has set them while a reference is generated
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (w.typed_param<boost::pfr::tuple_element_t<K, T>>(p.entry_name(K), &boost::pfr::get<K>(current)), ...);
    }
    (std::make_index_sequence<P::entry_count>{});
  }
}

template <modparam_source... P>
struct section_describer<params_section<P...>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    std::apply([&](auto*... p) { (describe_param_object(w, *p), ...); }, get_section_at<Tag, I>().objs);
  }
};

template <std::size_t N>
struct section_describer<stats_section<N>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    // The stat_export rows are filled at load time; the objects know their names now.
    for (const stat_object* o : get_section_at<Tag, I>().objects) {
      w.stat(o->name());
    }
  }
};

/// modsdk::databases(...): each database's URL parameter, the capabilities and table versions it needs.
template <class... D>
struct section_describer<databases_section<D...>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    std::apply(
        [&](auto*... d) {
          (
              [&](auto& b) {
                reference_database r;
                r.param = std::string(b.label());
                const db::options& o = b.options();
                for (unsigned bit = 0; bit < 32; ++bit)
                  if (const unsigned c = 1u << bit; static_cast<unsigned>(o.needs) & c)
                    r.capabilities.emplace_back(db_cap_name(c));
                for (const db::table_version& t : o.tables)
                  if (!t.table.empty()) r.tables.push_back({std::string(t.table), t.version});
                r.optional = o.optional;
                w.ref().databases.push_back(std::move(r));
              }(d->db_lifecycle()),
              ...);
        },
        get_section_at<Tag, I>().objs);
  }
};

/// The C++ spelling of a script-function parameter type, as declared (cv/ref removed).
template <class P>
std::string declared_type() {
  using D = std::remove_cvref_t<P>;
  using V = fn::value_t<P>;
  std::string inner;
  if constexpr (std::is_same_v<V, std::string_view>)
    inner = "std::string_view";
  else if constexpr (std::is_base_of_v<variable, V> || std::is_same_v<V, regex> || std::is_same_v<V, static_str> ||
                     std::is_same_v<V, raw_str>)
    inner = "modsdk::" + type_name<V>();
  else
    inner = type_name<V>();
  if constexpr (fn::is_optional_v<D>)
    return "std::optional<" + inner + ">";
  else
    return inner;
}

template <class R>
std::string returns_text() {
  if constexpr (std::is_same_v<R, bool>)
    return "1 (true) or -1 (false)";
  else if constexpr (std::is_void_v<R>)
    return "1 (true)";
  else if constexpr (std::is_same_v<R, int>)
    return "its own code in $rc (positive is true, negative false)";
  else
    return "a code in $rc (positive is true, negative false), or stops the script";
}

template <class E>
void describe_function(reference_writer& w) {
  if constexpr (E::valid) {
    using L = typename E::longest;
    reference_function& f = w.function(E::name_view);
    f.returns = returns_text<typename L::R>();
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      auto one = [&]<std::size_t K>() {
        if (K >= f.params.size()) return;
        using P = typename L::template script_arg<K>;
        using V = fn::value_t<P>;
        reference_function_param& p = f.params[K];
        p.type = declared_type<P>();
        if constexpr (std::is_same_v<V, writable_variable>)
          p.note = "a variable the script can assign";
        else if constexpr (std::is_base_of_v<variable, V>)
          p.note = "a variable: the function may read or write it";
        else if constexpr (std::is_same_v<V, regex>)
          p.expected = "a POSIX extended regular expression";
        else if constexpr (!std::is_same_v<V, std::string_view> && !std::is_same_v<V, static_str> &&
                           !std::is_same_v<V, raw_str>)
          p.expected = expected_text<V>();
      };
      (one.template operator()<J>(), ...);
      (void)one;  // a function without script parameters
    }
    (std::make_index_sequence<E::arity>{});
  }
}

template <class... E>
struct section_describer<fn::functions_section<E...>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    (describe_function<E>(w), ...);
  }
};
template <class... E>
struct section_describer<fn::async_functions_section<E...>> {
  template <class Tag, std::size_t I>
  static void describe(reference_writer& w) {
    (describe_function<E>(w), ...);
  }
};

}  // namespace detail
MODSDK_END_NAMESPACE
