// SPDX-License-Identifier: MIT
// JSON string quoting, shared by the generated module reference and the test kit's MI rendering.
#pragma once
#include <modsdk/config.hpp>
#include <string>
#include <string_view>

MODSDK_BEGIN_NAMESPACE
namespace detail {

/// Appends `s` to `out` as a quoted JSON string.
inline void json_escape(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
          out += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// `s` as a quoted JSON string.
inline std::string json_quote(std::string_view s) {
  std::string out;
  json_escape(out, s);
  return out;
}

}  // namespace detail
MODSDK_END_NAMESPACE
