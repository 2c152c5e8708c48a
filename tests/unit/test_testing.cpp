// SPDX-License-Identifier: MIT
// Tests of the test kit (modsdk/testing.hpp) against a hand-written C-style module: the tables and
// functions below are what a C module would export, so the host is checked against the core's rules
// without any of modsdk's generation.
#include <regex.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/abi/sip_msg.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
using modsdk::testing::core;
using modsdk::testing::formatted;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::omit;
using modsdk::testing::sip_message;
using modsdk::testing::var;

namespace {

// ---- what the hand-written module records ----------------------------------------------------------
struct record {
  std::vector<std::string> seen;  // one entry per call: what the function received
  void* slots[8]{};
  int fixups = 0, free_fixups = 0, fix_null_fixups = 0;
  int init = 0, child_rank = -100, destroyed = 0;
  int init_result = 0;
  abi::stat_var* calls_stat = nullptr;
  char* str_p = const_cast<char*>("default");
  int int_p = 7;
  std::vector<std::string> func_p;
};
record rec;

std::string as_text(void* p) {
  auto* s = static_cast<abi::str*>(p);
  return std::string(s->s, static_cast<std::size_t>(s->len));
}

// ---- logging and memory the way C modules do it (LM_ERR / pkg_malloc macros) ------------------------
void c_log_err(const char* func, const char* text) {
  char ferr[] = "%s [%d] %sERROR:hand:%s: %s\n";
  char fsys[] = "%sERROR:hand:%s: %s\n";
  char fuser[] = "%s\n";
  if (*abi::log_level >= abi::l_err)
    abi::dprint(abi::l_err, abi::log_facility, "hand", func, ferr, fsys, fuser, "Jan  1 00:00:00", abi::dp_my_pid(),
                abi::log_prefix, func, text);
}
using dbg_malloc_t = void* (*)(void*, unsigned long, const char*, const char*, unsigned int);
using dbg_free_t = void (*)(void*, void*, const char*, const char*, unsigned int);
void* c_pkg_malloc(unsigned long n) {
  return reinterpret_cast<dbg_malloc_t>(abi::gen_pkg_malloc)(abi::mem_block, n, "hand.c", "c_pkg_malloc", 42);
}
void c_pkg_free(void* p) {
  reinterpret_cast<dbg_free_t>(abi::gen_pkg_free)(abi::mem_block, p, "hand.c", "c_pkg_free", 43);
}
void* c_shm_malloc(unsigned long n) {
  return reinterpret_cast<dbg_malloc_t>(abi::gen_shm_malloc)(abi::shm_block, n, "hand.c", "c_shm_malloc", 44);
}
void c_shm_free(void* p) {
  reinterpret_cast<dbg_free_t>(abi::gen_shm_free)(abi::shm_block, p, "hand.c", "c_shm_free", 45);
}

// ---- script functions -----------------------------------------------------------------------------
int f_int(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  rec.seen.push_back("int:" + std::to_string(*static_cast<int*>(a)));
  return 1;
}
int f_str(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  auto* s = static_cast<abi::str*>(a);
  rec.seen.push_back("str:" + as_text(a) + (s->s[s->len] == '\0' ? "" : "(not NUL-terminated)"));
  return 1;
}
int f_slots(abi::sip_msg*, void* a, void* b, void* c, void* d, void* e, void* f, void* g, void* h) {
  void* all[8] = {a, b, c, d, e, f, g, h};
  std::memcpy(rec.slots, all, sizeof all);
  rec.seen.push_back("slots:" + std::to_string(*static_cast<int*>(a)) + "," + as_text(b));  // per-call copies: read now
  return 1;
}
int f_var(abi::sip_msg* msg, void* a, void*, void*, void*, void*, void*, void*, void*) {
  abi::pv_value v{};
  char text[] = "written";
  v.rs = {text, 7};
  v.flags = abi::pv_val_str;
  return abi::pv_set_value(msg, static_cast<abi::pv_spec*>(a), abi::assign_eq, &v) == 0 ? 1 : -1;
}
int f_opt(abi::sip_msg*, void* a, void* b, void*, void*, void*, void*, void*, void*) {
  rec.seen.push_back("opt:" + std::to_string(*static_cast<int*>(a)) + "," +
                     (b ? std::to_string(*static_cast<int*>(b)) : std::string("NULL")));
  return 1;
}
int f_fixnull(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  rec.seen.push_back(std::string("fixnull:") + (a ? static_cast<const char*>(a) : "NULL"));
  return 1;
}
int f_regex(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  return regexec(static_cast<regex_t*>(a), "HELLO world", 0, nullptr, 0) == 0 ? 1 : -1;
}
int f_log(abi::sip_msg*, void*, void*, void*, void*, void*, void*, void*, void*) {
  c_log_err(__FUNCTION__, "something failed: 42");
  return 1;
}
void* leaked = nullptr;
int f_leak(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  void* p = c_pkg_malloc(static_cast<unsigned long>(*static_cast<int*>(a)));
  if (*static_cast<int*>(a) < 100)
    c_pkg_free(p);
  else
    leaked = p;
  return 1;
}
int f_sl(abi::sip_msg* msg, void*, void*, void*, void*, void*, void*, void*, void*) {
  auto load = reinterpret_cast<int (*)(abi::sl_binds*)>(reinterpret_cast<void*>(abi::find_export("load_sl", 0)));
  if (!load) {
    c_log_err(__FUNCTION__, "can't load SL API (is the sl module loaded?)");
    return -1;
  }
  abi::sl_binds sl{};
  if (load(&sl) < 0) return -1;
  char reason[] = "Not Here";
  abi::str r{reason, 8};
  char tag[] = "t-1";
  abi::str t{tag, 3};
  return sl.reply(msg, 404, &r, &t);
}
int f_count(abi::sip_msg*, void* a, void*, void*, void*, void*, void*, void*, void*) {
  rec.seen.push_back("count:" + std::to_string(reinterpret_cast<long>(a)));
  if (rec.calls_stat)
    __atomic_fetch_add(static_cast<unsigned long*>(reinterpret_cast<abi::stat_var_layout*>(rec.calls_stat)->u), 1,
                       __ATOMIC_RELAXED);
  return 1;
}

int resume(int, abi::sip_msg*, void*) { return 1; }
int af_start(abi::sip_msg*, void* ctx, void* a, void*, void*, void*, void*, void*, void*, void*) {
  using ctx_t = abi::for_profile_t<modsdk::target.profile>::async_ctx;
  auto* c = static_cast<ctx_t*>(ctx);
  rec.seen.push_back("async:" + std::to_string(*static_cast<int*>(a)) + " timeout " + std::to_string(c->timeout_s));
  c->resume_f = reinterpret_cast<void*>(&resume);
  c->resume_param = &rec;
  abi::async_status = abi::async_no_fd;
  return 1;
}
int on_response(abi::sip_msg* msg) {
  return reinterpret_cast<abi::sip_msg_prefix*>(msg)->first_line.value == 200 ? 1 : 0;
}
int on_reload() { return 0; }

// fixups
int fixup_int_to_long(void** p) {  // replaces the int* with the value itself (a FIXUP)
  ++rec.fixups;
  *p = reinterpret_cast<void*>(static_cast<long>(**reinterpret_cast<int**>(p)) * 10);
  return 0;
}
int free_fixup_count(void**) {
  ++rec.free_fixups;
  return 0;
}
int fixup_null_default(void** p) {
  ++rec.fix_null_fixups;
  if (!*p) *p = const_cast<char*>("dflt");
  return 0;
}
int fixup_reject_negative(void** p) { return **reinterpret_cast<int**>(p) < 0 ? -1 : 0; }

int func_param(abi::modparam_t type, void* val) {
  if (type == abi::str_param)
    rec.func_p.push_back(std::string("s:") + static_cast<char*>(val));
  else
    rec.func_p.push_back("i:" + std::to_string(reinterpret_cast<long>(val)));
  return std::string(type == abi::str_param ? static_cast<char*>(val) : "") == "bad" ? -1 : 0;
}

int mod_init() {
  ++rec.init;
  return rec.init_result;
}
int mod_child(int rank) {
  rec.child_rank = rank;
  return 0;
}
void mod_destroy() { ++rec.destroyed; }
unsigned long fn_stat(void*) { return 99; }

abi::mi_response* mi_hello(const abi::mi_params_t*, abi::mi_handler*) { return abi::init_mi_result_string("OK", 2); }
abi::mi_response* mi_hello_name(const abi::mi_params_t* params, abi::mi_handler*) {
  char* name;
  int len;
  char key[] = "name";
  if (abi::try_get_mi_string_param(params, key, &name, &len) < 0)
    return abi::init_mi_error_extra(-32602, "Invalid params", 14, nullptr, 0);
  abi::mi_item* obj;
  abi::mi_response* r = abi::init_mi_result_object(&obj);
  char k1[] = "hello", k2[] = "n", k3[] = "list";
  abi::add_mi_string(obj, k1, 5, name, len);
  abi::add_mi_number(obj, k2, 1, 3);
  abi::mi_item* arr = abi::add_mi_array(obj, k3, 4);
  abi::add_mi_bool(arr, nullptr, 0, 1);
  abi::add_mi_null(arr, nullptr, 0);
  return r;
}
abi::mi_response* mi_null(const abi::mi_params_t*, abi::mi_handler*) { return nullptr; }

constexpr int I = abi::cmd_param_int, S = abi::cmd_param_str, V = abi::cmd_param_var, R = abi::cmd_param_regex,
              O = abi::cmd_param_opt, FN = abi::cmd_param_fix_null, ST = abi::cmd_param_static,
              NE = abi::cmd_param_no_expand;
constexpr int REQ = abi::request_route, ONREPLY = abi::onreply_route, ALL = abi::all_routes;

const abi::cmd_export cmds[] = {
    {"f_int", f_int, {{I, nullptr, nullptr}}, ALL},
    {"f_str", f_str, {{S, nullptr, nullptr}}, ALL},
    {"f_str_static", f_str, {{S | ST, nullptr, nullptr}}, ALL},
    {"f_str_noexp", f_str, {{S | NE, nullptr, nullptr}}, ALL},
    {"f_slots", f_slots, {{I, nullptr, nullptr}, {S, nullptr, nullptr}}, ALL},
    {"f_var", f_var, {{V, nullptr, nullptr}}, ALL},
    {"f_opt", f_opt, {{I, nullptr, nullptr}, {I | O, nullptr, nullptr}}, ALL},
    {"f_mid_opt", f_opt, {{I | O, nullptr, nullptr}, {I, nullptr, nullptr}}, ALL},
    {"f_fixnull", f_fixnull, {{S | O | FN, fixup_null_default, nullptr}}, ALL},
    {"f_regex", f_regex, {{R, nullptr, nullptr}}, ALL},
    {"f_log", f_log, {}, ALL},
    {"f_leak", f_leak, {{I, nullptr, nullptr}}, ALL},
    {"f_sl", f_sl, {}, REQ},
    {"f_count", f_count, {{I, fixup_int_to_long, free_fixup_count}}, ALL},
    {"f_checked", f_int, {{I, fixup_reject_negative, nullptr}}, ALL},
    {"f_req_only", f_int, {{I, nullptr, nullptr}}, REQ},
    {"f_hidden", f_int, {{I, nullptr, nullptr}}, 0},
    {"f_reply_side", f_int, {{I, nullptr, nullptr}}, ONREPLY},
    {"f_eight",
     f_slots,
     {{I, nullptr, nullptr},
      {S, nullptr, nullptr},
      {I | O, nullptr, nullptr},
      {I | O, nullptr, nullptr},
      {I | O, nullptr, nullptr},
      {I | O, nullptr, nullptr},
      {I | O, nullptr, nullptr},
      {I | O, nullptr, nullptr}},
     ALL},
    {nullptr, nullptr, {}, 0},
};

const abi::acmd_export acmds[] = {
    {"af_start", af_start, {{I, nullptr, nullptr}}},
    {nullptr, nullptr, {}},
};

const abi::param_export params[] = {
    {"str_p", abi::str_param, &rec.str_p},
    {"int_p", abi::int_param, &rec.int_p},
    {"func_p", abi::str_param | abi::int_param | abi::use_func_param, reinterpret_cast<void*>(&func_param)},
    {nullptr, 0, nullptr},
};

abi::stat_export stats[] = {
    {"calls", 0, &rec.calls_stat},
    {"fn_stat", abi::stat_is_func, reinterpret_cast<abi::stat_var**>(reinterpret_cast<void*>(&fn_stat))},
    {nullptr, 0, nullptr},
};

using mi_export_t = abi::for_profile_t<modsdk::target.profile>::mi_export;
mi_export_t mi_cmds[3]{};  // filled at run time: the layout (and its aliases field) is per profile
void fill_mi_cmds() {
  mi_cmds[0].name = "hello";
  mi_cmds[0].help = "says hello";
  mi_cmds[0].recipes[0].cmd = mi_hello;
  mi_cmds[0].recipes[1].cmd = mi_hello_name;
  mi_cmds[0].recipes[1].params[0] = "name";
  mi_cmds[1].name = "broken";
  mi_cmds[1].help = "returns NULL";
  mi_cmds[1].recipes[0].cmd = mi_null;
}

abi::module_exports make_exports(const char* version = nullptr) {
  abi::module_exports e{};
  e.name = "hand";
  e.type = abi::mod_type_default;
  e.ver_info = {version ? version : modsdk::target.version.data(), modsdk::target.flags.data(), {"git", ""}};
  e.cmds = cmds;
  e.acmds = acmds;
  e.response_f = on_response;
  e.reload_ack_f = on_reload;
  e.params = params;
  e.stats = stats;
  fill_mi_cmds();
  e.mi_cmds = mi_cmds;
  e.init_f = mod_init;
  e.init_child_f = mod_child;
  e.destroy_f = mod_destroy;
  return e;
}

const char* const invite_text =
    "INVITE sip:bob@example.com:5070;transport=udp SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\r\n"
    "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-2\r\n"
    "From: \"Alice\" <sip:alice@example.org>;tag=from-tag-1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: call-1@10.0.0.1\r\n"
    "CSeq: 101 INVITE\r\n"
    "X-Custom: one\r\n"
    "x-custom: two\r\n"
    "User-Agent: test agent\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 9\r\n"
    "\r\n"
    "v=0\r\no=x";

const char* const ok_text =
    "SIP/2.0 200 OK\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1\n"
    "From: <sip:alice@example.org>;tag=from-tag-1\n"
    "To: <sip:bob@example.com>;tag=to-tag-9\n"
    "Call-ID: call-1@10.0.0.1\n"
    "CSeq: 101 INVITE\n"
    "\n";

struct fresh {
  fresh() {
    core().reset();
    rec = record{};
  }
};

std::string pv(sip_message& msg, const char* spec) {
  alignas(16) unsigned char buf[MODSDK_PV_SPEC_STORAGE];
  abi::str in{const_cast<char*>(spec), static_cast<int>(std::strlen(spec))};
  if (!abi::pv_parse_spec(&in, reinterpret_cast<abi::pv_spec*>(buf))) return "<parse error>";
  abi::pv_value v{};
  if (abi::pv_get_spec_value(msg.raw(), reinterpret_cast<abi::pv_spec*>(buf), &v) != 0) return "<get error>";
  if (v.flags & abi::pv_val_null) return "<null>";
  return std::string(v.rs.s, static_cast<std::size_t>(v.rs.len));
}
int pv_flags(sip_message& msg, const char* spec, int* ri = nullptr) {
  alignas(16) unsigned char buf[MODSDK_PV_SPEC_STORAGE];
  abi::str in{const_cast<char*>(spec), static_cast<int>(std::strlen(spec))};
  if (!abi::pv_parse_spec(&in, reinterpret_cast<abi::pv_spec*>(buf))) return -1;
  abi::pv_value v{};
  abi::pv_get_spec_value(msg.raw(), reinterpret_cast<abi::pv_spec*>(buf), &v);
  if (ri) *ri = v.ri;
  return v.flags;
}

}  // namespace

