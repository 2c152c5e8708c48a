// SPDX-License-Identifier: MIT
// Test kit fake core: asynchronous MI replies, as a transport (mi_datagram, mi_fifo) supports them: for a
// command with MI_ASYNC_RPL_FLAG it builds a `struct mi_handler` in shm whose handler_f, called by the
// module from any process, renders the reply into core().mi_async_replies() and, when done, frees it.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/impl/mi/async.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/mem.hpp>
#include <modsdk/testing/host.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

mi_result finish_mi(abi::mi_item* resp);  // fake/mi.hpp

inline std::vector<mi_result>& mi_async_st() noexcept {
  static auto* s = new std::vector<mi_result>();  // NOLINT(bugprone-unhandled-exception-at-new): a test program
  return *s;
}

inline void mi_async_done(abi::mi_response* resp, abi::mi_handler* hdl, int done) noexcept {
  try {
    if (resp)
      mi_async_st().push_back(finish_mi(resp));
    else if (done)  // the transports answer a NULL final reply with an internal error
      mi_async_st().push_back(mi_result{true, R"({"code":-32603,"message":"Internal error"})"});
  } catch (...) {
  }
  if (done) fake_release(true, &g_shm_block_tag, hdl, "shm_free", __FILE__, "mi_async_done", __LINE__);
}

/// The async handler a transport builds for one request (shm, freed by the final reply).
inline abi::mi_handler* new_mi_async_handler() noexcept {
  auto* h = static_cast<abi::mi_handler_layout*>(
      fake_alloc(true, &g_shm_block_tag, sizeof(abi::mi_handler_layout), __FILE__, "build_async_handler", __LINE__));
  if (!h) return nullptr;
  h->handler_f = &mi_async_done;
  h->param = nullptr;
  return reinterpret_cast<abi::mi_handler*>(h);
}

inline void free_mi_async_handler(abi::mi_handler* h) noexcept {
  fake_release(true, &g_shm_block_tag, h, "shm_free", __FILE__, "free_async_handler", __LINE__);
}

}  // namespace detail

const std::vector<mi_result>& fake_core::mi_async_replies() const noexcept { return detail::mi_async_st(); }
void fake_core::clear_mi_async_replies() noexcept { detail::mi_async_st().clear(); }

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
