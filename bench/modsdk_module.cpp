// SPDX-License-Identifier: MIT
// bench/: the modsdk side of the benchmark: the same script functions as c_module.c, written as typed
// C++ functions. modsdk generates the cmd_export_t entries, the trampolines and the port fixup.
#include <optional>
#include <string_view>

#include <modsdk/avp.hpp>
#include <modsdk/db.hpp>
#include <modsdk/events.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/log.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/pvars.hpp>

namespace bench {
struct port {
  int value;
};
}  // namespace bench

template <>
struct modsdk::convert<bench::port> {
  static constexpr std::string_view expected = "a port number from 1 to 65535";
  static std::optional<bench::port> from_string(std::string_view text) noexcept {
    auto v = modsdk::convert<int>::from_string(text);
    if (!v || *v < 1 || *v > 65535) return std::nullopt;
    return bench::port{*v};
  }
};

namespace bench {
// the parameters of the "event raise" case (the same as c_bench_event's)
struct call_event {
  std::string_view caller;
  int code;
};
MODSDK_FIELDS(call_event, caller, code);
}  // namespace bench

// What the functions "do": an extern variable, so the compiler must keep every store.
extern "C" unsigned long bench_m_sink;
unsigned long bench_m_sink = 0;

namespace {
bool b_int(int n) {
  bench_m_sink += static_cast<unsigned long>(n);
  return n > 0;
}
bool b_str(std::string_view s) {
  bench_m_sink += s.size() + (s.empty() ? 0u : static_cast<unsigned char>(s[0]));
  return !s.empty();
}
bool b_opt(std::optional<int> n) {
  bench_m_sink += static_cast<unsigned long>(n.value_or(10));
  return true;
}
bool b_out(modsdk::variable out) { return out.set(42); }
bool b_user(bench::port p) {
  bench_m_sink += static_cast<unsigned long>(p.value);
  return true;
}
bool b_log(int n) {
  modsdk::log::debug("value {}", n);
  return true;
}
bool b_log_on(int n) {
  modsdk::log::info("value {}", n);
  return true;
}
bool b_nop() { return true; }

// select-by-key through a statement fixed at compile time: the first row's first column (the same query
// as c_bench_db, whose names are static str keys too)
modsdk::param<modsdk::db::url> db_url{"db_url"};
modsdk::db::database store{db_url, {.needs = modsdk::db::cap::query, .optional = true}};
constexpr auto greeting_of =
    modsdk::db::select_by("greetings", modsdk::db::columns("greeting"), modsdk::db::keys("caller"));
bool b_db(std::string_view caller) {
  const modsdk::db::result r = store.select<greeting_of>(caller);
  if (auto row = r.first()) {
    bench_m_sink += row->get<std::string_view>(0).size();
    return true;
  }
  return false;
}
// the same select written ad hoc (names given per call)
bool b_db_adhoc(std::string_view caller) {
  namespace db = modsdk::db;
  const db::result r = store.select("greetings", db::columns("greeting"), db::col("caller") == caller);
  if (auto row = r.first()) {
    bench_m_sink += row->get<std::string_view>(0).size();
    return true;
  }
  return false;
}

// an AVP the script set, read by a handle resolved in mod_init (the same AVP as c_bench_avp)
constinit modsdk::avp<int> bench_avp{"bench_avp"};
// (the usual `if (auto v = ...)`: with a `const std::optional<int>` local instead, GCC 12 keeps the optional
// in memory and tests its flag after the join: 7 more instructions per call, see bench/README.md)
bool b_avp() {
  if (auto v = bench_avp.first()) {
    bench_m_sink += static_cast<unsigned long>(*v);
    return true;
  }
  return false;
}

// an event with two parameters, published in mod_init (the same parameters as c_bench_event's)
constinit modsdk::event<bench::call_event> bench_event{"E_BENCH_M"};
bool b_event(std::string_view caller) { return bench_event.raise({caller, 486}); }

// the first User-Agent header by type, the first X-Trace header by name (the same as c_bench_hdr_*)
bool b_hdr_type(modsdk::request& req) {
  const auto v = req.header(modsdk::header_type::user_agent);
  if (!v) return false;
  bench_m_sink += v->size();
  return true;
}
bool b_hdr_name(modsdk::request& req) {
  const auto v = req.header("x-trace");
  if (!v) return false;
  bench_m_sink += v->size();
  return true;
}

// the value of the R-URI's parameter `foo` (the same as c_bench_uri_param)
bool b_uri_param(modsdk::request& req) {
  const auto u = req.parsed_ruri();
  if (!u) return false;
  const auto v = u->param("foo");
  if (!v) return false;
  bench_m_sink += v->size();
  return true;
}
// "X-Bench: 1" after the last header (the same as c_bench_append_hf)
bool b_append_hf(modsdk::request& req) { return req.add_header("X-Bench", "1"); }

// $m_bench_pv: an int (the same value as $c_bench_pv)
int b_pv() { return static_cast<int>(bench_m_sink & 0xff); }
}  // namespace

MODSDK_MODULE(bench_modsdk,
              modsdk::functions(MODSDK_FN(b_int), MODSDK_FN(b_str), MODSDK_FN(b_opt), MODSDK_FN(b_out),
                                MODSDK_FN(b_user), MODSDK_FN(b_log), MODSDK_FN(b_log_on), MODSDK_FN(b_nop),
                                MODSDK_FN(b_db), MODSDK_FN(b_db_adhoc), MODSDK_FN(b_avp), MODSDK_FN(b_event),
                                MODSDK_FN(b_hdr_type), MODSDK_FN(b_hdr_name), MODSDK_FN(b_uri_param),
                                MODSDK_FN(b_append_hf)),
              modsdk::databases(store), modsdk::params(db_url), modsdk::avps(bench_avp), modsdk::events(bench_event),
              modsdk::pvars(modsdk::pvar<b_pv>{"m_bench_pv"}));
