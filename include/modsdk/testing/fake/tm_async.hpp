// SPDX-License-Identifier: MIT
// Test kit fake core: tm's side of an async job once its fd is readable (tm/async.c's resume of a
// suspended request): the module's resume callback run with async_status preset to ASYNC_DONE, again
// while it asks to keep waiting, on the new fd when it changes it; or its timeout callback.
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <modsdk/config.hpp>
#include <stdexcept>
#include <string>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/testing/host.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

int resume(const async_result& r, sip_message& msg, bool timeout) {
  void* const f = timeout ? r.ctx.timeout_f : r.ctx.resume_f;
  if (!f)
    throw std::logic_error(std::string("modsdk::testing::resume: the async call set no ") +
                           (timeout ? "timeout" : "resume") + " callback");
  const auto fn = reinterpret_cast<abi::async_resume_function>(f);
  int fd = r.async_status;
  int rc = 0;
  do {
    abi::async_status = abi::async_done;  // tm presets it before each call
    rc = fn(fd, msg.raw(), r.ctx.resume_param);
    if (abi::async_status == abi::async_change_fd) fd = rc;
  } while (!timeout && (abi::async_status == abi::async_continue || abi::async_status == abi::async_change_fd));
  return rc;
}

}  // namespace testing
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
