// SPDX-License-Identifier: MIT
// Compile-time checks of convert<T>: the built-in conversions are constexpr, so their behaviour is pinned here.
#include <chrono>
#include <cstdint>
#include <string_view>

#include <modsdk/convert.hpp>

namespace {
using modsdk::convert;
using modsdk::convertible;
using modsdk::convertible_from_int;
using namespace std::chrono_literals;
using namespace std::string_view_literals;

enum class color { red, green, blue };
enum class plain { a, b };  // no names listed
struct no_convert {};
struct user_type {
  int v;
};
}  // namespace

template <>
struct modsdk::enum_names<color> {
  static constexpr modsdk::enum_name<color> names[] = {
      {"red", color::red}, {"green", color::green}, {"blue", color::blue}, {"azure", color::blue}};
};
template <>
struct modsdk::convert<user_type> {
  static constexpr std::string_view expected = "a user value";
  static std::optional<user_type> from_string(std::string_view) { return user_type{1}; }
};

// --- what is convertible
static_assert(convertible<int> && convertible<long> && convertible<unsigned> && convertible<std::int64_t>);
static_assert(convertible<bool> && convertible<std::string_view>);
static_assert(convertible<std::chrono::seconds> && convertible<std::chrono::milliseconds>);
static_assert(convertible<color> && convertible<user_type>);
static_assert(!convertible<plain>, "an enum without enum_names is not convertible");
static_assert(!convertible<no_convert> && !convertible<double> && !convertible<char> && !convertible<const char*>);
static_assert(convertible_from_int<int> && convertible_from_int<bool> && convertible_from_int<std::chrono::seconds>);
static_assert(!convertible_from_int<std::string_view> && !convertible_from_int<color> &&
              !convertible_from_int<user_type>);

// --- int: strict
static_assert(convert<int>::from_string("0") == 0);
static_assert(convert<int>::from_string("42") == 42);
static_assert(convert<int>::from_string("+42") == 42);
static_assert(convert<int>::from_string("-42") == -42);
static_assert(convert<int>::from_string("007") == 7);
static_assert(convert<int>::from_string("2147483647") == 2147483647);
static_assert(convert<int>::from_string("-2147483648") == -2147483647 - 1);
static_assert(!convert<int>::from_string("2147483648"));
static_assert(!convert<int>::from_string("-2147483649"));
static_assert(!convert<int>::from_string("99999999999999999999999"));
static_assert(!convert<int>::from_string(""));
static_assert(!convert<int>::from_string("-"));
static_assert(!convert<int>::from_string("+"));
static_assert(!convert<int>::from_string("12abc"));
static_assert(!convert<int>::from_string(" 12"));
static_assert(!convert<int>::from_string("12 "));
static_assert(!convert<int>::from_string("0x10"));
static_assert(!convert<int>::from_string("1.5"));
static_assert(!convert<int>::from_string("--1"));
static_assert(convert<int>::from_int(-7) == -7);
static_assert(convert<int>::expected == "an integer from -2147483648 to 2147483647");
static_assert(convert<unsigned>::expected == "an integer from 0 to 4294967295");
static_assert(!convert<unsigned>::from_string("-1"));
static_assert(!convert<unsigned>::from_string("-0"));
static_assert(!convert<unsigned>::from_int(-1));
static_assert(convert<std::uint8_t>::from_string("255") == 255);
static_assert(!convert<std::uint8_t>::from_string("256"));
static_assert(!convert<std::uint8_t>::from_int(256));
static_assert(convert<std::int64_t>::from_string("-9223372036854775808") == INT64_MIN);
static_assert(!convert<std::int64_t>::from_string("9223372036854775808"));
static_assert(convert<std::uint64_t>::from_string("18446744073709551615") == UINT64_MAX);
static_assert(!convert<std::uint64_t>::from_string("18446744073709551616"));

// --- bool
static_assert(convert<bool>::from_string("yes") == true && convert<bool>::from_string("YES") == true);
static_assert(convert<bool>::from_string("On") == true && convert<bool>::from_string("true") == true);
static_assert(convert<bool>::from_string("1") == true);
static_assert(convert<bool>::from_string("no") == false && convert<bool>::from_string("OFF") == false);
static_assert(convert<bool>::from_string("False") == false && convert<bool>::from_string("0") == false);
static_assert(!convert<bool>::from_string("") && !convert<bool>::from_string("y") && !convert<bool>::from_string("2") &&
              !convert<bool>::from_string("yes ") && !convert<bool>::from_string("enabled"));
static_assert(convert<bool>::from_int(1) == true && convert<bool>::from_int(0) == false);
static_assert(!convert<bool>::from_int(2) && !convert<bool>::from_int(-1));
static_assert(convert<bool>::expected == "a boolean (yes/no, on/off, true/false or 1/0)");

// --- string_view: identity
static_assert(convert<std::string_view>::from_string("") == ""sv);
static_assert(convert<std::string_view>::from_string(" any text ") == " any text "sv);

// --- durations
using ms = std::chrono::milliseconds;
using sec = std::chrono::seconds;
static_assert(convert<ms>::from_string("10s") == 10s);
static_assert(convert<ms>::from_string("500ms") == 500ms);
static_assert(convert<ms>::from_string("2m") == 2min);
static_assert(convert<ms>::from_string("1h") == 1h);
static_assert(convert<ms>::from_string("1d") == 24h);
static_assert(convert<ms>::from_string("250") == 250ms, "a bare number is in the type's unit");
static_assert(convert<sec>::from_string("250") == 250s);
static_assert(convert<sec>::from_string("2000ms") == 2s);
static_assert(!convert<sec>::from_string("1500ms"), "not exact: refused, not rounded");
static_assert(!convert<ms>::from_string("1us"));
static_assert(convert<std::chrono::microseconds>::from_string("3us") == std::chrono::microseconds(3));
static_assert(!convert<ms>::from_string(""));
static_assert(!convert<ms>::from_string("s"));
static_assert(!convert<ms>::from_string("-1s"));
static_assert(!convert<ms>::from_string("+1s"));
static_assert(!convert<ms>::from_string("10 s"));
static_assert(!convert<ms>::from_string("10S"));
static_assert(!convert<ms>::from_string("10sec"));
static_assert(!convert<ms>::from_string("1.5s"));
static_assert(!convert<ms>::from_string("abc"));
static_assert(!convert<std::chrono::duration<int, std::milli>>::from_string("2147484s"), "overflows int ticks");
static_assert(convert<std::chrono::duration<int, std::milli>>::from_string("2147483s") == 2147483s);
static_assert(!convert<ms>::from_string("99999999999999999999999s"));
static_assert(!convert<ms>::from_string("18446744073709551615h"), "overflow while scaling");
static_assert(convert<sec>::from_int(30) == 30s);
static_assert(!convert<sec>::from_int(-1));
static_assert(convert<ms>::expected == "a duration like 10s, 500ms or 2m");
static_assert(convert<sec>::expected == "a duration in whole seconds like 10s, 2m or 1h");
static_assert(convert<std::chrono::minutes>::expected == "a duration in whole minutes like 2m or 1h");

// --- enums by name
static_assert(convert<color>::from_string("red") == color::red);
static_assert(convert<color>::from_string("GREEN") == color::green);
static_assert(convert<color>::from_string("azure") == color::blue, "aliases");
static_assert(!convert<color>::from_string("") && !convert<color>::from_string("purple") &&
              !convert<color>::from_string("red "));
static_assert(convert<color>::expected == "one of red, green, blue, azure");
static_assert(modsdk::name_of(color::blue) == "blue", "first listed name is canonical");

int main() {}
