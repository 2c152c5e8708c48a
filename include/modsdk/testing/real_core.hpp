// SPDX-License-Identifier: MIT
/// @file A real OpenSIPS core for a test: the client side of `modsdk_add_realcore_test()`, shaped like the
/// fake core's API (`host::mi`, `host::stat`, `fake_core::logs`) so one test body runs against both.
/// The runner (cmake/modsdk_realcore.sh) starts `opensips -F` with your cfg and runs your test program with
/// the core's addresses in its environment; `real_core::from_env()` reads them.
///
///     TEST_CASE("greetings are counted") {
///       if (!modsdk::testing::real_core::configured()) return;   // run without modsdk_add_realcore_test
///       auto core = modsdk::testing::real_core::from_env();
///       auto reply = core.send(modsdk::testing::sip_message::parse(options_text));
///       REQUIRE(reply);
///       CHECK(reply->code == 200);
///       CHECK(core.mi("greetings").json == R"({"greetings":1})");   // the same text host::mi() gives
///       CHECK(core.stat("greetings") == 1u);
///       CHECK(core.logged(3, "OPTIONS from alice"));                // L_INFO
///     }
///
/// JSON goes through Boost.JSON; its compiled part is emitted by the file that defines
/// MODSDK_TESTING_IMPLEMENTATION, when that file includes this header too.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <modsdk/config.hpp>
#include <modsdk/testing/core.hpp>
#include <modsdk/testing/host.hpp>
#include <modsdk/testing/loopback.hpp>
#include <modsdk/testing/sip_message.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>
#if defined(MODSDK_TESTING_IMPLEMENTATION)
#include <boost/json/src.hpp>
#endif

MODSDK_BEGIN_NAMESPACE
namespace testing {

/// A reply the real core sent back.
struct sip_reply {
  int code = 0;
  std::string reason;
  std::string text;  ///< the whole reply as received
  /// The value of the first header `name` (case-insensitive), without leading blanks.
  std::optional<std::string> header(std::string_view name) const {
    std::size_t pos = text.find('\n');
    while (pos != std::string::npos && pos + 1 < text.size()) {
      const std::size_t start = pos + 1;
      const std::size_t end = text.find('\n', start);
      std::string_view line(text.data() + start, (end == std::string::npos ? text.size() : end) - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos && colon == name.size() &&
          std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) { return (a | 0x20) == (b | 0x20); })) {
        std::string_view v = line.substr(colon + 1);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        return std::string(v);
      }
      pos = end;
    }
    return std::nullopt;
  }
};

namespace detail {

inline int level_of(std::string_view name) noexcept {
  if (name == "ALERT") return -3;
  if (name == "CRITICAL") return -2;
  if (name == "ERROR") return -1;
  if (name == "WARNING") return 1;
  if (name == "NOTICE") return 2;
  if (name == "INFO") return 3;
  if (name == "DBG") return 4;
  return 99;
}

/// "<time> [pid] LEVEL:module:function: text" as the core's stderr writer prints it; nullopt otherwise.
inline std::optional<log_entry> parse_log_line(const std::string& line) {
  const std::size_t br = line.find("] ");
  if (br == std::string::npos) return std::nullopt;
  const std::string_view rest = std::string_view(line).substr(br + 2);
  const std::size_t c1 = rest.find(':');
  if (c1 == std::string_view::npos || level_of(rest.substr(0, c1)) == 99) return std::nullopt;
  const std::size_t c2 = rest.find(':', c1 + 1);
  const std::size_t c3 = c2 == std::string_view::npos ? c2 : rest.find(": ", c2 + 1);
  if (c3 == std::string_view::npos) return std::nullopt;
  log_entry e{level_of(rest.substr(0, c1)), std::string(rest.substr(c1 + 1, c2 - c1 - 1)),
              std::string(rest.substr(c2 + 1, c3 - c2 - 1)), std::string(rest.substr(c3 + 2)), line + "\n"};
  return e;
}

}  // namespace detail

/// How real_core::send() reaches the core's SIP socket.
enum class sip_transport { udp, tcp };

/// A running OpenSIPS core reached over loopback: SIP over UDP (and TCP), MI over mi_datagram (JSON-RPC),
/// its log.
class real_core {
 public:
  /// An IPv4 address and port.
  struct endpoint {
    std::string ip;
    unsigned short port = 0;
    /// "127.0.0.1:5060"
    static endpoint parse(std::string_view text) {
      const std::size_t c = text.rfind(':');
      if (c == std::string_view::npos)
        throw std::invalid_argument("modsdk real_core: not <ip>:<port>: " + std::string(text));
      return {std::string(text.substr(0, c)), static_cast<unsigned short>(std::stoi(std::string(text.substr(c + 1))))};
    }
  };

