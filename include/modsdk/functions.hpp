// SPDX-License-Identifier: MIT
/// @file Script functions: typed C++ functions the OpenSIPS script calls. modsdk reads each function's
/// signature at compile time and generates the core's `cmd_export_t` entry: parameter flags, fixups
/// (and their free_fixups), the route mask, and a noexcept trampoline.
///
///     bool new_function(modsdk::message& msg, std::string_view text);
///     bool new_function(modsdk::message& msg);
///     int  count(std::optional<int> n);                     // no message: allowed in every route
///     modsdk::result check(modsdk::request&, modsdk::variable out, my_type t);
///
///     MODSDK_MODULE(new_module,
///       modsdk::functions(
///         MODSDK_OVERLOADS(new_function, modsdk::route::request | modsdk::route::onreply,
///                          bool(modsdk::message&, std::string_view), bool(modsdk::message&)),
///         MODSDK_FN(count),
///         MODSDK_FN(check, modsdk::route::request)));
///
/// ## Entries
/// - `MODSDK_FN(f)`, `MODSDK_FN(f, mask)`: exports `f` under its unqualified name (`MODSDK_FN(ns::f)` is
///   "f" in the script). `f` must name one function; for an overloaded name use MODSDK_OVERLOADS.
/// - `MODSDK_OVERLOADS(f, sig...)`, `MODSDK_OVERLOADS(f, mask, sig...)`: an overload set, each overload
///   named by its function type (`bool(modsdk::message&, int)`); the optional mask comes first. The core
///   has no overloading, so the set becomes ONE export with the longest signature, its extra parameters
///   optional, and modsdk calls the overload whose parameter count matches the arguments given. Shorter
///   overloads must be prefixes of the longest (same types, std::optional aside), every count from the
///   fewest to the most arguments must be taken by exactly one overload, and all take the same message
///   parameter. Each rule is a compile error.
///
/// ## Parameters (what the script must pass, what the core puts in the slot, what you get)
/// | C++ parameter                 | CMD_PARAM_*     | script argument                         | notes |
/// |-------------------------------|-----------------|-----------------------------------------|-------|
/// | `int`                         | INT             | `5`, `-1`, or a variable holding an int | |
/// | other integers (`unsigned`, `std::uint16_t`, `long`...) | INT + range check | same | out of range: startup error
/// (literal), or the call is skipped (variable) | | `std::string_view`            | STR             | `"text"`,
/// `"formatted $ru"`, a variable | NOT NUL-terminated; valid during the call | | `modsdk::static_str`          | STR,
/// STATIC     | a literal only (startup checks)          | NUL-terminated | | `modsdk::raw_str`             | STR,
/// NO_EXPAND  | `"$ taken literally"`, or a variable     | | | `modsdk::regex`               | REGEX           |
/// `"^sip:.*"` (compiled at startup) or a variable | | | `modsdk::variable`            | VAR             | a bare
/// variable: `$var(x)`, `$avp(y)`   | read, write, unset it | | `modsdk::writable_variable`   | VAR + check     | a
/// variable the script can assign         | startup error otherwise | | `T` / `const T&` with `modsdk::convert<T>` |
/// STR (INT when T converts only from int) | the text of a T | parsed by a generated fixup: once at startup for a
/// literal (a bad one stops startup, naming the function, argument and value), per call for a variable or format (a bad
/// value skips the call) | | `std::optional<P>`            | P's, plus OPT   | may be left out: `f()`, `f(a, , c)` |
/// only at the end of the list |
///
/// First parameter (optional), the message the function runs on, and the routes it allows by default:
/// | first parameter     | routes (`modsdk::route::...`)                     |
/// |---------------------|---------------------------------------------------|
/// | `modsdk::message&`  | request, failure, onreply, branch, error, local   |
/// | `modsdk::request&`  | request, failure, branch, error, local            |
/// | `modsdk::reply&`    | onreply                                           |
/// | none                | every route (also startup, timer, event)          |
/// failure routes run on the transaction's request, branch and local routes on requests, the error
/// route almost always on a request (the trampoline refuses a request& call on a reply, and the
/// reverse, with an error log and -1). An explicit mask may narrow this set; one that widens it does
/// not compile.
///
/// `bool` and enums (modsdk::enum_names) are convert<T> types, so text: `f("yes")`, `f("tcp")`.
///
/// Limits (compile errors): at most 8 script parameters, the 8th only a modsdk::variable (the core
/// copies int/string/regex arguments into an array of 7); std::optional only at the end.
///
/// ## Errors
/// A misuse is one `static_assert` ("modsdk: ..."); the error's class template arguments say where:
/// `unsupported_parameter_type<fixed_string<4>{"bad"}, 2, double>` is parameter 2 (1-based, counting
/// the message parameter) of `bad`. Run-time lines name the script argument the way the core's own
/// "Param [N]" lines do: `parameter 1 of f_port(): "99999" is not a port number from 1 to 65535`.
///
/// ## Return values
/// `bool` (1 / -1), `void` (1), `int` (as is; 0 is logged and returned as -1, since 0 stops the script),
/// `modsdk::result` (ok / fail / code(n) / stop - the only way to stop the script). See modsdk/result.hpp.
/// An exception leaving the function is logged with the function's name and returns
/// MODSDK_EXCEPTION_RESULT (-1 by default).
///
/// ## Costs
/// The function pointer is a template argument of its trampoline, so the call inlines. int, strings,
/// regex, variables and std::optional of them cost no allocation per call; convert<T> types given through a
/// variable cost one pkg allocation per call (freed by the generated free_fixup after the call). When a
/// later argument fails to evaluate, the core skips both the call and its free_fixups; modsdk frees such
/// orphaned values at the next fixup, or the next call of a function with convert<T> parameters
/// (impl/functions/fixup_values.hpp).
///
/// Async functions (they take `modsdk::async_context&`) go in `modsdk::async_functions(...)`, see
/// modsdk/async.hpp.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/async_context.hpp>
#include <modsdk/impl/functions/section.hpp>
#include <modsdk/result.hpp>
#include <modsdk/route.hpp>
#include <modsdk/types.hpp>

