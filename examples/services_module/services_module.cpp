// SPDX-License-Identifier: MIT
// services_probe: one module using the services of the core it lives in (issue 15's real-core proof, run by
// "realcore: services: ..." with realcore.cfg, and piece by piece by tests/realcore/run_services.sh):
// - timers that log their own monotonic time (so a test measures their period), one of them with its period
//   from a modparam, and one that always throws (the timer process must survive it);
// - events raised from a script function and from a timer, caught by event_route in the cfg;
// - pseudo-variables the cfg reads and assigns in script expressions, and the transformations
//   {probe.shout,n} and {probe.clamp,lo[,hi]};
// - AVPs the cfg and the module share;
// - the script services: context slots kept from the callback before the script to the one after it (the
//   object's destructor logs when the core releases it), script callbacks (INFO skips the script), a cfg
//   route run from C++;
// - IPC: MI `probe_broadcast` sends a job to every SIP worker (each logs its pid and counts in a statistic
//   it registers at run time, in the core's "dynamic" group), `probe:jobs_run` and the computed
//   `probe:jobs_x10` (registered in on_init) and `services_probe:declared_x10` (declared in stats(...)) count
//   the runs; MI `probe_later` answers asynchronously: its token travels in an IPC
//   job to a SIP worker, which completes the reply with its pid.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <modsdk/modsdk.hpp>

using namespace std::chrono_literals;

namespace {
long long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct call_blocked {
  std::string_view caller;
  int code;
};
MODSDK_FIELDS(call_blocked, caller, code);

constinit modsdk::event<call_blocked> blocked{"E_MODSDK_BLOCKED"};
constinit modsdk::event<> ticked{"E_MODSDK_TICK"};

modsdk::param<std::chrono::milliseconds> fast_interval{"fast_interval", 500ms};

int seconds_runs = 0, fast_runs = 0, event_runs = 0;
void every_second() { modsdk::log::info("TICK seconds {} at {} ms", ++seconds_runs, now_ms()); }
void fast() { modsdk::log::info("TICK fast {} at {} ms", ++fast_runs, now_ms()); }
void boom() { throw std::runtime_error("timer boom"); }
void raise_tick() {
  if (!ticked.raise()) modsdk::log::error("E_MODSDK_TICK not raised");
  modsdk::log::info("TICK event {}", ++event_runs);
}

bool block(modsdk::request& req, int code) { return blocked.raise({req.from_uri(), code}); }

// AVPs shared with the script: the cfg sets $avp(probe_tags), avp_probe() reads them and answers in
// $avp(probe_score), which the cfg then reads
constinit modsdk::avp<std::string_view> probe_tags{"probe_tags"};
constinit modsdk::avp<int> probe_score{"probe_score"};
bool avp_probe(modsdk::request&) {
  std::string all;
  probe_tags.for_each([&](std::string_view t) { (all += t) += ','; });
  modsdk::log::info("AVP module read first={} count={} all={} oldest={}", probe_tags.first().value_or("-"),
                    probe_tags.count(), all, probe_tags.at(-1).value_or("-"));
  const bool ok = probe_score.add(10) && probe_score.add(20) && probe_score.replace(21) && probe_score.add(30) &&
                  probe_score.remove() && probe_tags.remove();
  return ok;
}

// the script services: the callback before the request script fills the message's context slots (and
// skips the script for INFO), script_ctx() changes them from the script, the callback after the script
// reads them; the object slot's destructor logs when the core releases the context
struct probe_note {
  probe_note(std::string_view m, int s) : method(m), score(s) {}
  probe_note(const probe_note&) = delete;
  probe_note& operator=(const probe_note&) = delete;
  ~probe_note() { modsdk::log::info("SCRIPT context released {} score={}", method, score); }
  std::string method;
  int score;
};
constinit modsdk::context_slot<int> probe_hops;
constinit modsdk::context_slot<probe_note> probe_note_slot;
modsdk::script_verdict before_script(modsdk::request& req) {
  probe_hops.put(1);
  probe_note_slot.emplace(req.method(), 10);
  modsdk::log::info("SCRIPT before {} hops={}", req.method(), probe_hops.get());
  return req.method() == "INFO" ? modsdk::script_verdict::skip_script : modsdk::script_verdict::run;
}
void after_script(modsdk::request& req) {
  const probe_note* n = probe_note_slot.get();
  modsdk::log::info("SCRIPT after {} hops={} score={}", req.method(), probe_hops.get(), n ? n->score : -1);
}
bool script_ctx(modsdk::request&) {
  probe_hops.put(probe_hops.get() + 1);
  if (probe_note* n = probe_note_slot.get()) n->score += 5;
  return true;
}
constinit modsdk::script_route probe_check{"probe_check"};
int run_check(modsdk::request& req) {
  const int rc = probe_check.run(req);
  modsdk::log::info("SCRIPT route probe_check returned {}", rc);
  return rc > 0 ? rc : -1;
}

// transformations: $(fU{probe.shout,2}) is "alice!alice!", $(var(n){probe.clamp,0,10}) bounds an int
std::string probe_shout(std::string_view in, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) (out += in) += '!';
  return out;
}
int probe_clamp(int in, int lo, std::optional<int> hi) { return in < lo ? lo : hi && in > *hi ? *hi : in; }

