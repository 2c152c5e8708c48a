// SPDX-License-Identifier: MIT
// Script functions (modsdk/functions.hpp): the generated cmd_export_t / acmd_export_t tables, pinned at
// compile time - flags per parameter kind, OPT bits, route masks, overload merging, and the rule checker.
#ifndef MODSDK_TARGET_VERSION  // static tests are not stamped by CMake: a stock 4.0.1 core
#define MODSDK_TARGET_VERSION "opensips 4.0.1 (x86_64/linux)"
#define MODSDK_TARGET_FLAGS                                                                    \
  "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, " \
  "F_PARALLEL_MALLOC, DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT"
#endif
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>

namespace abi = modsdk::abi;
namespace fn = modsdk::detail::fn;
namespace route = modsdk::route;

namespace app {
struct port {
  int v;
};
struct level {
  int v;
};
struct alignas(16) wide {
  long double v;
};
}  // namespace app
template <>
struct modsdk::convert<app::port> {
  static constexpr std::string_view expected = "a port";
  static std::optional<app::port> from_string(std::string_view) { return app::port{1}; }
};
template <>
struct modsdk::convert<app::level> {
  static constexpr std::string_view expected = "a level";
  static std::optional<app::level> from_int(int v) { return app::level{v}; }
};
template <>
struct modsdk::convert<app::wide> {
  static constexpr std::string_view expected = "wide";
  static std::optional<app::wide> from_string(std::string_view) { return app::wide{1}; }
};

namespace {
constexpr int opt = abi::cmd_param_opt;

bool all_kinds(modsdk::message&, int, unsigned, std::string_view, modsdk::static_str, modsdk::raw_str, modsdk::regex,
               modsdk::variable, modsdk::writable_variable) {
  return true;
}
bool users(const app::port&, app::level, std::optional<app::port>, std::optional<std::chrono::seconds>) { return true; }
bool opts(std::optional<int>, std::optional<std::string_view>, std::optional<modsdk::regex>,
          std::optional<modsdk::variable>) {
  return true;
}
void on_request(modsdk::request&) {}
int on_reply(modsdk::reply&) { return 1; }
modsdk::result anywhere() { return modsdk::result::ok(); }
bool narrowed(modsdk::message&) { return true; }
bool nothrow(modsdk::reply&, int) noexcept { return true; }

bool ov(modsdk::message&) { return true; }
bool ov(modsdk::message&, std::string_view) { return true; }
bool ov(modsdk::message&, std::string_view, int) { return true; }

int go(modsdk::message&, modsdk::async_context&, std::string_view) { return 1; }
int go_plain(modsdk::async_context&, std::optional<int>) { return 1; }

namespace inner {
bool qualified(int) { return true; }
}  // namespace inner

// --- rule violations, checked without firing their compile errors (fn::check_set) -------------------
bool bad_type(modsdk::message&, double) { return true; }
bool bad_ref(int&) { return true; }
bool bad_wide(app::wide) { return true; }
bool bad_order(std::optional<int>, int) { return true; }
bool nine(int, int, int, int, int, int, int, modsdk::variable, int) { return true; }
bool eighth(int, int, int, int, int, int, int, int) { return true; }
double bad_ret() { return 0; }
bool msg_by_value(modsdk::message) { return true; }
bool msg_second(int, modsdk::message&) { return true; }
bool async_late(modsdk::message&, int, modsdk::async_context&) { return true; }
bool dup_a(modsdk::message&, int) { return true; }
bool dup_b(modsdk::message&, int, std::optional<int>) { return true; }
bool gap_a(modsdk::message&) { return true; }
bool gap_b(modsdk::message&, int, int) { return true; }
bool pre_a(modsdk::message&, std::string_view) { return true; }
bool pre_b(modsdk::message&, int, int) { return true; }
bool ctx_a(modsdk::request&) { return true; }
bool ctx_b(modsdk::message&, int) { return true; }

using all_kinds_t = decltype(MODSDK_FN(all_kinds));
using users_t = decltype(MODSDK_FN(users));
using opts_t = decltype(MODSDK_FN(opts));
using ov_t = decltype(MODSDK_OVERLOADS(ov, bool(modsdk::message&), bool(modsdk::message&, std::string_view),
                                       bool(modsdk::message&, std::string_view, int)));
using ov_masked_t =
    decltype(MODSDK_OVERLOADS(ov, route::request | route::failure, bool(modsdk::message&),
                              bool(modsdk::message&, std::string_view), bool(modsdk::message&, std::string_view, int)));
using on_request_t = decltype(MODSDK_FN(on_request));
using on_reply_t = decltype(MODSDK_FN(on_reply));
using anywhere_t = decltype(MODSDK_FN(anywhere));
using narrowed_t = decltype(MODSDK_FN(narrowed, route::request | route::branch));
using qualified_t = decltype(MODSDK_FN(inner::qualified));
using go_t = decltype(MODSDK_FN(go));
using go_plain_t = decltype(MODSDK_FN(go_plain));
// (The emitted cmd_export_t tables hold trampolines that call the core, which this core-less program
// cannot link; tests/unit/test_functions.cpp checks that they carry exactly these layouts.)
}  // namespace

