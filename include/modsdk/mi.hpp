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
#pragma once
#include <modsdk/config.hpp>
#include <concepts>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>


#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/convert.hpp>
#include <modsdk/impl/mi/commands.hpp>
#include <modsdk/impl/module/section.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE

/// An MI command parameter of type T called `Name`: `mi_param<int, "count"> count` -> `*count`.
template <class T, detail::mi::name_literal Name>
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

namespace detail::mi {
template <class T>
struct optional_inner {
  using type = T;
  static constexpr bool is_optional = false;
};
template <class T>
struct optional_inner<std::optional<T>> {
  using type = T;
  static constexpr bool is_optional = true;
};

/// What add()/returns accept as a plain value.
template <class V>
concept scalar_value = std::same_as<std::remove_cvref_t<V>, bool> || std::is_arithmetic_v<std::remove_cvref_t<V>> ||
                       std::is_convertible_v<const V&, std::string_view> ||
                       std::same_as<std::remove_cvref_t<V>, std::nullptr_t>;
template <class V>
concept item_value = scalar_value<V> || (optional_inner<std::remove_cvref_t<V>>::is_optional &&
                                         scalar_value<typename optional_inner<std::remove_cvref_t<V>>::type>);

inline char* name_arg(std::string_view n) noexcept { return const_cast<char*>(n.data()); }

/// Adds one value under `name` (ignored by the core when `to` is an array); throws on failure.
template <item_value V>
void add_value(abi::mi_item* to, std::string_view name, const V& v) {
  using D = std::remove_cvref_t<V>;
  int rc;
  const int nl = static_cast<int>(name.size());
  if constexpr (optional_inner<D>::is_optional) {
    if (!v) rc = abi::add_mi_null(to, name_arg(name), nl);
    else return add_value(to, name, *v);
  } else if constexpr (std::same_as<D, bool>) {
    rc = abi::add_mi_bool(to, name_arg(name), nl, v ? 1 : 0);
  } else if constexpr (std::same_as<D, std::nullptr_t>) {
    rc = abi::add_mi_null(to, name_arg(name), nl);
  } else if constexpr (std::is_arithmetic_v<D>) {
    rc = abi::add_mi_number(to, name_arg(name), nl, static_cast<double>(v));
  } else {
    const std::string_view s = v;
    rc = abi::add_mi_string(to, name_arg(name), nl, s.data(), static_cast<int>(s.size()));
  }
  if (rc < 0) throw std::bad_alloc();
}
}  // namespace detail::mi

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

namespace detail::mi {
/// Owns a core MI response until it is handed to the core.
class response_owner {
 public:
  explicit response_owner(abi::mi_response* r) noexcept : resp_(r) {}
  response_owner(response_owner&& o) noexcept : resp_(std::exchange(o.resp_, nullptr)) {}
  response_owner& operator=(response_owner&& o) noexcept {
    if (this != &o) {
      reset();
      resp_ = std::exchange(o.resp_, nullptr);
    }
    return *this;
  }
  ~response_owner() { reset(); }
  /// Hands the response over (the core frees what a handler returns).
  abi::mi_response* release_response() noexcept { return std::exchange(resp_, nullptr); }

 private:
  void reset() noexcept {
    if (resp_) abi::free_mi_response(resp_);
    resp_ = nullptr;
  }
  abi::mi_response* resp_;
};

template <class R>
concept response_like = requires(R& r) {
  { r.release_response() } -> std::same_as<abi::mi_response*>;
};

inline abi::mi_response* error_response(int code, std::string_view msg, std::string_view details = {}) noexcept {
  return abi::init_mi_error_extra(code, msg.data(), static_cast<int>(msg.size()), details.empty() ? nullptr : details.data(),
                                  static_cast<int>(details.size()));
}

template <class R>
concept returnable = response_like<std::remove_cvref_t<R>> || std::same_as<std::remove_cvref_t<R>, mi_error> ||
                     item_value<R>;

/// A handler's return value as a core response (nullptr = out of memory; the core reports an error).
template <returnable R>
abi::mi_response* to_response(R&& r) {
  using D = std::remove_cvref_t<R>;
  if constexpr (response_like<D>) {
    return r.release_response();
  } else if constexpr (std::same_as<D, mi_error>) {
    return error_response(r.code, r.message, r.details);
  } else if constexpr (optional_inner<D>::is_optional) {
    return r ? to_response(*r) : abi::init_mi_result_null();
  } else if constexpr (std::same_as<D, bool>) {
    return abi::init_mi_result_bool(r ? 1 : 0);
  } else if constexpr (std::same_as<D, std::nullptr_t>) {
    return abi::init_mi_result_null();
  } else if constexpr (std::is_arithmetic_v<D>) {
    return abi::init_mi_result_number(static_cast<double>(r));
  } else {
    const std::string_view s = r;
    return abi::init_mi_result_string(s.data(), static_cast<int>(s.size()));
  }
}
}  // namespace detail::mi

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
  template <class R>
    requires(detail::mi::returnable<R> && !std::same_as<std::remove_cvref_t<R>, mi_result>)
  mi_result(R&& r) : response_owner(detail::mi::to_response(std::forward<R>(r))) {}  // NOLINT: implicit by design
  mi_result(mi_result&&) noexcept = default;
};