TEST_CASE("loading checks the version strings like version_control", "[host]") {
  fresh f;
  auto bad = make_exports("opensips 9.9.9 (x86_64/linux)");
  host h{bad};
  CHECK_FALSE(h.loaded());
  CHECK(h.error().find("module version mismatch for hand; core: ") == 0);
  CHECK(core().logged(abi::l_crit, "module version mismatch for hand"));
  CHECK_FALSE(h.start());

  auto good = make_exports();
  host ok{good};
  CHECK(ok.loaded());
  CHECK(core().module_loaded("hand"));
}

TEST_CASE("a second load of the same exports is refused while the first is loaded", "[host]") {
  fresh f;
  auto e = make_exports();
  host a{e};
  host b{e};
  CHECK(a.loaded());
  CHECK_FALSE(b.loaded());
  CHECK(b.error().find("attempting to load the same module twice") != std::string::npos);
}

TEST_CASE("modparam follows set_mod_param_regex", "[host][modparam]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.modparam("str_p", "hello"));
  CHECK(std::string(rec.str_p) == "hello");
  REQUIRE(h.modparam("int_p", 42));
  CHECK(rec.int_p == 42);

  auto r = h.modparam("int_p", "text");
  CHECK_FALSE(r);
  CHECK(r.error == "Parameter <int_p> not found in module <hand> - can't set");
  CHECK(core().logged("type mismatch for parameter <int_p> in module <hand>"));

  r = h.modparam("nope", 1);
  CHECK_FALSE(r);
  CHECK(r.error == "Parameter <nope> not found in module <hand> - can't set");
  CHECK(core().logged("parameter <nope> not found in module <hand>"));

  REQUIRE(h.modparam("func_p", "abc"));
  REQUIRE(h.modparam("func_p", 5));
  CHECK(rec.func_p == std::vector<std::string>{"s:abc", "i:5"});
  CHECK_FALSE(h.modparam("func_p", "bad"));
}

