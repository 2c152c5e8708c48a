// SPDX-License-Identifier: MIT
// docs/howto/parameters.md: module parameters (modparam), each form once.
#include <modsdk/modsdk.hpp>

#include <chrono>
#include <string_view>

using namespace std::chrono_literals;

// snippet: params_enum
enum class transport { udp, tcp, tls };
template <>
struct modsdk::enum_names<transport> {
  static constexpr modsdk::enum_name<transport> names[] = {
      {"udp", transport::udp}, {"tcp", transport::tcp}, {"tls", transport::tls}};
};
// snippet-end: params_enum

// snippet: params_group
struct pool_settings {
  int size = 4;
  std::chrono::seconds idle = 30s;
};
MODSDK_FIELDS(pool_settings, size, idle);
// snippet-end: params_group

namespace {
// snippet: params_basic
modsdk::param<std::string_view> db_url{"db_url"};                 // modparam("m", "db_url", "mysql://...")
modsdk::param<int> workers{"workers", 4};                         // modparam("m", "workers", 8)
modsdk::param<bool> verbose{"verbose", false};                    // "yes"/"no", "on"/"off", 1/0
modsdk::param<std::chrono::milliseconds> timeout{"timeout", 2s};  // "500ms", "2s", "1m", or 2000
modsdk::param<transport> proto{"transport", transport::udp};      // "udp", "TCP", ...
// snippet-end: params_basic

// snippet: params_validator
modsdk::param<int> port{"port", 5060, [](int p) { return p > 0 && p < 65536; }};
modsdk::param<std::string_view> realm{"realm", "example.com", [](std::string_view r) -> const char* {
                                        return r.find('.') == std::string_view::npos ? "needs a dot" : nullptr;
                                      }};
// snippet-end: params_validator

// snippet: params_required_list
modsdk::param<std::string_view> api_key{"api_key", modsdk::required};  // the start fails without it
modsdk::param_list<std::string_view> peers{"peer"};                    // every modparam line adds one
// snippet-end: params_required_list

// snippet: params_group_object
modsdk::param_group<pool_settings> pool{"pool_"};  // modparams pool_size, pool_idle
// snippet-end: params_group_object

// snippet: params_use
bool show_config(modsdk::request&) {
  modsdk::log::info("db_url={} workers={} timeout={}ms peers={} pool={}x{}s", *db_url, *workers, timeout->count(),
                    peers.size(), pool->size, pool->idle.count());
  for (std::string_view p : peers) modsdk::log::debug("peer {}", p);
  return verbose.get() || port.is_set();
}
// snippet-end: params_use
}  // namespace

// snippet: params_module
MODSDK_MODULE(snippet_params, modsdk::functions(MODSDK_FN(show_config)),
              modsdk::params(db_url, workers, verbose, timeout, proto, port, realm, api_key, peers, pool));
// snippet-end: params_module
