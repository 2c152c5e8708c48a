// SPDX-License-Identifier: MIT
/// @file Exported pseudo-variables: `$name`, `$name(key)` and `$(name[index])` the script reads (and may
/// assign), answered by C++ functions of the module.
///
///     int active_calls() { return calls.load(); }                          // $active_calls
///     std::optional<std::string_view> greeting(const modsdk::message&, const modsdk::pvar_key& k) {
///       return greetings.find(k.name());                                   // $greeting(en), NULL if none
///     }
///     bool set_greeting(modsdk::message&, const modsdk::pvar_key& k, std::optional<std::string_view> v);
///     bool known_language(std::string_view name) { return name == "en" || name == "fr"; }
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::pvars(modsdk::pvar<active_calls>{"active_calls"},
///                       modsdk::pvar<greeting, set_greeting, known_language>{"greeting"}));
///
/// The getter takes nothing, the message (`const modsdk::message&`), or the message and a
/// modsdk::pvar_key (then the script may write a name, `$greeting(en)`, and an index, `$(greeting(en)[1])`);
/// it returns an int (or a smaller integer or enum), text (std::string_view, const char*, std::string), or
/// a std::optional of those, where nullopt is NULL in the script. A std::string_view or const char* must
/// outlive the call (the core reads it right after); a std::string is kept by modsdk until then.
/// The setter (optional: without it the core refuses `$name = ...` at startup) takes the message, the key
/// if the getter does, and the value: int, std::string_view, or a std::optional of one (nullopt: the script
/// assigned NULL); it returns bool (false fails the assignment) or void. An int assigned to a text setter
/// arrives as its decimal text; text assigned to an int setter is refused (logged).
/// The third parameter (optional) checks a name at startup, `bool(std::string_view)`: false fails the
/// cfg with the core's "has an invalid name param" error. The variable's name is checked at compile time
/// as the core checks it (letters, digits, '_' and '.'). Getters and setters run in the exception
/// firewall: an exception is logged, the read gives NULL and the assignment fails.
#pragma once
#include <charconv>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <modsdk/abi/pv.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/pvars.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when a variable's name is refused.
void modsdk_pvar_error_name_must_be_letters_digits_underscores_or_dots_as_the_core_registers_them();

template <class T>
struct pvar_optional : std::false_type {};
template <class T>
struct pvar_optional<std::optional<T>> : std::true_type {
  using type = T;
};
template <class T>
struct pvar_plain {
  using type = T;
};
template <class T>
struct pvar_plain<std::optional<T>> {
  using type = T;
};
template <class T>
constexpr bool pvar_int_like() {
  if constexpr (std::is_enum_v<T>)
    return pvar_int_like<std::underlying_type_t<T>>();
  else
    return std::is_integral_v<T> && (sizeof(T) < sizeof(int) || (sizeof(T) == sizeof(int) && std::is_signed_v<T>));
}
template <class T>
inline constexpr bool pvar_text =
    std::is_same_v<T, std::string_view> || std::is_same_v<T, const char*> || std::is_same_v<T, std::string>;
template <class R>
constexpr bool pvar_result_ok() {
  if constexpr (pvar_optional<R>::value)
    return pvar_int_like<typename pvar_optional<R>::type>() || pvar_text<typename pvar_optional<R>::type>;
  else
    return pvar_int_like<R>() || pvar_text<R>;
}

/// What a getter returns, called the way its parameters say.
template <class G, bool Keyed, bool WithMsg>
struct pvar_result {
  using type = std::invoke_result_t<G>;
};
template <class G, bool WithMsg>
struct pvar_result<G, true, WithMsg> {
  using type = std::invoke_result_t<G, message&, const pvar_key&>;
};
template <class G>
struct pvar_result<G, false, true> {
  using type = std::invoke_result_t<G, message&>;
};

/// The parameter list of a function pointer or a lambda without captures.
template <class F>
struct pvar_fn : pvar_fn<decltype(&F::operator())> {};
template <class R, class... A>
struct pvar_fn<R (*)(A...)> {
  using ret = R;
  using args = std::tuple<A...>;
};
template <class R, class... A>
struct pvar_fn<R (*)(A...) noexcept> : pvar_fn<R (*)(A...)> {};
template <class C, class R, class... A>
struct pvar_fn<R (C::*)(A...) const> : pvar_fn<R (*)(A...)> {};
template <class C, class R, class... A>
struct pvar_fn<R (C::*)(A...) const noexcept> : pvar_fn<R (*)(A...)> {};

template <class V>
inline constexpr bool pvar_setter_value =
    std::is_same_v<V, int> || std::is_same_v<V, std::string_view> || std::is_same_v<V, std::optional<int>> ||
    std::is_same_v<V, std::optional<std::string_view>>;

template <class R>
int put_pvar_result(abi::sip_msg* msg, void* param, abi::pv_value* res, R&& r) {
  using T = std::remove_cvref_t<R>;
  if constexpr (pvar_optional<T>::value)
    return r ? put_pvar_result(msg, param, res, *std::forward<R>(r)) : put_pvar_null(msg, param, res);
  else if constexpr (std::is_same_v<T, std::string>)
    return put_pvar_value(msg, param, res, hold_pvar_text(std::forward<R>(r)));
  else if constexpr (std::is_same_v<T, const char*>)
    return r ? put_pvar_value(msg, param, res, std::string_view(r)) : put_pvar_null(msg, param, res);
  else if constexpr (std::is_same_v<T, std::string_view>)
    return put_pvar_value(msg, param, res, r);
  else
    return put_pvar_value(msg, param, res, static_cast<int>(r));
}

/// The value handed to a setter taking V, or nullopt (logged) when the assigned value does not fit V.
template <class V>
std::optional<V> pvar_setter_arg(const pvar_assigned& a, char (&buf)[16]) noexcept {
  using T = typename pvar_optional<V>::type;
  constexpr bool nullable = pvar_optional<V>::value;
  using E = std::conditional_t<nullable, T, V>;
  if (a.null) {
    if constexpr (nullable) return V{};
    log::write_for(log::level::error, "pv_set_value", "this pseudo-variable cannot be set to NULL");
    return std::nullopt;
  } else if constexpr (std::is_same_v<E, int>) {
    if (a.has_int) return V{a.i};
    log::write_for(log::level::error, "pv_set_value", "this pseudo-variable takes an int, not the text \"{}\"", a.s);
    return std::nullopt;
  } else {
    if (a.has_str) return V{a.s};
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a.i);
    (void)ec;
    return V{std::string_view(buf, static_cast<std::size_t>(end - buf))};
  }
}