TEST_CASE("start runs init, registers stats and MI, then child_init; stop runs destroy once", "[host][lifecycle]") {
  fresh f;
  auto e = make_exports();
  {
    host h{e};
    REQUIRE(h.start(3));
    CHECK(rec.init == 1);
    CHECK(rec.child_rank == 3);
    REQUIRE(rec.calls_stat != nullptr);
    CHECK(h.stat("calls") == 0ul);
    CHECK(h.stat("fn_stat") == 99ul);
    CHECK_FALSE(h.stat("nope"));
    auto msg = sip_message::parse(invite_text);
    CHECK(h.call("f_count", msg, {lit(2)}) == 1);
    CHECK(h.stat("calls") == 1ul);
    h.stop();
    CHECK(rec.destroyed == 1);
  }
  CHECK(rec.destroyed == 1);  // the destructor does not destroy twice
}

TEST_CASE("a non-zero init aborts startup and destroy is not called", "[host][lifecycle]") {
  fresh f;
  rec.init_result = 1;  // positive: still a failure for the core
  auto e = make_exports();
  {
    host h{e};
    auto r = h.start();
    CHECK_FALSE(r);
    CHECK(r.error == "failed to initialize module hand");
    CHECK(rec.child_rank == -100);
  }
  CHECK(rec.destroyed == 0);
}