  real_core(endpoint sip, endpoint mi, std::string log_path, std::string module,
            std::optional<endpoint> tcp = std::nullopt)
      : sip_(std::move(sip)),
        tcp_(std::move(tcp)),
        mi_(std::move(mi)),
        log_path_(std::move(log_path)),
        module_(std::move(module)) {}

  /// Whether this program runs under modsdk_add_realcore_test (MODSDK_REALCORE_* set).
  static bool configured() noexcept { return std::getenv("MODSDK_REALCORE_MI") != nullptr; }
  /// The core the runner started. Throws std::runtime_error when not configured().
  static real_core from_env() {
    auto env = [](const char* name) -> std::string {
      const char* v = std::getenv(name);
      if (v == nullptr)
        throw std::runtime_error(std::string("modsdk real_core: ") + name +
                                 " is not set (run this program through modsdk_add_realcore_test)");
      return v;
    };
    std::optional<endpoint> tcp;
    if (const char* t = std::getenv("MODSDK_REALCORE_SIP_TCP"); t != nullptr && *t != '\0') tcp = endpoint::parse(t);
    return real_core(endpoint::parse(env("MODSDK_REALCORE_SIP")), endpoint::parse(env("MODSDK_REALCORE_MI")),
                     env("MODSDK_REALCORE_LOG"), env("MODSDK_REALCORE_MODULE"), std::move(tcp));
  }

  const std::string& module() const noexcept { return module_; }
  const endpoint& sip_address() const noexcept { return sip_; }
  /// Whether the runner loaded the stock module `name` (MODSDK_REALCORE_MODULES): for a MODULES entry that
  /// names alternatives ("event_route|event_routing") or is optional ("?event_route").
  static bool stock_module_loaded(std::string_view name) {
    const char* v = std::getenv("MODSDK_REALCORE_MODULES");
    std::string_view rest = v == nullptr ? std::string_view{} : std::string_view{v};
    while (!rest.empty()) {
      const std::size_t sp = rest.find(' ');
      if (rest.substr(0, sp) == name) return true;
      rest = sp == std::string_view::npos ? std::string_view{} : rest.substr(sp + 1);
    }
    return false;
  }

  // ---- SIP ------------------------------------------------------------------------------------------
  /// Sends a request over UDP (the top Via rewritten to this client's socket) and returns the first final
  /// reply, or the last provisional one, or nullopt when nothing came back within `timeout`.
  std::optional<sip_reply> send(std::string_view request,
                                std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    return send(request, sip_transport::udp, timeout);
  }
  std::optional<sip_reply> send(const sip_message& request,
                                std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    return send(request.text(), sip_transport::udp, timeout);
  }
  /// The same over the given transport. TCP needs the test registered with `TCP`
  /// (modsdk_add_realcore_test): the core then also listens on TCP, on the SIP port's number; the request
  /// goes over a fresh connection and the replies come back on it.
  std::optional<sip_reply> send(std::string_view request, sip_transport transport,
                                std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    if (transport == sip_transport::udp) {
      detail::udp_socket s;
      s.send_to(sip_.ip, sip_.port, detail::as_sent(request, s.port()));
      return replies(s, timeout);
    }
    if (!tcp_)
      throw std::runtime_error("modsdk real_core: the core listens on no TCP socket (register the test with TCP)");
    detail::tcp_connection c(tcp_->ip, tcp_->port);
    c.send(detail::as_sent(request, c.port(), "TCP"));
    return replies(c, timeout);
  }
  std::optional<sip_reply> send(const sip_message& request, sip_transport transport,
                                std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    return send(request.text(), transport, timeout);
  }
  /// The core's TCP SIP address, when the runner opened one.
  const std::optional<endpoint>& tcp_address() const noexcept { return tcp_; }

