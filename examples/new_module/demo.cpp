// SPDX-License-Identifier: MIT
// new_module_demo: loads the built new_module.so into modsdk's fake core (the in-process host of
// modsdk::testing), sets its modparams, calls every script function the way a script would, and prints
// what the module logged, replied and returned. No OpenSIPS needed.
//
//     new_module_demo [path/to/new_module.so]
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace t = modsdk::testing;

namespace {

int failures = 0;

const char* level_name(int level) {
  switch (level) {
    case -3:
      return "ALERT";
    case -2:
      return "CRITICAL";
    case -1:
      return "ERROR";
    case 1:
      return "WARNING";
    case 2:
      return "NOTICE";
    case 3:
      return "INFO";
    default:
      return "DBG";
  }
}

/// Prints the lines logged since the last call, as OpenSIPS would print them (without time and pid).
void print_new_logs() {
  for (const auto& l : t::core().logs())
    std::printf("      %s:%s:%s: %s\n", level_name(l.level), l.module.c_str(), l.function.c_str(), l.text.c_str());
  t::core().clear_logs();
  for (const auto& r : t::core().replies())
    std::printf("      (sl sent \"SIP/2.0 %d %s\")\n", r.code, r.reason.c_str());
  t::core().clear_replies();
}

/// One step that must succeed (`-> ok`), or, with `refused`, one the module must refuse (`-> refused`).
void step(const std::string& what, bool ok, bool refused = false) {
  std::printf("%-58s -> %s\n", what.c_str(), ok ? (refused ? "refused" : "ok") : "FAILED");
  if (!ok) ++failures;
  print_new_logs();
}

void call(t::host& h, t::sip_message& msg, const std::string& script, const char* fn, std::vector<t::arg> args,
          int expect) {
  int rc = h.call(fn, msg, std::move(args));
  std::printf("%-58s -> %d\n", script.c_str(), rc);
  if (rc != expect) {
    std::printf("      (expected %d)\n", expect);
    ++failures;
  }
  print_new_logs();
}

}  // namespace

static int run(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : NEW_MODULE_SO;
  t::core().load_module("sl");  // reply_with() replies through the sl module's API

  t::host h = t::host::load(path);
  std::printf("new_module_demo: %s\n  in modsdk's fake core for %s\n\n", path,
              std::string(t::core().target_version()).c_str());
  step("loadmodule \"new_module.so\"", h.loaded());
  if (!h.loaded()) {
    std::printf("  %s\n", h.error().c_str());
    return 1;
  }
  step("modparam(\"new_module\", \"new_param\", \"Hello\")", bool(h.modparam("new_param", "Hello")));
  step("modparam(\"new_module\", \"max_greetings\", 2)", bool(h.modparam("max_greetings", 2)));
  step("modparam(\"new_module\", \"max_greetings\", 0)", !h.modparam("max_greetings", 0), true);
  step("start (mod_init, child_init)", bool(h.start()));

  auto msg = t::sip_message::parse(
      "OPTIONS sip:opensips@127.0.0.1 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\n"
      "To: <sip:opensips@127.0.0.1>\r\n"
      "Call-ID: demo-1@example.com\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n");
  std::printf("\n# on \"OPTIONS sip:opensips@127.0.0.1\" from alice:\n");
  t::core().set_var("$var(a)", "text in a variable");
  call(h, msg, "new_function(\"plain text\")", "new_function", {t::lit("plain text")}, 1);
  call(h, msg, "new_function($var(a))", "new_function", {t::var("$var(a)")}, 1);
  call(h, msg, "new_function(\"hello $rm\")", "new_function", {t::formatted("hello $rm")}, 1);
  call(h, msg, "new_function()", "new_function", {}, 1);
  call(h, msg, "greet(\"$fU\", $var(out))", "greet", {t::formatted("$fU"), t::var("$var(out)")}, 1);
  if (auto v = t::core().var("$var(out)"); v && std::holds_alternative<std::string>(*v))
    std::printf("      $var(out) = \"%s\"\n", std::get<std::string>(*v).c_str());
  call(h, msg, "greet(\"bob\", $var(out))", "greet", {t::lit("bob"), t::var("$var(out)")}, 1);
  call(h, msg, "greet(\"carol\", $var(out))   # max_greetings is 2", "greet", {t::lit("carol"), t::var("$var(out)")},
       -1);
  call(h, msg, "reply_with(403, \"Not Today\")", "reply_with", {t::lit(403), t::lit("Not Today")}, 1);
  call(h, msg, "reply_with(486)", "reply_with", {t::lit(486)}, 1);

  auto bad = h.prepare("reply_with", {t::lit(200)});
  step("reply_with(200)   # checked at startup", !bad.ok(), true);

  std::printf("\n# statistics and MI:\n");
  std::printf("%-58s -> %lu\n", "get_statistics new_module:greetings", h.stat("greetings").value_or(0));
  auto mi = h.mi("greetings");
  std::printf("%-58s -> %s\n", "opensips-cli -x mi greetings", mi.json.c_str());
  if (mi.error) ++failures;

  h.stop();
  print_new_logs();
  std::printf("\n%s\n",
              failures ? "new_module_demo: some steps did not do what they should" : "new_module_demo: all done");
  return failures ? 1 : 0;
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::printf("new_module_demo: %s\n", e.what());
  } catch (...) {
    std::printf("new_module_demo: unknown exception\n");
  }
  return 2;
}
