// SPDX-License-Identifier: MIT
// bench/: calls the same script functions of a hand-written C module (c_module.c) and of a modsdk module
// (modsdk_module.cpp), both built as .so files and dlopen()ed into this program, through their
// cmd_export_t entries exactly the way the core's action.c does: per-call stack copies for INT and STR
// values, the stored pointer for a startup fixup's result or a variable, NULL for an omitted optional,
// garbage in the unused slots. modsdk's fake core (testing.hpp) provides the core symbols.
//
// Modes (bench/run drives them):
//   modsdk_bench --callgrind=total|callee   under valgrind --tool=callgrind: one dump per case and side
//   modsdk_bench [--instructions=FILE] [google benchmark flags]
//        counts allocations per call, times every case with Google Benchmark and prints one table
//        (instructions per call read from FILE, as bench/run wrote it from the callgrind dumps).
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

#include <dlfcn.h>
#include <sqlite3.h>
#include <unistd.h>
#include <valgrind/callgrind.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <new>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace abi = modsdk::abi;

// ---- every operator new of the process (module .so files resolve theirs here, -rdynamic) ----------
namespace {
unsigned long long g_news = 0;
}
void* operator new(std::size_t n) {
  ++g_news;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  ++g_news;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  ++g_news;
  return std::malloc(n ? n : 1);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

// ---- the core's side of a call --------------------------------------------------------------------

/// What the core keeps for one parameter after fix_cmd, and how action.c turns it into a slot.
enum class stored { omitted, int_value, str_value, pointer };

struct arg {
  enum class kind { omitted, number, text, variable } k;
  int n = 0;
  const char* text = nullptr;
};
arg num(int n) { return {arg::kind::number, n, nullptr}; }
arg txt(const char* s) { return {arg::kind::text, 0, s}; }
arg pvar(const char* s) { return {arg::kind::variable, 0, s}; }
arg none() { return {arg::kind::omitted, 0, nullptr}; }

struct prepared {
  abi::cmd_function fn = nullptr;
  int count = 0;  // declared parameters
  stored kind[abi::max_cmd_params] = {};
  int ival[abi::max_cmd_params] = {};
  abi::str sval[abi::max_cmd_params] = {};
  void* ptr[abi::max_cmd_params] = {};
};

/// One call as action.c makes it (CMD_T after get_cmd_fixups): never inlined, identical for both sides.
[[gnu::noinline]] int core_call(const prepared& p, abi::sip_msg* msg) {
  int iv[abi::max_cmd_params];
  abi::str sv[abi::max_cmd_params];
  void* s[abi::max_cmd_params];
  for (int i = 0; i < abi::max_cmd_params; ++i) {
    if (i >= p.count) {
      s[i] = reinterpret_cast<void*>(std::uintptr_t{0xdeadbeef});  // the core leaves stack garbage
      continue;
    }
    switch (p.kind[i]) {
      case stored::omitted:
        s[i] = nullptr;
        break;
      case stored::int_value:
        iv[i] = p.ival[i];
        s[i] = &iv[i];
        break;
      case stored::str_value:
        sv[i] = p.sval[i];
        s[i] = &sv[i];
        break;
      case stored::pointer:
        s[i] = p.ptr[i];
        break;
    }
  }
  return p.fn(msg, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
}

struct alignas(16) spec_buf {
  unsigned char b[MODSDK_PV_SPEC_STORAGE];
};

[[noreturn]] void die(const std::string& why) {
  std::fprintf(stderr, "modsdk_bench: %s\n", why.c_str());
  std::exit(2);
}

/// fix_cmd for one entry: stores literals, runs the startup fixups, parses variables.
prepared prepare(const abi::cmd_export* table, const char* name, std::vector<arg> args, std::vector<spec_buf>& specs) {
  const abi::cmd_export* e = table;
  while (e->name && std::strcmp(e->name, name) != 0) ++e;
  if (!e->name) die(std::string("no function ") + name);
  prepared p;
  p.fn = e->function;
  while (p.count < abi::max_cmd_params && e->params[p.count].flags) ++p.count;
  if (args.size() > std::size_t(p.count)) die(std::string("too many arguments for ") + name);
  for (int i = 0; i < p.count; ++i) {
    const abi::cmd_param& cp = e->params[i];
    const arg a = std::size_t(i) < args.size() ? args[std::size_t(i)] : none();
    void* slot = nullptr;
    switch (a.k) {
      case arg::kind::omitted:
        if (!(cp.flags & abi::cmd_param_opt)) die(std::string("mandatory parameter omitted in ") + name);
        p.kind[i] = stored::omitted;
        continue;
      case arg::kind::number:
        p.ival[i] = a.n;
        slot = &p.ival[i];
        p.kind[i] = stored::int_value;
        break;
      case arg::kind::text:
        p.sval[i] = abi::str{const_cast<char*>(a.text), int(std::strlen(a.text))};
        slot = &p.sval[i];
        p.kind[i] = stored::str_value;
        break;
      case arg::kind::variable: {
        specs.emplace_back();
        auto* sp = reinterpret_cast<abi::pv_spec*>(specs.back().b);
        abi::str in{const_cast<char*>(a.text), int(std::strlen(a.text))};
        if (!abi::pv_parse_spec(&in, sp)) die(std::string("bad variable ") + a.text);
        slot = sp;
        p.kind[i] = stored::pointer;
        break;
      }
    }
    if (cp.fixup) {
      void* before = slot;
      if (cp.fixup(&slot) < 0) die(std::string("startup fixup failed for ") + name);
      if (slot != before) p.kind[i] = stored::pointer;
    }
    p.ptr[i] = slot;
  }
  return p;
}

void* open_module(const char* path) {
  void* h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) die(std::string("dlopen: ") + dlerror());
  return h;
}

// ---- the cases ------------------------------------------------------------------------------------

struct bench_case {
  const char* label;
  const char* function;
  std::vector<arg> args;
  prepared c, m;
  bool logs = false;    // the function logs a line (the level is enabled): the only case that may
  bool getter = false;  // `function` names a pseudo-variable ("c_" / "m_" + function): its getter is called
  bool raises = false;  // the function raises an event: the fake core records it (cleared in batches, as logs)
  bool edits = false;   // the function adds a lump to the message: dropped after every call (drop_lumps)
};

// After an edit case's call: frees the lumps the call added, as the core frees them with the message
// (free_lump_list), so that every call edits the same message. bench/run toggles collection off in here.
[[gnu::noinline]] void bench_drop_lumps(abi::sip_msg* msg) {
  auto& m = reinterpret_cast<modsdk::testing::detail::fake_msg*>(msg)->msg;
  modsdk::testing::detail::free_lump_list(m.add_rm);
  modsdk::testing::detail::free_lump_list(m.body_lumps);
  m.add_rm = m.body_lumps = nullptr;
}

// One call of a case, and the lumps it added dropped.
inline int case_call(const prepared& p, abi::sip_msg* msg, bool edits) {
  const int rc = core_call(p, msg);
  if (edits) bench_drop_lumps(msg);
  return rc;
}

// A module pseudo-variable's getter called as pv_get_spec_value calls it: getf(msg, &spec->pvp, value), the
// spec parsed without name or index (a zeroed pv_param_t). Called through core_call's slots 0 and 1 (the
// getter takes three arguments; the x86-64 convention passes them in the same registers).
struct alignas(16) pv_param_buf {
  unsigned char b[128];
};
pv_param_buf g_pv_param{};
abi::pv_value g_pv_value{};
prepared prepare_getter(const abi::pv_export* items, const std::string& name) {
  const abi::pv_export* e = items;
  while (e && e->name.s && name != std::string_view(e->name.s, std::size_t(e->name.len))) ++e;
  if (!e || !e->name.s) die("no pseudo-variable " + name);
  prepared p;
  p.fn = reinterpret_cast<abi::cmd_function>(e->getf);  // NOLINT(*-reinterpret-cast): see above
  p.count = 2;
  p.kind[0] = p.kind[1] = stored::pointer;
  p.ptr[0] = g_pv_param.b;
  p.ptr[1] = &g_pv_value;
  return p;
}

std::vector<spec_buf> g_specs;

std::vector<bench_case> make_cases() {
  g_specs.reserve(20);  // prepared pointers into it must stay valid
  return {
      {"int param", "b_int", {num(7)}, {}, {}},
      {"string param", "b_str", {txt("hello world")}, {}, {}},
      {"optional, omitted", "b_opt", {}, {}, {}},
      {"optional, given", "b_opt", {num(7)}, {}, {}},
      {"output variable", "b_out", {pvar("$var(out)")}, {}, {}},
      {"user type (fixup)", "b_user", {txt("5060")}, {}, {}},
      {"log below level", "b_log", {num(7)}, {}, {}},
      {"log enabled", "b_log_on", {num(7)}, {}, {}, true},
      {"no parameter", "b_nop", {}, {}, {}},
      {"db select by key", "b_db", {txt("alice")}, {}, {}},
      {"db select, ad hoc", "b_db_adhoc", {txt("alice")}, {}, {}},
      {"avp read", "b_avp", {}, {}, {}},
      {"pv get (int)", "bench_pv", {}, {}, {}, false, true},
      {"event raise", "b_event", {txt("alice")}, {}, {}, false, false, true},
      {"header by type", "b_hdr_type", {}, {}, {}},
      {"header by name", "b_hdr_name", {}, {}, {}},
      {"uri param", "b_uri_param", {}, {}, {}},
      {"append header", "b_append_hf", {}, {}, {}, false, false, false, true},
  };
}

std::string key(const bench_case& c, bool modsdk) {
  return std::string(c.function) + "|" + c.label + (modsdk ? "|modsdk" : "|C");
}

struct per_call {
  double news = 0, pkg = 0;
};

/// The fake core keeps every logged line (testing::fake_core::logs()); a loop of calls that log clears
/// them every `log_batch` calls. clear() keeps the vector's capacity: after the first batch, recording a
/// line no longer grows it (no reallocation inside a measured loop once warmed).
constexpr int log_batch = 1000;

/// Runs `n` calls and drops the lines they logged: warms caches and the log vector's capacity.
void warm(const prepared& p, abi::sip_msg* msg, int n, bool edits) {
  for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(case_call(p, msg, edits));
  modsdk::testing::core().clear_logs();
  modsdk::testing::core().clear_raised_events();
}

per_call count_allocations(const prepared& p, abi::sip_msg* msg, bool edits) {
  constexpr int n = log_batch;
  auto& core = modsdk::testing::core();
  warm(p, msg, n, edits);
  const unsigned long long n0 = g_news, p0 = core.alloc_seq();
  for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(case_call(p, msg, edits));
  const per_call r{double(g_news - n0) / n, double(core.alloc_seq() - p0) / n};
  core.clear_logs();
  core.clear_raised_events();
  return r;
}

/// The part of a stderr line after "<time> [<pid>] ", with the module and function names replaced by
/// "<mod>:<fn>" (they differ between the two modules; everything else must not).
std::string line_shape(const modsdk::testing::log_entry& e) {
  std::string l = e.line;
  const auto pid_end = l.find("] ");
  if (pid_end != std::string::npos) l.erase(0, pid_end + 2);
  const std::string who = e.module + ":" + e.function + ":";
  if (const auto at = l.find(who); at != std::string::npos) l.replace(at, who.size(), "<mod>:<fn>:");
  return l;
}

/// Keeps the fastest repetition of every benchmark (the machine is shared: the minimum is the least noisy).
class collector : public benchmark::BenchmarkReporter {
 public:
  std::map<std::string, double> best_ns;
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.error_occurred) continue;
      const double ns = r.GetAdjustedRealTime();  // time_unit is ns (the default)
      auto [it, fresh] = best_ns.emplace(r.run_name.function_name, ns);
      if (!fresh) it->second = std::min(it->second, ns);
    }
  }
};

