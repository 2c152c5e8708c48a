// SPDX-License-Identifier: MIT
/// @file The tm module's API, bound at mod_init: stateful replies, relaying, transaction lookup and
/// transaction callbacks with per-transaction state.
///
///     modsdk::tm::binding tm;                          // constant-initialised, at namespace scope
///
///     struct call_state { int attempts; };             // per transaction, in shm: trivially copyable
///     void on_final(const modsdk::tm::transaction_event& e, call_state& s) {
///       modsdk::log::info("final {} after {} attempt(s)", e.code(), s.attempts);
///     }
///     bool answer(modsdk::message& msg) {
///       if (tm.newtran(msg) != modsdk::tm::newtran_result::created) return false;
///       tm.on<on_final>(msg, modsdk::tm::event::response_out, call_state{1});
///       return tm.reply(msg, 200, "OK");
///     }
///
///     MODSDK_MODULE(new_module, modsdk::functions(MODSDK_FN(answer)), modsdk::binds(tm));
///
/// modsdk::binds(tm) orders this module after tm (the deps table) and binds `load_tm` in mod_init; without
/// `loadmodule "tm.so"` the start fails with one line saying so. Before mod_init (a modparam callback,
/// preinit) or when the binding is not listed in binds(...), every call logs an error and fails.
///
/// Callbacks: `F(const transaction_event&)` or, with a state, `F(const transaction_event&, T&)`, a
/// function (or captureless lambda) given as a template argument. They run in whichever process the
/// transaction's event happens in, inside modsdk's exception firewall. The state T is copied into shm
/// when registering and freed by tm's release callback when the transaction is deleted: it must be
/// trivially copyable (no std::string: process heaps are private) and is shared by the callbacks of one
/// registration. A callback registered before newtran is attached to the transaction newtran creates.
#pragma once
#include <cstdint>
#include <modsdk/config.hpp>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/tm.hpp>
#include <modsdk/detail/binding.hpp>
#include <modsdk/detail/firewall.hpp>
#include <modsdk/detail/shm_state.hpp>
#include <modsdk/detail/source_location.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>
#include <modsdk/target.hpp>
#include <modsdk/tm/request.hpp>
#include <modsdk/tm/transaction.hpp>

MODSDK_BEGIN_NAMESPACE
namespace tm {

/// A transaction event a callback can wait for (TMCB_*). The module-wide ones (TMCB_REQUEST_IN,
/// TMCB_LOCAL_TRANS_NEW) are not per transaction and not offered here.
enum class event : int {
  response_in = abi::tmcb_response_in,                ///< a reply arrived (before it is processed)
  request_fwded = abi::tmcb_request_fwded,            ///< a request is about to be sent on a branch
  response_fwded = abi::tmcb_response_fwded,          ///< a received reply is about to be forwarded
  on_failure = abi::tmcb_on_failure,                  ///< all branches failed (before failure_route)
  response_pre_out = abi::tmcb_response_pre_out,      ///< a reply is about to be sent upstream
  response_out = abi::tmcb_response_out,              ///< a reply was sent upstream (statefully)
  local_completed = abi::tmcb_local_completed,        ///< a local transaction got its final reply
  local_response_out = abi::tmcb_local_response_out,  ///< a locally generated reply was sent
  trans_cancelled = abi::tmcb_trans_cancelled,        ///< the transaction was cancelled
  trans_deleted = abi::tmcb_trans_deleted,            ///< the transaction is being freed
};

/// A set of events: `event::response_in | event::on_failure`.
class events {
 public:
  constexpr events(event e) noexcept : bits_(static_cast<int>(e)) {}  // NOLINT(google-explicit-constructor)
  constexpr int bits() const noexcept { return bits_; }
  constexpr bool contains(event e) const noexcept { return (bits_ & static_cast<int>(e)) != 0; }
  friend constexpr events operator|(events a, events b) noexcept { return events(a.bits_ | b.bits_); }
  friend constexpr bool operator==(events, events) = default;