  // ---- MI -------------------------------------------------------------------------------------------
  /// Runs an MI command with named parameters; the result (or the error object) as compact JSON text,
  /// like host::mi().
  mi_result mi(std::string_view command, const std::vector<mi_arg>& params = {}) const {
    boost::json::object p;
    for (const auto& a : params) {
      if (a.is_num)
        p[a.name] = a.num;
      else
        p[a.name] = a.str;
    }
    return mi_json(command, params.empty() ? boost::json::value() : boost::json::value(std::move(p)));
  }
  /// Same, with positional parameters.
  mi_result mi_positional(std::string_view command, const std::vector<mi_arg>& params) const {
    boost::json::array p;
    for (const auto& a : params) {
      if (a.is_num)
        p.emplace_back(a.num);
      else
        p.emplace_back(a.str);
    }
    return mi_json(command, boost::json::value(std::move(p)));
  }
  /// Runs an MI command whose parameters are any JSON value (null: none).
  mi_result mi_json(std::string_view command, const boost::json::value& params,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
    boost::json::object req{{"jsonrpc", "2.0"}, {"method", command}, {"id", ++mi_id_}};
    if (!params.is_null()) req["params"] = params;
    const detail::udp_socket s;
    s.send_to(mi_.ip, mi_.port, boost::json::serialize(req));
    auto d = s.receive(timeout);
    if (!d) return {true, R"({"code":-32000,"message":"no answer from mi_datagram"})"};
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(*d, ec);
    if (ec || !v.is_object()) return {true, R"({"code":-32700,"message":"not JSON: )" + *d + "\"}"};
    const auto& o = v.as_object();
    if (const auto* e = o.if_contains("error")) return {true, boost::json::serialize(*e)};
    if (const auto* r = o.if_contains("result")) return {false, boost::json::serialize(*r)};
    return {true, *d};
  }
  /// The value of a statistic (get_statistics), by its name with or without "<group>:".
  std::optional<unsigned long> stat(std::string_view name) const {
    const std::size_t colon = name.find(':');
    const std::string_view bare = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const auto r = mi_json("get_statistics", boost::json::object{{"statistics", boost::json::array{bare}}});
    if (r.error) return std::nullopt;
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(r.json, ec);
    if (ec || !v.is_object()) return std::nullopt;
    for (const auto& [key, value] : v.as_object()) {
      const std::string_view k = key;
      const bool match =
          k == name || (bare == name && k.size() > bare.size() && k.substr(k.size() - bare.size()) == bare &&
                        k[k.size() - bare.size() - 1] == ':');
      if (!match) continue;
      if (value.is_int64()) return static_cast<unsigned long>(value.as_int64());
      if (value.is_uint64()) return static_cast<unsigned long>(value.as_uint64());
      if (value.is_double()) return static_cast<unsigned long>(value.as_double());
    }
    return std::nullopt;
  }

  // ---- the core's log -------------------------------------------------------------------------------
  /// The lines the core wrote to its log since the last clear_logs(), parsed like the fake core's capture
  /// (level, module, function, text, line); lines not in "LEVEL:module:function: text" form are left out.
  std::vector<log_entry> logs() const {
    std::vector<log_entry> out;
    for (const auto& line : log_lines())
      if (auto e = detail::parse_log_line(line)) out.push_back(std::move(*e));
    return out;
  }
  /// The lines the core wrote to its log since the last clear_logs(), as written: the script's xlog lines
  /// ("<time> [pid] LEVEL:text", no module or function, left out of logs()) included.
  std::vector<std::string> log_lines() const {
    std::vector<std::string> out;
    std::ifstream in(log_path_, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(log_start_));
    std::string line;
    while (std::getline(in, line)) out.push_back(std::move(line));
    return out;
  }
  /// Whether any line of log_lines() (an xlog line of the script too) contains `text`.
  bool log_contains(std::string_view text) const {
    const auto all = log_lines();
    return std::any_of(all.begin(), all.end(),
                       [text](const std::string& l) { return l.find(text) != std::string::npos; });
  }
  /// Whether a line of the module (or of "core") contains `text`.
  bool logged(std::string_view text) const {
    for (const auto& e : logs())
      if (e.text.find(text) != std::string::npos) return true;
    return false;
  }
  bool logged(int level, std::string_view text) const {
    for (const auto& e : logs())
      if (e.level == level && e.text.find(text) != std::string::npos) return true;
    return false;
  }
  /// Later logs() start after what the core has written so far.
  void clear_logs() {
    std::ifstream in(log_path_, std::ios::binary | std::ios::ate);
    log_start_ = in ? static_cast<std::size_t>(in.tellg()) : 0;
  }

 private:
  /// The first final reply on `s`, or the last provisional one, within `timeout`.
  template <class Socket>
  static std::optional<sip_reply> replies(Socket& s, std::chrono::milliseconds timeout) {
    std::optional<sip_reply> last;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return last;
      auto d = s.receive(left);
      if (!d) return last;
      sip_reply r;
      r.text = std::move(*d);
      if (r.text.compare(0, 8, "SIP/2.0 ") != 0 || r.text.size() < 12) continue;
      r.code = std::atoi(r.text.c_str() + 8);
      const std::size_t eol = r.text.find_first_of("\r\n");
      r.reason = r.text.substr(12, eol == std::string::npos ? std::string::npos : eol - 12);
      last = std::move(r);
      if (last->code >= 200) return last;
    }
  }

  endpoint sip_;
  std::optional<endpoint> tcp_;
  endpoint mi_;
  std::string log_path_;
  std::string module_;
  std::size_t log_start_ = 0;
  mutable long long mi_id_ = 0;
};

}  // namespace testing
MODSDK_END_NAMESPACE
