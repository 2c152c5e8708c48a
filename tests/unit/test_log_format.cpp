// SPDX-License-Identifier: MIT
// What modsdk::log prints for each kind of argument and spec ({fmt} formats; modsdk adds enum names,
// format_as on {fmt} 9, "(null)" for a null C string and shown_text): the text of the line the fake
// core receives is std::format's / {fmt}'s output for the same call.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <modsdk/enum_names.hpp>
#include <modsdk/log.hpp>
#include <modsdk/testing.hpp>

namespace mlog = modsdk::log;
using modsdk::testing::core;

namespace {
/// The text of the line one info() call logs.
template <class... A>
std::string format(mlog::format_string<std::type_identity_t<A>...> f, const A&... a) {
  core().reset();
  core().set_log_level(modsdk::abi::l_dbg);
  mlog::write(mlog::level::info, f, a...);
  REQUIRE(core().logs().size() == 1);
  std::string t = core().logs().back().text;
  return t;
}

enum class transport { udp, tcp, tls };
enum plain_enum : unsigned char { first = 1, second = 2 };

struct point {
  int x, y;
};
std::string format_as(const point& p) { return std::to_string(p.x) + ":" + std::to_string(p.y); }
struct code {
  int value;
};
int format_as(code c) { return c.value; }
}  // namespace

template <>
struct modsdk::enum_names<transport> {
  static constexpr modsdk::enum_name<transport> names[] = {
      {"udp", transport::udp}, {"tcp", transport::tcp}, {"tls", transport::tls}};
};

TEST_CASE("literal text and escaped braces") {
  CHECK(format("plain") == "plain");
  CHECK(format("{{}} and {{{}}}", 7) == "{} and {7}");
  CHECK(format("100% %s %d {}", "%n") == "100% %s %d %n");
}

TEST_CASE("integers: bases, signs, prefixes, widths, zero padding") {
  CHECK(format("{}", 0) == "0");
  CHECK(format("{}", -42) == "-42");
  CHECK(format("{}", std::numeric_limits<long long>::min()) == "-9223372036854775808");
  CHECK(format("{}", std::numeric_limits<unsigned long long>::max()) == "18446744073709551615");
  CHECK(format("{:x} {:X} {:o} {:b} {:B}", 255, 255, 8, 5, 5) == "ff FF 10 101 101");
  CHECK(format("{:#x} {:#X} {:#o} {:#b} {:#o}", 255, 255, 8, 5, 0) == "0xff 0XFF 010 0b101 0");
  CHECK(format("{:+} {:+} {: } {: }", 5, -5, 5, -5) == "+5 -5  5 -5");
  CHECK(format("[{:5}] [{:<5}] [{:^5}] [{:>5}]", 42, 42, 42, 42) == "[   42] [42   ] [ 42  ] [   42]");
  CHECK(format("[{:05}] [{:+05}] [{:#06x}] [{:05}]", 42, 42, 255, -42) == "[00042] [+0042] [0x00ff] [-0042]");
  CHECK(format("[{:*^7}] [{:0<4}]", 1, 7) == "[***1***] [7000]");
  CHECK(format("{:c}", 65) == "A");
  CHECK(format("{} {}", static_cast<unsigned char>(200), static_cast<signed char>(-3)) == "200 -3");
  CHECK(format("{:x}", -255) == "-ff");
  CHECK(format("[{:{}}] [{:.{}f}]", 42, 6, 3.14159, 2) == "[    42] [3.14]");  // dynamic width, precision
}

TEST_CASE("bool, char, pointers, enums") {
  CHECK(format("{} {}", true, false) == "true false");
  CHECK(format("{:d} {:>6}", true, false) == "1  false");
  CHECK(format("{}{}{:d}{:x}", 'o', 'k', 'A', 'A') == "ok6541");
  CHECK(format("{:?} {:?} {:?}", 'a', '\'', '\n') == R"('a' '\'' '\n')");
  CHECK(format("{}", static_cast<const void*>(nullptr)) == "0x0");
  CHECK(format("{}", nullptr) == "0x0");
  CHECK(format("{:p}", reinterpret_cast<const void*>(std::uintptr_t{0xdeadbeef})) == "0xdeadbeef");
  CHECK(format("{} {:d} {:s}", transport::tcp, transport::tcp, transport::tls) == "tcp 1 tls");
  CHECK(format("[{:>5}] [{:03d}]", transport::udp, transport::tls) == "[  udp] [002]");
  CHECK(format("{}", static_cast<transport>(9)) == "9");  // no name for the value: the value
  CHECK(format("{} {:x}", second, first) == "2 1");       // no names listed: the value
}