 private:
  constexpr explicit events(int b) noexcept : bits_(b) {}
  int bits_;
};
constexpr events operator|(event a, event b) noexcept { return events(a) | events(b); }

/// What a transaction callback is told.
class transaction_event {
 public:
  transaction_event(int type, const abi::tmcb_params* p) noexcept : type_(type), p_(p) {}
  /// The event that fired (one of those registered).
  event type() const noexcept { return static_cast<event>(type_); }
  /// The reply's status code (0 when the event has none).
  int code() const noexcept { return p_->code; }
  /// The transaction's request (tm's copy), when the event carries it.
  std::optional<message> request() const noexcept {
    if (!p_->req) return std::nullopt;
    return message(p_->req);
  }
  /// The reply that caused the event; nullopt when there is none or tm generated it (a timeout's 408).
  std::optional<message> reply() const noexcept {
    if (!p_->rpl || p_->rpl == abi::faked_reply) return std::nullopt;
    return message(p_->rpl);
  }
  /// Whether the reply was generated by tm itself (FAKED_REPLY: a timeout, a local final reply).
  bool reply_is_local() const noexcept { return p_->rpl == abi::faked_reply; }
  /// The core's parameters, for what modsdk does not wrap.
  const abi::tmcb_params* raw() const noexcept { return p_; }

 private:
  int type_;
  const abi::tmcb_params* p_;
};

/// What newtran did.
enum class newtran_result {
  created,         ///< a new transaction exists for the request: reply or relay it
  retransmission,  ///< the request retransmits a known transaction (tm re-sent its reply): stop here
  failed,          ///< an error (logged); also when a transaction already exists for the request
};

/// What check found (t_check_trans).
enum class check_result {
  found,           ///< the request belongs to an existing transaction (or is its ACK)
  retransmission,  ///< a retransmission: tm re-sent the last reply; stop processing it
  not_found,       ///< no transaction: a new request
  e2e_ack,         ///< an end-to-end ACK of a transaction answered 2xx
};

/// How relay sends the request.
enum class relay_flag : int {
  none = 0,
  no_dns_failover = abi::t_relay_no_dns_failover,  ///< do not try the other DNS destinations on failure
  cancel_reason = abi::t_relay_cancel_reason,      ///< copy the Reason of an incoming CANCEL
};
constexpr relay_flag operator|(relay_flag a, relay_flag b) noexcept {
  return static_cast<relay_flag>(static_cast<int>(a) | static_cast<int>(b));
}

namespace detail {
using tm_binds = abi::for_profile_t<target.profile>::tm_binds;

template <auto F>
inline constexpr bool plain_callback = std::is_invocable_v<decltype(F), const transaction_event&>;
template <auto F, class T>
inline constexpr bool state_callback = std::is_invocable_v<decltype(F), const transaction_event&, T&>;

using ::modsdk::detail::shm_state;

inline void log_exception(const char* what) noexcept {
  if (what)
    log::write_for(log::level::error, "tm callback", "a tm callback threw: {}", what);
  else
    log::write_for(log::level::error, "tm callback", "a tm callback threw a non-standard exception");
}

template <auto F>
void plain_trampoline(abi::tm_cell*, int type, abi::tmcb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(transaction_event(type, p));
        return true;
      },
      [](const char* what) {
        log_exception(what);
        return true;
      });
}

template <auto F, class T>
void state_trampoline(abi::tm_cell*, int type, abi::tmcb_params* p) noexcept {
  ::modsdk::detail::firewall(
      [&] {
        F(transaction_event(type, p), *static_cast<T*>(*p->param));
        return true;
      },
      [](const char* what) {
        log_exception(what);
        return true;
      });
}

}  // namespace detail

/// The tm module's API for this module. Declare one at namespace scope and list it in modsdk::binds(...).
class binding {
 public:
  static constexpr const char* module_name = "tm";
  static constexpr const char* loader = "load_tm";

  constexpr binding() noexcept = default;

  /// Whether mod_init bound tm (false before, or when the binding is not in modsdk::binds(...)).
  bool bound() const noexcept { return bound_; }

  /// Creates the transaction of the request `msg` (t_newtran).
  newtran_result newtran(const message& msg) noexcept {
    if (!ready("newtran")) return newtran_result::failed;
    const int r = api_.api.t_newtran(msg.raw());
    if (r > 0) return newtran_result::created;
    if (r == 0) return newtran_result::retransmission;
    log::write_for(log::level::error, "tm.newtran", "tm could not create the transaction (error {})", r);
    return newtran_result::failed;
  }

