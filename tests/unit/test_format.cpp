// SPDX-License-Identifier: MIT
// detail/format.hpp, the formatter behind modsdk::log: each kind and spec gives the text std::format
// gives (the expected strings are std::format's / {fmt}'s outputs), a cut line counts what it lost, and
// the compile-time checker accepts and refuses what it should.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/detail/format.hpp>
#include <modsdk/enum_names.hpp>

namespace fm = modsdk::detail::format;

namespace {
template <class... V>
std::string format_values(std::string_view f, const V&... v) {
  const fm::arg args[sizeof...(V) + 1] = {fm::make_arg(v)..., fm::arg{}};
  char buf[512];
  const std::size_t n = fm::vformat(buf, sizeof buf, f, args, sizeof...(V));
  REQUIRE(n <= sizeof buf);
  return std::string(buf, n);
}
// As modsdk::log does it: what format_as returns lives until the end of the call that formats it.
template <class... A>
std::string format(fm::checked<std::type_identity_t<A>...> f, const A&... a) {
  return format_values(f.text, fm::formattable(a)...);
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
  CHECK(format("") == "");
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
  CHECK(format("{:a}", 1.0) == "1p+0");
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
  CHECK(format("{}", null_text) == "(null)");
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
  CHECK(format("{} {}", fm::shown_text{"a\nb", true}, fm::shown_text{"42", false}) == R"("a\nb" 42)");
  CHECK(format("[{:>6}]", fm::shown_text{"x", true}) == R"([   "x"])");
}

TEST_CASE("manual indexing and user types through format_as") {
  CHECK(format("{1} {0} {1}", "a", "b") == "b a b");
  CHECK(format("at {} code {:03}", point{3, 4}, code{7}) == "at 3:4 code 007");
}

TEST_CASE("a text longer than the buffer is cut and its full length reported") {
  const fm::arg a[] = {fm::make_arg(std::string_view("0123456789"))};
  char buf[4];
  CHECK(fm::vformat(buf, sizeof buf, "<{}>", a, 1) == 12);
  CHECK(std::string_view(buf, 4) == "<012");
  CHECK(fm::vformat(nullptr, 0, "x{}", a, 1) == 11);  // measuring only
}

namespace {
template <std::size_t N>
constexpr const char* check(std::string_view f, const fm::kind (&k)[N]) {
  return fm::check(f, k, N);
}
constexpr fm::kind i[] = {fm::kind::signed_int};
constexpr fm::kind s[] = {fm::kind::string};
constexpr fm::kind two[] = {fm::kind::signed_int, fm::kind::string};
constexpr fm::kind d[] = {fm::kind::floating};
constexpr std::string_view why(const char* r) { return r ? std::string_view(r) : std::string_view("ok"); }
}  // namespace

TEST_CASE("the compile-time checker: what it accepts, and why it refuses the rest") {
  // The checker is constexpr: these run at compile time too.
  static_assert(check("{} {}", two) == nullptr);
  static_assert(why(check("{:d}", s)).starts_with("invalid type specifier for a string"));
  CHECK(why(check("{:x}", i)) == "ok");
  CHECK(why(check("{} {}", i)).starts_with("argument not found"));
  CHECK(why(check("none", i)).starts_with("an argument is never used"));
  CHECK(why(check("{0} {}", two)).starts_with("cannot switch from manual"));
  CHECK(why(check("{} {1}", two)).starts_with("cannot switch from automatic"));
  CHECK(why(check("{", i)).starts_with("unmatched '{'"));
  CHECK(why(check("{} }", i)).starts_with("unmatched '}'"));
  CHECK(why(check("{:.2}", i)).starts_with("a precision is only valid"));
  CHECK(why(check("{:+}", s)).starts_with("a sign or '0' padding"));
  CHECK(why(check("{:#}", s)).starts_with("'#' is only valid"));
  CHECK(why(check("{:{}}", two)).starts_with("nested replacement fields"));
  CHECK(why(check("{:99999}", i)).starts_with("the width is too large"));
  CHECK(why(check("{:.61f}", d)).starts_with("the precision is too large"));
  CHECK(why(check("{:5x", i)).starts_with("invalid format spec"));
  CHECK(why(check("{:.}", s)).starts_with("a '.' in a spec"));
}
