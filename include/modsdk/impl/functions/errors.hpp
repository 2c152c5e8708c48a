// SPDX-License-Identifier: MIT
// The compile errors of script-function declarations. C++20 static_assert messages
// must be literals, so each rule is a class template whose *template arguments* carry the function
// name, the parameter position and the type; instantiating it fires one static_assert, and the
// compiler prints those arguments in its "in instantiation of" line right next to the message.
// Positions are 1-based and count every C++ parameter, the message parameter included.
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>

#include <modsdk/customize.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/route.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail::fn::error {

template <auto>
inline constexpr bool never = false;
template <class>
inline constexpr bool never_type = false;

template <fixed_string Function, std::size_t Position, class Type>
struct unsupported_parameter_type {
  static_assert(never<Function>,
                "modsdk: unsupported parameter type in a script function (the template arguments of this error "
                "are the function, the parameter position and the type). Use int or another integer type, "
                "std::string_view, std::optional<T>, modsdk::variable, modsdk::regex, modsdk::static_str, "
                "modsdk::raw_str, or a type with a modsdk::convert<T> specialisation (see modsdk/functions.hpp)");
  static constexpr bool fired = true;
};

/// A parameter type whose convert<Type> specialisation has a mistake: the static_assert of
/// detail::convert_mistake<Type> names it; this frame names the function and the position.
template <fixed_string Function, std::size_t Position, class Type>
struct convert_mistake_in_parameter_type {
  static constexpr bool fired = convert_mistake<Type>::fired;
};

