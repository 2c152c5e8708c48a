// SPDX-License-Identifier: MIT
/// @file Transformations: `{class.op,params}` after a variable in the script (`$(fU{probe.shout,2})`),
/// answered by C++ functions of the module.
///
///     std::string shout(std::string_view in, int times) { ... }        // {probe.shout,3}
///     int clamp(int in, int lo, std::optional<int> hi) { ... }          // {probe.clamp,0} {probe.clamp,0,10}
///     std::optional<std::string_view> pick(std::string_view in, std::string_view sep) { ... }   // NULL: nullopt
///
///     MODSDK_MODULE(new_module, ...,
///         modsdk::transformations("probe", modsdk::transformation<shout>{"shout"},
///                                 modsdk::transformation<clamp>{"clamp"}, modsdk::transformation<pick>{"pick"}));
///
/// A module exports one class (the text before the dot; letters, digits and '_', not one of the core's own
/// classes) holding its operations. The function's first parameter is the value: `int` or
/// `std::string_view` (an int value arrives as its decimal text; text arrives as an int only when it is
/// one, else the transformation fails, logged). The others are the operation's parameters, written after
/// the name in the cfg: `int`, `std::string_view` or, trailing, a `std::optional` of one (a parameter the
/// cfg may leave out). A literal is parsed once when the core parses the cfg: a wrong count, an int that is
/// not one, a variable the core cannot parse or an unknown operation stop the start with the core's
/// "error parsing" line after modsdk's reason. A parameter may also be a variable (`{probe.shout,$var(n)}`,
/// parsed by the core at the same time): it is read on every call and typed as a literal would be - for an
/// `int` parameter an int value, or text that is one; for text, its text (an int's decimal form). A value
/// that cannot become the parameter's type, or NULL for a parameter that is not optional (NULL gives
/// nullopt to an optional one), fails the transformation with a log line naming the parameter. The function returns the
/// new value: int, std::string_view (must outlive the call: the core reads it right after), std::string (kept by modsdk
/// until the core has read it) or a std::optional of one, nullopt giving NULL. A NULL value passes through unchanged.
/// The function runs in the exception firewall: an exception is logged and the transformation fails.
#pragma once
#include <charconv>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/pv.hpp>
#include <modsdk/impl/transformations.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when a class or operation name is refused.
void modsdk_transformation_error_class_must_be_letters_digits_or_underscores_and_not_a_core_class();
void modsdk_transformation_error_operation_name_must_be_letters_digits_or_underscores();

constexpr bool trans_word(std::string_view n) noexcept {
  if (n.empty() || n.size() > 64) return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}
/// The core's own classes (transformations.c core_trans), searched before a module's: a module class of
/// one of these names would never be reached.
constexpr bool core_trans_class(std::string_view n) noexcept {
  for (std::string_view c : {"s", "uri", "via", "param", "nameaddr", "ip", "csv", "sdp", "re"}) {
    bool same = c.size() == n.size();
    for (std::size_t i = 0; same && i < c.size(); ++i) same = (c[i] | 0x20) == (n[i] | 0x20);
    if (same) return true;
  }
  return false;
}

template <class F>
struct trans_fn : trans_fn<decltype(&F::operator())> {};
template <class R, class... A>
struct trans_fn<R (*)(A...)> {
  using ret = R;
  using args = std::tuple<std::remove_cvref_t<A>...>;
};
template <class R, class... A>
struct trans_fn<R (*)(A...) noexcept> : trans_fn<R (*)(A...)> {};
template <class C, class R, class... A>
struct trans_fn<R (C::*)(A...) const> : trans_fn<R (*)(A...)> {};
template <class C, class R, class... A>
struct trans_fn<R (C::*)(A...) const noexcept> : trans_fn<R (*)(A...)> {};

template <class T>
struct trans_opt : std::false_type {
  using type = T;
};
template <class T>
struct trans_opt<std::optional<T>> : std::true_type {
  using type = T;
};
template <class T>
inline constexpr bool trans_scalar = std::is_same_v<T, int> || std::is_same_v<T, std::string_view>;
template <class R>
inline constexpr bool trans_result_ok =
    std::is_same_v<typename trans_opt<R>::type, int> || std::is_same_v<typename trans_opt<R>::type, std::string_view> ||
    std::is_same_v<typename trans_opt<R>::type, std::string>;

/// The value a function taking V gets from the core's value, or false (logged) when it does not fit.
template <class V>
bool trans_input(const abi::pv_value& v, V& out, char (&buf)[16], const char* op) noexcept {
  if constexpr (std::is_same_v<V, int>) {
    if (v.flags & abi::pv_val_int) {
      out = v.ri;
      return true;
    }
    const std::string_view t = v.rs.s ? std::string_view(v.rs.s, static_cast<std::size_t>(v.rs.len)) : "";
    if (trans_int(t, out)) return true;
    log::write_for(log::level::error, "transformation", "transformation {} takes an int, not the text \"{}\"", op, t);
    return false;
  } else {
    if ((v.flags & abi::pv_val_str) && v.rs.s) {
      out = std::string_view(v.rs.s, static_cast<std::size_t>(v.rs.len));
      return true;
    }
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.ri);
    (void)ec;
    out = std::string_view(buf, static_cast<std::size_t>(end - buf));
    return true;
  }
}

