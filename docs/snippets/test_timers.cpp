// SPDX-License-Identifier: MIT
// docs/howto/timers.md: a module with timers, and its test on the fake core's virtual clock.
#include <catch2/catch.hpp>

#include <chrono>

#include <modsdk/modsdk.hpp>
#include <modsdk/testing.hpp>

// snippet: timers_module
using namespace std::chrono_literals;

namespace {
int expired = 0, polled = 0;
void expire_cache() { ++expired; }  // runs every 10 s
void poll_queue() { ++polled; }     // runs every 200 ms; skipped while the last poll still runs

// a period the cfg may change: modparam("queue", "poll_interval", "500ms"); 0 turns the timer off
modsdk::param<std::chrono::milliseconds> poll_interval{"poll_interval", 200ms};

MODSDK_DEFINE_MODULE(queue_exports, queue, modsdk::params(poll_interval),
                     modsdk::timers(modsdk::timer{"cache-expire", 10s, expire_cache},
                                    modsdk::timer{"queue-poll", poll_interval, poll_queue, modsdk::on_delay::skip}));
}  // namespace
// snippet-end: timers_module

// snippet: timers_test
TEST_CASE("the cache expires every 10 s, the queue is polled every 200 ms") {
  using modsdk::testing::core;
  core().reset();  // a fresh clock at 0 and no timers
  modsdk::testing::host h{queue_exports};
  REQUIRE(h.start());  // mod_init registers the timers

  core().advance(10s);  // runs every timer that falls due, in order
  CHECK(expired == 1);
  CHECK(polled == 50);
  CHECK(core().timer("queue-poll")->period == 200ms);
}
// snippet-end: timers_test