  /// Replies statefully (t_reply): creates the transaction first when there is none. `code` 100-699.
  /// False (logged) on a bad code or when tm fails; true without sending for an ACK or a retransmission.
  bool reply(const message& msg, int code, std::string_view reason) noexcept {
    if (!ready("reply")) return false;
    if (code < 100 || code > 699) {
      log::write_for(log::level::error, "tm.reply", "cannot reply {} {}: status codes go from 100 to 699", code,
                     reason);
      return false;
    }
    abi::str r{const_cast<char*>(reason.data()), static_cast<int>(reason.size())};
    if (api_.api.t_reply(msg.raw(), static_cast<unsigned>(code), &r) < 0) {
      log::write_for(log::level::error, "tm.reply", "tm failed to send the reply {} {}", code, reason);
      return false;
    }
    return true;
  }

  /// Relays the request statefully to its R-URI (or $du), creating the transaction when there is none
  /// (t_relay). False (logged by tm) when it could not be sent.
  bool relay(const message& msg, relay_flag flags = relay_flag::none) noexcept {
    if (!ready("relay")) return false;
    // NOLINTNEXTLINE(performance-no-int-to-ptr): tm reads the flags back as (int)(long)
    void* f = reinterpret_cast<void*>(static_cast<std::intptr_t>(flags));
    return api_.api.t_relay(msg.raw(), f, nullptr) > 0;
  }

  /// Whether the request belongs to an existing transaction (t_check_trans; a retransmission is answered).
  check_result check(const message& msg) noexcept {
    if (!ready("check")) return check_result::not_found;
    switch (api_.api.t_check_trans(msg.raw())) {
      case 1:
        return check_result::found;
      case 0:
        return check_result::retransmission;
      case -2:
        return check_result::e2e_ack;
      default:
        return check_result::not_found;
    }
  }

  /// The identity of the message's transaction, or nullopt when it has none (tm then logs
  /// "no transaction found").
  std::optional<transaction_id> current(const message& msg) noexcept {
    if (!ready("current")) return std::nullopt;
    transaction_id id;
    if (api_.api.t_get_trans_ident(msg.raw(), &id.hash_index, &id.label) < 0) return std::nullopt;
    return id;
  }

  /// The transaction of the message being processed (t_gett): set once newtran, relay, reply or check
  /// found or made it in this route, and inside a transaction callback; nullopt otherwise.
  std::optional<transaction> current_transaction() const noexcept {
    if (!ready("current_transaction")) return std::nullopt;
    abi::tm_cell* t = api_.api.t_gett();
    if (!t || t == abi::t_undefined) return std::nullopt;
    return transaction(t);
  }

  /// Whether the message's transaction is a local one (t_is_local); nullopt (tm logs "no transaction
  /// found") when the message has none.
  std::optional<bool> is_local(const message& msg) noexcept {
    if (!ready("is_local")) return std::nullopt;
    const int r = api_.api.t_is_local(msg.raw());
    if (r < 0) return std::nullopt;
    return r != 0;
  }

  /// The transaction `id` (t_lookup_ident), held by a reference until the handle goes; nullopt when tm has
  /// no such transaction (any more). Works from any process: a timer, an MI command.
  std::optional<transaction_ref> lookup(transaction_id id) noexcept {
    if (!ready("lookup")) return std::nullopt;
    abi::tm_cell* t = nullptr;
    if (api_.api.t_lookup_ident(&t, id.hash_index, id.label) < 0 || !t) return std::nullopt;
    return transaction_ref(t, api_.api.ref_cell, api_.api.unref_cell);
  }

  /// The To-tag tm puts in its replies to `msg` (t_gen_totag). The text is tm's buffer: copy it before
  /// the next tm call of this process.
  std::string_view to_tag(const message& msg) noexcept {
    if (!ready("to_tag")) return {};
    abi::str tag{};
    if (api_.api.t_gen_totag(msg.raw(), &tag) < 0 || !tag.s) return {};
    return {tag.s, static_cast<std::size_t>(tag.len)};
  }

