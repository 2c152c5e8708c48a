// SPDX-License-Identifier: MIT
// The fidelity module: script functions taking int, string, variable, optional and regex parameters that
// log one line per call, "FID <function> <what it received>". tests/realcore runs the same calls
// (fidelity_calls.txt) on the same SIP request in the fake core (fidelity_fake.cpp, through host::load of
// this very .so) and in a real core (a generated cfg, the request sent with sipp), and compares the
// sequences of (call, $rc, logged text).
#include <optional>
#include <string>
#include <string_view>

#include <modsdk/functions.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/types.hpp>
#include <modsdk/variable.hpp>

namespace {

/// CR and LF written as \r and \n, so that each call logs single lines.
std::string escaped(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '\r' ? std::string("\\r") : c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}
std::string quoted(std::optional<std::string_view> s) { return s ? "[" + escaped(*s) + "]" : "<none>"; }

/// rc = n (0 becomes -1: a 0 would stop the script)
int fid_int(int n) {
  modsdk::log::info("FID fid_int n={}", n);
  return n;
}

bool fid_str(modsdk::message&, std::string_view s) {
  modsdk::log::info("FID fid_str s={} len={}", quoted(s), s.size());
  return !s.empty();
}

/// Reads the variable, then writes "written:<old value>" into it.
bool fid_var(modsdk::message&, modsdk::variable v) {
  auto old = v.get_string();
  auto as_int = v.get_int();
  modsdk::log::info("FID fid_var has_value={} str={} int={} writable={}", v.has_value(), quoted(old),
                    as_int ? std::to_string(*as_int) : std::string("<none>"), v.writable());
  return v.set("written:" + old.value_or("<none>"));
}

/// rc 2 with the optional string, 1 without
int fid_opt(int a, std::optional<std::string_view> b) {
  modsdk::log::info("FID fid_opt a={} b={}", a, quoted(b));
  return b ? 2 : 1;
}

bool fid_re(modsdk::regex re, std::string_view subject) {
  auto m = re.find(subject);
  modsdk::log::info("FID fid_re subject={} match={}", quoted(subject), quoted(m));
  return m.has_value();
}

bool fid_hdr(modsdk::message& msg, std::string_view name) {
  auto v = msg.header(name);
  std::size_t n = 0;
  for ([[maybe_unused]] auto h : msg.headers(name)) ++n;
  modsdk::log::info("FID fid_hdr {}={} count={}", name, quoted(v), n);
  return v.has_value();
}

bool fid_msg(modsdk::request& req) {
  std::string names;
  for (auto h : req.headers()) names += (names.empty() ? "" : ",") + std::string(h.name);
  auto cseq = req.cseq();
  modsdk::log::info(
      "FID fid_msg method={} ruri={} ruser={} rhost={} from={} ftag={} to={} callid={} cseq={} {} "
      "src={} body=[{}] headers={}",
      req.method(), req.ruri(), req.ruri_user(), req.ruri_host(), req.from_uri(), req.from_tag(), req.to_uri(),
      req.call_id(), cseq ? cseq->number : 0u, cseq ? cseq->method : "-", req.source_ip(), escaped(req.body()), names);
  return true;
}

/// Allocates `mb` MB of pkg memory (and frees it): rc 1 when the pool had room, -1 when not.
int fid_alloc(int mb) {
  void* p = modsdk::pkg::malloc(static_cast<std::size_t>(mb) << 20);
  modsdk::log::info("FID fid_alloc mb={} ok={}", mb, p != nullptr);
  if (!p) return -1;
  modsdk::pkg::free(p);
  return 1;
}

/// Tells run_realcore.sh that the worker is up (outside the compared calls).
void child_init(int rank) { modsdk::log::info("FIDELITY child_init rank={}", rank); }

}  // namespace

MODSDK_MODULE(fidelity,
              modsdk::functions(MODSDK_FN(fid_int), MODSDK_FN(fid_str), MODSDK_FN(fid_var), MODSDK_FN(fid_opt),
                                MODSDK_FN(fid_re), MODSDK_FN(fid_hdr), MODSDK_FN(fid_msg), MODSDK_FN(fid_alloc)),
              modsdk::on_child_init(child_init));