TEST_CASE("script calls: name, route type and argument count are checked like the cfg parser", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  CHECK(h.prepare("nope").error() == "unknown command <nope>, missing loadmodule?");
  CHECK(h.prepare("f_req_only", {lit(1)}, modsdk::route::onreply).error() ==
        "Command <f_req_only> cannot be used in the block");
  CHECK(h.prepare("f_hidden", {lit(1)}).error() == "Command <f_hidden> cannot be used in the block");
  CHECK(h.prepare("f_reply_side", {lit(1)}, modsdk::route::onreply).ok());
  CHECK(h.prepare("f_opt").error() == "too few parameters for command <f_opt>");
  CHECK(h.prepare("f_opt", {lit(1), lit(2), lit(3)}).error() == "too many parameters for command <f_opt>");
  CHECK(h.prepare("f_mid_opt", {lit(1)}).error() == "too few parameters for command <f_mid_opt>");
  CHECK(h.prepare("f_mid_opt", {lit(1), omit()}).error() == "mandatory parameter omitted for command <f_mid_opt>");
  CHECK(h.prepare("f_mid_opt", {omit(), lit(2)}).ok());
  auto msg = sip_message::parse(invite_text);
  CHECK_THROWS_WITH(h.call("nope", msg), Catch::Contains("unknown command <nope>"));
}

TEST_CASE("script calls: INT and STR literals, variables and formats", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  CHECK(h.call("f_int", msg, {lit(5)}) == 1);
  core().set_var("$var(n)", 12);
  CHECK(h.call("f_int", msg, {var("$var(n)")}) == 1);
  CHECK(h.call("f_str", msg, {lit("plain")}) == 1);
  CHECK(h.call("f_str", msg, {formatted("m=$rm u=$rU")}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"int:5", "int:12", "str:plain", "str:m=INVITE u=bob"});
  // a STR from a variable is not NUL-terminated in the core; the fake makes that visible
  rec.seen.clear();
  core().set_var("$var(s)", "abc");
  CHECK(h.call("f_str", msg, {var("$var(s)")}) == 1);
  CHECK(h.call("f_str", msg, {var("$hdr(X-Custom)")}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"str:abc(not NUL-terminated)", "str:one(not NUL-terminated)"});
  // as in the core, a `$` in a quoted string starts a variable unless the parameter is NO_EXPAND
  CHECK(h.prepare("f_str", {lit("cost $5")}).error() == "Failed to parse formatted string in param [1]");
  rec.seen.clear();
  CHECK(h.call("f_str_noexp", msg, {lit("cost $5")}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"str:cost $5"});
}

TEST_CASE("script calls: all 8 slots are passed, unused ones hold garbage", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  CHECK(h.call("f_slots", msg, {lit(1), lit("x")}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"slots:1,x"});
  for (int i = 2; i < 8; ++i) CHECK(rec.slots[i] == reinterpret_cast<void*>(0xdeadbeefdeadbeefull));
}

