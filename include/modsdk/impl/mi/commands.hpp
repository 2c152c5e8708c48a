// SPDX-License-Identifier: MIT
// MI commands: one handler's signature checks, recipes and per-recipe trampolines (handler<F>), and a
// command (MODSDK_MI / MODSDK_MI_OVERLOADS) joining the recipes of its handlers.
#pragma once
#include <array>
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/impl/mi/async.hpp>
#include <modsdk/impl/mi/params.hpp>
#include <modsdk/impl/mi/recipes.hpp>
#include <modsdk/impl/mi/response.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::mi {

/// One MI handler: its parameters, recipes and per-recipe trampolines.
template <auto F>
struct handler {
  using traits = fn_traits<decltype(F)>;
  static_assert(traits::is_function,
                "modsdk: MODSDK_MI(cmd, handler, \"help\"): handler must name one function (not an overload set, a "
                "lambda or a member); for several signatures use MODSDK_MI_OVERLOADS(cmd, \"help\", f1, f2)");

  template <std::size_t I>
  using param_t = std::tuple_element_t<I, typename traits::params>;

  /// Whether the handler answers later: its last parameter is modsdk::mi_async.
  static constexpr bool takes_async = [] {
    if constexpr (traits::is_function && traits::arity > 0)
      return std::is_same_v<std::tuple_element_t<traits::arity - 1, typename traits::params>, mi_async>;
    else
      return false;
  }();

  /// The MI parameters (the trailing mi_async, if any, is not one).
  static constexpr std::size_t arity = [] {
    if constexpr (traits::is_function)
      return traits::arity - (takes_async ? 1 : 0);
    else
      return std::size_t{0};
  }();

  static constexpr bool params_are_mi_params = []<std::size_t... I>(std::index_sequence<I...>) {
    return (is_param<param_t<I>>::value && ...);
  }
  (std::make_index_sequence<arity>{});
  static_assert(params_are_mi_params,
                "modsdk: MI handler parameters must be modsdk::mi_param<T, \"name\"> (the name is what MI clients "
                "pass), e.g. modsdk::mi_param<int, \"count\">");

  template <std::size_t I>
  static constexpr bool readable() {
    if constexpr (is_param<param_t<I>>::value)
      return text_readable<typename optional_inner<typename param_t<I>::value_type>::type>;
    else
      return true;
  }
  static constexpr bool params_readable = []<std::size_t... I>(std::index_sequence<I...>) {
    return (readable<I>() && ...);
  }
  (std::make_index_sequence<arity>{});
  static_assert(params_readable,
                "modsdk: an MI parameter type cannot be read from MI text: use std::string_view, std::string, an "
                "integer, bool, an enum with modsdk::enum_names, a duration, a type with modsdk::convert<T>, or "
                "std::optional of one");

  static_assert(arity <= static_cast<std::size_t>(max_params),
                "modsdk: an MI handler has more parameters than the target's MI recipes hold (9 up to 3.6, 19 from "
                "4.0)");

  using result = typename traits::result;
  static_assert(takes_async == std::is_same_v<result, mi_later>,
                "modsdk: an MI handler that answers later takes modsdk::mi_async as its last parameter and returns "
                "modsdk::mi_later (`return reply.later();`), then completes with modsdk::mi_complete(token, reply)");
  static_assert(takes_async || std::is_void_v<result> || returnable<result>,
                "modsdk: an MI handler must return void, a string, a number, bool, std::optional of those, "
                "modsdk::mi_object, modsdk::mi_array, modsdk::mi_error or modsdk::mi_result");

  static constexpr bool valid = traits::is_function && params_are_mi_params && params_readable;

