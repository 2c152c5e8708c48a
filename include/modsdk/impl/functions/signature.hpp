// SPDX-License-Identifier: MIT
// Reading a C++ function type as a script function (message parameter, async
// context, script parameters, return type), the rules it must follow, and for an overload set the
// single export the core sees (longest signature, optional tail).
#pragma once
#include <algorithm>
#include <cstddef>
#include <modsdk/config.hpp>
#include <tuple>
#include <type_traits>

#include <modsdk/async_context.hpp>
#include <modsdk/impl/functions/arguments.hpp>
#include <modsdk/impl/functions/errors.hpp>
#include <modsdk/message.hpp>
#include <modsdk/result.hpp>
#include <modsdk/route.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn {

template <std::size_t I, class... T>
using nth_type = std::tuple_element_t<I, std::tuple<T...>>;

template <std::size_t I, auto... V>
struct nth_value;
template <auto H, auto... T>
struct nth_value<0, H, T...> {
  static constexpr auto value = H;
};
template <std::size_t I, auto H, auto... T>
struct nth_value<I, H, T...> : nth_value<I - 1, T...> {};

template <class F>
struct sig;
template <class R, class... A>
struct sig<R (*)(A...)> {
  using ret = R;
  static constexpr std::size_t size = sizeof...(A);
  template <std::size_t I>
  using arg = nth_type<I, A...>;
};
template <class R, class... A>
struct sig<R (*)(A...) noexcept> : sig<R (*)(A...)> {};

/// The message parameter a function takes, and the routes it allows (the core checks them at startup).
enum class context_kind { none, message, request, reply };

template <class A>
inline constexpr bool is_message_type =
    std::is_same_v<std::remove_cvref_t<A>, modsdk::message> ||
    std::is_same_v<std::remove_cvref_t<A>, modsdk::request> || std::is_same_v<std::remove_cvref_t<A>, modsdk::reply>;

template <class A>
constexpr context_kind context_of() {
  using U = std::remove_cvref_t<A>;
  if constexpr (std::is_lvalue_reference_v<A>) {
    if constexpr (std::is_same_v<U, modsdk::message>) return context_kind::message;
    if constexpr (std::is_same_v<U, modsdk::request>) return context_kind::request;
    if constexpr (std::is_same_v<U, modsdk::reply>) return context_kind::reply;
  }
  return context_kind::none;
}

/// Routes whose message fits the parameter. request: the request route and its sub-routes, failure
/// routes (the transaction's request), branch routes (the branch request), local routes (tm's own
/// requests) and the error route (almost always a request; the trampoline checks). reply: onreply.
/// message: both. No message parameter: every route, including startup/timer/event.
constexpr route_mask allowed_routes(context_kind c) {
  switch (c) {
    case context_kind::message:
      return route::request | route::failure | route::onreply | route::branch | route::error | route::local;
    case context_kind::request:
      return route::request | route::failure | route::branch | route::error | route::local;
    case context_kind::reply:
      return route::onreply;
    default:
      return route::all;
  }
}

template <context_kind C>
using context_type = std::conditional_t<C == context_kind::request, modsdk::request,
                                        std::conditional_t<C == context_kind::reply, modsdk::reply, modsdk::message>>;

/// Everything modsdk reads from one function pointer.
template <auto Fn>
struct fn_info {
  using S = sig<decltype(Fn)>;
  using R = typename S::ret;
  static constexpr std::size_t all = S::size;
  static constexpr context_kind ctx = [] {
    if constexpr (all > 0)
      return context_of<typename S::template arg<0>>();
    else
      return context_kind::none;
  }();
  static constexpr std::size_t ctx_n = ctx == context_kind::none ? 0 : 1;
  static constexpr bool is_async = [] {
    if constexpr (all > ctx_n)
      return std::is_same_v<typename S::template arg<ctx_n>, async_context&>;
    else
      return false;
  }();
  static constexpr std::size_t skip = ctx_n + (is_async ? 1 : 0);
  static constexpr std::size_t arity = all - skip;
  template <std::size_t I>
  using script_arg = typename S::template arg<skip + I>;
  /// Script parameters before the first std::optional one.
  static constexpr std::size_t mandatory = []<std::size_t... I>(std::index_sequence<I...>) {
    std::size_t m = arity;
    ((m == arity && is_optional_v<script_arg<I>> ? (m = I) : 0), ...);
    return m;
  }
  (std::make_index_sequence<arity>{});
};

// ---- rules --------------------------------------------------------------------------------------

