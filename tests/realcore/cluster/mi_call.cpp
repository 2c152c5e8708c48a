// SPDX-License-Identifier: MIT
// The MI client of run_cluster.sh: `mi_call <ip:port> <command> [<name>=<int>...]` sends one JSON-RPC command to
// mi_datagram and prints the result (exit 0) or the error (exit 1) as compact JSON.
#include <cstdio>
#include <string>
#include <vector>

#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>
#include <modsdk/testing/real_core.hpp>

using modsdk::testing::real_core;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <ip:port> <command> [<name>=<int>...]\n", argv[0]);
    return 2;
  }
  const real_core core(real_core::endpoint::parse("127.0.0.1:9"), real_core::endpoint::parse(argv[1]), "", "");
  std::vector<modsdk::testing::mi_arg> params;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    const std::size_t eq = a.find('=');
    if (eq == std::string::npos) return 2;
    params.emplace_back(a.substr(0, eq), std::stoi(a.substr(eq + 1)));
  }
  const auto r = core.mi(argv[2], params);
  std::printf("%s\n", r.json.c_str());
  return r.error ? 1 : 0;
}
