// SPDX-License-Identifier: MIT
// fuzz/: arbitrary text through modsdk::log into the fake core, as a script variable's value reaches a
// log line (this target is built with MODSDK_LOG_LINE_MAX 256, so that lines are cut often). Checked:
//   - the line the core receives is {fmt}'s text for the same call when it fits, and otherwise at most
//     MODSDK_LOG_LINE_MAX bytes: a prefix of that text ending on a UTF-8 boundary (at most 3 bytes before
//     the limit) followed by "..." (no overrun, nothing invented, no code point split);
//     like any LM_* line it ends at a NUL byte (the core prints it with %s);
//   - `{:?}` output is one printable line: quoted, no control byte, no raw newline, and decoding its
//     escapes gives back the input (nothing lost, nothing invented);
//   - a width pads to at least that many code points; a precision never adds text.
#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <modsdk/log.hpp>

#include "common.hpp"

using modsdk::testing::core;

namespace {
constexpr std::size_t cap = MODSDK_LOG_LINE_MAX;

/// Where a cut at byte k lands: moved back to the start of the UTF-8 sequence byte k continues, by at most 3
/// bytes (modsdk's rule, written again here).
std::size_t utf8_cut_at(std::string_view s, std::size_t k) {
  std::size_t back = 0;
  while (back < 3 && k > 0 && (static_cast<unsigned char>(s[k]) >> 6) == 2) {
    --k;
    ++back;
  }
  return k;
}

/// The text one log call gives the core, checked against {fmt}'s whole text for the same call.
template <class... A>
std::string logged(std::string_view input, modsdk::log::format_string<std::type_identity_t<A>...> f, const A&... a) {
  core().clear_logs();
  modsdk::log::info(f, a...);
  fuzz::require(core().logs().size() == 1, "a log call did not give exactly one line", input);
  const std::string text = core().logs().back().text;
  const std::string whole = fmt::format(fmt::runtime(f.text), a...);
  // what the core prints: the line, cut with "..." past MODSDK_LOG_LINE_MAX, then up to a NUL (dprint's %s)
  std::string expected = whole.size() <= cap ? whole : whole.substr(0, utf8_cut_at(whole, cap - 3)) + "...";
  if (const auto nul = expected.find('\0'); nul != std::string::npos) expected.resize(nul);
  if (!expected.empty() && expected.back() == '\n') expected.pop_back();  // the fake core drops one '\n'
  fuzz::require(text == expected, "the line differs from {fmt}'s text (cut at MODSDK_LOG_LINE_MAX, then at a NUL)",
                input);
  return whole;
}
int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Undoes the escapes of {fmt}'s {:?} (between the quotes); false when the text is not a valid escape form.
bool unescape(std::string_view q, std::string& out) {
  if (q.size() < 2 || q.front() != '"' || q.back() != '"') return false;
  q = q.substr(1, q.size() - 2);
  for (std::size_t i = 0; i < q.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(q[i]);
    if (c < 0x20 || c == 0x7f) return false;  // a raw control byte escaped the escaping
    if (c == '"') return false;               // an unescaped quote
    if (c != '\\') {
      out += static_cast<char>(c);
      continue;
    }
    if (++i == q.size()) return false;
    switch (q[i]) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case 'x': {
        if (i + 2 >= q.size()) return false;
        const int h = hex(q[i + 1]), l = hex(q[i + 2]);
        if (h < 0 || l < 0) return false;
        out += static_cast<char>(h * 16 + l);
        i += 2;
        break;
      }
      case 'u':    // \uXXXX and
      case 'U': {  // \UXXXXXXXX: a code point {fmt} 9 does not print as it is, UTF-8 encoded back
        const std::size_t digits = q[i] == 'u' ? 4 : 8;
        if (i + digits >= q.size()) return false;
        unsigned cp = 0;
        for (std::size_t k = i + 1; k <= i + digits; ++k) {
          const int d = hex(q[k]);
          if (d < 0) return false;
          cp = cp * 16 + static_cast<unsigned>(d);
        }
        if (cp > 0x10FFFF) return false;
        if (cp < 0x80) {
          out += static_cast<char>(cp);
        } else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xF0 | (cp >> 18));
          out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        i += digits;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

std::size_t code_points(std::string_view s) {
  std::size_t k = 0;
  for (char c : s) k += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return k;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bool ready = [] {
    core().reset();
    core().set_log_level(modsdk::abi::l_dbg);
    return true;
  }();
  (void)ready;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  (void)logged(input, "{}", input);
  (void)logged(input, "<{:?}>", input);
  (void)logged(input, "{:>12.5}|{:^7}", input, input);
  (void)logged(input, "{} {:d} {}", input, static_cast<int>(size), input);

  // {:?}: one printable line that decodes back to the input
  const std::string quoted = logged(input, "{:?}", input);
  std::string decoded;
  fuzz::require(unescape(quoted, decoded), "{:?} output is not a quoted, escaped, printable line", input);
  // {fmt} 9 writes a code point below U+0100 it does not print as it is (the C1 controls U+0080..U+009F,
  // U+00A0, U+00AD) as "\xHH" of the code point, which reads back as one raw byte: the one place its
  // escaping is not one-to-one (docs/limitations.md). The round trip is checked on every other input.
  bool ambiguous = false;
  for (std::size_t i = 0; i + 1 < input.size(); ++i) {
    const auto n = static_cast<unsigned char>(input[i + 1]);
    if (static_cast<unsigned char>(input[i]) == 0xC2 && ((n >= 0x80 && n <= 0xA0) || n == 0xAD)) ambiguous = true;
  }
  if (!ambiguous) fuzz::require(decoded == input, "{:?} output does not decode to the input", input);

  // width pads, precision cuts
  const std::string padded = logged(input, "{:20}", input);
  // (padded to a display width of 20: by at most 20 spaces, none when the text is 20 code points or more)
  fuzz::require(padded.compare(0, input.size(), input) == 0, "{:20} changed the text", input);
  fuzz::require(padded.find_first_not_of(' ', input.size()) == std::string::npos &&
                    padded.size() - input.size() <= (code_points(input) >= 20 ? 0 : 20 - code_points(input)),
                "{:20} added more than the padding", input);
  const std::string cut3 = logged(input, "{:.3}", input);
  fuzz::require(cut3.size() <= input.size() && input.compare(0, cut3.size(), cut3) == 0 && code_points(cut3) <= 3,
                "{:.3} is not a prefix of at most 3 code points", input);
  core().clear_logs();
  return 0;
}
