// SPDX-License-Identifier: MIT
/// @file The fake OpenSIPS core of the test kit: what the core symbols a module references do in a test
/// program (captured logs, accounted pkg/shm, script variables, the sl module's replies). One object,
/// reached with `modsdk::testing::core()`. The definitions live in testing/impl.hpp, emitted once per
/// program by the translation unit that defines MODSDK_TESTING_IMPLEMENTATION.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <modsdk/abi/common.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {

struct mi_result;  // testing/host.hpp

/// One line a module (or the fake core itself, module "core") logged through dprint.
struct log_entry {
  int level;              ///< L_* value (-3 alert ... 4 debug)
  std::string module;     ///< the module name dprint received
  std::string function;   ///< the function name dprint received
  std::string text;       ///< the formatted user text, without its trailing newline
  std::string line = {};  ///< the whole line as the plain stderr consumer prints it (stderr_fmt), newline included
};

/// A reply sent through the fake sl module (`load_sl`/`load_sig` binds).
struct sl_reply {
  int code;
  std::string reason;
  std::string to_tag;   ///< empty when the caller passed no to-tag
  std::string headers;  ///< the request's reply header lumps (add_reply_header), concatenated
  std::string body;     ///< the request's reply body lump (set_reply_body), empty when none
};

/// The value of a script variable ($var / $avp) as the test sees it.
using script_value = std::variant<int, std::string>;

/// Accounting of one memory pool (pkg or shm) at a point in time.
struct pool_usage {
  std::size_t bytes = 0;   ///< bytes in use (as requested by the callers)
  std::size_t blocks = 0;  ///< allocations not yet freed
  friend bool operator==(const pool_usage&, const pool_usage&) = default;
};

/// A timer a module registered (register_timer / register_utimer), as the fake core's timer list holds it.
struct timer_entry {
  std::string label;                 ///< the label the module gave
  std::chrono::microseconds period;  ///< interval (seconds × 1e6 for a second timer)
  bool utimer = false;               ///< registered with register_utimer
  unsigned short flags = 0;          ///< TIMER_FLAG_* as the module passed them
  std::chrono::microseconds next{};  ///< when it is due next on the virtual clock
  unsigned long runs = 0;            ///< how many times it has run
};

/// An event a module raised (evi_raise_event), with its parameters in the order the module added them.
struct raised_event {
  std::string name;
  std::vector<std::pair<std::string, script_value>> params;
  /// The value of the parameter `n`, or nullptr.
  const script_value* param(std::string_view n) const noexcept {
    for (const auto& [k, v] : params)
      if (k == n) return &v;
    return nullptr;
  }
};

/// One identifier of a status/report group (status_report.c), as MI sr_get_status and sr_list_reports show it.
struct status_entry {
  int status = 0;                      ///< the core stores 0 as 1; negative: not ready
  std::optional<std::string> details;  ///< the status text (none: MI shows no Details)
  std::vector<std::string> reports;    ///< the kept reports, oldest first (at most max_reports)
  int max_reports = 0;
  unsigned changes = 0;  ///< sr_set_status calls since registration
  /// What MI shows as Readiness.
  bool ready() const noexcept { return status >= 0; }
};

/// What the fake core did with one message handed to fake_core::run_script.
struct script_run {
  bool dropped = false;     ///< a callback before the script returned drop (nothing else ran)
  bool script_ran = false;  ///< the script (the test's function) ran
  bool after_ran = false;   ///< the callbacks after the script ran
  int rc = 0;               ///< what the script returned (0 when it did not run)
};

/// The fake core's state and the knobs a test turns. Obtain it with `modsdk::testing::core()`.
class fake_core {
 public:
  // ---- logs -------------------------------------------------------------------------------
  /// Every line logged since the last clear_logs()/reset(), oldest first.
  const std::vector<log_entry>& logs() const noexcept;
  /// Whether some captured line contains `text`.
  bool logged(std::string_view text) const noexcept;
  /// Whether some captured line at exactly `level` contains `text`.
  bool logged(int level, std::string_view text) const noexcept;
  void clear_logs() noexcept;
  /// The process log level (*log_level). The fake starts at L_DBG (4) so every line is captured.
  void set_log_level(int level) noexcept;
  int log_level() const noexcept;

