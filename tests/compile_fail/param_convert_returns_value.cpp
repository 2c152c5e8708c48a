// SPDX-License-Identifier: MIT
// Modparams: a convert<T>::from_int returning T instead of std::optional<T> is named as such (not "T has
// no conversion from text").
// expect: modsdk: convert<T>::from_int must return std::optional<T>
#include <optional>
#include <string_view>

#include <modsdk/params.hpp>

namespace {
struct port {
  int value;
};
}  // namespace
template <>
struct modsdk::convert<port> {
  static constexpr std::string_view expected = "a port number";
  static std::optional<port> from_string(std::string_view) { return port{5060}; }
#ifdef MODSDK_CONTROL
  static std::optional<port> from_int(int n) { return port{n}; }
#else
  static port from_int(int n) { return port{n}; }
#endif
};

modsdk::param<port> listen_port{"listen_port", port{5060}};
int main() { return listen_port->value > 0 ? 0 : 1; }
