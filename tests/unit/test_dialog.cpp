// SPDX-License-Identifier: MIT
// modsdk/dialog.hpp against the fake dialog module: the dependency in the deps table, binding in mod_init
// (the one line when dialog is not loaded, or a profile is not defined), the created callback registered at
// mod_init, per-dialog callbacks run in the dialog module's order with their shm state freed when the dialog
// is freed, the current dialog's view, dialog values and profiles.
#include <catch2/catch.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <modsdk/binds.hpp>
#include <modsdk/dialog.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
namespace md = modsdk::dialog;
using modsdk::testing::core;
using modsdk::testing::dialog_fired;
using modsdk::testing::dialog_module;
using modsdk::testing::host;
using modsdk::testing::leak_check;
using modsdk::testing::sip_message;

namespace {
md::binding dlg;
md::binding unlisted;  // never in binds(...)
md::profile calls{dlg, "calls"};
md::profile_with_value per_caller{dlg, "caller"};

std::vector<std::string> seen;

struct call {
  int events;
  char tag[8];
};
void on_event(const md::dialog_event& e, call& c) {
  ++c.events;
  std::string what = std::to_string(static_cast<int>(e.type())) + ":" + c.tag + ":" + std::to_string(c.events) + ":" +
                     std::string(e.dialog().call_id());
  if (auto m = e.msg()) what += ":" + std::string(m->method());
  seen.push_back(what);
}
void on_plain(const md::dialog_event& e) { seen.push_back("plain:" + std::to_string(static_cast<int>(e.type()))); }
void on_throw(const md::dialog_event&) { throw std::runtime_error("dialog callback broke"); }

void new_dialog(const md::dialog_event& e) {
  const md::view d = e.dialog();
  seen.push_back("created:" + std::string(d.call_id()) + ":" + std::string(d.from_tag()));
  dlg.on<on_event>(d, md::event::confirmed | md::event::terminated | md::event::destroy, call{0, "st"});
  dlg.on<on_throw>(d, md::event::confirmed);
  dlg.on<on_plain>(d, md::event::confirmed | md::event::expired);
  dlg.set_value(d, "started", 1700);
  calls.set(d);
}
md::on_created<new_dialog> created{dlg};

// script functions: the current dialog at INVITE and at BYE
int at_invite(modsdk::message&) {
  auto d = dlg.current();
  if (!d) return -1;
  if (!dlg.set_value(*d, "who", "alice")) return -2;
  if (!per_caller.set(*d, d->from_uri())) return -3;
  return 1;
}
int at_bye(modsdk::message&) {
  auto d = dlg.current();
  if (!d) return -1;
  auto who = dlg.value<std::string>(*d, "who");
  auto started = dlg.value<int>(*d, "started");
  seen.push_back("bye:" + who.value_or("?") + ":" + std::to_string(started.value_or(-1)));
  return 1;
}
}  // namespace

MODSDK_DEFINE_MODULE(dlg_mod, dlg_user, modsdk::functions(MODSDK_FN(at_invite), MODSDK_FN(at_bye)), modsdk::binds(dlg));

