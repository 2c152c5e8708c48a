// SPDX-License-Identifier: MIT
/// @file The host: drives a module through its `exports` table the way OpenSIPS's loader, cfg parser and
/// mod_fix.c do (version check, load_f, modparam, preinit/init/child_init, stats and MI registration,
/// script calls with their startup and per-call fixups, destroy).
///
///     modsdk::testing::host h{exports};          // or host::load("build/my_module.so")
///     REQUIRE(h.modparam("db_url", "mysql://x"));
///     REQUIRE(h.start());
///     auto msg = modsdk::testing::sip_message::parse(invite_text);
///     using modsdk::testing::lit, modsdk::testing::var;
///     CHECK(h.call("my_function", msg, {lit("text"), lit(5), var("$var(out)")}) == 1);
#pragma once
#include <memory>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/route.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing/sip_message.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

/// One argument of a script call, as it would be written in the script.
struct arg {
  enum class kind { number, string, variable, omitted };
  kind k = kind::omitted;
  long number = 0;
  std::string text;

  arg() = default;
  arg(int n) : k(kind::number), number(n) {}             // NOLINT: `f(5)`
  arg(const char* s) : k(kind::string), text(s) {}       // NOLINT: `f("x")`
  arg(std::string_view s) : k(kind::string), text(s) {}  // NOLINT
  arg(kind k_, std::string t, long n = 0) : k(k_), number(n), text(std::move(t)) {}
};
/// An integer literal: `f(5)`.
inline arg lit(int n) { return arg(n); }
/// A quoted string: `f("text")`. As in the script, a `$` in it makes it a formatted string unless the
/// parameter is CMD_PARAM_NO_EXPAND.
inline arg lit(std::string_view s) { return arg(s); }
inline arg lit(const char* s) { return arg(std::string_view(s)); }
/// A quoted string with variables: `f("hello $rm")` (the same script element as lit(); named for intent).
inline arg formatted(std::string_view s) { return arg(s); }
/// A bare variable: `f($var(x))`.
inline arg var(std::string_view spec) { return arg(arg::kind::variable, std::string(spec)); }
/// An empty position: `f(a, , c)`.
inline arg omit() { return arg(); }

/// The outcome of a host step: ok, or the error text the core would print.
struct result {
  bool ok = false;
  std::string error;
  explicit operator bool() const noexcept { return ok; }
};

namespace detail {
struct host_state;
struct call_state;
}  // namespace detail

/// A script call checked like the cfg parser does (name, route type, argument count), with its
/// startup fixups run once (at host start, or immediately when the host has already started).
class prepared_call {
 public:
  bool ok() const noexcept;
  explicit operator bool() const noexcept { return ok(); }
  /// The parse or fixup error, in the core's words ("Command <f> cannot be used in the block", ...).
  const std::string& error() const noexcept;
  /// One execution, as action.c does for CMD_T: evaluate variables and formats, run per-call fixups,
  /// call the function with all 8 slots (unused ones hold 0xdeadbeef garbage), run free_fixups.
  /// Returns the function's code, or a negative E_* code (the function is not called) when an
  /// argument cannot be evaluated or the call was not prepared successfully.
  int invoke(sip_message& msg) const;
  int operator()(sip_message& msg) const { return invoke(msg); }

 private:
  friend class host;
  std::shared_ptr<detail::call_state> st_;
};

/// The outcome of an async call: the function's code, the async_ctx the function filled in, and the
/// global async_status it set.
struct async_result {
  int rc = 0;
  typename abi::for_profile_t<target.profile>::async_ctx ctx{};
  int async_status = 0;
};

/// Runs an async call's resume callback as tm does once its fd is readable: async_status preset to
/// ASYNC_DONE, called again (on the new fd for ASYNC_CHANGE_FD) while it asks to keep waiting. Returns its
/// last code (the resume route's `$rc`). With `timeout`, the timeout callback instead, once. Throws
/// std::logic_error when the call set no such callback.
int resume(const async_result& r, sip_message& msg, bool timeout = false);

/// One MI parameter: a name and a string or integer value.
struct mi_arg {
  std::string name;
  std::string str;
  long long num = 0;
  bool is_num = false;
  mi_arg(std::string n, std::string_view v) : name(std::move(n)), str(v) {}
  mi_arg(std::string n, const char* v) : name(std::move(n)), str(v) {}
  mi_arg(std::string n, long long v) : name(std::move(n)), num(v), is_num(true) {}
  mi_arg(std::string n, int v) : name(std::move(n)), num(v), is_num(true) {}
};

/// An MI command's response: the result (or error object) rendered as JSON text.
struct mi_result {
  bool error = false;
  std::string json;      ///< e.g. `{"count":2}`, `"OK"`, or `{"code":-32602,"message":"Invalid params",...}`
  bool pending = false;  ///< an asynchronous command: the reply comes later (core().mi_async_replies())
};

/// A module driven the way the core drives it.
class host {
 public:
  /// Registers `exports` as loaded (version check, then load_f). Check loaded()/error().
  explicit host(const abi::module_exports& exports);
  /// dlopen()s a module (RTLD_NOW | RTLD_LOCAL), finds `exports` and loads it like the constructor.
  static host load(const std::string& path);
  host(host&&) noexcept;
  host& operator=(host&&) noexcept;
  host(const host&) = delete;
  host& operator=(const host&) = delete;
  ~host();

  bool loaded() const noexcept;
  const std::string& error() const noexcept;
  const abi::module_exports& exports() const noexcept;

  /// `modparam("<module>", "name", "value")` / `modparam("<module>", "name", 5)`.
  result modparam(std::string_view name, std::string_view value);
  result modparam(std::string_view name, const char* value) { return modparam(name, std::string_view(value)); }
  result modparam(std::string_view name, int value);

  /// preinit_f, init_f, stats and MI registration, startup fixups of prepared calls, child_init(rank).
  result start(int rank = 1);
  /// The steps of start() one by one (init() covers preinit, init, stats, MI and fixups).
  result init();
  result child_init(int rank);
  /// destroy_f, only if init_f succeeded (as the core). Also run by the destructor.
  void stop();
  /// response_f on a reply (1 when the module has none).
  int response(sip_message& reply);
  /// reload_ack_f (1 when the module has none).
  int reload_ack();

  /// Checks a call like the cfg parser (route type `rt`, the block the call is written in).
  prepared_call prepare(std::string_view function, std::vector<arg> args = {}, route_mask rt = route::request);
  /// prepare() + invoke(). Throws std::logic_error with the core's text when the call does not parse
  /// or its startup fixups fail (a test setup error); use prepare() to test those failures.
  int call(std::string_view function, sip_message& msg, std::vector<arg> args = {}, route_mask rt = route::request);
  /// Calls an async function (acmd) as tm's `async()` does: a zeroed async_ctx whose timeout_s is the
  /// script's timeout, and async_status preset to ASYNC_NO_IO.
  async_result call_async(std::string_view function, sip_message& msg, std::vector<arg> args = {},
                          unsigned timeout_s = 0);

  /// Runs an MI command of this module (plain name or "<module>:<name>") with named parameters,
  /// choosing the recipe like the core.
  mi_result mi(std::string_view command, std::vector<mi_arg> params = {});
  /// Same, with positional parameters.
  mi_result mi_positional(std::string_view command, std::vector<mi_arg> params);

  /// The value of a registered statistic (available after init).
  std::optional<unsigned long> stat(std::string_view name) const;

 private:
  host() = default;
  std::unique_ptr<detail::host_state> st_;
};

}  // namespace testing
MODSDK_END_NAMESPACE