// ---- one parameter of each kind ------------------------------------------------------------------------
static_assert(all_kinds_t::name_view == "all_kinds");
static_assert(all_kinds_t::layout[0].flags == abi::cmd_param_int && !all_kinds_t::layout[0].fixup);
static_assert(all_kinds_t::layout[1].flags == abi::cmd_param_int && all_kinds_t::layout[1].fixup &&
                  !all_kinds_t::layout[1].free_fixup,
              "other integers: INT plus a range check in place, nothing to free");
static_assert(all_kinds_t::layout[2].flags == abi::cmd_param_str && !all_kinds_t::layout[2].fixup);
static_assert(all_kinds_t::layout[3].flags == (abi::cmd_param_str | abi::cmd_param_static));
static_assert(all_kinds_t::layout[4].flags == (abi::cmd_param_str | abi::cmd_param_no_expand));
static_assert(all_kinds_t::layout[5].flags == abi::cmd_param_regex && !all_kinds_t::layout[5].fixup,
              "REGEX: the core compiles it, no fixup (so never REGEX with FIX_NULL)");
static_assert(all_kinds_t::layout[6].flags == abi::cmd_param_var && !all_kinds_t::layout[6].fixup);
static_assert(all_kinds_t::layout[7].flags == abi::cmd_param_var && all_kinds_t::layout[7].fixup &&
              !all_kinds_t::layout[7].free_fixup);
static_assert(all_kinds_t::layout[8].flags == 0, "the list ends after the last parameter");

// ---- convert<T> types: STR (or INT for from_int-only) with generated fixup + free_fixup -------------------
static_assert(users_t::layout[0].flags == abi::cmd_param_str && users_t::layout[0].fixup &&
              users_t::layout[0].free_fixup);
static_assert(users_t::layout[1].flags == abi::cmd_param_int && users_t::layout[1].fixup &&
              users_t::layout[1].free_fixup);
static_assert(users_t::layout[2].flags == (abi::cmd_param_str | opt));
static_assert(users_t::layout[3].flags == (abi::cmd_param_str | opt), "durations are text: \"10s\"");
static_assert(users_t::layout[4].flags == 0);

// ---- optional: OPT bit, never FIX_NULL --------------------------------------------------------------
static_assert(opts_t::layout[0].flags == (abi::cmd_param_int | opt));
static_assert(opts_t::layout[1].flags == (abi::cmd_param_str | opt));
static_assert(opts_t::layout[2].flags == (abi::cmd_param_regex | opt));
static_assert(opts_t::layout[3].flags == (abi::cmd_param_var | opt));
template <class... E>
constexpr bool no_fix_null() {
  for (const auto& l : {E::layout...})
    for (const auto& p : l)
      if (p.flags & abi::cmd_param_fix_null) return false;
  return true;
}
static_assert(no_fix_null<all_kinds_t, users_t, opts_t, ov_t, go_t, go_plain_t>());

