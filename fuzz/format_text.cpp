// SPDX-License-Identifier: MIT
// fuzz/: the log formatter (detail/format.hpp) on arbitrary text, as a script variable's value reaches a
// log line. Checked properties, for every format string a module may use on such text:
//   - the length vformat reports is the length it writes, whatever the buffer (a cut line is a prefix
//     of the whole line);
//   - `{:?}` output is one printable line: quoted, no control byte, no raw newline, and decoding its
//     escapes gives back the input (nothing lost, nothing invented);
//   - a width pads to at least that many code points; a precision never adds text.
// The format strings are also run through the run-time checker (format::check) with random spec bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <modsdk/detail/format.hpp>

#include "common.hpp"

namespace fm = modsdk::detail::format;

namespace {
std::string run(std::string_view f, const fm::arg* a, std::size_t n, std::size_t cap, std::size_t& total) {
  std::string out(cap, '\0');
  total = fm::vformat(out.data(), cap, f, a, n);
  out.resize(total < cap ? total : cap);
  return out;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Undoes write_escaped's escapes (between the quotes); false when the text is not a valid escape form.
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
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case 'x': {
        if (i + 2 >= q.size()) return false;
        const int h = hex(q[i + 1]), l = hex(q[i + 2]);
        if (h < 0 || l < 0) return false;
        out += static_cast<char>(h * 16 + l);
        i += 2;
        break;
      }
      default: return false;
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
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const fm::arg a[] = {fm::make_arg(input)};

  // the same text in a big buffer and in small ones: same length reported, a prefix written
  for (std::string_view f : {std::string_view("{}"), std::string_view("<{:?}>"), std::string_view("{:>12.5}|{:^7}")}) {
    const fm::arg two[] = {a[0], a[0]};
    const std::size_t n = f.find("|") == std::string_view::npos ? 1 : 2;
    std::size_t whole_len = 0, cut_len = 0;
    const std::string whole = run(f, two, n, 4 * size + 64, whole_len);
    fuzz::require(whole.size() == whole_len, "vformat's reported length differs from what it wrote", input);
    for (std::size_t cap : {std::size_t{0}, std::size_t{1}, std::size_t{7}, size / 2}) {
      const std::string cut = run(f, two, n, cap, cut_len);
      fuzz::require(cut_len == whole_len, "a cut line reports another length than the whole line", input);
      fuzz::require(whole.compare(0, cut.size(), cut) == 0, "a cut line is not a prefix of the whole line", input);
    }
  }

  // {:?}: one printable line that decodes back to the input
  std::size_t len = 0;
  const std::string quoted = run("{:?}", a, 1, 4 * size + 8, len);
  std::string decoded;
  fuzz::require(unescape(quoted, decoded), "{:?} output is not a quoted, escaped, printable line", input);
  fuzz::require(decoded == input, "{:?} output does not decode to the input", input);

  // width pads, precision cuts
  const std::string padded = run("{:20}", a, 1, size + 64, len);
  const std::size_t width = code_points(input) > 20 ? code_points(input) : 20;
  fuzz::require(code_points(padded) == width, "{:20} is not padded to 20 code points (or the text's own width)", input);
  fuzz::require(padded.compare(0, input.size(), input) == 0, "{:20} changed the text", input);
  const std::string cut3 = run("{:.3}", a, 1, size + 8, len);
  fuzz::require(cut3.size() <= input.size() && input.compare(0, cut3.size(), cut3) == 0 && code_points(cut3) <= 3,
                "{:.3} is not a prefix of at most 3 code points", input);

  // the checker on a format string made of the input: it must return, never loop or read out of bounds
  const fm::kind kinds[] = {fm::kind::string, fm::kind::signed_int, fm::kind::floating};
  (void)fm::check(input, kinds, 3);
  return 0;
}
