// SPDX-License-Identifier: MIT
// The log call under modsdk::log (and under modsdk's own machinery, which logs without the public
// header): the checked format string, the level test inlined at the call site, and one out-of-line
// function per argument list that erases the arguments into fmt::format_args for the sink.
#pragma once
#include <fmt/core.h>
#include <modsdk/config.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/detail/log_format.hpp>
#include <modsdk/detail/log_sink.hpp>
#include <modsdk/detail/source_location.hpp>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// A format string checked against its arguments at compile time ({fmt}'s checks, and every argument
/// used), and the place it was written.
template <class... Args>
struct log_format {
  template <class S>
  requires std::is_convertible_v<const S&, std::string_view>
  consteval log_format(const S& s, source_location loc = source_location::current()) : text(s), where(loc) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (check_log_argument<I, Args>(), ...); }
    (std::index_sequence_for<Args...>{});
    (void)fmt::format_string<Args...>(s);
    if (!uses_every_argument(text, sizeof...(Args)))
      modsdk_format_error_argument_never_used_give_it_a_field_or_drop_it();
  }
  std::string_view text;
  source_location where;

 private:
  static void modsdk_format_error_argument_never_used_give_it_a_field_or_drop_it() {}  // not constexpr: an error
};

/// How log_at receives an argument: small trivially copyable values in registers (so that nothing is
/// written to memory on the path where the level is off), anything else by reference.
template <class A>
using log_pass =
    std::conditional_t<std::is_trivially_copyable_v<A> && !std::is_array_v<A> && sizeof(A) <= 16, A, const A&>;

/// One out-of-line function per argument list: the arguments erased into fmt::format_args.
template <class... A>
[[gnu::cold, gnu::noinline]] void log_for(int lvl, std::string_view func, std::string_view f,
                                          log_pass<A>... a) noexcept {
  log_vformat(lvl, func, fmt::string_view(f.data(), f.size()), fmt::make_format_args(loggable(a)...));
}

template <class... A>
[[gnu::cold, gnu::noinline]] void log_at(int lvl, const char* raw_function, std::string_view f,
                                         log_pass<A>... a) noexcept {
  log_for<A...>(lvl, function_name(raw_function), f, a...);
}

/// The call on the enabled path. Taking the format string by value here (a copy made only on that path)
/// keeps the compiler from building it in memory before the level check: a disabled call costs the
/// load and the branch, nothing else (bench/: "log below level").
template <class F, class... A>
[[gnu::always_inline]] inline void log_dispatch(int lvl, F f, const A&... a) noexcept {
  log_at<A...>(lvl, f.where.function_name(), f.text, a...);
}

/// A line attributed to `func` instead of the caller (the script function or parameter at fault).
template <class... A>
void log_for_function(log_level lvl, std::string_view func, log_format<std::type_identity_t<A>...> f,
                      const A&... a) noexcept {
  if (log_enabled(static_cast<int>(lvl))) [[unlikely]]
    log_for<A...>(static_cast<int>(lvl), func, f.text, a...);
}

}  // namespace detail
MODSDK_END_NAMESPACE