TEST_CASE("script calls: kinds are checked by the startup fixups (fix_cmd)", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  CHECK(h.prepare("f_int", {lit("5")}).error() == "Param [1] expected to be an integer or variable");
  CHECK(h.prepare("f_str", {lit(5)}).error() == "Param [1] expected to be a string or variable");
  CHECK(h.prepare("f_var", {lit("$var(x)")}).error() == "Param [1] expected to be a variable");
  CHECK(h.prepare("f_str_static", {var("$var(x)")}).error() == "Param [1] does not support variables");
  CHECK(h.prepare("f_str_static", {formatted("a $ru")}).error() == "Param [1] does not support formatted strings");
  CHECK(h.prepare("f_str_static", {lit("plain")}).ok());
  CHECK(h.prepare("f_regex", {lit("(unclosed")}).error() == "bad re (unclosed");
  CHECK(h.prepare("f_checked", {lit(-1)}).error() == "Fixup failed for param [1]");
  // the core's per-call array has room for 7 values: an 8th INT/STR value is refused loudly
  CHECK(h.prepare("f_eight", {lit(1), lit("s"), lit(3), lit(4), lit(5), lit(6), lit(7)}).ok());
  CHECK(h.prepare("f_eight", {lit(1), lit("s"), lit(3), lit(4), lit(5), lit(6), lit(7), lit(8)})
            .error()
            .find("per-call array overflows") != std::string::npos);
  CHECK(core().logged("Failed to fix command <f_checked>"));
}

TEST_CASE("script calls: calls prepared before start are fixed at start", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  auto good = h.prepare("f_count", {lit(3)});
  CHECK_FALSE(good.ok());  // parsed, not fixed yet
  CHECK(rec.fixups == 0);
  REQUIRE(h.start());
  CHECK(good.ok());
  CHECK(rec.fixups == 1);
  auto bad = h.prepare("f_checked", {lit(-5)});
  CHECK_FALSE(bad.ok());
}

TEST_CASE("script calls: a literal is fixed once, a variable on every call; free_fixup only per call",
          "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  auto literal = h.prepare("f_count", {lit(3)});
  REQUIRE(literal.ok());
  CHECK(rec.fixups == 1);
  CHECK(literal.invoke(msg) == 1);
  CHECK(literal.invoke(msg) == 1);
  CHECK(rec.fixups == 1);
  CHECK(rec.free_fixups == 0);
  CHECK(rec.seen == std::vector<std::string>{"count:30", "count:30"});

  core().set_var("$var(c)", 4);
  auto variable = h.prepare("f_count", {var("$var(c)")});
  REQUIRE(variable.ok());
  CHECK(rec.fixups == 1);
  CHECK(variable.invoke(msg) == 1);
  CHECK(variable.invoke(msg) == 1);
  CHECK(rec.fixups == 3);
  CHECK(rec.free_fixups == 2);
  CHECK(rec.seen.back() == "count:40");
}

TEST_CASE("script calls: an unset or mistyped variable skips the function", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  core().unset_var("$var(u)");
  CHECK(h.call("f_int", msg, {var("$var(u)")}) == abi::e_unspec);
  CHECK(core().logged("Variable in param [1] is not an integer"));
  CHECK(core().logged("Failed to get fixups for command <f_int>"));
  core().set_var("$var(s)", "text");
  CHECK(h.call("f_int", msg, {var("$var(s)")}) == abi::e_unspec);
  CHECK(rec.seen.empty());
  // a never-assigned $var is NULL, as in the core (add_var marks it VAR_VAL_NULL; tests/realcore fidelity)
  CHECK(h.call("f_int", msg, {var("$var(never)")}) == abi::e_unspec);
  CHECK(rec.seen.empty());
}

TEST_CASE("script calls: optional parameters and FIX_NULL", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  CHECK(h.call("f_opt", msg, {lit(1)}) == 1);
  CHECK(h.call("f_opt", msg, {lit(1), omit()}) == 1);
  CHECK(h.call("f_opt", msg, {lit(1), lit(2)}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"opt:1,NULL", "opt:1,NULL", "opt:1,2"});
  rec.seen.clear();
  CHECK(h.call("f_fixnull", msg) == 1);
  CHECK(rec.fix_null_fixups == 1);
  CHECK(rec.seen == std::vector<std::string>{"fixnull:dflt"});
}

TEST_CASE("script calls: VAR and REGEX parameters", "[host][calls]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  CHECK(h.call("f_var", msg, {var("$var(out)")}) == 1);
  CHECK(core().var("$var(out)") == modsdk::testing::script_value{std::string("written")});
  CHECK(h.call("f_var", msg, {var("$avp(out)")}) == 1);
  CHECK(core().var("$avp(out)") == modsdk::testing::script_value{std::string("written")});
  CHECK(h.call("f_var", msg, {var("$ci")}) == -1);      // read-only: setf NULL
  CHECK(h.call("f_regex", msg, {lit("^hello")}) == 1);  // REG_ICASE
  CHECK(h.call("f_regex", msg, {lit("^world")}) == -1);
  core().set_var("$var(re)", "WORLD$");
  CHECK(h.call("f_regex", msg, {var("$var(re)")}) == 1);
}

TEST_CASE("logs are captured with level, module and function", "[core][log]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  core().clear_logs();
  CHECK(h.call("f_log", msg) == 1);
  REQUIRE(core().logs().size() == 1);
  auto& l = core().logs()[0];
  CHECK(l.level == abi::l_err);
  CHECK(l.module == "hand");
  CHECK(l.function == "f_log");
  CHECK(l.text == "something failed: 42");
  core().set_log_level(abi::l_crit);
  CHECK(h.call("f_log", msg) == 1);
  CHECK(core().logs().size() == 1);
}

