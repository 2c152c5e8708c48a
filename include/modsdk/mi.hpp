// SPDX-License-Identifier: MIT
/// @file Management Interface (MI) commands, run by `opensips-cli -x mi <cmd> ...` or any MI transport:
///
///     modsdk::mi_object show(modsdk::mi_param<std::string_view, "user"> user,
///                            modsdk::mi_param<std::optional<int>, "limit"> limit) {
///       modsdk::mi_object out;
///       out.add("user", *user).add("limit", limit->value_or(10));
///       auto list = out.add_array("items");
///       list.add("first");
///       return out;
///     }
///     void flush() { ... }                                         // replies "OK"
///     modsdk::mi_result find(modsdk::mi_param<int, "id"> id) {
///       if (*id < 0) return modsdk::mi_error{400, "negative id"};
///       return "found";
///     }
///
///     MODSDK_MODULE(my_module, ..., modsdk::mi(MODSDK_MI(show, show, "show a user"),
///                                              MODSDK_MI(flush, flush), MODSDK_MI(find, find)));
///
/// Parameters are named in their type (`mi_param<T, "name">`), so one handler serves both positional and
/// named calls. T is std::string_view (valid during the call), std::string, int (and other integers),
/// bool, an enum listed in modsdk::enum_names, a duration, any type with a modsdk::convert<T>, or
/// std::optional of one: the command then accepts the call with and without that parameter (one core
/// "recipe" each; optional parameters are best placed last, since positional calls fill names in order).
/// Several handlers for one command: MODSDK_MI_OVERLOADS(cmd, "help", f1, f2) (distinct functions; a C++
/// overload set needs a static_cast per overload).
///
/// A handler returns void ("OK"), a string, a number, a bool, std::optional of those (empty = null), an
/// mi_object / mi_array built with the core's MI builders, an mi_error{code, "message"}, or mi_result
/// (any of these, chosen at run time). An exception becomes an error reply (code 500, its what()), and a
/// parameter that does not convert an "Invalid params" (-32602) reply naming it. Handlers run in the MI
/// transport's process; in OpenSIPS 4.0+ the command is also known as `<module>:<cmd>`.
///
/// A handler that answers later takes `modsdk::mi_async reply` as its last parameter and returns
/// `reply.later()` (modsdk::mi_later); it hands `reply.token()` (trivially copyable) to whatever finishes
/// the work, in any process, which calls `modsdk::mi_complete(token, reply_value)` once. The command asks
/// the transport for an asynchronous reply (MI_ASYNC_RPL_FLAG; mi_datagram and mi_fifo give one); a
/// transport that gives none gets an error reply without the handler being called. An exception escaping
/// the handler is its reply at once, so throw before handing the token out.
#pragma once
#include <concepts>
#include <modsdk/config.hpp>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/impl/mi/async.hpp>
#include <modsdk/impl/mi/commands.hpp>
#include <modsdk/impl/mi/items.hpp>
#include <modsdk/impl/mi/response.hpp>
#include <modsdk/impl/mi/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// An MI command parameter of type T called `Name`: `mi_param<int, "count"> count` -> `*count`.
template <class T, detail::fixed_string Name>
class mi_param {
 public:
  using value_type = T;
  static constexpr std::string_view name = Name.view();
  static constexpr const char* c_name = Name.c_str();

  explicit mi_param(T v) noexcept(std::is_nothrow_move_constructible_v<T>) : value_(std::move(v)) {}
  const T& get() const noexcept { return value_; }
  const T& operator*() const noexcept { return value_; }
  const T* operator->() const noexcept { return &value_; }
  operator const T&() const noexcept { return value_; }

 private:
  T value_;
};

/// An error reply: `return modsdk::mi_error{404, "no such user"};` (`details` is optional extra text).
struct mi_error {
  int code = 500;
  std::string message;
  std::string details = {};
};

class mi_array_ref;

/// A JSON object inside an MI reply (non-owning; made by mi_object / add_object()).
class mi_object_ref {
 public:
  explicit mi_object_ref(abi::mi_item* item) noexcept : item_(item) {}
  /// Adds `name: value` (string, number, bool, nullptr, or std::optional of one: empty is null).
  template <detail::mi::item_value V>
  mi_object_ref& add(std::string_view name, const V& value) {
    detail::mi::add_value(item_, name, value);
    return *this;
  }
  /// Adds `name: {}` and returns it.
  mi_object_ref add_object(std::string_view name) {
    abi::mi_item* o = abi::add_mi_object(item_, detail::mi::name_arg(name), static_cast<int>(name.size()));
    if (!o) throw std::bad_alloc();
    return mi_object_ref(o);
  }
  /// Adds `name: []` and returns it.
  inline mi_array_ref add_array(std::string_view name);
  abi::mi_item* raw() const noexcept { return item_; }

 protected:
  abi::mi_item* item_;
};