namespace {
struct fresh {
  fresh() {
    core().reset();
    seen.clear();
  }
  ~fresh() { core().reset(); }
};
sip_message invite(const char* callid = "dlg1") {
  return sip_message::parse(
      std::string("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n"
                  "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>\r\nCall-ID: ") +
      callid + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
}
sip_message bye(const char* callid = "dlg1") {
  return sip_message::parse(
      std::string("BYE sip:bob@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK2\r\n"
                  "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>;tag=b1\r\nCall-ID: ") +
      callid + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
}
void define_profiles() {
  dialog_module().define_profile("calls", false);
  dialog_module().define_profile("caller", true);
}
std::string ev(md::event e, const char* rest) { return std::to_string(static_cast<int>(e)) + ":" + rest; }
}  // namespace

TEST_CASE_METHOD(fresh, "binds(dlg): dialog is a silent dependency in the deps table") {
  const auto* d = static_cast<const abi::dep_export<0>*>(dlg_mod.deps);
  REQUIRE(d);
  CHECK(std::strcmp(d->md[0].mod_name, "dialog") == 0);
  CHECK(d->md[0].type == abi::dep_silent);
  CHECK(d->md[1].mod_type == abi::mod_type_null);
}

TEST_CASE_METHOD(fresh, "without dialog loaded, mod_init fails with one line naming the loadmodule to add") {
  host h{dlg_mod};
  CHECK_FALSE(h.init());
  CHECK(core().logged(abi::l_err, "needs the 'dialog' module: add loadmodule \"dialog.so\" to the script"));
  std::size_t lines = 0;
  for (const auto& l : core().logs())
    if (l.level <= abi::l_err && l.module != "core") ++lines;
  CHECK(lines == 1);
}

TEST_CASE_METHOD(fresh, "a profile the script does not define fails the start, naming the modparam") {
  REQUIRE(core().load_module("dialog"));
  dialog_module().define_profile("calls", false);
  host h{dlg_mod};
  CHECK_FALSE(h.init());
  CHECK(core().logged(abi::l_err,
                      "the dialog profile 'caller' is not defined: add modparam(\"dialog\", "
                      "\"profiles_with_value\", \"caller\") to the script"));
  CHECK_FALSE(per_caller.resolved());
  CHECK(calls.resolved());
}

TEST_CASE_METHOD(fresh, "a profile defined without values but declared with values fails the start") {
  REQUIRE(core().load_module("dialog"));
  dialog_module().define_profile("calls", false);
  dialog_module().define_profile("caller", false);
  host h{dlg_mod};
  CHECK_FALSE(h.init());
  CHECK(core().logged(abi::l_err,
                      "the dialog profile 'caller' is defined without values but declared as a "
                      "modsdk::dialog::profile_with_value"));
}

TEST_CASE_METHOD(fresh, "a binding not listed in binds(...) refuses every call with a log line") {
  REQUIRE(core().load_module("dialog"));
  CHECK_FALSE(unlisted.bound());
  CHECK(unlisted.raw() == nullptr);
  CHECK_FALSE(unlisted.current());
  auto msg = invite();
  CHECK_FALSE(unlisted.create(modsdk::message{msg.raw()}));
  CHECK(core().logged(abi::l_err, "dialog.current: the dialog API is not bound: list the binding in modsdk::binds"));
  CHECK(dialog_module().size() == 0);
}

TEST_CASE_METHOD(fresh, "a dialog's life: created, confirmed, terminated, destroyed, callbacks in order, state freed") {
  REQUIRE(core().load_module("dialog"));
  define_profiles();
  host h{dlg_mod};
  REQUIRE(h.start());
  REQUIRE(dlg.bound());
  leak_check lc;
  auto inv = invite();
  auto n = dialog_module().create(inv);
  REQUIRE(n);
  CHECK(seen == std::vector<std::string>{"created:dlg1:a1"});
  CHECK(dialog_module().dialog(*n)->callbacks == 3);
  CHECK(h.call("at_invite", inv) == 1);

  // the current dialog's view
  auto d = dlg.current();
  REQUIRE(d);
  CHECK(d->call_id() == "dlg1");
  CHECK(d->from_tag() == "a1");
  CHECK(d->to_tag().empty());
  CHECK(d->from_uri() == "sip:alice@example.com");
  CHECK(d->to_uri() == "sip:bob@example.com");
  CHECK(d->state() == md::state::unconfirmed);
  CHECK(d->id() == md::dialog_id{dialog_module().dialog(*n)->h_entry, dialog_module().dialog(*n)->h_id});

  // values and profiles set at INVITE
  CHECK(dialog_module().value(*n, "who") == "alice");
  CHECK(dialog_module().value(*n, "started") == "1700");
  CHECK(calls.count() == 1);
  CHECK(per_caller.count() == 1);
  CHECK(per_caller.count("sip:alice@example.com") == 1);
  CHECK(per_caller.count("sip:carol@example.com") == 0);
  CHECK(dialog_module().profile_size("calls") == 1);

  seen.clear();
  REQUIRE(dialog_module().confirm(*n, "b1"));
  CHECK(d->to_tag() == "b1");
  CHECK(d->state() == md::state::confirmed);
  // newest registration first, as dlg_cb.c runs them; the throwing one is contained and logged
  CHECK(seen == std::vector<std::string>{"plain:" + std::to_string(abi::dlgcb_confirmed),
                                         ev(md::event::confirmed, "st:1:dlg1")});
  CHECK(core().logged(abi::l_err, "a dialog callback threw: dialog callback broke"));

  seen.clear();
  auto b = bye();
  REQUIRE(dialog_module().terminate(*n, &b));
  CHECK(h.call("at_bye", b) == 1);
  CHECK(seen == std::vector<std::string>{ev(md::event::terminated, "st:2:dlg1:BYE"), "bye:alice:1700"});
  CHECK(calls.count() == 0);  // an ended dialog leaves its profiles
  CHECK(core().shm_in_use() > 0);

  seen.clear();
  REQUIRE(dialog_module().destroy(*n));
  CHECK(seen == std::vector<std::string>{ev(md::event::destroy, "st:3:dlg1")});
  CHECK_FALSE(dlg.current());
  CHECK(lc.clean());  // the state went back to shm through the dialog module's free function
  const std::vector<dialog_fired>& f = dialog_module().fired();
  REQUIRE(f.size() == 6);
  CHECK(f.front() == dialog_fired{*n, abi::dlgcb_created});
}

TEST_CASE_METHOD(fresh, "values: typed store, fetch, replace, erase, the other type reads as nullopt") {
  REQUIRE(core().load_module("dialog"));
  define_profiles();
  host h{dlg_mod};
  REQUIRE(h.start());
  auto inv = invite();
  REQUIRE(dialog_module().create(inv));
  auto d = dlg.current();
  REQUIRE(d);
  CHECK(dlg.set_value(*d, "n", 5));
  CHECK(dlg.value<int>(*d, "n") == 5);
  CHECK_FALSE(dlg.value<std::string>(*d, "n"));
  CHECK(dlg.set_value(*d, "n", "five"));
  CHECK(dlg.value<std::string>(*d, "n") == "five");
  CHECK_FALSE(dlg.value<int>(*d, "n"));
  CHECK(dlg.set_value(*d, "empty", ""));
  CHECK(dlg.value<std::string>(*d, "empty") == "");
  CHECK(dlg.erase_value(*d, "n"));
  CHECK_FALSE(dlg.value<std::string>(*d, "n"));
  CHECK(dlg.erase_value(*d, "never-set"));
  CHECK_FALSE(dlg.value<int>(*d, "missing"));
}

TEST_CASE_METHOD(fresh, "profiles: set, unset, count with and without value, across dialogs") {
  REQUIRE(core().load_module("dialog"));
  define_profiles();
  host h{dlg_mod};
  REQUIRE(h.start());
  auto i1 = invite("p1");
  auto i2 = invite("p2");
  auto n1 = dialog_module().create(i1);
  auto d1 = dlg.current();
  auto n2 = dialog_module().create(i2);
  auto d2 = dlg.current();
  REQUIRE((n1 && n2 && d1 && d2));
  CHECK(calls.count() == 2);  // the created callback set both
  CHECK(per_caller.set(*d1, "x"));
  CHECK(per_caller.set(*d2, "y"));
  CHECK(per_caller.count() == 2);
  CHECK(per_caller.count("x") == 1);
  CHECK_FALSE(per_caller.unset(*d1, "y"));
  CHECK(per_caller.unset(*d1, "x"));
  CHECK(per_caller.count("x") == 0);
  CHECK(calls.unset(*d1));
  CHECK_FALSE(calls.unset(*d1));
  CHECK(calls.count() == 1);
  REQUIRE(dialog_module().confirm(*n2, "t2"));
  REQUIRE(dialog_module().expire(*n2));
  CHECK(calls.count() == 0);
  CHECK(seen.back() == "plain:" + std::to_string(abi::dlgcb_expired));
}

TEST_CASE_METHOD(fresh, "per-dialog callbacks: a failed dialog, event::created refused, ended dialogs refused") {
  REQUIRE(core().load_module("dialog"));
  define_profiles();
  host h{dlg_mod};
  REQUIRE(h.start());
  leak_check lc;
  auto inv = invite();
  auto n = dialog_module().create(inv);
  REQUIRE(n);
  auto d = dlg.current();
  REQUIRE(d);
  CHECK_FALSE(dlg.on<on_plain>(*d, md::event::created));
  CHECK(core().logged(abi::l_err, "event::created is module-wide"));
  CHECK(dlg.on<on_event>(*d, md::event::failed, call{10, "f"}));
  seen.clear();
  REQUIRE(dialog_module().fail(*n));
  CHECK(seen == std::vector<std::string>{ev(md::event::failed, "f:11:dlg1")});
  CHECK(d->state() == md::state::deleted);
  CHECK_FALSE(dlg.on<on_event>(*d, md::event::terminated, call{0, "late"}));
  CHECK(core().logged(abi::l_err, "the dialog module refused the callback"));
  dialog_module().destroy_all();
  CHECK(lc.clean());
}

TEST_CASE_METHOD(fresh, "create(): a dialog from the module itself, no second dialog for the same request") {
  REQUIRE(core().load_module("dialog"));
  define_profiles();
  host h{dlg_mod};
  REQUIRE(h.start());
  auto inv = invite("own");
  CHECK(dlg.create(modsdk::message{inv.raw()}));
  CHECK(dialog_module().size() == 1);
  CHECK(dlg.create(modsdk::message{inv.raw()}));
  CHECK(dialog_module().size() == 1);
  CHECK(seen == std::vector<std::string>{"created:own:a1"});
  dialog_module().clear_current();
  CHECK_FALSE(dlg.current());
  auto b = bye("own");
  CHECK_FALSE(dlg.create(modsdk::message{b.raw()}));  // not an initial INVITE
  CHECK(core().logged(abi::l_err, "a dialog is created on an initial INVITE"));
}
