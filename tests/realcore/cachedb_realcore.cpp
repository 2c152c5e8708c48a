// SPDX-License-Identifier: MIT
// "realcore: cachedb: local" (run by modsdk_add_realcore_test with cachedb.cfg and cachedb_counter.so):
//   - 4 clients send 25 "hit" requests each at once to a core with 4 UDP workers: every worker adds 1 to the
//     counter "hits" in cachedb_local's shared cache through its own connection; the replies' values are
//     exactly 1..100 (no lost or doubled update), and the workers that answered are printed;
//   - the MI process (its own connection) reads 100 with get_counter, and so does the script's own
//     cache_counter_fetch("local", "hits", ...);
//   - a value set with a 2 s expiry is read back, then is gone after the core's clock passed it; removed;
//   - add and get_counter on text: the engine's lines and return codes (-1, -3), those the fake gives;
//   - an empty key: the function fails with modsdk's line, the core keeps serving.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

namespace {
int failures = 0;
void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok:  " : "FAIL:", what.c_str());
  if (!ok) ++failures;
}

std::string request(const std::string& user, int seq) {
  const std::string tag = user + "-" + std::to_string(seq);
  return "OPTIONS sip:" + user +
         "@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" +
         tag +
         "\r\n"
         "From: <sip:alice@example.com>;tag=" +
         tag +
         "\r\n"
         "To: <sip:opensips@127.0.0.1>\r\n"
         "Call-ID: " +
         tag +
         "@example.com\r\n"
         "CSeq: 1 OPTIONS\r\n"
         "Content-Length: 0\r\n\r\n";
}

/// The reason phrase of the reply to `user`, or "no reply".
std::string ask(const real_core& core, const std::string& user, int seq = 0) {
  auto r = core.send(request(user, seq));
  return r ? std::to_string(r->code) + " " + r->reason : std::string("no reply");
}
}  // namespace

int main() {
  if (!real_core::configured()) {
    std::puts("skipped: run through modsdk_add_realcore_test (MODSDK_REALCORE_* not set)");
    return 77;
  }
  const real_core core = real_core::from_env();

  // ---- a counter incremented by every worker at once ----
  constexpr int clients = 4, each = 25;
  std::mutex mx;
  std::multiset<int> values;
  std::set<std::string> pids;
  int bad = 0;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      for (int i = 0; i < each; ++i) {
        const std::string reply = ask(core, "hit", c * 1000 + i);
        std::lock_guard g(mx);
        int n = 0;
        char pid[32] = {};
        if (std::sscanf(reply.c_str(), "200 n=%d pid=%31s", &n, pid) == 2) {
          values.insert(n);
          pids.insert(pid);
        } else {
          ++bad;
          std::printf("      unexpected reply: %s\n", reply.c_str());
        }
      }
    });
  for (auto& t : threads) t.join();
  std::multiset<int> expected;
  for (int i = 1; i <= clients * each; ++i) expected.insert(i);
  check(bad == 0 && values == expected,
        "100 concurrent hits got the values 1..100, each once (" + std::to_string(values.size()) + " replies)");
  std::string who;
  for (const auto& p : pids) who += (who.empty() ? "" : ",") + p;
  std::printf("      answered by %zu worker(s): pid %s\n", pids.size(), who.c_str());
  check(pids.size() >= 2, "more than one worker answered (each with its own connection)");

  const auto mi = core.mi("cdb_hits");
  std::printf("      MI cdb_hits: %s\n", mi.json.c_str());
  check(mi.json == R"({"hits":100})", "the MI process reads the counter: 100");
  check(ask(core, "read") == "200 script=100", "the script's cache_counter_fetch reads the module's counter: 100");

  // ---- a value with an expiry ----
  check(ask(core, "get") == "404 none", "no greeting yet");
  check(ask(core, "set") == "200 stored", "greeting stored for 2 s");
  check(ask(core, "get") == "200 value=hello alice", "greeting read back");
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  check(ask(core, "get") == "404 none", "greeting gone after its expiry");
  check(ask(core, "set") == "200 stored" && ask(core, "remove") == "200 removed" && ask(core, "get") == "404 none",
        "greeting removed");

  // ---- bad input ----
  check(ask(core, "text") == "200 refused", "add and get_counter on text are refused");
  check(core.logged(-1, "not an integer") &&
            core.logged(-1, "cachedb_url: add \"greeting\": the engine failed (returned -1)"),
        "add on text: cachedb_local's line and modsdk's, return code -1 (as the fake)");
  check(core.logged(-1, "Not a counter key") &&
            core.logged(-1, "cachedb_url: get_counter \"greeting\": the engine failed (returned -3)"),
        "get_counter on text: cachedb_local's line and modsdk's, return code -3 (as the fake)");
  check(ask(core, "empty") == "500 refused", "an empty key is refused");
  check(core.logged(-1, "cachedb_url: add \"\": the key is empty"), "modsdk logged the empty key");
  check(ask(core, "read") == "200 script=100", "the core keeps serving, the counter untouched");

  std::printf("%s\n", failures ? "cachedb realcore: FAILED" : "cachedb realcore: all checks passed");
  return failures ? 1 : 0;
}