enum class rule {
  none,
  return_type,
  message_by_value,
  message_not_first,
  async_misplaced,
  unsupported_type,
  non_const_reference,
  overaligned,
  convert_mistake,
  optional_before_mandatory,
  too_many,
  eighth_not_variable,
  overload_messages,
  overload_prefix,
  ambiguous,
  gap,
  wider_mask,
  empty_mask,
};

struct violation {
  rule what = rule::none;
  std::size_t fn = 0;        // index in the overload set
  std::size_t position = 0;  // 1-based C++ parameter position (or an argument count, for ambiguous/gap)
  constexpr bool ok() const { return what == rule::none; }
};

template <class R>
inline constexpr bool supported_return =
    std::is_void_v<R> || std::is_same_v<R, bool> || std::is_same_v<R, int> || std::is_same_v<R, modsdk::result>;

/// The first rule function number `K` of the set breaks, in declaration order.
template <auto Fn, std::size_t K>
constexpr violation check_function() {
  using I = fn_info<Fn>;
  using S = typename I::S;
  if constexpr (!supported_return<typename I::R>)
    return {rule::return_type, K, 0};
  else {
    violation v{};
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      auto one = [&]<std::size_t P>() {
        if (!v.ok()) return;
        using A = typename S::template arg<P>;
        if constexpr (is_message_type<A>) {
          if (P != 0)
            v = {rule::message_not_first, K, P + 1};
          else if (!std::is_lvalue_reference_v<A>)
            v = {rule::message_by_value, K, P + 1};
        } else if constexpr (std::is_same_v<std::remove_cvref_t<A>, async_context>) {
          if (P != I::ctx_n || !std::is_same_v<A, async_context&>) v = {rule::async_misplaced, K, P + 1};
        } else {
          constexpr kind k = param_kind<A>();
          if (k == kind::unsupported || k == kind::nested_optional)
            v = {rule::unsupported_type, K, P + 1};
          else if (k == kind::non_const_reference)
            v = {rule::non_const_reference, K, P + 1};
          else if (k == kind::overaligned)
            v = {rule::overaligned, K, P + 1};
          else if (k == kind::convert_mistake)
            v = {rule::convert_mistake, K, P + 1};
        }
      };
      (one.template operator()<J>(), ...);
      (void)one;
    }
    (std::make_index_sequence<I::all>{});
    if (!v.ok()) return v;
    // optional parameters only at the tail
    [&]<std::size_t... J>(std::index_sequence<J...>) {
      ((v.ok() && J > I::mandatory && !is_optional_v<typename I::template script_arg<J>>
            ? void(v = {rule::optional_before_mandatory, K, I::skip + J + 1})
            : void()),
       ...);
    }
    (std::make_index_sequence<I::arity>{});
    if (!v.ok()) return v;
    if (I::arity > abi::max_cmd_params) return {rule::too_many, K, I::arity};
    if constexpr (I::arity == abi::max_cmd_params) {
      if (uses_value_array(param_kind<typename I::template script_arg<abi::max_cmd_params - 1>>()))
        return {rule::eighth_not_variable, K, I::skip + abi::max_cmd_params};
    }
    return v;
  }
}

/// Sentinel route mask: "derive it from the message parameter".
inline constexpr route_mask deduce_mask{-1};

/// An overload set (one function is a set of one): index of the longest member.
template <auto... Fns>
constexpr std::size_t longest_index() {
  std::size_t best = 0, i = 0, n = 0;
  ((fn_info<Fns>::arity > n || i == 0 ? (best = i, n = fn_info<Fns>::arity, ++i) : ++i), ...);
  return best;
}