consteval const char* checked_pvar_name(const char* name) {
  if (!name || !valid_pvar_name(name))
    modsdk_pvar_error_name_must_be_letters_digits_underscores_or_dots_as_the_core_registers_them();
  return name;
}
}  // namespace detail

/// One exported pseudo-variable: `pvar<getter>{"name"}`, `pvar<getter, setter>{"name"}`,
/// `pvar<getter, setter_or_nullptr, name_check>{"name"}` (see the file's comment for the signatures).
template <auto Get, auto Set = nullptr, auto CheckName = nullptr>
struct pvar : detail::pvar_def {
 private:
  using get_t = decltype(Get);
  static constexpr bool keyed = std::is_invocable_v<get_t, message&, const pvar_key&>;
  static constexpr bool with_msg = !keyed && std::is_invocable_v<get_t, message&>;
  static constexpr bool bare = !keyed && !with_msg && std::is_invocable_v<get_t>;
  static_assert(keyed || with_msg || bare,
                "modsdk: pvar<getter>: the getter takes nothing, (const modsdk::message&), or "
                "(const modsdk::message&, const modsdk::pvar_key&)");
  using result = typename detail::pvar_result<get_t, keyed, with_msg>::type;
  static_assert(detail::pvar_result_ok<std::remove_cvref_t<result>>(),
                "modsdk: pvar<getter>: the getter returns int (or a smaller integer or enum), std::string_view, "
                "const char*, std::string, or a std::optional of one (nullopt is NULL in the script)");
  using value_t = std::remove_cvref_t<result>;
  using plain_t = typename detail::pvar_plain<value_t>::type;
  static constexpr bool settable = !std::is_null_pointer_v<decltype(Set)>;
  static constexpr bool checks_name = !std::is_null_pointer_v<decltype(CheckName)>;

  static int get(abi::sip_msg* msg, void* param, abi::pv_value* res) noexcept {
    return detail::firewall(
        [&]() -> int {
          message m(msg);
          if constexpr (keyed) {
            pvar_key key;
            if (!detail::pvar_key_of(msg, param, key)) return -1;
            return detail::put_pvar_result(msg, param, res, Get(m, std::as_const(key)));
          } else if constexpr (with_msg) {
            return detail::put_pvar_result(msg, param, res, Get(m));
          } else {
            return detail::put_pvar_result(msg, param, res, Get());
          }
        },
        [&](const char* what) {
          detail::log_pvar_failure(what, "getter");
          return -1;
        });
  }