/// Puts an operation's result in the core's value (text of an int in a rotating buffer, as the core's
/// transformations keep theirs).
template <class R>
void trans_output(R&& r, abi::pv_value* val) {
  using T = std::remove_cvref_t<R>;
  if constexpr (trans_opt<T>::value) {
    if (!r) {
      *val = {};
      val->flags = abi::pv_val_null;
      return;
    }
    trans_output(*std::forward<R>(r), val);
  } else if constexpr (std::is_same_v<T, int>) {
    static char bufs[8][16];
    static unsigned next = 0;
    char* b = bufs[next++ % 8];
    auto [end, ec] = std::to_chars(b, b + 16, r);
    (void)ec;
    *val = {};
    val->ri = r;
    val->rs = {b, static_cast<int>(end - b)};
    val->flags = abi::pv_val_int | abi::pv_type_int | abi::pv_val_str;
  } else {
    std::string_view s;
    if constexpr (std::is_same_v<T, std::string>)
      s = hold_trans_text(std::string(std::forward<R>(r)));
    else
      s = r;
    *val = {};
    val->rs = {const_cast<char*>(s.data()), static_cast<int>(s.size())};  // NOLINT(*-const-cast): read only
    val->flags = abi::pv_val_str;
  }
}

/// Parameter i of one use: the literal parsed at startup, or the variable's value now, typed as a
/// literal would be. false (logged) when the variable's value cannot become P; a NULL (or unreadable)
/// variable is nullopt for an optional parameter.
template <class P>
bool trans_param(abi::sip_msg* msg, const trans_args& a, int i, P& out, char (&num)[16], const char* op) noexcept {
  using T = typename trans_opt<P>::type;
  if (i >= a.count) {
    if constexpr (trans_opt<P>::value) out = std::nullopt;
    return trans_opt<P>::value;
  }
  abi::pv_spec* spec = a.specs[i];
  if (!spec) {
    if constexpr (std::is_same_v<T, int>)
      out = P(a.ints[i]);
    else
      out = P(a.str(i));
    return true;
  }
  abi::pv_value v{};
  if (!pv::read(msg, spec, v)) {
    if constexpr (trans_opt<P>::value) {
      out = std::nullopt;
      return true;
    } else {
      log::write_for(log::level::error, "transformation", "transformation {}: parameter {} ({}) is NULL, not {}", op,
                     i + 1, a.str(i), std::is_same_v<T, int> ? "an int" : "a string");
      return false;
    }
  }
  if constexpr (std::is_same_v<T, int>) {
    int n = 0;
    if (pv::is_int(v)) {
      n = v.ri;
    } else if (!trans_int(pv::text_of(v), n)) {
      log::write_for(log::level::error, "transformation", "transformation {}: parameter {} ({}) is \"{}\", not an int",
                     op, i + 1, a.str(i), pv::text_of(v));
      return false;
    }
    out = P(n);
  } else if (pv::has_str(v)) {
    out = P(pv::text_of(v));
  } else {
    auto [end, ec] = std::to_chars(num, num + sizeof num, v.ri);
    (void)ec;
    out = P(std::string_view(num, static_cast<std::size_t>(end - num)));
  }
  return true;
}
}  // namespace detail

/// One operation of the module's transformation class: `transformation<fn>{"name"}` (see the file's
/// comment for the function's shape).
template <auto F>
struct transformation : detail::trans_op_def {
 private:
  using fn = detail::trans_fn<decltype(F)>;
  using args = typename fn::args;
  static constexpr std::size_t arity = std::tuple_size_v<args>;
  static_assert(arity >= 1,
                "modsdk: transformation<f>: f takes the value first (int or std::string_view), then the "
                "operation's parameters");
  using in_t = std::tuple_element_t<0, args>;
  static_assert(detail::trans_scalar<in_t>,
                "modsdk: transformation<f>: the value (f's first parameter) is int or std::string_view");
  static_assert(arity - 1 <= detail::max_trans_params, "modsdk: transformation<f>: at most 8 parameters");
  static_assert(detail::trans_result_ok<std::remove_cvref_t<typename fn::ret>>,
                "modsdk: transformation<f>: f returns int, std::string_view, std::string, or a std::optional of "
                "one (nullopt gives NULL)");