MODSDK_BEGIN_NAMESPACE

/// The module's script functions: MODSDK_FN(f) and MODSDK_OVERLOADS(f, ...) entries.
template <class... E>
constexpr auto functions(E...) noexcept {
  if constexpr (detail::fn::check_section<false, E...>())
    return detail::fn::functions_section<E...>{};
  else
    return detail::fn::functions_section<>{};  // an error was reported: keep the rest quiet
}

MODSDK_END_NAMESPACE

/// Exports function `f` (its unqualified name is the script name), optionally with a route mask
/// narrower than its message parameter allows: `MODSDK_FN(f)`, `MODSDK_FN(f, modsdk::route::request)`.
#define MODSDK_FN(f, ...) \
  ::modsdk::detail::fn::make_fn<::modsdk::detail::fn::script_name<#f>(), &f __VA_OPT__(, ) __VA_ARGS__>()

/// Exports the overloads of `f` named by their function types as one script function:
/// `MODSDK_OVERLOADS(f, bool(modsdk::message&, int), bool(modsdk::message&))`, optionally with a route
/// mask first: `MODSDK_OVERLOADS(f, modsdk::route::request, bool(modsdk::message&, int), ...)`.
#define MODSDK_OVERLOADS(f, ...)                                                                    \
  ([]<::modsdk::route_mask modsdk_mask_, class... modsdk_sig_>(                                     \
      ::modsdk::detail::fn::sig_list<modsdk_mask_, modsdk_sig_...>) {                               \
    return ::modsdk::detail::fn::make_export<::modsdk::detail::fn::script_name<#f>(), modsdk_mask_, \
                                             static_cast<modsdk_sig_*>(&f)...>();                   \
  }(::modsdk::detail::fn::sigs<__VA_ARGS__>()))
