// SPDX-License-Identifier: MIT
// The module run_services.sh loads into a real core: timers that log their own monotonic time (so the
// script measures their period), a timer that always throws (the timer process must survive it), and
// events raised from a script function and from a timer, caught by event_route in the cfg.
#include <chrono>
#include <stdexcept>
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
}  // namespace

MODSDK_MODULE(services_probe, modsdk::functions(MODSDK_FN(block)), modsdk::params(fast_interval),
              modsdk::timers(modsdk::timer{"probe-seconds", 1s, every_second},
                             modsdk::timer{"probe-fast", fast_interval, fast, modsdk::on_delay::skip},
                             modsdk::timer{"probe-boom", 1s, boom}, modsdk::timer{"probe-event", 2s, raise_tick}),
              modsdk::events(blocked, ticked));
