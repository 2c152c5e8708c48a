// SPDX-License-Identifier: MIT
// Modparam parsing: parameter names, validators, and the one routine that turns what the core hands a
// USE_FUNC_PARAM callback (a char* or a number cast to void*) into a checked T, logging exactly one line
// naming module, parameter, value and expectation when it cannot.
#pragma once
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <modsdk/config.hpp>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/convert.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/fixed_string.hpp>
#include <modsdk/log.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t max_param_name = 64;  // including the terminating NUL

/// A parameter name, stored inside the parameter object so that the params table can point at it as an
/// address constant (the object itself is not a constant, its address is).
using param_name = fixed_string<max_param_name>;

/// The name of a parameter from the literal that names it: the one place its length is checked.
template <std::size_t N>
constexpr param_name make_param_name(const char (&s)[N]) noexcept {
  static_assert(N > 1 && N <= max_param_name,
                "modsdk: a parameter name (or param_group prefix) must have 1 to 63 characters");
  if constexpr (N <= max_param_name)
    return param_name(s);
  else
    return param_name();
}

/// How a modparam value is shown in an error: quoted (with escapes) when the script gave a string,
/// bare when it gave a number.
using given_value = shown_text;

template <class T>
struct is_duration : std::false_type {};
template <class R, class P>
struct is_duration<std::chrono::duration<R, P>> : std::true_type {};

/// Values that cannot refer to the text they were parsed from; everything else (string_view, user
/// types) gets a private copy of the text that lives as long as the value.
template <class T>
inline constexpr bool value_is_self_contained = std::is_arithmetic_v<T> || std::is_enum_v<T> || is_duration<T>::value;

/// A user check on a parameter value: `bool(T)` (false rejects) or returning an error message
/// (`const char*` nullptr / empty `std::string_view` / empty `std::string` accepts). Any captureless
/// lambda or function of those shapes, taking T or const T&.
template <class T>
class validator {
  template <class R>
  using by_ref = R (*)(const T&);
  template <class R>
  using by_value = R (*)(T);
  /// The user's function, in the member of its shape (one is active; `none` when there is none).
  union shapes {
    std::nullptr_t none = nullptr;
    by_ref<bool> rb;
    by_value<bool> vb;
    by_ref<const char*> rc;
    by_value<const char*> vc;
    by_ref<std::string_view> rs;
    by_value<std::string_view> vs;
    by_ref<std::string> ro;
    by_value<std::string> vo;
  };
  using verdict = std::optional<std::string>;

  static verdict judge(bool ok) { return ok ? verdict{} : verdict{std::string()}; }
  static verdict judge(const char* why) { return !why || !*why ? verdict{} : verdict{std::string(why)}; }
  static verdict judge(std::string_view why) { return why.empty() ? verdict{} : verdict{std::string(why)}; }
  static verdict judge(std::string why) { return why.empty() ? verdict{} : verdict{std::move(why)}; }
  /// Calls the active member M: one small function per shape used, no variant.
  template <auto M>
  static verdict call(const shapes& f, const T& v) {
    return judge((f.*M)(v));
  }

  template <class F>
  static constexpr void check_shape() {
    static_assert(std::is_invocable_v<F, const T&>,
                  "modsdk: a parameter validator must be callable with the parameter's value (T or const T&)");
    using R = std::invoke_result_t<F, const T&>;
    static_assert(std::is_same_v<R, bool> || std::is_same_v<R, const char*> || std::is_same_v<R, std::string_view> ||
                      std::is_same_v<R, std::string>,
                  "modsdk: a parameter validator returns bool (false rejects) or an error message "
                  "(const char*, std::string_view or std::string; null/empty accepts)");
    static_assert(std::is_convertible_v<F, by_ref<R>> || std::is_convertible_v<F, by_value<R>>,
                  "modsdk: a parameter validator must be a function or a captureless lambda (parameters are "
                  "module-level constants; a capturing lambda cannot be stored in one)");
  }

 public:
  constexpr validator() = default;
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, validator>) constexpr validator(
      F f) {  // NOLINT: implicit from a lambda by design
    check_shape<F>();
    using R = std::invoke_result_t<F, const T&>;
    constexpr bool ref = std::is_convertible_v<F, by_ref<R>>;
    // clang-format off
    if constexpr (std::is_same_v<R, bool>) {
      if constexpr (ref) fn_.rb = f, call_ = &call<&shapes::rb>; else fn_.vb = f, call_ = &call<&shapes::vb>;
    } else if constexpr (std::is_same_v<R, const char*>) {
      if constexpr (ref) fn_.rc = f, call_ = &call<&shapes::rc>; else fn_.vc = f, call_ = &call<&shapes::vc>;
    } else if constexpr (std::is_same_v<R, std::string_view>) {
      if constexpr (ref) fn_.rs = f, call_ = &call<&shapes::rs>; else fn_.vs = f, call_ = &call<&shapes::vs>;
    } else {
      if constexpr (ref) fn_.ro = f, call_ = &call<&shapes::ro>; else fn_.vo = f, call_ = &call<&shapes::vo>;
    }
    // clang-format on
  }

  constexpr bool empty() const noexcept { return call_ == nullptr; }

  /// nullopt = accepted; otherwise the reason (empty when the validator gave none). May throw.
  verdict check(const T& v) const { return call_ ? call_(fn_, v) : verdict{}; }

 private:
  shapes fn_{};
  verdict (*call_)(const shapes&, const T&) = nullptr;
};

