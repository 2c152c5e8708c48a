// SPDX-License-Identifier: MIT
// The foundation probe for tests/realcore: a module that touches each core service modsdk reaches through
// symbols (logging, pkg and shm memory with the shm lock rule, parameters, a statistic, an MI command, a
// script function reading the message and writing a variable), built with modsdk_add_module OPENSIPS
// <core>. run_realcore.sh checks its `exports` strings and dynamic symbols against that core and starts
// the core with it; each lifecycle step logs one "PROBE" line the script looks for.
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/message.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/stats.hpp>
#include <modsdk/variable.hpp>

namespace {
modsdk::param<int> answer{"answer", 42};
modsdk::param<std::string_view> greeting{"greeting", "hello"};
constinit modsdk::counter probe_calls{"probe_calls"};

void init() {
  void* p = modsdk::pkg::malloc(100);
  void* s = modsdk::shm::malloc(200);
  if (!p || !s) throw std::runtime_error("no memory");
  std::memset(p, 1, 100);
  std::memset(s, 2, 200);
  modsdk::pkg::free(p);
  modsdk::shm::free(s);
  modsdk::log::info("PROBE init answer={} greeting={}", *answer, *greeting);
}
void child_init(int rank) { modsdk::log::info("PROBE child_init rank={}", rank); }
void destroy() { modsdk::log::info("PROBE destroy calls={}", probe_calls.value()); }

/// probe("text", $var(out)): counts, logs the method and the text, writes "<greeting> <text>" to out.
bool probe(modsdk::request& req, std::string_view text, modsdk::writable_variable out) {
  probe_calls.inc();
  modsdk::log::info("PROBE call {} {} via {}", req.method(), text, req.header("Via").value_or("-"));
  return out.set(std::string(*greeting) + " " + std::string(text));
}

modsdk::mi_object probe_status() {
  modsdk::mi_object o;
  o.add("calls", static_cast<long long>(probe_calls.value())).add("answer", *answer);
  return o;
}
}  // namespace

MODSDK_MODULE(realcore_probe, modsdk::params(answer, greeting), modsdk::stats(probe_calls),
              modsdk::mi(MODSDK_MI(probe_status, probe_status, "the probe's counters")),
              modsdk::functions(MODSDK_FN(probe)), modsdk::on_init(init), modsdk::on_child_init(child_init),
              modsdk::on_destroy(destroy));