  template <std::size_t I>
  static constexpr const char* name_of() {
    if constexpr (valid)
      return param_t<I>::c_name;
    else
      return "";
  }
  template <std::size_t I>
  static constexpr bool optional_at() {
    if constexpr (valid)
      return optional_inner<typename param_t<I>::value_type>::is_optional;
    else
      return false;
  }
  static constexpr std::array<const char*, arity> names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<const char*, arity>{name_of<I>()...};
  }
  (std::make_index_sequence<arity>{});
  static constexpr unsigned optional_mask = []<std::size_t... I>(std::index_sequence<I...>) {
    return ((optional_at<I>() ? (1u << I) : 0u) | ... | 0u);
  }
  (std::make_index_sequence<arity>{});
  static constexpr unsigned all_mask = arity >= 32 ? ~0u : (1u << arity) - 1u;

  static constexpr bool names_unique = [] {
    for (std::size_t i = 0; i < arity; ++i) {
      if (!*names[i]) return false;
      for (std::size_t j = 0; j < i; ++j)
        if (streq(names[i], names[j])) return false;
    }
    return true;
  }();
  static_assert(names_unique, "modsdk: an MI handler has two parameters with the same name (or an empty name)");

  static constexpr int optional_count = popcount(optional_mask);
  static_assert(optional_count <= 5,
                "modsdk: an MI handler has more than 5 std::optional parameters (each doubles "
                "the recipes the core must hold; it holds 47)");
  static constexpr std::size_t recipe_count = std::size_t{1} << optional_count;
  static constexpr unsigned present(std::size_t r) {
    return (all_mask & ~optional_mask) | deposit(unsigned(r), optional_mask);
  }

  template <unsigned Mask>
  static abi::mi_response* trampoline(const abi::mi_params_t* ps, abi::mi_handler* hdl) noexcept {
    if constexpr (takes_async)
      if (!hdl) return error_response(500, "this command answers asynchronously; the MI transport does not support it");
    return firewall(
        [ps, hdl] {
          return [ ps, hdl ]<std::size_t... I>(std::index_sequence<I...>)->abi::mi_response* {
            (void)hdl;  // read only by an async handler
            std::tuple<std::optional<param_t<I>>...> args;
            abi::mi_response* err = nullptr;
            if (!(read_param(ps, ((Mask >> I) & 1u) != 0, std::get<I>(args), err) && ...)) return err;
            if constexpr (takes_async) {
              F(std::move(*std::get<I>(args))..., mi_async(hdl));
              return reinterpret_cast<abi::mi_response*>(-1);  // NOLINT(performance-no-int-to-ptr): MI_ASYNC_RPL
            } else if constexpr (std::is_void_v<result>) {
              F(std::move(*std::get<I>(args))...);
              return abi::init_mi_result_string("OK", 2);
            } else {
              return to_response(F(std::move(*std::get<I>(args))...));
            }
          }
          (std::make_index_sequence<arity>{});
        },
        [](const char* what) {
          if (!what) {
            log::write_for(log::level::error, "mi", "MI command failed: unknown exception");
            return error_response(500, "unknown exception");
          }
          log::write_for(log::level::error, "mi", "MI command failed: exception: {}", what);
          return error_response(500, what);
        });
  }

  static constexpr std::array<recipe_desc, recipe_count> recipes() {
    std::array<recipe_desc, recipe_count> out{};
    if constexpr (valid) {
      [&]<std::size_t... R>(std::index_sequence<R...>) { ((out[R].cmd = &trampoline<present(R)>), ...); }
      (std::make_index_sequence<recipe_count>{});
      for (std::size_t r = 0; r < recipe_count; ++r) {
        const unsigned m = present(r);
        for (std::size_t i = 0; i < arity; ++i)
          if (m & (1u << i)) out[r].names[static_cast<std::size_t>(out[r].count++)] = names[i];
      }
    }
    return out;
  }
};

/// One MI command (MODSDK_MI / MODSDK_MI_OVERLOADS): its name, help and handlers.
template <auto... F>
struct command {
  static_assert(sizeof...(F) >= 1, "modsdk: an MI command needs a handler");
  const char* name;
  const char* help;

  static constexpr std::size_t recipe_count = (handler<F>::recipe_count + ...);
  /// MI_ASYNC_RPL_FLAG when a handler answers later.
  static constexpr unsigned flags = ((handler<F>::takes_async ? abi::mi_async_rpl_flag : 0u) | ...);
  static constexpr std::array<recipe_desc, recipe_count> recipes() {
    std::array<recipe_desc, recipe_count> out{};
    std::size_t at = 0;
    (
        [&] {
          for (const auto& r : handler<F>::recipes()) out[at++] = r;
        }(),
        ...);
    return out;
  }
  static constexpr bool recipes_distinct() {
    constexpr auto rs = recipes();
    for (std::size_t i = 0; i < rs.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (same_name_set(rs[i], rs[j])) return false;
    return true;
  }
};

template <class T>
struct is_command : std::false_type {};
template <auto... F>
struct is_command<command<F...>> : std::true_type {};

constexpr const char* help_text() noexcept { return ""; }
constexpr const char* help_text(const char* h) noexcept { return h ? h : ""; }

}  // namespace detail::mi
MODSDK_END_NAMESPACE
