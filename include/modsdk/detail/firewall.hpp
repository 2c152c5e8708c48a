// SPDX-License-Identifier: MIT
// The exception firewall: the core is C, so no exception may leave a function modsdk hands it (a
// script-function trampoline, a fixup, a modparam callback, an MI handler, a lifecycle step, a process
// body, an async resume callback). Every such callback runs its body through detail::firewall; what it
// logs and returns when the body throws is decided by the callback, in `on_exception`.
#pragma once
#include <exception>
#include <modsdk/config.hpp>
#include <type_traits>
#include <utility>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// Runs `body()` and returns its result. When it throws, returns `on_exception(what)` instead: `what`
/// is the exception's what() for a std::exception, nullptr for anything else. `on_exception` must not
/// throw (the firewall is noexcept: an exception from it ends the process).
template <class F, class OnError>
auto firewall(F&& body, OnError&& on_exception) noexcept -> std::invoke_result_t<F> {
  static_assert(std::is_invocable_r_v<std::invoke_result_t<F>, OnError, const char*>,
                "modsdk (internal): a firewall's on_exception returns what its body returns");
  try {
    return std::forward<F>(body)();
  } catch (const std::exception& e) {
    return std::forward<OnError>(on_exception)(e.what());
  } catch (...) {
    return std::forward<OnError>(on_exception)(static_cast<const char*>(nullptr));
  }
}

}  // namespace detail
MODSDK_END_NAMESPACE