  // ---- memory -----------------------------------------------------------------------------
  std::size_t pkg_in_use() const noexcept;  ///< bytes
  std::size_t shm_in_use() const noexcept;  ///< bytes
  std::size_t pkg_blocks() const noexcept;
  std::size_t shm_blocks() const noexcept;
  pool_usage pkg_usage() const noexcept;
  pool_usage shm_usage() const noexcept;
  /// The live blocks allocated after `since` (an allocation sequence number, see alloc_seq()),
  /// one line each: "pkg 24 bytes at file:line (function)".
  std::vector<std::string> live_blocks(unsigned long long since = 0) const;
  /// Sequence number of the next allocation.
  unsigned long long alloc_seq() const noexcept;
  /// By default a double free or a free of a pointer the fake never handed out logs and aborts
  /// the program (like the core's allocators). With `false`, it is logged and counted instead.
  void set_abort_on_bad_free(bool abort) noexcept;
  std::size_t bad_frees() const noexcept;

  // ---- script variables -------------------------------------------------------------------
  /// Sets `$var(name)` or `$avp(name)` (adds a value to the AVP).
  bool set_var(std::string_view spec, int value);
  bool set_var(std::string_view spec, std::string_view value);
  bool set_var(std::string_view spec, const char* value) { return set_var(spec, std::string_view(value)); }
  /// Sets `$var(name)` to NULL, or removes the last value of `$avp(name)`.
  bool unset_var(std::string_view spec);
  /// The value of `$var(name)` / `$avp(name)` (last value): nullopt when NULL or never assigned
  /// (a never-assigned $var is NULL to pv_get_spec_value, as in the core: add_var marks it VAR_VAL_NULL).
  std::optional<script_value> var(std::string_view spec) const;

  // ---- script expressions -----------------------------------------------------------------
  /// Whether the cfg parser takes `spec` (pv_parse_spec: `$ru`, `$var(x)`, a loaded module's `$my_pv`,
  /// `$my_pv(name)`, `$(my_pv[2])`); when not, the core's errors are logged, as at startup.
  bool parses(std::string_view spec);
  /// The value of `spec` for `msg`, as a script expression reads it (pv_get_spec_value): nullopt when it
  /// is NULL, or when it does not parse (logged). An int reads as int, text as std::string.
  std::optional<script_value> eval(std::string_view spec, abi::sip_msg* msg);
  /// `spec = value;` in the script (nullopt: `spec = NULL;`). False when the spec does not parse, is
  /// read-only (the cfg parser's "invalid left operand in assignment") or the assignment fails.
  bool assign(std::string_view spec, abi::sip_msg* msg, std::optional<script_value> value);

  // ---- other modules ----------------------------------------------------------------------
  /// Makes a fake stock module available to find_export: "sl" (load_sl), "signaling" (load_sig), "tm"
  /// (load_tm: see testing/tm.hpp), "db_sqlite" (the SQLite backend on a real SQLite engine, bound by
  /// db_bind_mod for `sqlite://` URLs), "db_sqlite_async" (the same for `sqlite_async://` URLs, plus async
  /// raw queries as db_postgres offers them: the fd is readable at once, the answer comes on the second
  /// async_resume; fake only), or "cachedb_local" (the in-memory cache engine "local", bound by
  /// cachedb_bind_mod for `local://` URLs), or "clusterer" (load_clusterer: see testing/cluster.hpp).
  /// Also "dialog" (load_dlg, profiles and dialogs driven by the test: see testing/dialog.hpp).
  /// Returns false for any other name.
  bool load_module(std::string_view name);
  bool module_loaded(std::string_view name) const noexcept;
  /// The core's tick clock (get_ticks(), seconds since start; 0 after reset()): cachedb_local's expiry
  /// reads it. It only moves when a test advances it.
  void advance_ticks(unsigned seconds) noexcept;
  unsigned long ticks() const noexcept;
  /// Replies sent through the fake sl/signaling binds, oldest first.
  const std::vector<sl_reply>& replies() const noexcept;
  void clear_replies() noexcept;