// a format string from a modparam, parsed by the core in mod_init and printed per message, into a buffer
// of the module's and into a std::string
modsdk::param<modsdk::pv_format> log_format{"log_format", "$fU to $ru"};
int format_probe(modsdk::request& req) {
  char buf[128];
  const std::optional<std::string_view> line = log_format->print(req, buf);
  const std::optional<std::string> text = log_format->print(req);
  modsdk::log::info("FORMAT buf=[{}] string=[{}]", line.value_or("nullopt"), text.value_or("nullopt"));
  return line && text ? 1 : -1;
}

// pseudo-variables: $probe_count, $probe_greet(name) (read, assign, NULL), $(probe_item[index])
int probe_count() { return 7; }
std::map<std::string, std::string, std::less<>> greetings{{"en", "hello"}};
std::optional<std::string_view> greet(const modsdk::message&, const modsdk::pvar_key& k) {
  if (auto it = greetings.find(k.name()); it != greetings.end()) return it->second;
  return std::nullopt;
}
bool set_greet(modsdk::message&, const modsdk::pvar_key& k, std::optional<std::string_view> v) {
  if (v)
    greetings[std::string(k.name())] = std::string(*v);
  else
    greetings.erase(std::string(k.name()));
  return true;
}
bool known_language(std::string_view n) { return n == "en" || n == "fr"; }
std::string item(const modsdk::message& m, const modsdk::pvar_key& k) {
  static const char* const items[] = {"zero", "one", "two"};
  if (k.all()) return "zero,one,two";
  const int i = k.index().value_or(0);
  if (i < 0 || i > 2) throw std::out_of_range("no item " + std::to_string(i));
  return std::string(items[i]) + "/" + std::string(m.method());
}

// IPC, statistics and an asynchronous MI command
struct shared_counts {
  std::atomic<unsigned long> runs{0};
};
shared_counts* counts = nullptr;  // shm, made in on_init (before the fork)

modsdk::stat_ref jobs_run;                                                  // probe:jobs_run
unsigned long jobs_x10() { return counts ? counts->runs.load() * 10 : 0; }  // probe:jobs_x10, computed
// the same function declared in the module's stats section: services_probe:declared_x10
constinit modsdk::computed<jobs_x10> declared_x10{"declared_x10"};

struct hello {
  int round;
};
void say_hello(const hello& h) {
  counts->runs.fetch_add(1);
  jobs_run.inc();
  // registered at run time, in whichever worker runs first; the core's dynamic group merges the others
  modsdk::register_stat("probe_hellos", modsdk::dynamic_group).inc();
  modsdk::log::info("IPC hello round {} in pid {} process {}", h.round, getpid(), modsdk::ipc_process());
}
modsdk::mi_object probe_broadcast(modsdk::mi_param<int, "round"> round) {
  modsdk::mi_object o;
  o.add("sent", modsdk::ipc_broadcast<say_hello>(hello{*round}));
  return o;
}

struct later_job {
  modsdk::mi_async_token token;
  int id;
};
void answer_later(const later_job& j) {
  modsdk::mi_object o;
  o.add("id", j.id).add("pid", static_cast<int>(getpid()));
  modsdk::log::info("MI async answered in pid {}", getpid());
  modsdk::mi_complete(j.token, std::move(o));
}
modsdk::mi_later probe_later(modsdk::mi_param<int, "id"> id, modsdk::mi_async reply) {
  if (!modsdk::ipc_dispatch<answer_later>(later_job{reply.token(), *id}))
    modsdk::mi_complete(reply.token(), modsdk::mi_error{500, "dispatch failed"});
  return reply.later();
}

void init() {
  counts = modsdk::make_shm<shared_counts>().release();
  jobs_run = modsdk::register_stat("jobs_run", "probe");
  if (!jobs_run || !modsdk::register_computed_stat<jobs_x10>("jobs_x10", "probe"))
    throw std::runtime_error("statistics not registered");
}
}  // namespace

MODSDK_MODULE(services_probe,
              modsdk::functions(MODSDK_FN(block), MODSDK_FN(avp_probe), MODSDK_FN(script_ctx), MODSDK_FN(run_check),
                                MODSDK_FN(format_probe)),
              modsdk::params(fast_interval, log_format), modsdk::on_init(init), modsdk::ipc(),
              modsdk::stats(declared_x10),
              modsdk::mi(MODSDK_MI(probe_broadcast, probe_broadcast, "an IPC job to every SIP worker"),
                         MODSDK_MI(probe_later, probe_later, "answered later by a SIP worker")),
              modsdk::timers(modsdk::timer{"probe-seconds", 1s, every_second},
                             modsdk::timer{"probe-fast", fast_interval, fast, modsdk::on_delay::skip},
                             modsdk::timer{"probe-boom", 1s, boom}, modsdk::timer{"probe-event", 2s, raise_tick}),
              modsdk::events(blocked, ticked),
              modsdk::pvars(modsdk::pvar<probe_count>{"probe_count"},
                            modsdk::pvar<greet, set_greet, known_language>{"probe_greet"},
                            modsdk::pvar<item>{"probe_item"}),
              modsdk::avps(probe_tags, probe_score), modsdk::context_slots(probe_hops, probe_note_slot),
              modsdk::script_callbacks(modsdk::before_request<before_script>{}, modsdk::after_request<after_script>{}),
              modsdk::script_routes(probe_check),
              modsdk::transformations("probe", modsdk::transformation<probe_shout>{"shout"},
                                      modsdk::transformation<probe_clamp>{"clamp"}));
