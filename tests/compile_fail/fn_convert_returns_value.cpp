// SPDX-License-Identifier: MIT
// Script functions: a convert<T>::from_string returning T instead of std::optional<T> is named as such
// (not "unsupported parameter type").
// expect: modsdk: convert<T>::from_string must return std::optional<T>
#include <optional>
#include <string_view>

#include <modsdk/convert.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

namespace {
struct port {
  int value;
};
}  // namespace
template <>
struct modsdk::convert<port> {
  static constexpr std::string_view expected = "a port number";
#ifdef MODSDK_CONTROL
  static std::optional<port> from_string(std::string_view) { return port{5060}; }
#else
  static port from_string(std::string_view) { return port{5060}; }
#endif
};

namespace {
bool probe(modsdk::request&, port p) { return p.value != 0; }
}  // namespace

MODSDK_MODULE(fn_convert_returns_value, modsdk::functions(MODSDK_FN(probe)));