/// A parsed modparam value and the private copy of its text it may refer to (libc malloc; nullptr
/// when the value does not need one).
template <class T>
struct parsed_value {
  T value;
  char* text;
};

/// Which modparam (for messages): module and parameter name.
struct modparam_ref {
  std::string_view module;
  std::string_view param;
};

#if defined(__SANITIZE_ADDRESS__)
#define MODSDK_DETAIL_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MODSDK_DETAIL_LSAN 1
#endif
#endif
#ifdef MODSDK_DETAIL_LSAN
// LSan's API (default visibility: this declaration sits in modsdk's hidden namespace)
extern "C" MODSDK_CORE_SYMBOL void __lsan_ignore_object(const void*);  // NOLINT(bugprone-reserved-identifier)
#endif

/// Marks memory a module-level object holds until the process ends (the core never unloads a module)
/// as not a leak for LeakSanitizer: a test host that dlclose()s a module would report it otherwise.
/// Memory dropped while the module is loaded is still caught, by valgrind and by the unit tests.
/// (Not inlined, and `void*`: GCC would otherwise take the fresh, unwritten block for one LSan reads.)
#ifdef MODSDK_DETAIL_LSAN
[[gnu::noinline]] inline void held_for_process(void* p) noexcept {
  if (p) __lsan_ignore_object(p);
}
#else
inline void held_for_process(void*) noexcept {}
#endif

inline char* copy_text(std::string_view s) noexcept {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) return nullptr;
  held_for_process(p);
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

/// Converts what the core passed to a USE_FUNC_PARAM callback into a checked T. Logs one line and
/// returns nullopt on any failure (malformed, rejected by the validator, an exception, no memory).
template <class T>
std::optional<parsed_value<T>> parse_modparam(const modparam_ref& at, abi::modparam_t type, void* val,
                                              const validator<T>& check) noexcept {
  given_value shown{"", true};
  char* owned = nullptr;
  char number_text[24];
  return firewall(
      [&]() -> std::optional<parsed_value<T>> {
        std::optional<T> v;
        if (type & abi::int_param) {
          // The core hands a number as the value itself cast to a pointer.
          const long n = static_cast<long>(reinterpret_cast<std::intptr_t>(val));
          // its decimal text: shown in errors, and converted when T has no from_int
          const auto digits_end = std::to_chars(number_text, number_text + sizeof number_text - 1, n).ptr;
          const std::string_view digits(number_text, static_cast<std::size_t>(digits_end - number_text));
          shown = {digits, false};
          bool via_int = false;
          if constexpr (convertible_from_int<T>) via_int = std::in_range<int>(n);
          if (via_int) {
            if constexpr (convertible_from_int<T>) v = convert<T>::from_int(static_cast<int>(n));
          } else {
            // No from_int (strings, enums, user types) or a number beyond int: convert its decimal text.
            const std::string_view text = digits;
            if constexpr (!value_is_self_contained<T>) {
              if (!(owned = copy_text(text))) throw std::bad_alloc();
              v = convert<T>::from_string(owned);
            } else {
              v = convert<T>::from_string(text);
            }
          }
        } else {
          const std::string_view text = val ? static_cast<const char*>(val) : "";
          shown = {text, true};
          if constexpr (!value_is_self_contained<T>) {
            // The parser's buffer is freed after the line: anything that may view the text gets a copy.
            if (!(owned = copy_text(text))) throw std::bad_alloc();
            v = convert<T>::from_string(owned);
          } else {
            v = convert<T>::from_string(text);
          }
        }
        if (!v) {
          log::write_for(log::level::error, "modparam", "modparam {}.{}: {} is not {}", at.module, at.param, shown,
                         std::string_view(convert<T>::expected));
          std::free(owned);
          return std::nullopt;
        }
        if (auto why = check.check(*v)) {
          if (why->empty())
            log::write_for(log::level::error, "modparam", "modparam {}.{}: {} is not accepted", at.module, at.param,
                           shown);
          else
            log::write_for(log::level::error, "modparam", "modparam {}.{}: {} is not accepted: {}", at.module, at.param,
                           shown, *why);
          std::free(owned);
          return std::nullopt;
        }
        return parsed_value<T>{std::move(*v), owned};
      },
      [&](const char* what) -> std::optional<parsed_value<T>> {
        if (what)
          log::write_for(log::level::error, "modparam", "modparam {}.{}: {} was rejected: exception: {}", at.module,
                         at.param, shown, what);
        else
          log::write_for(log::level::error, "modparam", "modparam {}.{}: {} was rejected: unknown exception", at.module,
                         at.param, shown);
        std::free(owned);
        return std::nullopt;
      });
}

/// What every parameter-like object offers the params section (param, param_list, param_group).
template <class P>
concept modparam_source = requires(P& p, const P& cp, const modparam_ref& at, abi::modparam_t t, void* v) {
  { P::entry_count } -> std::convertible_to<std::size_t>;
  { cp.entry_name(std::size_t{}) } -> std::same_as<const char*>;
  { p.template assign<0>(at, t, v) } -> std::same_as<bool>;
  p.reset();
  { p.finish(std::string_view{}) } -> std::same_as<bool>;
};

}  // namespace detail
MODSDK_END_NAMESPACE