TEST_CASE("pkg and shm are accounted; a leak is detected", "[core][memory]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  {
    modsdk::testing::leak_check lc;
    CHECK(h.call("f_leak", msg, {lit(10)}) == 1);
    CHECK(lc.clean());
  }
  modsdk::testing::leak_check lc;
  auto before = core().pkg_usage();
  CHECK(h.call("f_leak", msg, {lit(200)}) == 1);
  CHECK_FALSE(lc.clean());
  CHECK(core().pkg_in_use() == before.bytes + 200);
  CHECK(core().pkg_blocks() == before.blocks + 1);
  CHECK(lc.report().find("pkg 200 bytes at hand.c:42 (c_pkg_malloc)") != std::string::npos);
  CHECK_THROWS_WITH(lc.expect_clean(), Catch::Contains("pkg 200 bytes"));
  c_pkg_free(leaked);
  CHECK(lc.clean());

  auto shm0 = core().shm_in_use();
  void* s = c_shm_malloc(64);
  CHECK(core().shm_in_use() == shm0 + 64);
  c_shm_free(s);
  CHECK(core().shm_in_use() == shm0);
}

TEST_CASE("a double free and a foreign pointer are reported", "[core][memory]") {
  fresh f;
  core().set_abort_on_bad_free(false);
  void* p = c_pkg_malloc(8);
  c_pkg_free(p);
  c_pkg_free(p);
  CHECK(core().bad_frees() == 1);
  CHECK(core().logged(abi::l_crit, "pkg: double free"));
  int local = 0;
  c_pkg_free(&local);
  CHECK(core().bad_frees() == 2);
  CHECK(core().logged("never allocated"));
  void* s = c_shm_malloc(8);
  c_pkg_free(s);
  CHECK(core().bad_frees() == 3);
  c_shm_free(s);
  core().reset();
}

TEST_CASE("pseudo-variables over a parsed INVITE", "[core][pv]") {
  fresh f;
  auto msg = sip_message::parse(invite_text);
  msg.set_source("192.0.2.7", 5080);
  int ri = 0;
  CHECK(pv(msg, "$rm") == "INVITE");
  CHECK(pv_flags(msg, "$rm", &ri) == (abi::pv_val_str | abi::pv_val_int));
  CHECK(ri == 1);
  CHECK(pv(msg, "$ru") == "sip:bob@example.com:5070;transport=udp");
  CHECK(pv(msg, "$rU") == "bob");
  CHECK(pv(msg, "$rd") == "example.com");
  CHECK(pv(msg, "$rp") == "5070");
  CHECK(pv(msg, "$fu") == "sip:alice@example.org");
  CHECK(pv(msg, "$fU") == "alice");
  CHECK(pv(msg, "$fd") == "example.org");
  CHECK(pv(msg, "$ft") == "from-tag-1");
  CHECK(pv(msg, "$fn") == "Alice");
  CHECK(pv(msg, "$tu") == "sip:bob@example.com");
  CHECK(pv(msg, "$tt") == "<null>");
  CHECK(pv(msg, "$ci") == "call-1@10.0.0.1");
  CHECK(pv(msg, "$cs") == "101");
  CHECK(pv(msg, "$rb") == "v=0\r\no=x");
  CHECK(pv(msg, "$ua") == "test agent");
  CHECK(pv(msg, "$hdr(X-Custom)") == "one");
  CHECK(pv(msg, "$(hdr(x-custom)[1])") == "two");
  CHECK(pv(msg, "$(hdr(X-Custom)[-1])") == "two");
  CHECK(pv(msg, "$(hdr(Via)[*])") ==
        "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-1, SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-2");
  CHECK(pv(msg, "$hdr(Missing)") == "<null>");
  CHECK(pv(msg, "$hdrcnt(Via)") == "2");
  CHECK(pv_flags(msg, "$hdrcnt(Via)", &ri) == (abi::pv_val_str | abi::pv_val_int | abi::pv_type_int));
  CHECK(ri == 2);
  CHECK(pv(msg, "$si") == "192.0.2.7");
  CHECK(pv(msg, "$sp") == "5080");
  CHECK(pv(msg, "$rs") == "<null>");
  CHECK(pv(msg, "$du") == "<null>");
  CHECK(pv(msg, "$ml") == std::to_string(std::strlen(invite_text)));
  CHECK(pv(msg, "$nope") == "<parse error>");
  CHECK(core().logged("error searching pvar \"nope\""));
}

TEST_CASE("pseudo-variables over a 200 OK reply", "[core][pv]") {
  fresh f;
  auto msg = sip_message::parse(ok_text);
  CHECK(msg.is_reply());
  int ri = 0;
  CHECK(pv(msg, "$rs") == "200");
  CHECK(pv_flags(msg, "$rs", &ri) == (abi::pv_val_str | abi::pv_val_int | abi::pv_type_int));
  CHECK(ri == 200);
  CHECK(pv(msg, "$rr") == "OK");
  CHECK(pv(msg, "$rm") == "INVITE");  // from CSeq
  CHECK(pv(msg, "$ru") == "<null>");
  CHECK(pv(msg, "$tt") == "to-tag-9");
  CHECK(pv(msg, "$rb") == "<null>");
}