  template <class S = decltype(Set)>
  static constexpr auto setter_value() {
    using A = typename detail::pvar_fn<S>::args;
    constexpr std::size_t n = std::tuple_size_v<A>;
    static_assert(n == (keyed ? 3 : 2),
                  "modsdk: pvar<getter, setter>: the setter takes (modsdk::message&, value), or (modsdk::message&, "
                  "const modsdk::pvar_key&, value) when the getter takes the key");
    using V = std::remove_cvref_t<std::tuple_element_t<n - 1, A>>;
    static_assert(detail::pvar_setter_value<V>,
                  "modsdk: pvar<getter, setter>: the setter's value is int, std::string_view, or a std::optional of "
                  "one (nullopt when the script assigns NULL)");
    return std::type_identity<V>{};
  }

  static int set(abi::sip_msg* msg, void* param, int /*op*/, abi::pv_value* val) noexcept {
    if constexpr (settable) {
      using V = typename decltype(setter_value())::type;
      return detail::firewall(
          [&]() -> int {
            char buf[16];
            const std::optional<V> v = detail::pvar_setter_arg<V>(detail::read_assigned(val), buf);
            if (!v) return -1;
            message m(msg);
            auto call = [&] {
              if constexpr (keyed) {
                pvar_key key;
                if (!detail::pvar_key_of(msg, param, key)) return false;
                if constexpr (std::is_void_v<decltype(Set(m, key, *v))>) {
                  Set(m, key, *v);
                  return true;
                } else {
                  return static_cast<bool>(Set(m, key, *v));
                }
              } else if constexpr (std::is_void_v<decltype(Set(m, *v))>) {
                Set(m, *v);
                return true;
              } else {
                return static_cast<bool>(Set(m, *v));
              }
            };
            return call() ? 0 : -1;
          },
          [&](const char* what) {
            detail::log_pvar_failure(what, "setter");
            return -1;
          });
    } else {
      return -1;
    }
  }

  static int parse_name(abi::pv_spec* sp, const abi::str* in) noexcept {
    if (!sp || !in || !in->s || in->len <= 0) return -1;
    const std::string_view n(in->s, static_cast<std::size_t>(in->len));
    if constexpr (checks_name) {
      static_assert(std::is_invocable_r_v<bool, decltype(CheckName), std::string_view>,
                    "modsdk: pvar<getter, setter, check>: the name check is bool(std::string_view)");
      const bool ok = detail::firewall([&] { return static_cast<bool>(CheckName(n)); },
                                       [&](const char* what) {
                                         detail::log_pvar_failure(what, "name check");
                                         return false;
                                       });
      if (!ok) {
        log::write_for(log::level::error, "pv_parse_spec", "pseudo-variable name \"{}\": refused by the module's check",
                       n);
        return -1;
      }
    }
    // referenced, as the core's own parsers do: the text is the cfg's and lives as long as the spec
    auto* h = reinterpret_cast<abi::pv_spec_head*>(sp);  // NOLINT(*-reinterpret-cast): the core's pv_spec_t
    h->pvp.pvn.type = abi::pv_name_intstr;
    h->pvp.pvn.u.isname.type = abi::avp_name_str;
    h->pvp.pvn.u.isname.name.s = *in;
    return 0;
  }

 public:
  /// `name`: the variable without its `$`, e.g. "active_calls" for `$active_calls`.
  consteval explicit pvar(const char* name)
      : pvar_def{detail::checked_pvar_name(name),
                 static_cast<int>(std::char_traits<char>::length(name)),
                 &get,
                 settable ? &set : nullptr,
                 keyed ? &parse_name : nullptr,
                 keyed ? &abi::pv_parse_index : nullptr,
                 detail::pvar_int_like<plain_t>() ? "int" : "string",
                 detail::pvar_optional<value_t>::value} {
    if constexpr (settable) (void)setter_value();
  }
};

/// The module's exported pseudo-variables: `modsdk::pvars(modsdk::pvar<get>{"name"}, ...)`.
template <class... P>
constexpr auto pvars(P... p) {
  static_assert((std::is_base_of_v<detail::pvar_def, P> && ...),
                "modsdk: pvars(...) takes modsdk::pvar<getter[, setter[, name_check]]>{\"name\"} values");
  static_assert(sizeof...(P) > 0, "modsdk: pvars() needs at least one modsdk::pvar");
  return detail::pvars_section<sizeof...(P)>{{static_cast<const detail::pvar_def&>(p)...}};
}

MODSDK_END_NAMESPACE
