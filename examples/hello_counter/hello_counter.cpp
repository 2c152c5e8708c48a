// SPDX-License-Identifier: MIT
// hello_counter: a user's small module with its own real-core test. hello("$fU", $var(out)) writes
// "<greeting>, <name>" and counts it; the count is a statistic and the MI command `hellos`.
#include <modsdk/modsdk.hpp>

#include <string>
#include <string_view>

namespace {
modsdk::param<std::string_view> greeting{"greeting", "Hello", [](std::string_view v) { return !v.empty(); }};
constinit modsdk::counter hellos{"hellos"};  // get_statistics hello_counter:hellos

/// hello(name, $var(out)): "<greeting>, <name>" into the variable; counted.
bool hello(modsdk::request&, std::string_view name, modsdk::writable_variable out) {
  hellos.inc();
  modsdk::log::info("hello #{} for {}", hellos.value(), name);
  return out.set(std::string(*greeting) + ", " + std::string(name));
}

/// MI `hellos`: how many hello() calls there were.
modsdk::mi_object show_hellos() {
  modsdk::mi_object out;
  out.add("hellos", static_cast<long long>(hellos.value()));
  return out;
}
}  // namespace

MODSDK_MODULE(hello_counter, modsdk::stats(hellos),
              modsdk::mi(MODSDK_MI(hellos, show_hellos, "How many hello() calls there were")),
              modsdk::functions(MODSDK_FN(hello)), modsdk::params(greeting));
