// SPDX-License-Identifier: MIT
/// @file Replying to a request from module code:
///
///     if (!authorised) return modsdk::send_reply(req, 403, "Forbidden");
///
/// The reply goes through the `sl` module's API (load_sl), bound once per process on first use; load
/// `sl.so` in the script (and list it in your module's dependencies). reply_via::signaling uses the
/// `signaling` module instead, which answers statefully when a transaction exists.
///
/// Extra headers and a body: add them to the request first with `req.add_reply_header(name, value)` /
/// `req.set_reply_body(body, content_type)` (message.hpp, the core's reply lumps); every reply the core
/// then generates for the request carries them, like append_to_reply() in the script.
#pragma once
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

/// Which module sends the reply.
enum class reply_via {
  sl,         ///< `sl`: always stateless (load_sl)
  signaling,  ///< `signaling`: stateful when a transaction exists, else stateless (load_sig)
};

namespace detail::rpl {
struct binding {
  abi::sl_binds api;
  bool bound;
};
inline binding* bindings() noexcept {
  static constinit binding slots[2]{};
  return slots;
}
/// Forgets the bindings (tests that load and unload the fake sl module).
inline void reset_bindings() noexcept {
  bindings()[0] = {};
  bindings()[1] = {};
}
/// Binds once per process; retried on the next reply while the module is missing.
inline const abi::sl_binds* bind(reply_via via) noexcept {
  binding& b = bindings()[via == reply_via::sl ? 0 : 1];
  if (b.bound) return &b.api;
  const char* loader = via == reply_via::sl ? "load_sl" : "load_sig";
  abi::cmd_function f = abi::find_export(loader, 0);
  if (!f) return nullptr;
  abi::sl_binds api{};
  // load_sl/load_sig are exported as pseudo-commands; their real type is int(struct sl_binds*).
  auto load = reinterpret_cast<int (*)(abi::sl_binds*)>(reinterpret_cast<void (*)()>(f));
  if (load(&api) < 0 || !api.reply) return nullptr;  // 1 (or 0) on success, -1 on failure
  b.api = api;
  b.bound = true;
  return &b.api;
}
}  // namespace detail::rpl

/// Sends a reply with `code` (100-699) and `reason` to the request `msg`; false (with an error in the
/// log) when `msg` is not a request, the code is out of range, the replying module is not loaded, or
/// the core fails to send.
inline bool send_reply(const message& msg, int code, std::string_view reason, reply_via via = reply_via::sl) noexcept {
  if (!msg.is_request()) {
    log::write_for(log::level::error, "send_reply", "cannot reply {} {}: the message is a reply, not a request", code,
                   reason);
    return false;
  }
  if (code < 100 || code > 699) {
    log::write_for(log::level::error, "send_reply", "cannot reply {} {}: status codes go from 100 to 699", code,
                   reason);
    return false;
  }
  const abi::sl_binds* api = detail::rpl::bind(via);
  if (!api) {
    log::write_for(log::level::error, "send_reply",
                   "cannot reply {} {}: the '{}' module is not loaded (add loadmodule \"{}.so\" to the script)", code,
                   reason, via == reply_via::sl ? "sl" : "signaling", via == reply_via::sl ? "sl" : "signaling");
    return false;
  }
  abi::str r{const_cast<char*>(reason.data()), static_cast<int>(reason.size())};
  if (api->reply(msg.raw(), code, &r, nullptr) < 0) {
    log::write_for(log::level::error, "send_reply", "the core failed to send the reply {} {}", code, reason);
    return false;
  }
  return true;
}

MODSDK_END_NAMESPACE
