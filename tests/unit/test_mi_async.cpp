// SPDX-License-Identifier: MIT
// Asynchronous MI replies (modsdk/mi.hpp: mi_async, mi_later, mi_complete): the command asks for an async
// reply, the handler hands its token to an IPC job that answers from another process, a reply completed
// inside the handler, error replies, an exception before the token leaves, an empty token.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <type_traits>

#include <modsdk/ipc.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

using modsdk::testing::core;
using modsdk::testing::host;

namespace {
struct lookup_job {
  modsdk::mi_async_token token;
  int id;
};
static_assert(std::is_trivially_copyable_v<lookup_job>, "a token travels in an IPC payload");

void do_lookup(const lookup_job& j) {
  if (j.id < 0) {
    modsdk::mi_complete(j.token, modsdk::mi_error{404, "no such id"});
    return;
  }
  modsdk::mi_object o;
  o.add("id", j.id).add("worker", modsdk::ipc_process());
  modsdk::mi_complete(j.token, std::move(o));
}

modsdk::mi_later lookup(modsdk::mi_param<int, "id"> id, modsdk::mi_async reply) {
  if (*id == 0) throw std::invalid_argument("id 0 is reserved");  // before the token leaves: replied now
  modsdk::ipc_dispatch<do_lookup>(lookup_job{reply.token(), *id});
  return reply.later();
}
modsdk::mi_later at_once(modsdk::mi_async reply) {
  modsdk::mi_complete(reply.token(), 42);
  return reply.later();
}
modsdk::mi_later ok_later(modsdk::mi_async reply) {
  modsdk::mi_complete(reply.token());
  return reply.later();
}
std::string sync_one() { return "sync"; }
}  // namespace

MODSDK_DEFINE_MODULE(mi_async_mod, mi_async_test, modsdk::ipc(),
                     modsdk::mi(MODSDK_MI(lookup, lookup, "answers from a SIP worker"), MODSDK_MI(at_once, at_once),
                                MODSDK_MI(ok_later, ok_later), MODSDK_MI(sync_one, sync_one)));

TEST_CASE("mi async: only commands whose handler takes mi_async ask for an async reply (MI_ASYNC_RPL_FLAG)") {
  using row = modsdk::detail::mi::profile_abi::mi_export;
  const auto* rows = static_cast<const row*>(mi_async_mod.mi_cmds);
  CHECK(rows[0].flags == modsdk::abi::mi_async_rpl_flag);
  CHECK(rows[1].flags == modsdk::abi::mi_async_rpl_flag);
  CHECK(rows[3].flags == 0);
}

TEST_CASE("mi async: the handler returns later, an IPC job in a SIP worker completes the reply") {
  core().reset();
  core().clear_mi_async_replies();
  modsdk::testing::leak_check lc;
  {
    host h{mi_async_mod};
    REQUIRE(h.start());
    auto r = h.mi("lookup", {{"id", 7}});
    CHECK(r.pending);
    CHECK(r.json.empty());
    CHECK(core().mi_async_replies().empty());
    CHECK(core().run_ipc(3) == 1);  // worker 3 takes the job from the shared pipe
    REQUIRE(core().mi_async_replies().size() == 1);
    CHECK(core().mi_async_replies()[0].json == R"({"id":7,"worker":3})");
    auto e = h.mi("lookup", {{"id", -1}});
    CHECK(e.pending);
    CHECK(core().run_ipc(2) == 1);
    REQUIRE(core().mi_async_replies().size() == 2);
    CHECK(core().mi_async_replies()[1].error);
    CHECK(core().mi_async_replies()[1].json.find("no such id") != std::string::npos);
  }
  lc.expect_clean();  // the transport's handlers and the jobs' payloads were freed
}

TEST_CASE("mi async: completed inside the handler, with a value or OK, next to a sync command") {
  core().reset();
  core().clear_mi_async_replies();
  modsdk::testing::leak_check lc;
  {
    host h{mi_async_mod};
    REQUIRE(h.start());
    CHECK(h.mi("at_once").pending);
    CHECK(h.mi("ok_later").pending);
    REQUIRE(core().mi_async_replies().size() == 2);
    CHECK(core().mi_async_replies()[0].json == "42");
    CHECK(core().mi_async_replies()[1].json == R"("OK")");
    auto s = h.mi("sync_one");
    CHECK_FALSE(s.pending);
    CHECK(s.json == R"("sync")");
  }
  lc.expect_clean();
}

TEST_CASE("mi async: bad input: an exception before the token leaves, a bad parameter, an empty token") {
  core().reset();
  core().clear_mi_async_replies();
  modsdk::testing::leak_check lc;
  {
    host h{mi_async_mod};
    REQUIRE(h.start());
    auto r = h.mi("lookup", {{"id", 0}});
    CHECK_FALSE(r.pending);
    CHECK(r.error);
    CHECK(r.json.find("id 0 is reserved") != std::string::npos);
    auto bad = h.mi("lookup", {{"id", "seven"}});
    CHECK_FALSE(bad.pending);
    CHECK(bad.error);
    CHECK(core().pending_ipc(-1) == 0);
    CHECK_FALSE(modsdk::mi_complete(modsdk::mi_async_token{}, 1));
    CHECK(core().logged(modsdk::abi::l_err, "mi_complete: an empty token"));
    CHECK(core().mi_async_replies().empty());
  }
  lc.expect_clean();
}

TEST_CASE("mi async: a transport without async support gets an error and the handler is not called") {
  core().reset();
  auto* resp =
      reinterpret_cast<modsdk::abi::mi_item*>(modsdk::detail::mi::handler<&at_once>::trampoline<0u>(nullptr, nullptr));
  CHECK(modsdk::testing::render_mi(resp).find("does not support it") != std::string::npos);
  modsdk::abi::free_mi_response(resp);
  CHECK(core().mi_async_replies().empty());
}
