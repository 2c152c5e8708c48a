// SPDX-License-Identifier: MIT
// modsdk/message/state.hpp and route::current() in the fake core: flag names, branch flags on the R-URI's
// branch and on appended branches, the R-URI's q, the forced send socket, the route type at run time.
#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/module.hpp>
#include <modsdk/route.hpp>
#include <modsdk/testing.hpp>

#include "sample_invite.hpp"

using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::sip_message;

namespace {
sip_message invite() { return modsdk_test::sample_invite("state-1"); }
struct fresh {
  fresh() { core().reset(); }
};

int seen_route = 0;
// Returns 1 in a request route, 2 in a failure route ... (the route type's bit), as the script sees it.
int where(modsdk::message&) {
  seen_route = modsdk::route::current().bits;
  return modsdk::route::current() == modsdk::route::failure ? 2 : 1;
}
}  // namespace

MODSDK_DEFINE_MODULE(state_mod, state_test, modsdk::functions(MODSDK_FN(where)));

TEST_CASE_METHOD(fresh, "flag names: the bits the cfg gave them, per kind; unknown names have none") {
  CHECK_FALSE(modsdk::branch_flag_bit("NAT"));
  CHECK(core().name_flag("NAT", true) == 0);
  CHECK(core().name_flag("RTP", true) == 1);
  CHECK(core().name_flag("ACC") == 0);
  CHECK(core().name_flag("NAT", true) == 0);  // known: the same bit
  CHECK(modsdk::branch_flag_bit("NAT") == 0U);
  CHECK(modsdk::branch_flag_bit("RTP") == 1U);
  CHECK_FALSE(modsdk::branch_flag_bit("ACC"));
  CHECK(modsdk::script_flag_bit("ACC") == 0U);
  CHECK_FALSE(modsdk::script_flag_bit("nat"));  // names are case-sensitive, as in the core
  core().reset();
  CHECK_FALSE(modsdk::branch_flag_bit("NAT"));
}

TEST_CASE_METHOD(fresh, "branch flags: the R-URI's branch and appended branches") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK(req.set_branch_flag(3));
  CHECK(req.is_branch_flag_set(3));
  CHECK_FALSE(req.is_branch_flag_set(4));
  CHECK(raw.ruri_bflags() == 1U << 3);
  REQUIRE(req.append_branch("sip:carol@example.com"));
  CHECK_FALSE(req.is_branch_flag_set(3, 1));
  CHECK(req.set_branch_flag(31, 1));
  CHECK(req.is_branch_flag_set(31, 1));
  CHECK(sip_message::branches().at(0).bflags == 1U << 31);
  CHECK(req.reset_branch_flag(3));
  CHECK_FALSE(req.is_branch_flag_set(3));
  CHECK(raw.ruri_bflags() == 0);
  // no such branch / bit: refused and logged
  CHECK_FALSE(req.set_branch_flag(1, 2));
  CHECK(core().logged("no such branch"));
  CHECK_FALSE(req.is_branch_flag_set(1, 2));
  CHECK_FALSE(req.set_branch_flag(32));
  CHECK(core().logged("branch flags are 0 - 31"));
}

TEST_CASE_METHOD(fresh, "the R-URI's q: unspecified on arrival, set and unset") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK_FALSE(req.ruri_q());
  CHECK(req.set_ruri_q(500));
  CHECK(req.ruri_q() == 500);
  CHECK(raw.ruri_q() == 500);
  CHECK_FALSE(req.set_ruri_q(1001));
  CHECK_FALSE(req.set_ruri_q(-2));
  CHECK(req.ruri_q() == 500);
  CHECK(req.set_ruri_q(std::nullopt));
  CHECK_FALSE(req.ruri_q());
  CHECK(raw.ruri_q() == -1);
}

TEST_CASE_METHOD(fresh, "force_send_socket: a socket the core listens on, resolved by the core") {
  auto raw = invite();
  modsdk::request req{raw.raw()};
  CHECK_FALSE(raw.send_socket());
  CHECK(req.force_send_socket("tcp:127.0.0.1:5060"));
  CHECK(raw.send_socket() == std::optional<std::string_view>("tcp:127.0.0.1:5060"));
  CHECK(req.force_send_socket("udp:127.0.0.1"));
  CHECK(raw.send_socket() == std::optional<std::string_view>("udp:127.0.0.1:5060"));
  CHECK_FALSE(req.force_send_socket("udp:10.9.9.9:5060"));
  CHECK(core().logged("the core does not listen on that socket"));
  CHECK_FALSE(req.force_send_socket(""));
  CHECK(raw.send_socket() == std::optional<std::string_view>("udp:127.0.0.1:5060"));  // unchanged
  req.reset_send_socket();
  CHECK_FALSE(raw.send_socket());
}

TEST_CASE_METHOD(fresh, "route::current(): the type of the route the call is written in") {
  host h{state_mod};
  REQUIRE(h.start());
  auto msg = invite();
  CHECK(h.call("where", msg) == 1);
  CHECK(seen_route == modsdk::route::request.bits);
  CHECK(h.call("where", msg, {}, modsdk::route::failure) == 2);
  CHECK(seen_route == modsdk::route::failure.bits);
  CHECK(h.call("where", msg, {}, modsdk::route::branch) == 1);
  CHECK(seen_route == modsdk::route::branch.bits);
}
