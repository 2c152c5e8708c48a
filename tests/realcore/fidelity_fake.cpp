// SPDX-License-Identifier: MIT
// fidelity_fake <fidelity.so> <calls.txt> <request.sip> <source-ip> <source-port>
// The fake-core half of the fidelity scenario: loads the very module .so the real core loads (host::load),
// prepares every call of calls.txt like the cfg parser (fixed at start), then runs the statements in
// order on the request, printing one normalised line per call:
//   <line> <call> => rc=<rc> | <LEVEL>:<module>:<function>: <text> | ...
// (the module's log lines during the call). run_realcore.sh prints the same from a real core's log.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

namespace t = modsdk::testing;

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

bool is_integer(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

/// Splits "a, "x,y", $var(z)" at the commas outside quotes and parentheses.
std::vector<std::string> split_args(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  int depth = 0;
  for (char c : s) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '(') ++depth;
    if (!quoted && c == ')') --depth;
    if (!quoted && depth == 0 && c == ',') {
      out.push_back(trim(cur));
      cur.clear();
      continue;
    }
    cur += c;
  }
  if (!out.empty() || !trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

t::arg to_arg(const std::string& a) {
  if (a.empty()) return t::omit();
  if (a.front() == '"') return t::lit(std::string_view(a).substr(1, a.size() - 2));
  if (a.front() == '$') return t::var(a);
  if (is_integer(a)) return t::lit(std::atoi(a.c_str()));
  throw std::invalid_argument("unsupported argument: " + a);
}

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

struct statement {
  int line;
  std::string text;
  bool is_call;
  t::prepared_call call;
};

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s <fidelity.so> <calls.txt> <request.sip> <source-ip> <source-port>\n", argv[0]);
    return 2;
  }
  std::ifstream req_in(argv[3], std::ios::binary);
  std::stringstream req_text;
  req_text << req_in.rdbuf();
  auto msg = t::sip_message::parse(req_text.str());
  msg.set_source(argv[4], static_cast<unsigned short>(std::atoi(argv[5])));

  t::core().set_pool_sizes(std::size_t{8} << 20, std::size_t{64} << 20);  // run_realcore.sh: -M 8 -m 64
  t::host h = t::host::load(argv[1]);
  if (!h.loaded()) {
    std::fprintf(stderr, "fidelity_fake: the module did not load: %s\n", h.error().c_str());
    return 1;
  }
  // parse the script: calls are checked and registered now, fixed at start (like the cfg parser + fix_rls)
  std::vector<statement> script;
  std::ifstream calls(argv[2]);
  std::string line;
  for (int n = 1; std::getline(calls, line); ++n) {
    const std::string s = trim(line);
    if (s.empty() || s.front() == '#') continue;
    if (s.front() == '$') {
      script.push_back({n, s, false, {}});
      continue;
    }
    if (s.rfind("pv_print_buf_size", 0) == 0) {  // a global of the cfg: the fake core's knob
      t::core().set_pv_print_buf_size(std::atoi(s.substr(s.find('=') + 1).c_str()));
      continue;
    }
    const auto open = s.find('('), close = s.rfind(')');
    if (open == std::string::npos || close == std::string::npos) throw std::invalid_argument("not a call: " + s);
    std::vector<t::arg> args;
    for (auto& a : split_args(std::string_view(s).substr(open + 1, close - open - 1))) args.push_back(to_arg(a));
    auto call = h.prepare(s.substr(0, open), std::move(args));
    if (!call.error().empty()) {  // fixed at start: only a parse error can show now
      std::fprintf(stderr, "fidelity_fake: line %d: %s: %s\n", n, s.c_str(), call.error().c_str());
      return 1;
    }
    script.push_back({n, s, true, call});
  }
  if (auto r = h.start(1); !r) {
    std::fprintf(stderr, "fidelity_fake: start failed: %s\n", r.error.c_str());
    return 1;
  }
  for (auto& st : script)
    if (st.is_call && !st.call) {
      std::fprintf(stderr, "fidelity_fake: line %d: %s: %s\n", st.line, st.text.c_str(), st.call.error().c_str());
      return 1;
    }
  for (auto& st : script) {
    if (!st.is_call) {  // $var(name) = 7 | "text"
      const auto eq = st.text.find('=');
      const std::string name = trim(std::string_view(st.text).substr(0, eq));
      const std::string value = trim(std::string_view(st.text).substr(eq + 1));
      const bool ok = value.front() == '"' ? t::core().set_var(name, value.substr(1, value.size() - 2))
                                           : t::core().set_var(name, std::atoi(value.c_str()));
      if (!ok) throw std::invalid_argument("cannot assign: " + st.text);
      continue;
    }
    t::core().clear_logs();
    const int rc = st.call.invoke(msg);
    std::string out = std::to_string(st.line) + " " + st.text + " => rc=" + std::to_string(rc);
    for (auto& l : t::core().logs())
      if (l.module == "fidelity")
        out += std::string(" | ") + level_name(l.level) + ":" + l.module + ":" + l.function + ": " + l.text;
    std::cout << out << "\n";
  }
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "fidelity_fake: %s\n", e.what());
  return 1;
}
