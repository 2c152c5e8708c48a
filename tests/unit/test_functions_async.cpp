// SPDX-License-Identifier: MIT
// Async script functions (modsdk/async.hpp): the generated acmd_export_t called as tm's async() does
// (zeroed async_ctx, async_status preset), then the resume callback called as the reactor does.
#include <catch2/catch.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/async.hpp>
#include <modsdk/module.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::sip_message;
using modsdk::testing::var;

namespace {
std::vector<std::string> seen;

struct job {
  std::string key;
};

modsdk::resume_result on_done(int fd, modsdk::message& msg, job* j) {
  seen.push_back("resumed:" + j->key + ":fd" + std::to_string(fd) + (msg.is_request() ? ":request" : ":reply"));
  const bool again = j->key == "again";
  if (again) {
    j->key = "done";
    return modsdk::resume_result::wait_more();
  }
  delete j;
  return modsdk::resume_result::done_close_fd(7);
}
bool on_timeout(int, modsdk::message&, job* j) {
  seen.push_back("timeout:" + j->key);
  delete j;
  return false;
}
void on_done_void(int, modsdk::message&, job* j) {
  seen.push_back("void:" + j->key);
  delete j;
}
modsdk::resume_result on_done_throws(int, modsdk::message&, job* j) {
  delete j;
  throw std::runtime_error("resume exploded");
}

bool a_start(modsdk::message&, modsdk::async_context& ctx, std::string_view key) {
  seen.push_back("start:" + std::string(key) + ":timeout" + std::to_string(ctx.script_timeout()));
  if (key == "sync") {
    ctx.completed_sync();
    return true;
  }
  if (key == "sync code") {  // done at once, the resume route's $rc given explicitly
    ctx.completed_sync(42);
    return false;
  }
  if (key == "nothing") return false;
  if (key == "forgot") {
    ctx.wait_for_fd(5);
    return true;
  }
  if (key == "throw") throw std::runtime_error("cannot start");
  auto* j = new job{std::string(key)};
  if (key == "void")
    ctx.on_resume<&on_done_void>(j);
  else if (key == "throwing resume")
    ctx.on_resume<&on_done_throws>(j);
  else
    ctx.on_resume<&on_done>(j);
  if (key == "timed") ctx.on_timeout<&on_timeout>(3);
  ctx.wait_for_fd(42);
  return true;
}

// no message parameter; an int and an optional variable
int a_count(modsdk::async_context& ctx, int n, std::optional<modsdk::variable> out) {
  if (out) out->set(n * 2);
  ctx.no_io();
  return n;
}

// a request-only async function, refused on a reply at run time
bool a_request(modsdk::request&, modsdk::async_context&) { return true; }

// an ordinary function in the same module
bool plain() { return true; }
}  // namespace

MODSDK_DEFINE_MODULE(async_module, asyncmod, modsdk::functions(MODSDK_FN(plain)),
                     modsdk::async_functions(MODSDK_FN(a_start), MODSDK_FN(a_count), MODSDK_FN(a_request)));

namespace {
const char* const invite_text =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:alice@example.com>;tag=a1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: call-1\r\n"
    "CSeq: 1 INVITE\r\n\r\n";

struct fixture {
  host h{async_module};
  sip_message msg = sip_message::parse(invite_text);
  fixture() {
    core().reset();
    seen.clear();
    REQUIRE(h.start());
  }
};

int resume(const modsdk::testing::async_result& r, int fd, sip_message& msg, bool timeout = false) {
  auto fn = reinterpret_cast<abi::async_resume_function>(timeout ? r.ctx.timeout_f : r.ctx.resume_f);
  abi::async_status = abi::async_done;  // the core presets it before each callback
  return fn(fd, msg.raw(), r.ctx.resume_param);
}
}  // namespace

TEST_CASE("the acmd_export_t table") {
  REQUIRE(async_module.acmds != nullptr);
  CHECK(std::string_view(async_module.acmds[0].name) == "a_start");
  CHECK(async_module.acmds[0].params[0].flags == abi::cmd_param_str);
  CHECK(async_module.acmds[0].params[1].flags == 0);
  CHECK(std::string_view(async_module.acmds[1].name) == "a_count");
  CHECK(async_module.acmds[1].params[0].flags == abi::cmd_param_int);
  CHECK(async_module.acmds[1].params[1].flags == (abi::cmd_param_var | abi::cmd_param_opt));
  CHECK(async_module.acmds[3].name == nullptr);
  CHECK(std::string_view(async_module.cmds[0].name) == "plain");
  CHECK(async_module.cmds[1].name == nullptr);
}

