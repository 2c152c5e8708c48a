// SPDX-License-Identifier: MIT
// Asynchronous MI replies: the types a handler that answers later sees (modsdk/mi.hpp documents them). The
// token is the core's `struct mi_handler *` (shm, built by the MI transport when the command has
// MI_ASYNC_RPL_FLAG): calling its handler_f(response, hdl, 1) sends the reply and frees the handler.
#pragma once
#include <modsdk/config.hpp>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE

namespace abi {
/// `struct mi_handler` (mi/mi.h), the same in 3.4 - 4.0: the transport's reply function and its state.
struct mi_handler_layout {
  void (*handler_f)(mi_response* resp, mi_handler* hdl, int done);
  void* param;
};
}  // namespace abi

class mi_async;

/// Where a later MI reply goes: trivially copyable, so it travels in an IPC payload or shm to the process
/// that completes it (modsdk::mi_complete). Complete it exactly once.
class mi_async_token {
 public:
  constexpr mi_async_token() noexcept = default;
  explicit operator bool() const noexcept { return hdl_ != nullptr; }
  abi::mi_handler* raw() const noexcept { return hdl_; }

 private:
  friend class mi_async;
  explicit mi_async_token(abi::mi_handler* h) noexcept : hdl_(h) {}
  abi::mi_handler* hdl_ = nullptr;
};

/// What a handler that answers later returns: made only by mi_async::later().
class mi_later {
 private:
  friend class mi_async;
  constexpr mi_later() noexcept = default;
};

/// The last parameter of an MI handler that answers later: `mi_later f(mi_param<...> p, mi_async reply)`.
/// The command then asks the MI transport for an asynchronous reply (MI_ASYNC_RPL_FLAG).
class mi_async {
 public:
  explicit mi_async(abi::mi_handler* h) noexcept : hdl_(h) {}
  /// The token to complete the reply with, from any process: modsdk::mi_complete(token, reply).
  mi_async_token token() const noexcept { return mi_async_token(hdl_); }
  /// The handler's return value: the reply comes later.
  mi_later later() const noexcept { return {}; }

 private:
  abi::mi_handler* hdl_;
};

MODSDK_END_NAMESPACE