template <fixed_string Function, std::size_t Position, class Type>
struct parameter_is_a_non_const_reference {
  static_assert(never<Function>,
                "modsdk: a script-function parameter is a non-const reference (the template arguments of this "
                "error are the function, the parameter position and the type): take it by value or by const "
                "reference; only the message (modsdk::message&) and modsdk::async_context& are references");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Position, class Type>
struct overaligned_parameter_type {
  static_assert(never<Function>,
                "modsdk: a modsdk::convert<T> parameter type needs more than 8-byte alignment, which OpenSIPS pkg "
                "memory does not give (the template arguments of this error are the function, the parameter "
                "position and the type): convert to a less aligned type");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Position, class Type>
struct optional_parameter_before_mandatory {
  static_assert(never<Function>,
                "modsdk: a mandatory parameter follows a std::optional one (the template arguments of this error "
                "are the function and that mandatory parameter's position and type): optional parameters must "
                "come last; reorder them, or make the later ones std::optional too");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t ScriptParameters>
struct too_many_parameters {
  static_assert(never<Function>,
                "modsdk: a script function takes at most 8 script parameters (OpenSIPS's MAX_CMD_PARAMS; the "
                "template arguments of this error are the function and its count): group values in one "
                "string parameter with a modsdk::convert<T> type");
  static constexpr bool fired = true;
};

template <fixed_string Function, class Type>
struct eighth_parameter_must_be_a_variable {
  static_assert(never<Function>,
                "modsdk: the 8th script parameter must be a modsdk::variable: the core copies int, string and "
                "regex arguments into an array that holds 7 and would write the 8th past its end (the template "
                "arguments of this error are the function and the 8th parameter's type)");
  static constexpr bool fired = true;
};

template <fixed_string Function, class Type>
struct unsupported_return_type {
  static_assert(never<Function>,
                "modsdk: unsupported return type of a script function (the template arguments of this error are "
                "the function and the type): return bool, void, int or modsdk::result");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Position, class Type>
struct message_parameter_by_value {
  static_assert(never<Function>,
                "modsdk: take the message by reference (modsdk::message&, modsdk::request& or modsdk::reply&); "
                "the template arguments of this error are the function, the parameter position and the type");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Position, class Type>
struct message_parameter_not_first {
  static_assert(never<Function>,
                "modsdk: the message parameter (modsdk::message&, modsdk::request& or modsdk::reply&) must be the "
                "first parameter (the template arguments of this error are the function, the position and the "
                "type)");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Position>
struct async_context_misplaced {
  static_assert(never<Function>,
                "modsdk: modsdk::async_context& must be taken by non-const reference, right after the message "
                "parameter (or first, when there is none); the template arguments of this error are the "
                "function and the position where it was found");
  static constexpr bool fired = true;
};

template <fixed_string Function, route_mask Requested, route_mask Allowed>
struct route_mask_wider_than_message_parameter {
  static_assert(never<Function>,
                "modsdk: the route mask allows routes the function's message parameter does not (the template "
                "arguments of this error are the function, the mask given and the widest allowed): message& "
                "allows request|failure|onreply|branch|error|local, request& request|failure|branch|error|local, "
                "reply& onreply, no message parameter every route; narrow the mask or change the parameter");
  static constexpr bool fired = true;
};

template <fixed_string Function>
struct empty_route_mask {
  static_assert(never<Function>,
                "modsdk: an empty route mask hides the function from the script; leave the mask out to get the "
                "default of the message parameter");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Overload>
struct overloads_take_different_messages {
  static_assert(never<Function>,
                "modsdk: every overload in MODSDK_OVERLOADS must take the same message parameter and the same "
                "async_context (the template arguments of this error are the function and the 1-based index of "
                "the first overload that differs from the longest one)");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Overload, std::size_t Position>
struct overload_is_not_a_prefix {
  static_assert(never<Function>,
                "modsdk: the overloads in MODSDK_OVERLOADS become one script function whose extra parameters are "
                "optional, so each shorter overload must start with the same parameter types as the longest "
                "(std::optional aside); the template arguments of this error are the function, the overload "
                "(1-based) and the parameter position that differs");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Arguments>
struct ambiguous_overloads {
  static_assert(never<Function>,
                "modsdk: ambiguous overloads: two overloads accept the same number of script arguments (the "
                "template arguments of this error are the function and that number); modsdk picks an overload by "
                "the number of arguments given, so remove one or change its parameter count");
  static constexpr bool fired = true;
};

template <fixed_string Function, std::size_t Arguments>
struct overloads_leave_a_gap {
  static_assert(never<Function>,
                "modsdk: no overload accepts a number of script arguments that the script may pass (the template "
                "arguments of this error are the function and that number); add an overload for it or make a "
                "parameter std::optional");
  static constexpr bool fired = true;
};

template <fixed_string Function>
struct async_function_in_functions {
  static_assert(never<Function>,
                "modsdk: this function takes modsdk::async_context&: list it in modsdk::async_functions(...), "
                "not in modsdk::functions(...)");
  static constexpr bool fired = true;
};

template <fixed_string Function>
struct async_functions_entry_without_async_context {
  static_assert(never<Function>,
                "modsdk: modsdk::async_functions(...) lists a function without a modsdk::async_context& "
                "parameter: list it in modsdk::functions(...)");
  static constexpr bool fired = true;
};

template <fixed_string Function>
struct route_mask_on_async_function {
  static_assert(never<Function>,
                "modsdk: async functions have no route mask (acmd_export_t has no such field; tm runs them "
                "asynchronously in request and onreply routes only): remove the mask from MODSDK_FN");
  static constexpr bool fired = true;
};

template <fixed_string Function>
struct duplicate_function_name {
  static_assert(never<Function>,
                "modsdk: two entries of one section export the same script name: put every overload of a name "
                "in a single MODSDK_OVERLOADS(...)");
  static constexpr bool fired = true;
};

template <class Argument>
struct not_a_function_entry {
  static_assert(never_type<Argument>,
                "modsdk: modsdk::functions(...) and modsdk::async_functions(...) take MODSDK_FN(f) and "
                "MODSDK_OVERLOADS(f, ...) entries");
  static constexpr bool fired = true;
};

}  // namespace detail::fn::error
MODSDK_END_NAMESPACE