  template <std::size_t... I>
  static consteval bool params_ok(std::index_sequence<I...>) {
    bool seen_optional = false, ok = true;
    (void)seen_optional;
    ((ok = ok && detail::trans_scalar<typename detail::trans_opt<std::tuple_element_t<I + 1, args>>::type> &&
           !(seen_optional && !detail::trans_opt<std::tuple_element_t<I + 1, args>>::value),
      seen_optional = seen_optional || detail::trans_opt<std::tuple_element_t<I + 1, args>>::value),
     ...);
    return ok;
  }
  static_assert(params_ok(std::make_index_sequence<arity - 1>{}),
                "modsdk: transformation<f>: f's parameters after the value are int, std::string_view, or trailing "
                "std::optional<int> / std::optional<std::string_view> (parameters the cfg may leave out)");

  template <std::size_t... I>
  static int call(abi::sip_msg* msg, const detail::trans_args& a, abi::pv_value* val, const char* name,
                  std::index_sequence<I...>) {
    if (val->flags & abi::pv_val_null) return 0;
    in_t in{};
    char buf[16];
    if (!detail::trans_input(*val, in, buf, name)) return -1;
    std::tuple<std::tuple_element_t<I + 1, args>...> ps{};
    char nums[sizeof...(I) + 1][16];
    (void)nums;
    (void)msg;
    if (!(detail::trans_param(msg, a, static_cast<int>(I), std::get<I>(ps), nums[I], name) && ...)) return -1;
    detail::trans_output(F(in, std::get<I>(ps)...), val);
    return 0;
  }
  static int eval(abi::sip_msg* msg, const detail::trans_args& a, abi::pv_value* val, const char* op) noexcept;

  template <std::size_t... I>
  static consteval int required(std::index_sequence<I...>) {
    int n = 0;
    ((n += detail::trans_opt<std::tuple_element_t<I + 1, args>>::value ? 0 : 1), ...);
    return n;
  }
  template <std::size_t... I>
  static consteval trans_op_def make(const char* name, std::index_sequence<I...>) {
    trans_op_def d{};
    d.name = name;
    d.min_params = required(std::index_sequence<I...>{});
    d.max_params = static_cast<int>(arity - 1);
    ((d.kinds[I] = std::is_same_v<typename detail::trans_opt<std::tuple_element_t<I + 1, args>>::type, int>
                       ? detail::trans_param_kind::integer
                       : detail::trans_param_kind::text),
     ...);
    d.eval = &eval;
    d.signature = signature_v;
    using R = std::remove_cvref_t<typename fn::ret>;
    d.value_type = std::is_same_v<in_t, int> ? "int" : "string";
    d.result_type = std::is_same_v<typename detail::trans_opt<R>::type, int> ? "int" : "string";
    d.nullable = detail::trans_opt<R>::value;
    return d;
  }
  static constexpr const char* signature_v = [] {
    if constexpr (arity == 1)
      return "none";
    else if constexpr (arity == 2)
      return std::is_same_v<typename detail::trans_opt<std::tuple_element_t<1, args>>::type, int> ? "int" : "string";
    else
      return "see the module's reference";
  }();

 public:
  /// `name`: the operation, as the cfg writes it after the class: `{class.name,...}`.
  consteval explicit transformation(const char* name)
      : trans_op_def(make(checked(name), std::make_index_sequence<arity - 1>{})) {}

 private:
  static consteval const char* checked(const char* name) {
    if (!name || !detail::trans_word(name))
      detail::modsdk_transformation_error_operation_name_must_be_letters_digits_or_underscores();
    return name;
  }
};

template <auto F>
int transformation<F>::eval(abi::sip_msg* msg, const detail::trans_args& a, abi::pv_value* val,
                            const char* op) noexcept {
  return detail::firewall([&] { return call(msg, a, val, op, std::make_index_sequence<arity - 1>{}); },
                          [&](const char* what) {
                            detail::log_trans_failure(op, what);
                            return -1;
                          });
}

/// The module's transformation class: `modsdk::transformations("class", modsdk::transformation<f>{"op"}, ...)`.
template <class... T>
constexpr auto transformations(const char* class_name, T... ops) {
  static_assert((std::is_base_of_v<detail::trans_op_def, T> && ...),
                "modsdk: transformations(\"class\", ...) takes modsdk::transformation<f>{\"op\"} values");
  static_assert(sizeof...(T) > 0, "modsdk: transformations() needs at least one modsdk::transformation");
  if (!class_name || !detail::trans_word(class_name) || detail::core_trans_class(class_name))
    detail::modsdk_transformation_error_class_must_be_letters_digits_or_underscores_and_not_a_core_class();
  return detail::transformations_section<sizeof...(T)>{class_name,
                                                       static_cast<int>(std::char_traits<char>::length(class_name)),
                                                       {static_cast<const detail::trans_op_def&>(ops)...}};
}

MODSDK_END_NAMESPACE