// ---- route masks from the message parameter, narrowed by an explicit mask ----------------------------------
static_assert(all_kinds_t::routes.bits == (abi::request_route | abi::failure_route | abi::onreply_route |
                                           abi::branch_route | abi::error_route | abi::local_route));
static_assert(users_t::routes.bits == abi::all_routes && opts_t::routes.bits == abi::all_routes);
static_assert(on_request_t::routes.bits ==
              (abi::request_route | abi::failure_route | abi::branch_route | abi::error_route | abi::local_route));
static_assert(on_reply_t::routes.bits == abi::onreply_route);
static_assert(anywhere_t::routes.bits == abi::all_routes);
static_assert(narrowed_t::routes.bits == (abi::request_route | abi::branch_route));
static_assert(on_request_t::layout[0].flags == 0, "the message is not a script parameter");

// ---- an overload set: one export, the longest signature, parameters past the shortest optional --------------
static_assert(ov_t::name_view == "ov");
static_assert(ov_t::layout[0].flags == (abi::cmd_param_str | opt));
static_assert(ov_t::layout[1].flags == (abi::cmd_param_int | opt));
static_assert(ov_t::layout[2].flags == 0);
static_assert(ov_t::required == 0 && ov_t::arity == 2);
static_assert(ov_t::routes.bits == all_kinds_t::routes.bits &&
              ov_masked_t::routes.bits == (abi::request_route | abi::failure_route));
static_assert(qualified_t::name_view == "qualified", "MODSDK_FN(ns::f) is \"f\" in the script");

// ---- async: acmd_export_t, no route field, async_context& is not a script parameter -----------------------------
static_assert(go_t::name_view == "go" && go_t::layout[0].flags == abi::cmd_param_str && go_t::layout[1].flags == 0);
static_assert(go_plain_t::layout[0].flags == (abi::cmd_param_int | opt));
static_assert(decltype(MODSDK_FN(go))::is_async && !all_kinds_t::is_async);

// ---- signature reading ------------------------------------------------------------------------------------
static_assert(fn::fn_info<&all_kinds>::ctx == fn::context_kind::message && fn::fn_info<&all_kinds>::arity == 8);
static_assert(fn::fn_info<&users>::ctx == fn::context_kind::none && fn::fn_info<&users>::mandatory == 2);
static_assert(fn::fn_info<&go>::is_async && fn::fn_info<&go>::skip == 2 && fn::fn_info<&go>::arity == 1);
static_assert(fn::value_kind<long>() == fn::kind::bounded_int &&
              fn::value_kind<std::uint16_t>() == fn::kind::bounded_int);
static_assert(fn::value_kind<bool>() == fn::kind::user_from_string, "bool is text: yes/no, on/off, true/false, 1/0");
static_assert(fn::value_kind<double>() == fn::kind::unsupported &&
              fn::value_kind<const char*>() == fn::kind::unsupported);
static_assert(fn::param_kind<std::optional<std::optional<int>>>() == fn::kind::nested_optional);
static_assert(fn::param_kind<const app::port&>() == fn::kind::user_from_string);
static_assert(fn::param_kind<app::port&>() == fn::kind::non_const_reference);
static_assert(fn::script_name<"a::b::c">() == modsdk::detail::fixed_string("c"));

// ---- one integer rule: what convert<T> reads as an integer is what a script function takes as one ----------
// (INT slot + range check); bool and the character types are neither, signed/unsigned char are both.
template <class T>
constexpr bool integer_for_convert = modsdk::detail::plain_integer<T>&& modsdk::convertible_from_int<T>;
template <class T>
constexpr bool integer_for_functions = fn::value_kind<T>() == fn::kind::int_value
                                       || fn::value_kind<T>() == fn::kind::bounded_int;