TEST_CASE("waiting on an fd: resume callback, its parameter and the function name are set") {
  fixture f;
  auto r = f.h.call_async("a_start", f.msg, {lit("query")}, 10);
  CHECK(r.rc == 1);
  CHECK(r.async_status == 42);
  REQUIRE(r.ctx.resume_f != nullptr);
  REQUIRE(r.ctx.resume_f_name != nullptr);  // 4.0's tm prints it unconditionally
  CHECK(std::string_view(r.ctx.resume_f_name) == "a_start");
  CHECK(r.ctx.timeout_f == nullptr);
  CHECK(resume(r, 42, f.msg) == 7);
  CHECK(abi::async_status == abi::async_done_close_fd);
  CHECK(seen == std::vector<std::string>{"start:query:timeout10", "resumed:query:fd42:request"});
}

TEST_CASE("a resume callback that asks to keep waiting, and one returning void") {
  fixture f;
  auto r = f.h.call_async("a_start", f.msg, {lit("again")});
  CHECK(resume(r, 42, f.msg) == 0);
  CHECK(abi::async_status == abi::async_continue);
  CHECK(resume(r, 42, f.msg) == 7);
  CHECK(abi::async_status == abi::async_done_close_fd);
  auto v = f.h.call_async("a_start", f.msg, {lit("void")});
  CHECK(resume(v, 42, f.msg) == 1);
  CHECK(abi::async_status == abi::async_done);
  CHECK(seen == std::vector<std::string>{"start:again:timeout0", "resumed:again:fd42:request",
                                         "resumed:done:fd42:request", "start:void:timeout0", "void:void"});
}

TEST_CASE("a timeout callback and its own timeout") {
  fixture f;
  auto r = f.h.call_async("a_start", f.msg, {lit("timed")}, 30);
  REQUIRE(r.ctx.timeout_f != nullptr);
  CHECK(r.ctx.timeout_s == 3);
  CHECK(resume(r, -1, f.msg, true) == -1);
  CHECK(abi::async_status == abi::async_done);
  CHECK(seen.back() == "timeout:timed");
}

TEST_CASE("no I/O: the resume route runs at once with the function's code") {
  fixture f;
  auto s = f.h.call_async("a_start", f.msg, {lit("sync")});
  CHECK(s.rc == 1);
  CHECK(s.async_status == abi::async_sync);
  auto sc = f.h.call_async("a_start", f.msg, {lit("sync code")});  // completed_sync(42): $rc 42, not -1
  CHECK(sc.rc == 42);
  CHECK(sc.async_status == abi::async_sync);
  CHECK(f.h.call_async("a_start", f.msg, {lit("sync")}).rc == 1);  // the code does not stick to the next call
  auto n = f.h.call_async("a_start", f.msg, {lit("nothing")});
  CHECK(n.rc == -1);
  CHECK(n.async_status == abi::async_no_io);
  core().set_var("$var(k)", 21);
  auto c = f.h.call_async("a_count", f.msg, {var("$var(k)"), var("$var(out)")});
  CHECK(c.rc == 21);
  CHECK(c.async_status == abi::async_no_io);
  CHECK(core().var("$var(out)") == modsdk::testing::script_value(42));
  CHECK(f.h.call_async("a_count", f.msg, {lit(4)}).rc == 4);
}

TEST_CASE("mistakes and exceptions end in ASYNC_NO_IO with an error line, never a wait on garbage") {
  fixture f;
  core().clear_logs();
  auto forgot = f.h.call_async("a_start", f.msg, {lit("forgot")});
  CHECK(forgot.rc == -1);
  CHECK(forgot.async_status == abi::async_no_io);
  CHECK(core().logged(abi::l_err, "a_start() asked to wait for an fd without setting a resume callback"));
  auto thrown = f.h.call_async("a_start", f.msg, {lit("throw")});
  CHECK(thrown.rc == MODSDK_EXCEPTION_RESULT);
  CHECK(thrown.async_status == abi::async_no_io);
  CHECK(core().logged(abi::l_err, "a_start() failed: exception: cannot start"));
  auto r = f.h.call_async("a_start", f.msg, {lit("throwing resume")});
  CHECK(resume(r, 42, f.msg) == MODSDK_EXCEPTION_RESULT);
  CHECK(abi::async_status == abi::async_done);
  CHECK(core().logged(abi::l_err, "async resume callback failed: exception: resume exploded"));
}

TEST_CASE("a request& async function refuses a reply") {
  fixture f;
  auto reply = sip_message::parse(
      "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
      "To: <sip:b@x>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n");
  CHECK(f.h.call_async("a_request", f.msg).rc == 1);
  CHECK(f.h.call_async("a_request", reply).rc == -1);
  CHECK(core().logged(abi::l_err, "a_request() takes a SIP request but was called on a SIP reply"));
}