  // ---- timers (timer.c) --------------------------------------------------------------------
  /// Moves the virtual clock forward by `d`, running every timer that falls due on the way, in the order
  /// they fall due (timers due at the same instant: in registration order), each as often as it is due.
  /// A timer registered at time t first runs at t + period, then every period. Returns the number of runs.
  std::size_t advance(std::chrono::microseconds d);
  /// The virtual clock (0 at start and after reset()).
  std::chrono::microseconds now() const noexcept;
  /// The timers registered so far, in registration order.
  const std::vector<timer_entry>& timers() const noexcept;
  /// The registered timer with this label, or nullptr.
  const timer_entry* timer(std::string_view label) const noexcept;

  // ---- the script (receive.c, script_cb.c, context.c, route.c) -----------------------------------------
  /// Processes `msg` as a SIP worker does: a fresh message context, the script callbacks before the script
  /// (request or reply ones, as `msg` is), `script` (the test's stand-in for the cfg's main route, may be
  /// empty) unless a callback said otherwise, the callbacks after it, then the context released (each
  /// module slot's destroy function run).
  script_run run_script(abi::sip_msg* msg, const std::function<int(abi::sip_msg*)>& script = {});
  /// Adds `route[name]` to the cfg; `body` runs when a module runs the route, its return is the route's.
  /// Defining a name again replaces its body. Routes are cleared by reset().
  void define_route(std::string name, std::function<int(abi::sip_msg*)> body);
  /// The route stack, outermost first, as route levels pushed it (a route run from C++ adds its name).
  const std::vector<std::string>& route_stack() const noexcept;
  /// Whether a message context is set (inside run_script).
  bool in_message() const noexcept;

  // ---- events (evi/) ------------------------------------------------------------------------
  /// The events published so far (evi_publish_event), in publication order (an event's id is its index).
  const std::vector<std::string>& published_events() const noexcept;
  /// The events raised so far, oldest first.
  const std::vector<raised_event>& raised_events() const noexcept;
  void clear_raised_events() noexcept;
  /// Whether a published event has a subscriber (an event_route, an MI subscription). By default every
  /// event has one; with `false` evi_probe_event reports none, as a core whose script does not catch it.
  void set_event_subscribed(std::string_view name, bool subscribed);

  // ---- status reports (status_report.c, fake/status_report.hpp) ------------------------------
  /// The status/report groups registered so far (a modsdk module's is its name), in registration order.
  std::vector<std::string> status_groups() const;
  /// Identifier `identifier` of `group` ("main": the group's default), or nullptr.
  const status_entry* status_report(std::string_view group, std::string_view identifier = "main") const noexcept;

  // ---- IPC (ipc.c, fake/ipc.hpp) ---------------------------------------------------------
  /// Makes `process` the current process (the core's process_no; 1 at start and after reset()): what
  /// the module's child_init, IPC senders and jobs see. A SIP worker is one whose child_init ran with rank >= 1
  /// in a process the process table marks as a UDP worker (every process, until set_timer_process).
  void set_process(int process) noexcept;
  /// Makes `process` the current process and marks it in the fake process table (pt[process].type) as one
  /// of the core's timer handlers: its child_init runs with a rank >= 1 like a SIP worker's, but it is no
  /// SIP worker (ipc_broadcast skips it). reset() marks every process a UDP worker again.
  void set_timer_process(int process) noexcept;
  /// Runs, as process `process`, the IPC jobs written to its pipe, then those on the pipe the SIP workers
  /// share (when `shared`), oldest first, including jobs they send; restores the current process. Returns
  /// how many ran. Nothing runs on its own: a job waits until the test runs its receiver.
  std::size_t run_ipc(int process, bool shared = true);
  /// Jobs waiting for `process` (-1: on the shared pipe).
  std::size_t pending_ipc(int process) const noexcept;

