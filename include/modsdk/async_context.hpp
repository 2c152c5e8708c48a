// SPDX-License-Identifier: MIT
/// @file modsdk::async_context and modsdk::resume_result: what an async script function works with
/// (see modsdk/async.hpp for the whole picture).
#pragma once
#include <modsdk/config.hpp>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// What a resume (or timeout) callback tells the core.
class resume_result {
 public:
  /// Finished: the fd leaves the reactor (you close it), the resume route runs with `$rc` = rc.
  static constexpr resume_result done(int rc = 1) noexcept { return {abi::async_done, rc}; }
  /// Finished, and the core closes the fd.
  static constexpr resume_result done_close_fd(int rc = 1) noexcept { return {abi::async_done_close_fd, rc}; }
  /// Finished, and the core leaves the fd alone (you manage it, e.g. a shared connection).
  static constexpr resume_result done_no_io(int rc = 1) noexcept { return {abi::async_done_no_io, rc}; }
  /// Not finished: keep waiting on the same fd.
  static constexpr resume_result wait_more() noexcept { return {abi::async_continue, 0}; }
  /// Not finished: wait on `fd` instead (the old one leaves the reactor).
  static constexpr resume_result change_fd(int fd) noexcept { return {abi::async_change_fd, fd}; }

  constexpr int status() const noexcept { return status_; }  ///< the async_status value
  constexpr int code() const noexcept { return code_; }      ///< the callback's return value

 private:
  constexpr resume_result(int s, int c) noexcept : status_(s), code_(c) {}
  int status_;
  int code_;
};

namespace detail::fn {
template <class P>
struct resume_param;
template <class R, class P>
struct resume_param<R (*)(int, message&, P*)> {
  using type = P;
  using ret = R;
};
template <class R, class P>
struct resume_param<R (*)(int, message&, P*) noexcept> : resume_param<R (*)(int, message&, P*)> {};

template <auto Cb>
concept resume_callback = requires {
  typename resume_param<decltype(Cb)>::type;
}
&&(std::is_same_v<typename resume_param<decltype(Cb)>::ret, resume_result> ||
   std::is_same_v<typename resume_param<decltype(Cb)>::ret, bool> ||
   std::is_same_v<typename resume_param<decltype(Cb)>::ret, void>);

/// completed_sync(code): the code the async function's trampoline returns instead of the function's
/// (read and cleared by the trampoline; one async function runs at a time in a process).
inline int sync_code = 0;
inline bool sync_code_set = false;

/// 4.0 added `resume_f_name` (tm prints it unconditionally when it resumes); 3.x has no such field.
template <class Ctx>
void set_resume_name(Ctx* ctx, const char* name) noexcept {
  if constexpr (requires { ctx->resume_f_name; }) ctx->resume_f_name = const_cast<char*>(name);
}

/// The `int (int fd, sip_msg*, void* param)` the core calls; exceptions end the operation (ASYNC_DONE).
template <auto Cb>
int resume_trampoline(int fd, abi::sip_msg* msg, void* param) noexcept {
  using P = typename resume_param<decltype(Cb)>::type;
  using R = typename resume_param<decltype(Cb)>::ret;
  return firewall(
      [&] {
        message m(msg);
        if constexpr (std::is_same_v<R, resume_result>) {
          const resume_result r = Cb(fd, m, static_cast<P*>(param));
          abi::async_status = r.status();
          return r.code();
        } else if constexpr (std::is_same_v<R, bool>) {
          abi::async_status = abi::async_done;
          return Cb(fd, m, static_cast<P*>(param)) ? 1 : -1;
        } else {
          Cb(fd, m, static_cast<P*>(param));
          abi::async_status = abi::async_done;
          return 1;
        }
      },
      [](const char* what) {
        if (what)
          log::write_for(log::level::error, "async resume", "async resume callback failed: exception: {}", what);
        else
          log::write_for(log::level::error, "async resume", "async resume callback failed: unknown exception");
        abi::async_status = abi::async_done;
        return MODSDK_EXCEPTION_RESULT;
      });
}
}  // namespace detail::fn

/// The async side of a call: the core's async_ctx (whose layout depends on the OpenSIPS version:
/// 4.0 inserted `resume_f_name`) plus the global async_status. Only valid during the async function.
class async_context {
 public:
  using raw_type = typename abi::for_profile_t<target.profile>::async_ctx;

  async_context(raw_type* ctx, const char* function_name, abi::sip_msg* msg = nullptr) noexcept
      : ctx_(ctx), name_(function_name), timeout_in_(ctx->timeout_s), msg_(msg) {}

  /// The callback the core runs when the fd is readable (or at once, for completed_sync()):
  /// `R cb(int fd, modsdk::message& msg, P* param)`, R = modsdk::resume_result, bool or void.
  /// `param` is handed back untouched; you own it (free it in the callback).
  template <auto Callback, class P>
  requires detail::fn::resume_callback<Callback> &&
      std::is_same_v<typename detail::fn::resume_param<decltype(Callback)>::type, P>
  void on_resume(P* param) noexcept {
    ctx_->resume_f = reinterpret_cast<void*>(&detail::fn::resume_trampoline<Callback>);
    detail::fn::set_resume_name(ctx_, name_);
    ctx_->resume_param = param;
  }

  /// A callback for when the wait times out (same signature as the resume callback, same param), and
  /// the timeout in seconds (the smaller of this and the script's `async(..., timeout)` applies).
  /// Without a timeout callback the core ignores any timeout and waits forever.
  template <auto Callback>
  requires detail::fn::resume_callback<Callback>
  void on_timeout(unsigned int seconds) noexcept {
    ctx_->timeout_f = reinterpret_cast<void*>(&detail::fn::resume_trampoline<Callback>);
    ctx_->timeout_s = seconds;
  }

  /// The timeout the script gave to `async()`, in seconds (0: none).
  unsigned int script_timeout() const noexcept { return timeout_in_; }

  /// Wait until `fd` is readable, then run the resume callback (set it with on_resume first).
  void wait_for_fd(int fd) noexcept { abi::async_status = fd; }
  /// The work was done synchronously: run the resume route now, with the function's return code.
  void completed_sync() noexcept {
    abi::async_status = abi::async_sync;
    detail::fn::sync_code_set = false;
  }
  /// The work was done synchronously: run the resume route now with `code` as its `$rc`, whatever the
  /// function returns (what a completion callback run at once returned, say).
  void completed_sync(int code) noexcept {
    abi::async_status = abi::async_sync;
    detail::fn::sync_code = code;
    detail::fn::sync_code_set = true;
  }
  /// Nothing was started (the default): run the resume route now, with the function's return code.
  void no_io() noexcept { abi::async_status = abi::async_no_io; }

  /// Whether a resume callback was set.
  bool has_resume() const noexcept { return ctx_->resume_f != nullptr; }
  raw_type* raw() const noexcept { return ctx_; }
  const char* function_name() const noexcept { return name_; }
  /// The message the async function was called on (null where no message was given).
  abi::sip_msg* raw_message() const noexcept { return msg_; }

 private:
  raw_type* ctx_;
  const char* name_;
  unsigned int timeout_in_;
  abi::sip_msg* msg_;
};

MODSDK_END_NAMESPACE