namespace detail::mi {

template <class T>
struct is_param : std::false_type {};
template <class T, name_literal N>
struct is_param<mi_param<T, N>> : std::true_type {};

template <class T>
concept text_readable = std::same_as<T, std::string_view> || std::same_as<T, std::string> || convertible<T>;

template <class T>
std::optional<T> from_text(std::string_view text) {
  if constexpr (std::same_as<T, std::string_view>) return text;
  else if constexpr (std::same_as<T, std::string>) return std::string(text);
  else return convert<T>::from_string(text);
}
template <class T>
constexpr std::string_view expected_text() {
  if constexpr (std::same_as<T, std::string_view> || std::same_as<T, std::string>) return "a string";
  else return convert<T>::expected;
}

inline abi::mi_response* param_error(std::string_view why) noexcept {
  return error_response(-32602, "Invalid params", why);
}

/// Reads parameter P (present = the matched recipe names it) into `out`; on failure sets `err`.
template <class P>
bool read_param(const abi::mi_params_t* ps, bool present, std::optional<P>& out, abi::mi_response*& err) {
  using V = typename P::value_type;
  using inner = optional_inner<V>;
  if (!present) {
    if constexpr (inner::is_optional) {
      out.emplace(V{});
      return true;
    } else {
      err = param_error(std::string("missing parameter '").append(P::name) + "'");
      return false;
    }
  }
  char* s = nullptr;
  int len = 0;
  const int rc = abi::try_get_mi_string_param(ps, const_cast<char*>(P::c_name), &s, &len);
  if (rc != 0 || !s) {
    if constexpr (inner::is_optional)
      if (rc == -1) {
        out.emplace(V{});
        return true;
      }
    err = param_error(rc == -1 ? std::string("missing parameter '").append(P::name) + "'"
                               : std::string("parameter '").append(P::name) + "' must be a string or a number");
    return false;
  }
  const std::string_view text(s, static_cast<std::size_t>(len));
  auto value = from_text<typename inner::type>(text);
  if (!value) {
    err = param_error(
        std::string("parameter '").append(P::name).append("': \"").append(text).append("\" is not ") +
        std::string(expected_text<typename inner::type>()));
    return false;
  }
  out.emplace(V(std::move(*value)));
  return true;
}

/// One MI handler: its parameters, recipes and per-recipe trampolines.
template <auto F>
struct handler {
  using traits = fn_traits<decltype(F)>;
  static_assert(traits::is_function,
                "modsdk: MODSDK_MI(cmd, handler, \"help\"): handler must name one function (not an overload set, a "
                "lambda or a member); for several signatures use MODSDK_MI_OVERLOADS(cmd, \"help\", f1, f2)");

  template <std::size_t I>
  using param_t = std::tuple_element_t<I, typename traits::params>;

  static constexpr std::size_t arity = [] {
    if constexpr (traits::is_function) return traits::arity;
    else return std::size_t{0};
  }();

  static constexpr bool params_are_mi_params = []<std::size_t... I>(std::index_sequence<I...>) {
    return (is_param<param_t<I>>::value && ...);
  }(std::make_index_sequence<arity>{});
  static_assert(params_are_mi_params,
                "modsdk: MI handler parameters must be modsdk::mi_param<T, \"name\"> (the name is what MI clients "
                "pass), e.g. modsdk::mi_param<int, \"count\">");

  template <std::size_t I>
  static constexpr bool readable() {
    if constexpr (is_param<param_t<I>>::value)
      return text_readable<typename optional_inner<typename param_t<I>::value_type>::type>;
    else return true;
  }
  static constexpr bool params_readable = []<std::size_t... I>(std::index_sequence<I...>) {
    return (readable<I>() && ...);
  }(std::make_index_sequence<arity>{});
  static_assert(params_readable,
                "modsdk: an MI parameter type cannot be read from MI text: use std::string_view, std::string, an "
                "integer, bool, an enum with modsdk::enum_names, a duration, a type with modsdk::convert<T>, or "
                "std::optional of one");

  static_assert(arity <= static_cast<std::size_t>(max_params),
                "modsdk: an MI handler has more parameters than the target's MI recipes hold (9 up to 3.6, 19 from 4.0)");

  using result = typename traits::result;
  static_assert(std::is_void_v<result> || returnable<result>,
                "modsdk: an MI handler must return void, a string, a number, bool, std::optional of those, "
                "modsdk::mi_object, modsdk::mi_array, modsdk::mi_error or modsdk::mi_result");

  static constexpr bool valid = traits::is_function && params_are_mi_params && params_readable;