  /// Replies to the transaction `t` with extra header lines (each ending in CRLF; give the body's
  /// Content-Type here) and a body (t_reply_with_body). `to_tag` empty: tm's own (as for a reply). Not for
  /// a local transaction (tm has no request to answer). False (logged) when refused or tm fails.
  bool reply_with_body(transaction t, int code, std::string_view reason, std::string_view body,
                       std::string_view headers = {}, std::string_view to_tag = {}) noexcept {
    if (!ready("reply_with_body")) return false;
    const char* why = code < 100 || code > 699 ? "status codes go from 100 to 699"
                      : t.is_local()           ? "the transaction is local (it has no request to answer)"
                      : !headers.empty() && !headers.ends_with("\r\n") ? "the headers must end in CRLF"
                                                                       : nullptr;
    if (why) {
      log::write_for(log::level::error, "tm.reply_with_body", "cannot reply {} {}: {}", code, reason, why);
      return false;
    }
    abi::str r = text(reason), b = text(body), h = text(headers), tt = text(to_tag);
    if (api_.api.t_reply_with_body(t.raw(), static_cast<unsigned>(code), &r, &b, &h, &tt) < 0) {
      log::write_for(log::level::error, "tm.reply_with_body", "tm failed to send the reply {} {}", code, reason);
      return false;
    }
    return true;
  }

  /// Sends a request from the module (t_request), without waiting for its reply: false (logged) when it
  /// could not be sent. `F(const completion&)` runs once on the final reply (tm's 408 when none came).
  template <auto F>
  bool request(const request_spec& r) noexcept {
    static_assert(detail::plain_completion<F>,
                  "modsdk: tm.request<F>(spec): F must be callable as F(const modsdk::tm::completion&) (or pass "
                  "a state: tm.request<F>(spec, state) with F(const completion&, T&))");
    return send(r, &detail::completion_trampoline<F>, nullptr, nullptr);
  }

  /// The same with a state: a copy of `state` in shm reaches `F(const completion&, T&)`, then is freed.
  template <auto F, class T>
  bool request(const request_spec& r, const T& state) noexcept {
    static_assert(detail::shm_state<T>,
                  "modsdk: tm.request<F>(spec, state): the state lives in shm and is seen by every process; its "
                  "type must be trivially copyable, not a pointer, aligned to at most 8 (no std::string or vector)");
    static_assert(detail::state_completion<F, T>,
                  "modsdk: tm.request<F>(spec, state): F must be callable as "
                  "F(const modsdk::tm::completion&, T&) where T is the state's type");
    if (!ready("request")) return false;
    T* s = ::modsdk::detail::new_shm_state(state);
    if (!s) {
      log::write_for(log::level::error, "tm.request", "out of shm for a {}-byte request state", sizeof(T));
      return false;
    }
    if (send(r, &detail::state_completion_trampoline<F, T>, s, &::modsdk::detail::release_shm_state<T>)) return true;
    ::modsdk::detail::release_shm_state<T>(s);  // tm does not release a request it did not send
    return false;
  }

  /// Sends a request without a completion callback.
  bool request(const request_spec& r) noexcept { return send(r, nullptr, nullptr, nullptr); }

  /// Calls `F(const transaction_event&)` on `which` events of the message's transaction (or of the one
  /// newtran creates next for it). False (logged) when tm refuses.
  template <auto F>
  bool on(const message& msg, events which) noexcept {
    static_assert(detail::plain_callback<F>,
                  "modsdk: tm.on<F>(msg, events): F must be callable as F(const modsdk::tm::transaction_event&) "
                  "(or pass a state: tm.on<F>(msg, events, state) with F(const transaction_event&, T&))");
    if (!ready("on")) return false;
    return add(msg, which, &detail::plain_trampoline<F>, nullptr, nullptr);
  }