TEST_CASE("floating point: shortest round trip by default, and the presentation types") {
  CHECK(format("{}", 0.1) == "0.1");
  CHECK(format("{}", 1.0) == "1");
  CHECK(format("{}", -2.5) == "-2.5");
  CHECK(format("{}", 0.1f) == "0.1");  // a float is not widened to double first
  CHECK(format("{:.3f} {:f}", 3.14159, 2.0) == "3.142 2.000000");
  CHECK(format("{:e} {:.2E}", 1234.5, 1234.5) == "1.234500e+03 1.23E+03");
  CHECK(format("{:g} {:.3g} {:G}", 0.0001, 1234567.0, 1e-10) == "0.0001 1.23e+06 1E-10");
  CHECK(format("{:a}", 1.0) == "0x1p+0");
  CHECK(format("{:+.1f} {:08.2f} {:>8.1f}", 1.0, -3.14159, 2.25) == "+1.0 -0003.14      2.2");
  CHECK(format("{} {} {:F}", std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
               std::numeric_limits<double>::infinity()) == "inf -inf INF");
  CHECK(format("{}", std::nan("")) == "nan");
  CHECK(format("{:06}", std::numeric_limits<double>::infinity()) == "   inf");  // never zero-padded
  CHECK(format("{:.60f}", 1e300).size() == 301 + 61);                           // the longest it may be
}

TEST_CASE("strings: all the string types, width in code points, precision cuts, escaping") {
  const std::string s = "str";
  const char* c = "cstr";
  char mutable_text[] = "mut";
  CHECK(format("{} {} {} {} {}", s, std::string_view("sv"), c, "lit", mutable_text) == "str sv cstr lit mut");
  const char* null_text = nullptr;
  CHECK(format("{}", null_text) == "(null)");  // as printf's %s; {fmt} alone would refuse it
  CHECK(format("[{:6}] [{:>6}] [{:^6}] [{:-<6}]", "ab", "ab", "ab", "ab") == "[ab    ] [    ab] [  ab  ] [ab----]");
  CHECK(format("[{:4}]", "\xc3\xa9t\xc3\xa9") == "[\xc3\xa9t\xc3\xa9 ]");  // "été" is 3 wide
  CHECK(format("{:.2} {:.0}|{:.9}", "abcdef", "abc", "ab") == "ab |ab");
  CHECK(format("{:.2}", "\xc3\xa9t\xc3\xa9") == "\xc3\xa9t");
  CHECK(format("{:?}", "a\"b\\c\n\r\t") == R"("a\"b\\c\n\r\t")");
  CHECK(format("{:?}", std::string_view("nul\0x\x7f", 6)) == R"("nul\x00x\x7f")");
  CHECK(format("{:?}", "it's") == R"("it's")");
  CHECK(format("{:?}", "\xc3\xa9\xff\xc3") == "\"\xc3\xa9\\xff\\xc3\"");  // valid UTF-8 kept, the rest escaped
  CHECK(format("[{:>8?}]", "a\n") == R"([   "a\n"])");
}

TEST_CASE("shown_text (modsdk's own messages): quoted and escaped when it says so, bare otherwise") {
  using modsdk::detail::shown_text;
  CHECK(format("{} {}", shown_text{"a\nb", true}, shown_text{"42", false}) == R"("a\nb" 42)");
  CHECK(format("[{:>6}]", shown_text{"x", true}) == R"([   "x"])");
}

TEST_CASE("manual indexing and user types through format_as") {
  CHECK(format("{1} {0} {1}", "a", "b") == "b a b");
  CHECK(format("at {} code {:03}", point{3, 4}, code{7}) == "at 3:4 code 007");
  CHECK(format("[{:>5}]", point{1, 2}) == "[  1:2]");
}

TEST_CASE("the check that every argument has a field (what {fmt} leaves to modsdk)") {
  using modsdk::detail::uses_every_argument;
  static_assert(uses_every_argument("{} {}", 2));
  static_assert(!uses_every_argument("{}", 2));
  static_assert(uses_every_argument("{1} {0}", 2));
  static_assert(!uses_every_argument("{1} {1}", 2));
  static_assert(uses_every_argument("{:{}}", 2));         // the nested field is the width's argument
  static_assert(uses_every_argument("{0:{1}.{2}f}", 3));  // manual ids in nested fields
  static_assert(uses_every_argument("{{}} {}", 1));       // escaped braces are no field
  static_assert(!uses_every_argument("{{}}", 1));
  static_assert(uses_every_argument("", 0));
  CHECK(uses_every_argument("x}}{}", 1));
}
