// SPDX-License-Identifier: MIT
// docs/howto/functions.md: script functions, each form once. Built as a module for the unit-test target.
#include <modsdk/modsdk.hpp>

#include <optional>
#include <string>
#include <string_view>

// snippet: functions_convert_type
struct port {
  int value;
};
template <>
struct modsdk::convert<port> {
  static constexpr std::string_view expected = "a port number from 1 to 65535";
  static std::optional<port> from_string(std::string_view text) {
    auto n = modsdk::convert<int>::from_string(text);
    if (!n || *n < 1 || *n > 65535) return std::nullopt;
    return port{*n};
  }
  static std::optional<port> from_int(int n) { return from_string(std::to_string(n)); }
};
// snippet-end: functions_convert_type

namespace {
// snippet: functions_basic
// check_user("alice") or check_user($fU): the core evaluates the argument, modsdk hands you a view
bool check_user(modsdk::request& req, std::string_view user) {
  modsdk::log::info("{} from {}", req.method(), user);
  return user != "anonymous";  // true -> 1, false -> -1 ($rc, `if (check_user(...))`)
}
// snippet-end: functions_basic

// snippet: functions_optional
// limit(10) or limit(10, "per-minute"); the script may leave trailing std::optional parameters out
int limit(int calls, std::optional<std::string_view> window) {
  modsdk::log::debug("limit {} {}", calls, window.value_or("per-second"));
  return calls > 0 ? calls : -1;  // an int is $rc as is (0 is refused: it would stop the script)
}
// snippet-end: functions_optional

// snippet: functions_overloads
bool tag(modsdk::message& msg, std::string_view label, int weight) {
  modsdk::log::info("{} tagged {} ({})", msg.call_id(), label, weight);
  return true;
}
bool tag(modsdk::message& msg, std::string_view label) { return tag(msg, label, 1); }
// snippet-end: functions_overloads

// snippet: functions_result
modsdk::result screen(modsdk::request& req, modsdk::regex blocked) {
  if (blocked.matches(req.from_uri())) return modsdk::result::stop();  // like `exit` in the script
  if (req.header("X-Trusted")) return modsdk::result::code(2);         // $rc == 2
  return modsdk::result::ok();
}
// snippet-end: functions_result

// snippet: functions_variable
// count_headers($var(n)): the function writes the variable
bool count_headers(modsdk::message& msg, modsdk::writable_variable out) {
  return out.set(static_cast<int>(msg.headers().size()));
}
// snippet-end: functions_variable

// snippet: functions_user_type
bool probe(modsdk::request&, port p) {  // probe("5061") or probe($var(port)): checked before the call
  return p.value != 5060;
}
// snippet-end: functions_user_type
}  // namespace

// snippet: functions_module
MODSDK_MODULE(snippet_functions,
              modsdk::functions(MODSDK_FN(check_user),  // routes: what request& allows
                                MODSDK_FN(limit),       // no message: every route
                                MODSDK_OVERLOADS(tag, modsdk::route::request | modsdk::route::onreply,
                                                 bool(modsdk::message&, std::string_view, int),
                                                 bool(modsdk::message&, std::string_view)),
                                MODSDK_FN(screen, modsdk::route::request),  // narrower than request& allows
                                MODSDK_FN(count_headers), MODSDK_FN(probe)));
// snippet-end: functions_module

// What docs/howto/functions.md says of `port`: a type with from_string is a string parameter of the core
// (CMD_PARAM_STR, not INT), so the core takes probe("5061") and refuses the integer literal probe(5060) at
// startup in every release ("Param [1] expected to be a string or variable"); from_int serves modparams.
static_assert(modsdk::detail::fn::param<port, "probe", 1>::flags == modsdk::abi::cmd_param_str);
static_assert(modsdk::detail::fn::param<std::optional<port>, "probe", 1>::flags ==
              (modsdk::abi::cmd_param_str | modsdk::abi::cmd_param_opt));