  /// Calls `F(const transaction_event&, T&)` on `which` events, with a copy of `state` kept in shm for the
  /// transaction's life and freed when tm releases the callback.
  template <auto F, class T>
  bool on(const message& msg, events which, const T& state) noexcept {
    static_assert(detail::shm_state<T>,
                  "modsdk: tm.on<F>(msg, events, state): the state lives in shm and is seen by every process; its "
                  "type must be trivially copyable, not a pointer, aligned to at most 8 (no std::string or vector: "
                  "use fixed arrays)");
    static_assert(detail::state_callback<F, T>,
                  "modsdk: tm.on<F>(msg, events, state): F must be callable as "
                  "F(const modsdk::tm::transaction_event&, T&) where T is the state's type");
    if (!ready("on")) return false;
    T* s = ::modsdk::detail::new_shm_state(state);
    if (!s) {
      log::write_for(log::level::error, "tm.on", "out of shm for a {}-byte transaction state", sizeof(T));
      return false;
    }
    if (add(msg, which, &detail::state_trampoline<F, T>, s, &::modsdk::detail::release_shm_state<T>)) return true;
    ::modsdk::detail::release_shm_state<T>(s);
    return false;
  }

  /// The core's tm_binds, for what modsdk does not wrap (nullptr before mod_init).
  const detail::tm_binds* raw() const noexcept { return bound_ ? &api_ : nullptr; }

 private:
  friend struct ::modsdk::detail::binding_access;

  bool ready(const char* what) const noexcept {
    if (bound_) return true;
    log::write_for(log::level::error, "tm",
                   "tm.{}: the tm API is not bound: list the binding in modsdk::binds(...) "
                   "of MODSDK_MODULE; it is bound in mod_init, so it cannot be used before",
                   what);
    return false;
  }

  static abi::str text(std::string_view v) noexcept {
    return {const_cast<char*>(v.data()), static_cast<int>(v.size())};
  }

  bool send(const request_spec& r, abi::transaction_cb* cb, void* param, abi::release_tmcb_param* release) noexcept {
    if (!ready("request")) return false;
    if (const char* why = detail::request_spec_error(r)) {
      log::write_for(log::level::error, "tm.request", "cannot send the {} request: {}", r.method, why);
      return false;
    }
    abi::str m = text(r.method), ru = text(r.ruri.empty() ? r.to : r.ruri), to = text(r.to), fr = text(r.from),
             h = text(r.headers), b = text(r.body), ob = text(r.next_hop);
    const int rc =
        api_.api.t_request(&m, &ru, &to, &fr, r.headers.empty() ? nullptr : &h, r.body.empty() ? nullptr : &b,
                           r.next_hop.empty() ? nullptr : &ob, cb, param, release);
    if (rc <= 0) {
      log::write_for(log::level::error, "tm.request", "tm could not send the {} request to {} (error {})", r.method,
                     r.ruri.empty() ? r.to : r.ruri, rc);
      return false;
    }
    return true;
  }

  bool add(const message& msg, events which, abi::transaction_cb* f, void* param,
           abi::release_tmcb_param* release) noexcept {
    if (api_.api.register_tmcb(msg.raw(), nullptr, which.bits(), f, param, release) < 0) {
      log::write_for(log::level::error, "tm.on", "tm refused the transaction callback (events {:#x})", which.bits());
      return false;
    }
    return true;
  }

  bool bind_from(abi::cmd_function load) noexcept {
    if constexpr (target.profile == profile::v3_4) {
      if (target.rel.patch == 0) {
        log::write_for(log::level::error, "mod_init", "the tm binding needs OpenSIPS 3.4.1 or later");
        return false;
      }
    }
    detail::tm_binds b{};
    // load_tm is exported as a pseudo-command; its real type is int(struct tm_binds*).
    auto f = reinterpret_cast<abi::load_tm_f>(reinterpret_cast<void (*)()>(load));
    if (f(&b) < 0 || !b.api.register_tmcb || !b.api.t_newtran || !b.api.t_reply || !b.api.t_relay || !b.api.t_gett ||
        !b.api.t_is_local || !b.api.t_lookup_ident || !b.api.t_gen_totag || !b.api.t_reply_with_body ||
        !b.api.t_request || !b.api.ref_cell || !b.api.unref_cell)
      return false;
    api_ = b;
    bound_ = true;
    return true;
  }

  detail::tm_binds api_{};
  bool bound_ = false;
};

}  // namespace tm
MODSDK_END_NAMESPACE
