// SPDX-License-Identifier: MIT
// fuzz/: convert<bool> and convert<E> for an enum listed in modsdk::enum_names (names, aliases, letter
// case), checked against the documented rule; name_of() round-trips every accepted value.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <modsdk/convert.hpp>

#include "common.hpp"

namespace app {
enum class transport { udp, tcp, tls, sctp };
}
template <>
struct modsdk::enum_names<app::transport> {
  static constexpr modsdk::enum_name<app::transport> names[] = {{"udp", app::transport::udp},
                                                                {"tcp", app::transport::tcp},
                                                                {"tls", app::transport::tls},
                                                                {"sctp", app::transport::sctp},
                                                                {"secure", app::transport::tls}};  // an alias
};

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::optional<bool> want_bool;
  for (std::string_view t : {"yes", "on", "true", "1"})
    if (fuzz::same_letters(text, t)) want_bool = true;
  for (std::string_view f : {"no", "off", "false", "0"})
    if (fuzz::same_letters(text, f)) want_bool = false;
  fuzz::require(modsdk::convert<bool>::from_string(text) == want_bool, "convert<bool> differs from the rule", text);

  std::optional<app::transport> want;
  for (const auto& e : modsdk::enum_names<app::transport>::names)
    if (!want && fuzz::same_letters(text, e.name)) want = e.value;
  const auto got = modsdk::convert<app::transport>::from_string(text);
  fuzz::require(got == want, "convert<enum> differs from the rule", text);
  if (got) {
    const auto name = modsdk::name_of(*got);
    fuzz::require(modsdk::convert<app::transport>::from_string(name) == got, "name_of does not round-trip", text);
  }

  std::string_view rest = text;
  const int n = fuzz::take_int(rest);
  const auto b = modsdk::convert<bool>::from_int(n);
  fuzz::require(b == (n == 0 || n == 1 ? std::optional<bool>(n == 1) : std::nullopt), "convert<bool>::from_int", text);
  return 0;
}