TEST_CASE("writes to $ru and $du; parse_headers fills the header list", "[core][pv]") {
  fresh f;
  auto msg = sip_message::parse(invite_text);
  auto* prefix = reinterpret_cast<abi::sip_msg_prefix*>(msg.raw());
  CHECK(prefix->first_line.type == abi::sip_request);
  CHECK(prefix->first_line.value == 1);
  // as after receive_msg(): the headers up to the first Via are parsed
  REQUIRE(prefix->headers != nullptr);
  CHECK(std::string(prefix->headers->name.s, 3) == "Via");
  CHECK(prefix->headers->next == nullptr);
  if constexpr (abi::for_profile_t<modsdk::target.profile>::has_parse_headers_aux)
    REQUIRE(abi::parse_headers_aux(msg.raw(), abi::hdr_eoh_all, 0, 1) == 0);
  else
    REQUIRE(abi::parse_headers(msg.raw(), abi::hdr_eoh_all, 0) == 0);
  int n = 0;
  std::string names;
  for (auto* h = prefix->headers; h; h = h->next, ++n) names += std::string(h->name.s, std::size_t(h->name.len)) + ",";
  CHECK(n == 11);
  CHECK(names.starts_with("Via,Via,From,To,Call-ID,CSeq,X-Custom,x-custom,"));
  CHECK(prefix->headers->sibling == prefix->headers->next);  // Via -> next Via
  CHECK(prefix->headers->next->type == 1);

  char uri[] = "sip:carol@example.net";
  abi::str u{uri, static_cast<int>(sizeof uri - 1)};
  REQUIRE(abi::set_ruri(msg.raw(), &u) == 0);
  CHECK(pv(msg, "$ru") == "sip:carol@example.net");
  CHECK(pv(msg, "$rU") == "carol");
  CHECK(pv(msg, "$ou") == "sip:bob@example.com:5070;transport=udp");
  REQUIRE(abi::set_dst_uri(msg.raw(), &u) == 0);
  CHECK(pv(msg, "$du") == "sip:carol@example.net");
  CHECK(msg.dst_uri() == std::string_view("sip:carol@example.net"));
}

TEST_CASE("the sl module replies only when loaded", "[core][sl]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  CHECK(h.call("f_sl", msg) == -1);
  CHECK(core().logged("can't load SL API"));
  CHECK(core().replies().empty());
  REQUIRE(core().load_module("sl"));
  CHECK(h.call("f_sl", msg) == 1);
  REQUIRE(core().replies().size() == 1);
  CHECK(core().replies()[0].code == 404);
  CHECK(core().replies()[0].reason == "Not Here");
  CHECK(core().replies()[0].to_tag == "t-1");
}

TEST_CASE("MI commands: recipe selection and JSON rendering", "[host][mi]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto r = h.mi("hello");
  CHECK_FALSE(r.error);
  CHECK(r.json == "\"OK\"");
  r = h.mi("hello", {{"name", "bob"}});
  CHECK(r.json == R"({"hello":"bob","n":3,"list":[true,null]})");
  r = h.mi("hand:hello", {{"name", "x"}});  // 4.0 namespaces MI commands as <module>:<cmd>
  CHECK(r.error == (modsdk::target.profile < modsdk::profile::v4_0));
  r = h.mi("hello", {{"other", "x"}});
  CHECK(r.error);
  CHECK(r.json == R"({"code":-32602,"message":"Invalid params","data":"Named parameters do not match"})");
  r = h.mi("hello", {{"a", "1"}, {"b", "2"}});
  CHECK(r.json.find("Too few or too many parameters") != std::string::npos);
  r = h.mi_positional("hello", {{"", "pos"}});
  CHECK(r.json == R"({"hello":"pos","n":3,"list":[true,null]})");
  r = h.mi("broken");
  CHECK(r.json == R"({"code":-32000,"message":"Server error","data":"Command handler returned null"})");
  CHECK(h.mi("missing").json.find("Method not found") != std::string::npos);
}

TEST_CASE("async functions get a zeroed async_ctx and async_status preset like tm", "[host][async]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  auto r = h.call_async("af_start", msg, {lit(7)}, 30);
  CHECK(r.rc == 1);
  CHECK(r.async_status == abi::async_no_fd);
  CHECK(r.ctx.resume_f == reinterpret_cast<void*>(&resume));
  CHECK(r.ctx.resume_param == &rec);
  CHECK(rec.seen == std::vector<std::string>{"async:7 timeout 30"});
  CHECK_THROWS_WITH(h.call_async("f_int", msg, {lit(1)}), Catch::Contains("unknown async command <f_int>"));
  CHECK_THROWS_WITH(h.call_async("af_start", msg), Catch::Contains("too few parameters for async command <af_start>"));
}

TEST_CASE("response and reload_ack hooks", "[host][lifecycle]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto ok = sip_message::parse(ok_text);
  auto ringing = sip_message::parse("SIP/2.0 180 Ringing\r\nCSeq: 1 INVITE\r\n\r\n");
  CHECK(h.response(ok) == 1);
  CHECK(h.response(ringing) == 0);
  CHECK(h.reload_ack() == 0);
}

TEST_CASE("find_export sees the loaded modules' functions, with the core's flag rule", "[core][exports]") {
  fresh f;
  CHECK(abi::find_export("f_int", 0) == nullptr);
  auto e = make_exports();
  host h{e};
  CHECK(abi::find_export("f_int", 0) == reinterpret_cast<abi::cmd_function>(&f_int));
  CHECK(abi::find_export("f_reply_side", abi::request_route) == nullptr);
  CHECK(abi::find_export("f_reply_side", abi::onreply_route) != nullptr);
  CHECK(abi::find_mod_export("hand", "f_sl", 0) == reinterpret_cast<abi::cmd_function>(&f_sl));
  CHECK(abi::find_mod_export("other", "f_sl", 0) == nullptr);
  CHECK(abi::find_export("load_sig", 0) == nullptr);
  core().load_module("signaling");
  CHECK(abi::find_export("load_sig", 0) != nullptr);
  core().reset();
  CHECK(abi::find_export("load_sig", 0) == nullptr);
}