/// The first rule the set breaks: each member's own rules, then the set's, then the route mask.
template <route_mask Mask, auto... Fns>
constexpr violation check_set() {
  violation v{};
  [&]<std::size_t... K>(std::index_sequence<K...>) { ((v.ok() ? void(v = check_function<Fns, K>()) : void()), ...); }
  (std::make_index_sequence<sizeof...(Fns)>{});
  if (!v.ok()) return v;

  constexpr std::size_t L = longest_index<Fns...>();
  using Long = fn_info<nth_value<L, Fns...>::value>;
  if constexpr (sizeof...(Fns) > 1) {
    // same message parameter and async-ness; shorter ones are prefixes of the longest
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      auto one = [&]<std::size_t Kx>() {
        using I = fn_info<nth_value<Kx, Fns...>::value>;
        if (!v.ok()) return;
        if (I::ctx != Long::ctx || I::is_async != Long::is_async) {
          v = {rule::overload_messages, Kx, 0};
          return;
        }
        [&]<std::size_t... J>(std::index_sequence<J...>) {
          ((v.ok() && !std::is_same_v<value_t<typename I::template script_arg<J>>,
                                      value_t<typename Long::template script_arg<J>>>
                ? void(v = {rule::overload_prefix, Kx, I::skip + J + 1})
                : void()),
           ...);
        }
        (std::make_index_sequence<I::arity>{});
      };
      (one.template operator()<K>(), ...);
      (void)one;
    }
    (std::make_index_sequence<sizeof...(Fns)>{});
    if (!v.ok()) return v;
    // every argument count from the smallest minimum to the longest arity: exactly one taker
    constexpr std::size_t lo = std::min({fn_info<Fns>::mandatory...});
    for (std::size_t n = lo; n <= Long::arity && v.ok(); ++n) {
      const int takers = ((fn_info<Fns>::mandatory <= n && n <= fn_info<Fns>::arity ? 1 : 0) + ...);
      if (takers > 1)
        v = {rule::ambiguous, 0, n};
      else if (takers == 0)
        v = {rule::gap, 0, n};
    }
    if (!v.ok()) return v;
  }
  if constexpr (!(Mask == deduce_mask)) {
    if (Mask.bits == 0) return {rule::empty_mask, 0, 0};
    if (!allowed_routes(Long::ctx).contains(Mask) || (Mask.bits & ~route::all.bits) != 0)
      return {rule::wider_mask, 0, 0};
  }
  return v;
}

/// Instantiates the error class of `v` (one static_assert fires, naming the function and position).
template <fixed_string F, route_mask Mask, violation V, auto... Fns>
constexpr void raise() {
  using I = fn_info<nth_value<V.fn, Fns...>::value>;
  using S = typename I::S;
  constexpr std::size_t P = V.position;
  constexpr auto arg_at = []<std::size_t Q>() {
    if constexpr (Q >= 1 && Q <= S::size)
      return std::type_identity<typename S::template arg<Q - 1>>{};
    else
      return std::type_identity<void>{};
  };
  using A = typename decltype(arg_at.template operator()<P>())::type;
  if constexpr (V.what == rule::return_type)
    (void)error::unsupported_return_type<F, typename I::R>::fired;
  else if constexpr (V.what == rule::message_by_value)
    (void)error::message_parameter_by_value<F, P, A>::fired;
  else if constexpr (V.what == rule::message_not_first)
    (void)error::message_parameter_not_first<F, P, A>::fired;
  else if constexpr (V.what == rule::async_misplaced)
    (void)error::async_context_misplaced<F, P>::fired;
  else if constexpr (V.what == rule::unsupported_type)
    (void)error::unsupported_parameter_type<F, P, A>::fired;
  else if constexpr (V.what == rule::non_const_reference)
    (void)error::parameter_is_a_non_const_reference<F, P, A>::fired;
  else if constexpr (V.what == rule::overaligned)
    (void)error::overaligned_parameter_type<F, P, A>::fired;
  else if constexpr (V.what == rule::convert_mistake)
    (void)error::convert_mistake_in_parameter_type<F, P, value_t<A>>::fired;
  else if constexpr (V.what == rule::optional_before_mandatory)
    (void)error::optional_parameter_before_mandatory<F, P, A>::fired;
  else if constexpr (V.what == rule::too_many)
    (void)error::too_many_parameters<F, P>::fired;
  else if constexpr (V.what == rule::eighth_not_variable)
    (void)error::eighth_parameter_must_be_a_variable<F, A>::fired;
  else if constexpr (V.what == rule::overload_messages)
    (void)error::overloads_take_different_messages<F, V.fn + 1>::fired;
  else if constexpr (V.what == rule::overload_prefix)
    (void)error::overload_is_not_a_prefix<F, V.fn + 1, P>::fired;
  else if constexpr (V.what == rule::ambiguous)
    (void)error::ambiguous_overloads<F, P>::fired;
  else if constexpr (V.what == rule::gap)
    (void)error::overloads_leave_a_gap<F, P>::fired;
  else if constexpr (V.what == rule::empty_mask)
    (void)error::empty_route_mask<F>::fired;
  else if constexpr (V.what == rule::wider_mask) {
    using Long = fn_info<nth_value<longest_index<Fns...>(), Fns...>::value>;
    (void)error::route_mask_wider_than_message_parameter<F, Mask, allowed_routes(Long::ctx)>::fired;
  }
}

}  // namespace detail::fn
MODSDK_END_NAMESPACE