template <class... T>
constexpr bool integer_rules_agree = ((integer_for_convert<T> == integer_for_functions<T>)&&...);
static_assert(integer_rules_agree<char, signed char, unsigned char, char8_t, char16_t, char32_t, wchar_t, bool, short,
                                  unsigned short, int, unsigned, long, unsigned long, long long, unsigned long long>);
static_assert(integer_for_functions<signed char> && integer_for_functions<unsigned char> &&
              integer_for_functions<std::int8_t> && integer_for_functions<std::uint8_t>);
static_assert(!integer_for_convert<char> && !integer_for_functions<char> && !integer_for_convert<char8_t> &&
              !integer_for_functions<char8_t> && !integer_for_functions<wchar_t>);
static_assert(fn::value_kind<char>() == fn::kind::unsupported, "char is neither a number nor text");

// ---- every rule, as the checker sees it (the compile_fail tests show the errors themselves) ----------------
constexpr auto mask_none = fn::deduce_mask;
static_assert(fn::check_set<mask_none, &all_kinds>().ok());
static_assert(fn::check_set<mask_none, &bad_type>().what == fn::rule::unsupported_type &&
              fn::check_set<mask_none, &bad_type>().position == 2);
static_assert(fn::check_set<mask_none, &bad_ref>().what == fn::rule::non_const_reference);
static_assert(fn::check_set<mask_none, &bad_wide>().what == fn::rule::overaligned);
static_assert(fn::check_set<mask_none, &bad_order>().what == fn::rule::optional_before_mandatory &&
              fn::check_set<mask_none, &bad_order>().position == 2);
static_assert(fn::check_set<mask_none, &nine>().what == fn::rule::too_many);
static_assert(fn::check_set<mask_none, &eighth>().what == fn::rule::eighth_not_variable &&
              fn::check_set<mask_none, &eighth>().position == 8);
static_assert(fn::check_set<mask_none, &bad_ret>().what == fn::rule::return_type);
static_assert(fn::check_set<mask_none, &msg_by_value>().what == fn::rule::message_by_value);
static_assert(fn::check_set<mask_none, &msg_second>().what == fn::rule::message_not_first);
static_assert(fn::check_set<mask_none, &async_late>().what == fn::rule::async_misplaced);
static_assert(fn::check_set<mask_none, &dup_a, &dup_b>().what == fn::rule::ambiguous &&
              fn::check_set<mask_none, &dup_a, &dup_b>().position == 1);
static_assert(fn::check_set<mask_none, &gap_a, &gap_b>().what == fn::rule::gap &&
              fn::check_set<mask_none, &gap_a, &gap_b>().position == 1);
static_assert(fn::check_set<mask_none, &pre_a, &pre_b>().what == fn::rule::overload_prefix);
static_assert(fn::check_set<mask_none, &ctx_a, &ctx_b>().what == fn::rule::overload_messages);
static_assert(fn::check_set<route::onreply, &on_request>().what == fn::rule::wider_mask);
static_assert(fn::check_set<route::request | route::onreply, &narrowed>().ok());
static_assert(fn::check_set<modsdk::route_mask{}, &narrowed>().what == fn::rule::empty_mask);
static_assert(fn::check_set<route::timer, &anywhere>().ok());
static_assert(fn::check_set<mask_none, &nothrow>().ok() && fn::fn_info<&nothrow>::ctx == fn::context_kind::reply &&
                  decltype(MODSDK_FN(nothrow))::layout[0].flags == abi::cmd_param_int,
              "noexcept functions too");

// ---- results -------------------------------------------------------------------------------------------
static_assert(modsdk::result::ok().value() == 1 && modsdk::result::fail().value() == -1);
static_assert(modsdk::result::stop().value() == 0 && modsdk::result::stop().stops());
static_assert(modsdk::result::code(7).value() == 7 && !modsdk::result::code(0).stops());
static_assert(modsdk::result(true) == modsdk::result::ok() && modsdk::result(false) == modsdk::result::fail());
static_assert(!std::is_convertible_v<int, modsdk::result>, "an int does not silently become a result");

int main() {}