TEST_CASE("messages: folded headers, bare LF, malformed first lines", "[core][msg]") {
  fresh f;
  auto msg = sip_message::parse("OPTIONS sip:x@y SIP/2.0\nSubject: first\n  second\nCSeq: 2 OPTIONS\n\n");
  CHECK(pv(msg, "$hdr(Subject)") == "first\n  second");
  int ri = 0;
  pv_flags(msg, "$rm", &ri);
  CHECK(ri == 32);
  CHECK(pv(msg, "$rp") == "5060");
  CHECK(pv_flags(msg, "$rp") == (abi::pv_val_str | abi::pv_val_int | abi::pv_type_int));
  CHECK_THROWS_AS(sip_message::parse("hello\r\n\r\n"), std::invalid_argument);
  CHECK_THROWS_AS(sip_message::parse("SIP/2.0 2000 OK\r\n\r\n"), std::invalid_argument);
}

TEST_CASE("formats: pv_parse_format / pv_printf_s / pv_elem_free_all are counted pkg memory", "[core][pv]") {
  fresh f;
  auto msg = sip_message::parse(invite_text);
  modsdk::testing::leak_check lc;
  char text[] = "m=$rm n=$var(nope) t=$tt";
  abi::str in{text, static_cast<int>(sizeof text - 1)};
  abi::pv_elem* el = nullptr;
  REQUIRE(abi::pv_parse_format(&in, &el) == 0);
  CHECK_FALSE(lc.clean());
  abi::str out{};
  REQUIRE(abi::pv_printf_s(msg.raw(), el, &out) == 0);
  CHECK(std::string(out.s, std::size_t(out.len)) == "m=INVITE n=<null> t=<null>");  // $var(nope): never assigned
  CHECK(out.s[out.len] == '\0');
  abi::pv_elem_free_all(el);
  CHECK(lc.clean());
  char bad[] = "x $(hdr(A){s.md5})";
  abi::str inb{bad, static_cast<int>(sizeof bad - 1)};
  CHECK(abi::pv_parse_format(&inb, &el) < 0);
  CHECK(core().logged("transformation {s.md5} is not implemented"));
  CHECK(lc.clean());
}

TEST_CASE("formats: transformations as transformations.c evaluates them", "[core][pv]") {
  fresh f;
  auto msg = sip_message::parse(invite_text);
  core().set_var("$var(s)", "Mixed Case");
  char text[] = "[$(hdr(CSeq){s.int})|$(fU{s.toupper})|$(var(s){s.tolower})|$(var(s){s.len})|$(var(nope){s.int})]";
  abi::str in{text, static_cast<int>(sizeof text - 1)};
  abi::pv_elem* el = nullptr;
  REQUIRE(abi::pv_parse_format(&in, &el) == 0);
  abi::str out{};
  REQUIRE(abi::pv_printf_s(msg.raw(), el, &out) == 0);
  // {s.int} of a string keeps the string (VAL_STR stays set) and adds the leading number; NULL stays NULL
  CHECK(std::string(out.s, std::size_t(out.len)) == "[101 INVITE|ALICE|mixed case|10|<null>]");
  abi::pv_elem_free_all(el);
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  rec.seen.clear();
  CHECK(h.call("f_int", msg, {var("$(hdr(CSeq){s.int})")}) == 1);
  CHECK(rec.seen == std::vector<std::string>{"int:101"});
}

TEST_CASE("limits: pv_print_buf_size refuses a formatted argument; the pkg pool has a size", "[core][limits]") {
  fresh f;
  auto e = make_exports();
  host h{e};
  REQUIRE(h.start());
  auto msg = sip_message::parse(invite_text);
  core().set_pv_print_buf_size(16);
  core().set_var("$var(ten)", "0123456789");
  rec.seen.clear();
  CHECK(h.call("f_str", msg, {formatted("$var(ten)12345")}) == 1);               // 15 bytes and the NUL fit in 16
  CHECK(h.call("f_str", msg, {formatted("$var(ten)123456")}) == abi::e_unspec);  // the function is not called
  CHECK(rec.seen == std::vector<std::string>{"str:012345678912345"});
  CHECK(core().logged(abi::l_err, "buffer too small -- increase 'pv_print_buf_size' from [16]"));
  CHECK(core().logged(abi::l_err, "Failed to print formatted string in param [1]"));
  core().set_pool_sizes(std::size_t{1} << 20, std::size_t{1} << 20);
  CHECK(modsdk::pkg::malloc(std::size_t{2} << 20) == nullptr);
  CHECK(core().logged(abi::l_err, "not enough free pkg memory"));
  void* p = modsdk::pkg::malloc(1000);
  CHECK(p != nullptr);
  modsdk::pkg::free(p);
  core().reset();
  CHECK(core().pv_print_buf_size() == 20000);
}

TEST_CASE("render_mi shows a response built by hand", "[core][mi]") {
  abi::mi_item* obj = nullptr;
  abi::mi_response* r = abi::init_mi_result_object(&obj);
  char k[] = "text", q[] = "q";
  abi::add_mi_string(obj, k, 4, "a\"b\n", 4);
  abi::add_mi_number(obj, q, 1, 0.5);
  CHECK(modsdk::testing::render_mi(r) == R"({"text":"a\"b\n","q":0.5})");
  abi::free_mi_response(r);
  abi::mi_response* e = abi::init_mi_error_extra(404, "Not found", 9, nullptr, 0);
  CHECK(modsdk::testing::render_mi(e) == R"({"code":404,"message":"Not found"})");
  abi::free_mi_response(e);
}
