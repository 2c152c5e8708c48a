// SPDX-License-Identifier: MIT
// fuzz/: modparam lines end to end. A module with a parameter of every kind (int, unsigned, long,
// bool, string, enum, two durations, a user type, lists) gets random modparam lines, as strings and as
// numbers, through the fake core's host (set_mod_param_regex's path), then starts and stops. Checked:
// each line is accepted exactly when convert<T> accepts its value (and the parameter then holds that
// value), refused with one error line otherwise; nothing crashes; every host cleans up.
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/module.hpp>
#include <modsdk/params.hpp>

#include "common.hpp"

namespace app {
struct endpoint {  // views its (kept) text
  std::string_view host;
  int port;
  friend bool operator==(const endpoint&, const endpoint&) = default;
};
enum class mode { fast, safe, paranoid };
}  // namespace app

template <>
struct modsdk::convert<app::endpoint> {
  static constexpr std::string_view expected = "an endpoint like host:port";
  static std::optional<app::endpoint> from_string(std::string_view s) {
    const auto colon = s.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const auto port = modsdk::convert<int>::from_string(s.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535) return std::nullopt;
    return app::endpoint{s.substr(0, colon), *port};
  }
};
template <>
struct modsdk::enum_names<app::mode> {
  static constexpr modsdk::enum_name<app::mode> names[] = {
      {"fast", app::mode::fast}, {"safe", app::mode::safe}, {"paranoid", app::mode::paranoid}};
};

namespace {
modsdk::param<int> p_int{"p_int", 1};
modsdk::param<unsigned> p_unsigned{"p_unsigned", 2};
modsdk::param<long> p_long{"p_long", 3};
modsdk::param<std::uint16_t> p_u16{"p_u16", 4};
modsdk::param<bool> p_bool{"p_bool", false};
modsdk::param<std::string_view> p_str{"p_str", "default"};
modsdk::param<app::mode> p_mode{"p_mode", app::mode::safe};
modsdk::param<std::chrono::milliseconds> p_ms{"p_ms", std::chrono::milliseconds(5)};
modsdk::param<std::chrono::seconds> p_s{"p_s", std::chrono::seconds(5)};
modsdk::param<app::endpoint> p_endpoint{"p_endpoint", app::endpoint{"localhost", 5060}};
modsdk::param_list<int> p_ints{"p_ints"};
modsdk::param_list<std::string_view> p_strs{"p_strs"};
}  // namespace

MODSDK_DEFINE_MODULE(fuzz_params_module, fuzzparams,
                     modsdk::params(p_int, p_unsigned, p_long, p_u16, p_bool, p_str, p_mode, p_ms, p_s, p_endpoint,
                                    p_ints, p_strs));

namespace {
using modsdk::testing::core;

/// What a modparam line must do to parameter P: nullopt = refused; otherwise the value it then holds.
template <class T>
std::optional<T> expect(bool as_number, int n, std::string_view text) {
  if (as_number) {
    if constexpr (modsdk::convertible_from_int<T>)
      return modsdk::convert<T>::from_int(n);
    else {
      static std::string number_text;  // a string_view result may view it
      number_text = std::to_string(n);
      return modsdk::convert<T>::from_string(number_text);
    }
  }
  return modsdk::convert<T>::from_string(text);
}

template <class T>
void line(modsdk::testing::host& h, modsdk::param<T>& p, bool as_number, int n, std::string_view text,
          std::string_view input) {
  core().clear_logs();
  const T before = *p;
  const auto want = expect<T>(as_number, n, text);
  const auto r = as_number ? h.modparam(p.name(), n) : h.modparam(p.name(), text);
  fuzz::require(r.ok == want.has_value(), "modparam accepted differently from convert<T>", input);
  if (want) {
    fuzz::require(*p == *want, "modparam stored another value than convert<T> gives", input);
  } else {
    fuzz::require(*p == before, "a refused modparam line changed the parameter", input);
    std::size_t errors = 0;
    for (const auto& l : core().logs())
      if (l.level == modsdk::abi::l_err && l.module != "core") ++errors;
    fuzz::require(errors == 1, "a refused modparam line did not log exactly one error line", input);
  }
}

template <class T>
void list_line(modsdk::testing::host& h, modsdk::param_list<T>& p, bool as_number, int n, std::string_view text,
               std::string_view input) {
  const std::size_t before = p.size();
  const auto want = expect<T>(as_number, n, text);
  const auto r = as_number ? h.modparam(p.name(), n) : h.modparam(p.name(), text);
  fuzz::require(r.ok == want.has_value(), "modparam (list) accepted differently from convert<T>", input);
  fuzz::require(p.size() == before + (want ? 1 : 0), "modparam (list) size is wrong", input);
  if (want) fuzz::require(p[p.size() - 1] == *want, "modparam (list) stored another value", input);
}

}  // namespace

// Input: lines; each line = <selector byte><value text>. Selector: parameter (low 4 bits), number form
// (bit 4: the value is given as the int made of the next 4 bytes).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  core().reset();
  modsdk::testing::leak_check lc;
  {
    modsdk::testing::host h{fuzz_params_module};
    fuzz::require(h.loaded(), "the module did not load", input);
    std::string_view rest = input;
    int lines = 0;
    while (!rest.empty() && lines++ < 16) {
      const std::size_t nl = rest.find('\n');
      std::string_view l = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (l.empty()) continue;
      const unsigned char sel = static_cast<unsigned char>(l[0]);
      std::string_view value = l.substr(1);
      const bool as_number = sel & 0x10;
      std::string_view nb = value;
      const int n = fuzz::take_int(nb);
      // the core hands a string modparam as a C string: it ends at the first NUL
      const std::string_view text = value.substr(0, value.find('\0'));
      switch (sel & 0x0f) {
        case 0:
          line(h, p_int, as_number, n, text, input);
          break;
        case 1:
          line(h, p_unsigned, as_number, n, text, input);
          break;
        case 2:
          line(h, p_long, as_number, n, text, input);
          break;
        case 3:
          line(h, p_u16, as_number, n, text, input);
          break;
        case 4:
          line(h, p_bool, as_number, n, text, input);
          break;
        case 5:
          line(h, p_str, as_number, n, text, input);
          break;
        case 6:
          line(h, p_mode, as_number, n, text, input);
          break;
        case 7:
          line(h, p_ms, as_number, n, text, input);
          break;
        case 8:
          line(h, p_s, as_number, n, text, input);
          break;
        case 9:
          line(h, p_endpoint, as_number, n, text, input);
          break;
        case 10:
          list_line(h, p_ints, as_number, n, text, input);
          break;
        case 11:
          list_line(h, p_strs, as_number, n, text, input);
          break;
        default: {  // an unknown parameter name: refused by the core
          const auto r = h.modparam("no_such_" + std::string(text), text);
          fuzz::require(!r.ok, "an unknown parameter was accepted", input);
          break;
        }
      }
    }
    const auto started = h.start();
    fuzz::require(started.ok, "the module did not start after its modparam lines", input);
    h.stop();
  }
  fuzz::require(lc.clean(), "pkg/shm memory left after the host stopped", input);
  return 0;
}
