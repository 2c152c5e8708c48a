// SPDX-License-Identifier: MIT
/// @file Async script functions: `async(f(...), resume_route[, timeout])` and `launch(f(...))`.
///
/// An async function takes `modsdk::async_context&` right after its optional message parameter, starts
/// some I/O, tells the core what to wait for, and returns. The core (tm) then ends the current route and
/// runs `resume_route` when the work is done:
///
///     modsdk::resume_result on_answer(int fd, modsdk::message& msg, query* q) {
///       q->read_answer(fd);
///       return modsdk::resume_result::done_close_fd(q->ok() ? 1 : -1);   // $rc of the resume route
///     }
///     bool query_async(modsdk::message& msg, modsdk::async_context& ctx, std::string_view key) {
///       query* q = start_query(key);                 // your state; freed in on_answer
///       if (!q) return false;                        // no I/O: the resume route runs now with $rc -1
///       ctx.on_resume<&on_answer>(q);
///       ctx.wait_for_fd(q->fd());
///       return true;
///     }
///     MODSDK_MODULE(my_module, modsdk::async_functions(MODSDK_FN(query_async)));
///
/// If the function does not call wait_for_fd(), nothing is waited for: the resume route runs at once
/// with the function's return code as `$rc` (ASYNC_NO_IO); completed_sync() says the same explicitly
/// (ASYNC_SYNC). Parameters follow the rules of ordinary script functions (modsdk/functions.hpp).
/// The core checks no route type for async functions; tm runs them asynchronously only in request and
/// onreply routes (synchronously, with a warning, elsewhere). The async context, the resume callback
/// and resume_result are in modsdk/async_context.hpp.
#pragma once
#include <modsdk/async_context.hpp>
#include <modsdk/config.hpp>
#include <modsdk/functions.hpp>  // MODSDK_FN, MODSDK_OVERLOADS
#include <modsdk/impl/functions/section.hpp>

MODSDK_BEGIN_NAMESPACE

/// The module's async script functions: MODSDK_FN(f) / MODSDK_OVERLOADS(f, ...) entries whose functions
/// take modsdk::async_context&. Used in the script as `async(f(...), resume_route)` or `launch(f(...))`.
template <class... E>
constexpr auto async_functions(E...) noexcept {
  if constexpr (detail::fn::check_section<true, E...>())
    return detail::fn::async_functions_section<E...>{};
  else
    return detail::fn::async_functions_section<>{};  // an error was reported: keep the rest quiet
}

MODSDK_END_NAMESPACE