  template <std::size_t I>
  static constexpr const char* name_of() {
    if constexpr (valid) return param_t<I>::c_name;
    else return "";
  }
  template <std::size_t I>
  static constexpr bool optional_at() {
    if constexpr (valid) return optional_inner<typename param_t<I>::value_type>::is_optional;
    else return false;
  }
  static constexpr std::array<const char*, arity> names = []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<const char*, arity>{name_of<I>()...};
  }(std::make_index_sequence<arity>{});
  static constexpr unsigned optional_mask = []<std::size_t... I>(std::index_sequence<I...>) {
    return ((optional_at<I>() ? (1u << I) : 0u) | ... | 0u);
  }(std::make_index_sequence<arity>{});
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
  static_assert(optional_count <= 5, "modsdk: an MI handler has more than 5 std::optional parameters (each doubles "
                                     "the recipes the core must hold; it holds 47)");
  static constexpr std::size_t recipe_count = std::size_t{1} << optional_count;
  static constexpr unsigned present(std::size_t r) { return (all_mask & ~optional_mask) | deposit(unsigned(r), optional_mask); }

  template <unsigned Mask>
  static abi::mi_response* trampoline(const abi::mi_params_t* ps, abi::mi_handler*) noexcept {
    try {
      return [&]<std::size_t... I>(std::index_sequence<I...>) -> abi::mi_response* {
        std::tuple<std::optional<param_t<I>>...> args;
        abi::mi_response* err = nullptr;
        if (!(read_param(ps, ((Mask >> I) & 1u) != 0, std::get<I>(args), err) && ...)) return err;
        if constexpr (std::is_void_v<result>) {
          F(std::move(*std::get<I>(args))...);
          return abi::init_mi_result_string("OK", 2);
        } else {
          return to_response(F(std::move(*std::get<I>(args))...));
        }
      }(std::make_index_sequence<arity>{});
    } catch (const std::exception& e) {
      log::write_for(log::level::error, "mi", "MI command failed: exception: {}", e.what());
      return error_response(500, e.what());
    } catch (...) {
      log::write_for(log::level::error, "mi", "MI command failed: unknown exception");
      return error_response(500, "unknown exception");
    }
  }

  static constexpr std::array<recipe_desc, recipe_count> recipes() {
    std::array<recipe_desc, recipe_count> out{};
    if constexpr (valid) {
      [&]<std::size_t... R>(std::index_sequence<R...>) {
        ((out[R].cmd = &trampoline<present(R)>), ...);
      }(std::make_index_sequence<recipe_count>{});
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

/// The module's MI section: the profile's mi_export table, built at compile time.
template <class... C>
struct section {
  static constexpr detail::section_kind kind = detail::section_kind::mi;
  std::tuple<C...> commands;

  template <class Tag>
  static constexpr bool names_ok() {
    const auto& self = get_section<Tag, detail::section_kind::mi>();
    bool ok = true;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      const char* names[] = {std::get<I>(self.commands).name..., nullptr};
      for (std::size_t i = 0; i < sizeof...(I); ++i) {
        if (!*names[i] || has_char(names[i], ':')) ok = false;
        for (std::size_t j = 0; j < i; ++j)
          if (streq(names[i], names[j])) ok = false;
      }
    }(std::index_sequence_for<C...>{});
    return ok;
  }

  template <class Tag>
  static constexpr auto build() {
    using export_t = typename profile_abi::mi_export;
    const auto& self = get_section<Tag, detail::section_kind::mi>();
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::array<export_t, sizeof...(C) + 1>{
          make_export<export_t>(std::get<I>(self.commands).name, std::get<I>(self.commands).help, C::recipes())...,
          export_t{}};
    }(std::index_sequence_for<C...>{});
  }
  template <class Tag>
  static constexpr auto rows = build<Tag>();

  template <class Tag>
  static constexpr const void* table() {
    static_assert(names_ok<Tag>(), "modsdk: modsdk::mi(...): every command needs a unique, non-empty name without ':'");
    static_assert(((C::recipe_count <= static_cast<std::size_t>(max_recipes)) && ...),
                  "modsdk: an MI command has more than 47 recipes (count 2^optional parameters per handler)");
    static_assert((C::recipes_distinct() && ...),
                  "modsdk: two handlers (or optional-parameter combinations) of one MI command take the same "
                  "parameter names; the core could not tell them apart");
    if constexpr (sizeof...(C) == 0) return nullptr;
    else return rows<Tag>.data();
  }
};

}  // namespace detail::mi

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
  ::modsdk::detail::mi::command<handler>{#name, ::modsdk::detail::mi::help_text(__VA_ARGS__)}

/// An MI command with several handlers (their recipes are merged): MODSDK_MI_OVERLOADS(show, "help", f1, f2).
#define MODSDK_MI_OVERLOADS(name, help, ...) \
  ::modsdk::detail::mi::command<__VA_ARGS__>{#name, ::modsdk::detail::mi::help_text(help)}
