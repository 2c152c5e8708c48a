// SPDX-License-Identifier: MIT
// convert<T> at run time: the same conversions as tests/static/convert.cpp on text that is not a constant,
// and a user specialisation (the customisation point), including one that throws.
#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/convert.hpp>

namespace {
enum class level { low, high };
struct port {
  int value;
};
struct picky {
  int v;
};
}  // namespace

template <>
struct modsdk::enum_names<level> {
  static constexpr std::array<modsdk::enum_name<level>, 2> names{{{"low", level::low}, {"high", level::high}}};
};
template <>
struct modsdk::convert<port> {
  static constexpr std::string_view expected = "a port number from 1 to 65535";
  static std::optional<port> from_string(std::string_view text) {
    auto v = modsdk::convert<int>::from_string(text);
    if (!v || *v < 1 || *v > 65535) return std::nullopt;
    return port{*v};
  }
  static std::optional<port> from_int(int v) { return from_string(std::to_string(v)); }
};
template <>
struct modsdk::convert<picky> {
  static constexpr std::string_view expected = "anything but boom";
  static std::optional<picky> from_string(std::string_view text) {
    if (text == "boom") throw std::runtime_error("picky exploded");
    return picky{int(text.size())};
  }
};

namespace {
// Runtime strings (not constants), so the non-constexpr code paths run.
template <class T>
std::optional<T> parse(const std::string& s) {
  return modsdk::convert<T>::from_string(std::string_view(s));
}
}  // namespace

TEST_CASE("int conversion is strict and range-checked at run time") {
  CHECK(parse<int>("12345") == 12345);
  CHECK(parse<int>("-2147483648") == std::numeric_limits<int>::min());
  CHECK_FALSE(parse<int>("2147483648"));
  CHECK_FALSE(parse<int>("12abc"));
  CHECK_FALSE(parse<int>(""));
  CHECK_FALSE(parse<long>("9223372036854775808"));
  CHECK(parse<long>("-9223372036854775808") == std::numeric_limits<long>::min());
}

TEST_CASE("bool conversion accepts the six spellings in any case") {
  for (const char* t : {"yes", "Yes", "ON", "true", "TRUE", "1"}) CHECK(parse<bool>(t) == true);
  for (const char* f : {"no", "NO", "off", "False", "0"}) CHECK(parse<bool>(f) == false);
  for (const char* bad : {"", "2", "yess", "nope", " yes"}) CHECK_FALSE(parse<bool>(bad));
}

TEST_CASE("durations: units, bare numbers, exactness, overflow") {
  using namespace std::chrono_literals;
  CHECK(parse<std::chrono::milliseconds>("10s") == 10s);
  CHECK(parse<std::chrono::milliseconds>("500ms") == 500ms);
  CHECK(parse<std::chrono::milliseconds>("2m") == 2min);
  CHECK(parse<std::chrono::seconds>("1h") == 1h);
  CHECK(parse<std::chrono::seconds>("90") == 90s);
  CHECK_FALSE(parse<std::chrono::seconds>("1500ms"));
  CHECK_FALSE(parse<std::chrono::seconds>("10x"));
  CHECK_FALSE(parse<std::chrono::nanoseconds>("300000d"));  // 2.6e19 ns overflows int64
  CHECK(parse<std::chrono::duration<double>>("1500ms") == std::chrono::duration<double>(1.5));  // fractions kept
  CHECK(parse<std::chrono::duration<double, std::milli>>("2s") == std::chrono::duration<double, std::milli>(2000));
}

TEST_CASE("enums by name, case-insensitively, from a std::array of names") {
  CHECK(parse<level>("HIGH") == level::high);
  CHECK(parse<level>("low") == level::low);
  CHECK_FALSE(parse<level>("medium"));
  CHECK(modsdk::convert<level>::expected == "one of low, high");
  CHECK(modsdk::name_of(level::high) == "high");
  CHECK(modsdk::name_of(static_cast<level>(7)).empty());
}

TEST_CASE("a user specialisation is the customisation point") {
  STATIC_REQUIRE(modsdk::convertible<port>);
  STATIC_REQUIRE(modsdk::convertible_from_int<port>);
  CHECK(parse<port>("5060")->value == 5060);
  CHECK_FALSE(parse<port>("0"));
  CHECK_FALSE(parse<port>("70000"));
  CHECK(modsdk::convert<port>::from_int(443)->value == 443);
  CHECK(modsdk::convert<port>::expected == "a port number from 1 to 65535");
}

TEST_CASE("a user from_string may throw and the exception reaches the caller unchanged") {
  STATIC_REQUIRE(modsdk::convertible<picky>);
  STATIC_REQUIRE_FALSE(modsdk::convertible_from_int<picky>);
  CHECK(parse<picky>("abc")->v == 3);
  CHECK_THROWS_WITH(parse<picky>("boom"), "picky exploded");
}