  // ---- statistics registered at run time (statistics.c, fake/stats.hpp) ------------------------
  /// The value of statistic `group:name` registered with register_stat2 (a computed one is computed now),
  /// or nullopt; the first when the name was registered more than once.
  std::optional<unsigned long> stat(std::string_view group_name) const;
  /// How many statistics `group:name` were registered (the core keeps repeats outside the "dynamic" group).
  std::size_t stat_count(std::string_view group_name) const noexcept;

  // ---- asynchronous MI replies (fake/mi_async.hpp) ----------------------------------------
  /// Replies completed later by asynchronous MI commands (host::mi() returned `pending`), oldest first.
  const std::vector<mi_result>& mi_async_replies() const noexcept;
  void clear_mi_async_replies() noexcept;

  // ---- limits the core enforces -----------------------------------------------------------
  /// The cfg's `pv_print_buf_size` (default 20000): a formatted string argument whose text does not fit
  /// in it (with its NUL) is refused, as by the core: the function is not called and the call returns
  /// E_UNSPEC, after the core's "buffer too small -- increase 'pv_print_buf_size'" error lines.
  void set_pv_print_buf_size(int bytes) noexcept;
  int pv_print_buf_size() const noexcept;
  /// The sizes of the pkg and shm pools (the core's -M and -m; defaults 16 MB and 32 MB, config.h's): an
  /// allocation that would take a pool's use past its size fails (NULL), as in the core. The core's own
  /// allocator overhead is not counted, so near the limit the fake succeeds a little longer.
  void set_pool_sizes(std::size_t pkg_bytes, std::size_t shm_bytes) noexcept;
  // ---- the core's identity (what version_control compares against) ------------------------
  /// Defaults: the stamped target of the test program and core_scm_ver {"git", "fake"}.
  void set_target(std::string version, std::string flags, std::string scm_type = "git", std::string scm_rev = "fake");
  std::string_view target_version() const noexcept;
  std::string_view target_flags() const noexcept;

  /// Names a flag as the cfg parser does for `setflag(name)` / `setbflag(name)` (flags.c
  /// get_flag_id_by_name): the next free bit of that kind, or the bit the name already has; -1 past 32.
  int name_flag(std::string_view name, bool branch_flag = false);
  /// Back to a fresh core: logs, replies, script variables, fake modules, log level, target, limits,
  /// the bad-free policy, timers and the virtual clock, published and raised events, status report groups, context
  /// slots, script callbacks and routes, flag names and the route type. Memory accounting is kept (blocks still alive
  /// stay alive).
  void reset();
};

/// The fake core of this program.
fake_core& core() noexcept;

/// An MI response built with the core's MI functions (init_mi_result_*, add_mi_*), rendered as JSON
/// text the way host::mi() shows it; for testing response builders without a host. Does not free it.
std::string render_mi(const abi::mi_item* response);

/// Remembers the pkg/shm accounting at construction; clean() tells whether every block allocated
/// since was freed. Framework-agnostic: `CHECK(lc.clean())`, or `lc.expect_clean()`, which throws
/// std::logic_error with the leaked blocks listed.
class leak_check {
 public:
  leak_check() noexcept;
  bool clean() const noexcept;
  /// Net bytes still in use since construction (pkg, shm); negative when older blocks were freed.
  long long pkg_delta() const noexcept;
  long long shm_delta() const noexcept;
  /// The blocks allocated since construction and still alive, one per line.
  std::string report() const;
  void expect_clean() const;

 private:
  pool_usage pkg_, shm_;
  unsigned long long seq_;
};

}  // namespace testing
MODSDK_END_NAMESPACE
