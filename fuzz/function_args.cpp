// SPDX-License-Identifier: MIT
// fuzz/: script-function arguments end to end: the fixups modsdk generates for every converting
// parameter kind (bounded integers, bool, enum, duration, a user type that views its text, one converted
// from an int only, optional), fed random text as a startup literal (fixup, call, free_fixup) and as a
// script variable at run time (through the fake core's per-call evaluation). Checked: the function gets
// exactly convert<T>'s value, or is not called and an error is logged; no pkg memory is left behind.
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>

#include "common.hpp"

namespace app {
struct endpoint {  // views the text it was parsed from: valid during the call only
  std::string_view host;
  int port;
};
struct grade {  // converted from an int only
  int value;
};
enum class transport { udp, tcp, tls };
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
struct modsdk::convert<app::grade> {
  static constexpr std::string_view expected = "a grade from 0 to 9";
  static std::optional<app::grade> from_int(int v) {
    if (v < 0 || v > 9) return std::nullopt;
    return app::grade{v};
  }
};
template <>
struct modsdk::enum_names<app::transport> {
  static constexpr modsdk::enum_name<app::transport> names[] = {
      {"udp", app::transport::udp}, {"tcp", app::transport::tcp}, {"tls", app::transport::tls}};
};

namespace {
std::string g_seen;  // what the last called function received, rendered
int g_calls = 0;

std::string show(const app::endpoint& e) { return std::string(e.host) + "@" + std::to_string(e.port); }
std::string show(app::grade g) { return std::to_string(g.value); }
std::string show(app::transport t) { return std::string(modsdk::name_of(t)); }
std::string show(std::chrono::milliseconds d) { return std::to_string(d.count()); }
std::string show(bool b) { return b ? "true" : "false"; }
template <class I>
std::string show(I v) {
  return std::to_string(v);
}

template <class T>
bool record(const T& v) {
  ++g_calls;
  g_seen = show(v);
  return true;
}

bool f_endpoint(app::endpoint e) { return record(e); }
bool f_endpoint_ref(const app::endpoint& e) { return record(e); }
bool f_grade(app::grade g) { return record(g); }
bool f_transport(app::transport t) { return record(t); }
bool f_ms(std::chrono::milliseconds d) { return record(d); }
bool f_flag(bool b) { return record(b); }
bool f_u16(std::uint16_t v) { return record(v); }
bool f_short(short v) { return record(v); }
bool f_opt(std::optional<app::endpoint> e) {
  ++g_calls;
  g_seen = e ? show(*e) : "-";
  return true;
}
}  // namespace

MODSDK_DEFINE_MODULE(fuzz_fn_module, fuzzfn,
                     modsdk::functions(MODSDK_FN(f_endpoint), MODSDK_FN(f_endpoint_ref), MODSDK_FN(f_grade),
                                       MODSDK_FN(f_transport), MODSDK_FN(f_ms), MODSDK_FN(f_flag), MODSDK_FN(f_u16),
                                       MODSDK_FN(f_short), MODSDK_FN(f_opt)));

namespace {
namespace abi = modsdk::abi;
using modsdk::testing::core;

/// Expected rendering from a text (nullopt: the text must be refused).
template <class T>
std::optional<std::string> expect_text(std::string_view text) {
  auto v = modsdk::convert<T>::from_string(text);
  if (!v) return std::nullopt;
  return show(*v);
}
template <class T>
std::optional<std::string> expect_int(int n) {
  auto v = modsdk::convert<T>::from_int(n);
  if (!v) return std::nullopt;
  return show(*v);
}

struct target {
  const char* name;
  bool int_slot;  // INT parameter (the script passes a number), otherwise STR
  std::optional<std::string> (*from_text)(std::string_view);
  std::optional<std::string> (*from_int)(int);
};
const target targets[] = {
    {"f_endpoint", false, &expect_text<app::endpoint>, nullptr},
    {"f_endpoint_ref", false, &expect_text<app::endpoint>, nullptr},
    {"f_grade", true, nullptr, &expect_int<app::grade>},
    {"f_transport", false, &expect_text<app::transport>, nullptr},
    {"f_ms", false, &expect_text<std::chrono::milliseconds>, nullptr},
    {"f_flag", false, &expect_text<bool>, nullptr},
    {"f_u16", true, nullptr, &expect_int<std::uint16_t>},
    {"f_short", true, nullptr, &expect_int<short>},
    {"f_opt", false, &expect_text<app::endpoint>, nullptr},
};

const abi::cmd_export* find(const char* name) {
  for (const abi::cmd_export* e = fuzz_fn_module.cmds; e->name; ++e)
    if (std::strcmp(e->name, name) == 0) return e;
  return nullptr;
}

modsdk::testing::host& the_host() {
  static auto* h = [] {
    auto* p = new modsdk::testing::host(fuzz_fn_module);
    if (!p->start()) std::abort();
    return p;
  }();
  return *h;
}
modsdk::testing::sip_message& the_msg() {
  static auto* m = new modsdk::testing::sip_message(modsdk::testing::sip_message::parse(
      "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n"));
  return *m;
}

void check_outcome(const std::optional<std::string>& want, int rc, int calls_before, std::string_view input,
                   const char* how) {
  if (want) {
    fuzz::require(rc == 1 && g_calls == calls_before + 1, how, input);
    fuzz::require(g_seen == *want, "the function received another value than convert<T> gives", input);
  } else {
    fuzz::require(rc < 0 && g_calls == calls_before, "a refused value reached the function", input);
    bool logged = false;
    for (const auto& l : core().logs()) logged |= l.level == abi::l_err;
    fuzz::require(logged, "a refused value was not logged", input);
  }
}

/// Startup literal: the core stores the literal, runs the fixup once, passes its result on every call.
void literal(const target& t, std::string_view input, std::string_view text, int n) {
  const abi::cmd_export* e = find(t.name);
  fuzz::require(e != nullptr, "function missing from the table", input);
  const std::string lit(text.substr(0, text.find('\0')));  // a script literal has no NUL inside
  abi::str s{const_cast<char*>(lit.c_str()), static_cast<int>(lit.size())};
  int value = n;
  void* slot = t.int_slot ? static_cast<void*>(&value) : static_cast<void*>(&s);
  const auto want = t.int_slot ? t.from_int(n) : t.from_text(lit);
  modsdk::testing::leak_check lc;
  core().clear_logs();
  const int calls = g_calls;
  int rc = -1;
  if (!e->params[0].fixup || e->params[0].fixup(&slot) == 0) {
    void* g = reinterpret_cast<void*>(std::uintptr_t{0xdeadbeef});
    rc = e->function(the_msg().raw(), slot, g, g, g, g, g, g, g);
    if (e->params[0].free_fixup) e->params[0].free_fixup(&slot);  // (the core keeps a startup value for ever)
  }
  check_outcome(want, rc, calls, input, "an accepted literal did not reach the function");
  fuzz::require(lc.clean(), "pkg memory left after fixup + free_fixup", input);
}

/// Run time: the script passes `$var(x)` holding the text (or the number).
void variable(const target& t, std::string_view input, std::string_view text, int n) {
  core().reset();
  if (t.int_slot)
    core().set_var("$var(x)", n);
  else
    core().set_var("$var(x)", text);
  const auto want = t.int_slot ? t.from_int(n) : t.from_text(text);
  modsdk::testing::leak_check lc;
  const int calls = g_calls;
  const int rc = the_host().call(t.name, the_msg(), {modsdk::testing::var("$var(x)")});
  check_outcome(want, rc, calls, input, "an accepted variable did not reach the function");
  fuzz::require(lc.clean(), "pkg memory left after a call with a variable", input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const unsigned char sel = data[0];
  std::string_view text = input.substr(1);
  std::string_view number_bytes = text;
  const int n = fuzz::take_int(number_bytes);
  const target& t = targets[(sel >> 1) % (sizeof targets / sizeof targets[0])];
  if (sel & 1)
    variable(t, input, text, n);
  else
    literal(t, input, text, n);
  return 0;
}