/// A JSON array inside an MI reply (non-owning; made by mi_array / add_array()).
class mi_array_ref {
 public:
  explicit mi_array_ref(abi::mi_item* item) noexcept : item_(item) {}
  /// Appends a value (string, number, bool, nullptr, or std::optional of one).
  template <detail::mi::item_value V>
  mi_array_ref& add(const V& value) {
    detail::mi::add_value(item_, {}, value);
    return *this;
  }
  /// Appends `{}` and returns it.
  mi_object_ref add_object() {
    abi::mi_item* o = abi::add_mi_object(item_, nullptr, 0);
    if (!o) throw std::bad_alloc();
    return mi_object_ref(o);
  }
  /// Appends `[]` and returns it.
  mi_array_ref add_array() {
    abi::mi_item* a = abi::add_mi_array(item_, nullptr, 0);
    if (!a) throw std::bad_alloc();
    return mi_array_ref(a);
  }
  abi::mi_item* raw() const noexcept { return item_; }

 protected:
  abi::mi_item* item_;
};

inline mi_array_ref mi_object_ref::add_array(std::string_view name) {
  abi::mi_item* a = abi::add_mi_array(item_, detail::mi::name_arg(name), static_cast<int>(name.size()));
  if (!a) throw std::bad_alloc();
  return mi_array_ref(a);
}

/// The reply of a handler that answers with an object: build it, then return it.
class mi_object : public mi_object_ref, public detail::mi::response_owner {
 public:
  mi_object() : mi_object_ref(nullptr), response_owner(abi::init_mi_result_object(&item_)) {
    if (!item_) throw std::bad_alloc();
  }
  mi_object(mi_object&&) noexcept = default;
};

/// The reply of a handler that answers with an array.
class mi_array : public mi_array_ref, public detail::mi::response_owner {
 public:
  mi_array() : mi_array_ref(nullptr), response_owner(abi::init_mi_result_array(&item_)) {
    if (!item_) throw std::bad_alloc();
  }
  mi_array(mi_array&&) noexcept = default;
};

/// Any reply, decided at run time: `return mi_error{...};` on one path and `return "done";` on another.
class mi_result : public detail::mi::response_owner {
 public:
  // implicit by design; constrained so that it never takes an mi_result (the move constructor does)
  template <class R>
  // NOLINTNEXTLINE(bugprone-forwarding-reference-overload)
  requires(detail::mi::returnable<R> && !std::same_as<std::remove_cvref_t<R>, mi_result>) mi_result(R&& r)
      : response_owner(detail::mi::to_response(std::forward<R>(r))) {}  // NOLINT(google-explicit-constructor)
  mi_result(mi_result&&) noexcept = default;
};

/// Completes a reply a handler left for later (`mi_later f(..., modsdk::mi_async reply)`), from any
/// process (an IPC job, a timer): `reply` is anything a handler may return (void: "OK"). The token's
/// transport sends it and frees the token: complete each token exactly once. False (logged) for an empty
/// token or when the reply cannot be built (the client then gets an internal error).
template <class R>
requires detail::mi::returnable<R>
bool mi_complete(mi_async_token token, R&& reply) noexcept {
  abi::mi_handler* h = token.raw();
  if (!h) {
    log::write_for(log::level::error, "mi", "mi_complete: an empty token (the command was not asynchronous)");
    return false;
  }
  abi::mi_response* resp = detail::firewall([&] { return detail::mi::to_response(std::forward<R>(reply)); },
                                            [](const char* what) {
                                              log::write_for(log::level::error, "mi", "mi_complete failed: {}",
                                                             what ? what : "unknown exception");
                                              return static_cast<abi::mi_response*>(nullptr);
                                            });
  reinterpret_cast<abi::mi_handler_layout*>(h)->handler_f(resp, h, 1);
  return resp != nullptr;
}
/// Completes a later reply with "OK".
inline bool mi_complete(mi_async_token token) noexcept { return mi_complete(token, std::string_view("OK")); }

/// The module's MI commands: `modsdk::mi(MODSDK_MI(cmd, handler, "help"), ...)` in MODSDK_MODULE.
template <class... C>
constexpr detail::mi::section<C...> mi(C... commands) noexcept {
  static_assert((detail::mi::is_command<C>::value && ...),
                "modsdk: modsdk::mi(...) takes MI commands made with MODSDK_MI(cmd, handler, \"help\") or "
                "MODSDK_MI_OVERLOADS(cmd, \"help\", f1, f2)");
  return detail::mi::section<C...>{{commands...}};
}

MODSDK_END_NAMESPACE

/// An MI command `name` answered by `handler`, with an optional help text: MODSDK_MI(reload, reload, "...").
#define MODSDK_MI(name, handler, ...) \
  ::modsdk::detail::mi::command<handler> { #name, ::modsdk::detail::mi::help_text(__VA_ARGS__) }

/// An MI command with several handlers (their recipes are merged): MODSDK_MI_OVERLOADS(show, "help", f1, f2).
#define MODSDK_MI_OVERLOADS(name, help, ...) \
  ::modsdk::detail::mi::command<__VA_ARGS__> { #name, ::modsdk::detail::mi::help_text(help) }
