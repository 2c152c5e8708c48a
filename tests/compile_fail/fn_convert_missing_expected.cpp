// SPDX-License-Identifier: MIT
// Script functions: a convert<T> specialisation without `expected` is named as such (not "unsupported
// parameter type").
// expect: modsdk: convert<T> has no `expected`
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
#ifdef MODSDK_CONTROL
  static constexpr std::string_view expected = "a port number";
#endif
  static std::optional<port> from_string(std::string_view) { return port{5060}; }
};

namespace {
bool probe(modsdk::request&, port p) { return p.value != 0; }
}  // namespace

MODSDK_MODULE(fn_convert_missing_expected, modsdk::functions(MODSDK_FN(probe)));