std::string fmt_ratio(double m, double c) {
  if (c <= 0) return "-";
  char b[32];
  std::snprintf(b, sizeof b, "%.3f%s", m / c, m / c > 1.02 ? " !" : "");
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  std::string callgrind_mode, instr_file;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a.starts_with("--callgrind="))
      callgrind_mode = std::string(a.substr(12));
    else if (a.starts_with("--instructions="))
      instr_file = std::string(a.substr(15));
    else
      rest.push_back(argv[i]);
  }

  auto& core = modsdk::testing::core();
  core.set_log_level(abi::l_info);  // debug lines are below the active level

  // MODSDK_BENCH_C_SO / MODSDK_BENCH_SO: compare other builds of the two modules (a changed trampoline)
  const char* c_so = std::getenv("MODSDK_BENCH_C_SO");
  const char* m_so = std::getenv("MODSDK_BENCH_SO");
  void* hc = open_module(c_so ? c_so : BENCH_C_SO);
  void* hm = open_module(m_so ? m_so : BENCH_MODSDK_SO);
  auto* c_table = *static_cast<const abi::cmd_export* const*>(dlsym(hc, "bench_c_cmds"));
  auto* m_exports = static_cast<const abi::module_exports*>(dlsym(hm, "exports"));
  if (!c_table || !m_exports) die("module tables not found");

  auto msg = modsdk::testing::sip_message::parse(
      "INVITE sip:bob@example.com;transport=tcp;foo=bar SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n"
      "CSeq: 1 INVITE\r\nUser-Agent: bench/1.0\r\nX-Trace: t1\r\nContent-Length: 0\r\n\r\n");
  abi::sip_msg* raw = msg.raw();

  // The database of the "db select by key" case: a throw-away SQLite file (greetings.sql's table, 1000
  // callers) behind the fake core's db_sqlite; the C module opens its handle itself (bench_c_db_init, as
  // its child_init would), the modsdk module through its db_url (mod_init + child_init in the fake host).
  core.load_module("db_sqlite");
  char db_file[] = "/tmp/modsdk-bench-db.XXXXXX";
  const int db_fd = mkstemp(db_file);
  if (db_fd < 0) die("mkstemp failed");
  close(db_fd);
  {
    sqlite3* db = nullptr;
    std::string sql =
        "CREATE TABLE version (table_name VARCHAR(32) NOT NULL PRIMARY KEY, table_version INTEGER DEFAULT 0 NOT NULL);"
        "CREATE TABLE greetings (caller VARCHAR(64) NOT NULL PRIMARY KEY, greeting VARCHAR(128) NOT NULL);"
        "INSERT INTO greetings VALUES ('alice', 'Bonjour');";
    for (int i = 0; i < 1000; ++i) sql += "INSERT INTO greetings VALUES ('caller" + std::to_string(i) + "', 'Hello');";
    if (sqlite3_open(db_file, &db) != SQLITE_OK ||
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
      die("cannot make the bench database");
    sqlite3_close(db);
  }
  const std::string db_url = std::string("sqlite://") + db_file;
  modsdk::testing::host m_host = modsdk::testing::host::load(m_so ? m_so : BENCH_MODSDK_SO);
  if (!m_host.loaded() || !m_host.modparam("db_url", db_url.c_str()) || !m_host.start())
    die("the modsdk module did not start on " + db_url);
  auto* c_db_init = reinterpret_cast<int (*)(const char*)>(dlsym(hc, "bench_c_db_init"));
  if (!c_db_init || c_db_init(db_url.c_str()) < 0) die("the C module did not open " + db_url);
  // the C module's event, published as its mod_init would (the modsdk module's was, by m_host.start())
  auto* c_evi_init = reinterpret_cast<int (*)()>(dlsym(hc, "bench_c_evi_init"));
  if (!c_evi_init || c_evi_init() < 0) die("the C module did not publish its event");
  struct unlink_db {
    const char* f;
    ~unlink_db() { unlink(f); }
  } unlink_at_exit{db_file};

  // the AVP of the "avp read" case, as the script would have set it
  if (!core.set_var("$avp(bench_avp)", 5)) die("cannot set $avp(bench_avp)");
  auto* c_pvs = *static_cast<const abi::pv_export* const*>(dlsym(hc, "bench_c_pvs"));
  auto cases = make_cases();
  // BENCH_ONLY=text: only the cases whose function name contains `text` (for working on one case)
  if (const char* only = std::getenv("BENCH_ONLY"))
    std::erase_if(cases, [only](const bench_case& c) { return std::strstr(c.function, only) == nullptr; });
  for (auto& c : cases) {
    c.c = c.getter ? prepare_getter(c_pvs, std::string("c_") + c.function)
                   : prepare(c_table, c.function, c.args, g_specs);
    c.m = c.getter ? prepare_getter(m_exports->items, std::string("m_") + c.function)
                   : prepare(m_exports->cmds, c.function, c.args, g_specs);
    // Same behaviour on both sides before anything is measured.
    core.clear_logs();
    core.clear_raised_events();
    core.unset_var("$var(out)");
    const int rc_c = core_call(c.c, raw);
    const std::string sent_c = msg.rendered();
    bench_drop_lumps(raw);
    const auto out_c = core.var("$var(out)");
    const auto logs_c = core.logs();
    const auto events_c = core.raised_events();
    core.clear_logs();
    core.clear_raised_events();
    core.unset_var("$var(out)");
    const int rc_m = core_call(c.m, raw);
    const std::string sent_m = msg.rendered();
    bench_drop_lumps(raw);
    const auto out_m = core.var("$var(out)");
    const auto logs_m = core.logs();
    const auto events_m = core.raised_events();
    core.clear_logs();
    core.clear_raised_events();
    if (rc_c != rc_m || out_c != out_m) die(std::string("C and modsdk differ on ") + c.label);
    // An edit case changes the message the core would send, the same way on both sides.
    if (sent_c != sent_m || (c.edits && sent_c == msg.text()))
      die(std::string(c.label) + ": C and modsdk edited the message differently:\n  C:      " + sent_c +
          "\n  modsdk: " + sent_m);
    // An event case raises one event on each side, with the same parameters (names and values).
    const std::size_t events = c.raises ? 1 : 0;
    if (events_c.size() != events || events_m.size() != events || (events && events_c[0].params != events_m[0].params))
      die(std::string(c.label) + ": C and modsdk raised different events");
    // Only the enabled case logs, one line on each side, the same text at the same level in the same shape.
    const std::size_t want = c.logs ? 1 : 0;
    for (const auto* l : {&logs_c, &logs_m})
      if (l->size() != want)
        die(std::string(c.label) + ": " + (l == &logs_c ? "C" : "modsdk") + " logged " + std::to_string(l->size()) +
            " lines (expected " + std::to_string(want) + ")" + (l->empty() ? "" : ": " + l->front().text));
    if (want && (logs_c[0].level != logs_m[0].level || logs_c[0].text != logs_m[0].text ||
                 line_shape(logs_c[0]) != line_shape(logs_m[0])))
      die(std::string(c.label) + ": C and modsdk logged different lines:\n  C:      " + logs_c[0].line +
          "  modsdk: " + logs_m[0].line);
  }

  if (!callgrind_mode.empty()) {
    // One dump per case and side; `total` counts the whole core_call (the client toggles), `callee`
    // counts only inside the module's functions (bench/run passes --toggle-collect for them).
    const bool total = callgrind_mode == "total";
    constexpr int n = 10000;
    // MODSDK_BENCH_CASES=text: only the cases whose label contains it (to count one case while working on it)
    const char* only = std::getenv("MODSDK_BENCH_CASES");
    for (auto& c : cases)
      for (bool m : {false, true}) {
        if (only && std::string_view(c.label).find(only) == std::string_view::npos) continue;
        const prepared& p = m ? c.m : c.c;
        warm(p, raw, n, c.edits);  // also gives the log vector room for n lines: no reallocation while counted
        CALLGRIND_ZERO_STATS;
        if (total) CALLGRIND_TOGGLE_COLLECT;
        if (c.edits)  // (a loop of its own: the other cases' loops stay as they were)
          for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(case_call(p, raw, true));
        else
          for (int i = 0; i < n; ++i) benchmark::DoNotOptimize(core_call(p, raw));
        if (total) CALLGRIND_TOGGLE_COLLECT;
        const std::string name = key(c, m);  // the request reads the text after the statement that built it
        CALLGRIND_DUMP_STATS_AT(name.c_str());
        core.clear_logs();
        core.clear_raised_events();
      }
    std::printf("calls per dump: %d\n", n);
    return 0;
  }

  // instructions per call from bench/run: "<key>\t<total|callee>\t<Ir per call>"
  std::map<std::string, double> ir_total, ir_callee;
  if (!instr_file.empty()) {
    std::ifstream in(instr_file);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string k, mode;
      double v = 0;
      if (!std::getline(ls, k, '\t') || !std::getline(ls, mode, '\t') || !(ls >> v)) continue;
      (mode == "total" ? ir_total : ir_callee)[k] = v;
    }
  }

  std::map<std::string, per_call> allocs;
  for (auto& c : cases)
    for (bool m : {false, true}) allocs[key(c, m)] = count_allocations(m ? c.m : c.c, raw, c.edits);

  for (auto& c : cases)
    for (bool m : {false, true}) {
      const prepared* p = m ? &c.m : &c.c;
      if (!c.logs && !c.raises) {
        // (an edit case's time includes dropping its lumps: the fake core's pkg_free, on both sides)
        benchmark::RegisterBenchmark(key(c, m).c_str(), [p, raw, edits = c.edits](benchmark::State& st) {
          for (auto _ : st) benchmark::DoNotOptimize(case_call(*p, raw, edits));
        });
        continue;
      }
      // A call that logs (or raises an event) adds a line (an event) to the fake core's vector: cleared every
      // log_batch calls, outside the timed part (the pause costs ~0.1-0.3 us, once per batch).
      benchmark::RegisterBenchmark(key(c, m).c_str(), [p, raw](benchmark::State& st) {
        auto& fc = modsdk::testing::core();
        warm(*p, raw, log_batch, false);
        int left = log_batch;
        for (auto _ : st) {
          benchmark::DoNotOptimize(core_call(*p, raw));
          if (--left == 0) {
            st.PauseTiming();
            fc.clear_logs();
            fc.clear_raised_events();
            st.ResumeTiming();
            left = log_batch;
          }
        }
        fc.clear_logs();
        fc.clear_raised_events();
      });
    }
  int bargc = int(rest.size());
  bool has_reps = false;
  for (char* a : rest) has_reps |= std::string_view(a).starts_with("--benchmark_repetitions");
  static char reps[] = "--benchmark_repetitions=15";
  if (!has_reps) rest.push_back(reps), ++bargc;
  rest.push_back(nullptr);
  benchmark::Initialize(&bargc, rest.data());
  collector col;
  benchmark::RunSpecifiedBenchmarks(&col);

  auto ir = [](const std::map<std::string, double>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? -1.0 : it->second;
  };
  auto num_or_dash = [](double v, const char* f) {
    if (v < 0) return std::string("-");
    char b[32];
    std::snprintf(b, sizeof b, f, v);
    return std::string(b);
  };
  std::printf("\n%-20s | %-27s | %-27s | %-25s | %-17s\n", "", "instructions/call (whole)",
              "instructions/call (callee)", "ns/call (best of reps)", "allocs/call C|m");
  std::printf("%-20s | %7s %8s %10s | %7s %8s %10s | %6s %7s %10s | %8s %8s\n", "case", "C", "modsdk", "m/C", "C",
              "modsdk", "m/C", "C", "modsdk", "m/C", "new", "pkg");
  std::printf("%s\n", std::string(130, '-').c_str());
  for (auto& c : cases) {
    const std::string kc = key(c, false), km = key(c, true);
    const double tc = ir(ir_total, kc), tm = ir(ir_total, km), cc = ir(ir_callee, kc), cm = ir(ir_callee, km);
    const double nc = ir(col.best_ns, kc), nm = ir(col.best_ns, km);
    const per_call ac = allocs[kc], am = allocs[km];
    char a1[24], a2[24];
    std::snprintf(a1, sizeof a1, "%g|%g", ac.news, am.news);
    std::snprintf(a2, sizeof a2, "%g|%g", ac.pkg, am.pkg);
    std::printf("%-20s | %7s %8s %10s | %7s %8s %10s | %6s %7s %10s | %8s %8s\n", c.label,
                num_or_dash(tc, "%.1f").c_str(), num_or_dash(tm, "%.1f").c_str(),
                (tc > 0 && tm > 0 ? fmt_ratio(tm, tc) : "-").c_str(), num_or_dash(cc, "%.1f").c_str(),
                num_or_dash(cm, "%.1f").c_str(), (cc > 0 && cm > 0 ? fmt_ratio(cm, cc) : "-").c_str(),
                num_or_dash(nc, "%.2f").c_str(), num_or_dash(nm, "%.2f").c_str(),
                (nc > 0 && nm > 0 ? fmt_ratio(nm, nc) : "-").c_str(), a1, a2);
  }
  std::printf(
      "\nwhole  = the core's side of the call (slot set-up as action.c does it) plus the function;\n"
      "callee = only inside the module's cmd_function (C wrapper / modsdk trampoline and what they call).\n"
      "'!' marks a ratio above the 1.02 goal. new = operator new calls, pkg = fake-core pkg/shm allocations.\n"
      "log enabled: both sides pass the line to the fake core's dprint, which formats it again and records it\n"
      "(its std::string copies are the 'new' counted there, the same on both sides; the 1.02 goal is for\n"
      "the other rows).\n");
  return 0;
}
