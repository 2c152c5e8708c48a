// SPDX-License-Identifier: MIT
// The module entry point (MODSDK_MODULE -> `exports`) against what the core's loader reads: the stamped
// version/flags strings, name, type, dlflags, constant initialisation, the scm pair adopted from the
// core at dlopen time, and the loader's version check. Profile-agnostic: tests/CMakeLists.txt builds this
// file once per stock target (4.0.1 by the glob, plus 3.4.18, 3.6.5 and 3.6.8), and the per-profile
// facts are checked against the numbers measured on real cores (shared research), not against modsdk.
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/async.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/message.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing.hpp>

#ifndef MODSDK_TEST_RELEASE
#error "tests/CMakeLists.txt defines MODSDK_TEST_RELEASE (the stock release this program is stamped for)"
#endif

namespace abi = modsdk::abi;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::lit;
using modsdk::testing::sip_message;

// ---- a snapshot of `exports` taken by a dynamic initialiser that runs before any code of the module ----
// It is defined above MODSDK_MODULE in this translation unit, so if `exports` were initialised at run
// time it would still be all zeros here.
extern "C" abi::module_exports exports;
namespace {
struct early_view {
  const char* name;
  int type;
  const char* version;
  const char* flags;
  unsigned dlflags;
  bool has_load, has_init, has_cmds, has_acmds, has_mi;
};
early_view take_early_view() noexcept {
  return {exports.name,
          exports.type,
          exports.ver_info.version,
          exports.ver_info.compile_flags,
          exports.dlflags,
          exports.load_f != nullptr,
          exports.init_f != nullptr,
          exports.cmds != nullptr,
          exports.acmds != nullptr,
          exports.mi_cmds != nullptr};
}
const early_view early = take_early_view();

// ---- the module: one function reading a header, one async function, two MI commands ----------------
int resume_token = 0;

bool probe_header(modsdk::message& msg, std::string_view name) {
  auto v = msg.header(name);
  if (!v) return false;
  modsdk::log::info("header {}: {}", name, *v);
  return true;
}
bool resumed(int, modsdk::message&, int*) { return true; }
bool probe_async(modsdk::message&, modsdk::async_context& ctx, int n) {
  ctx.on_resume<&resumed>(&resume_token);
  ctx.wait_for_fd(n);
  return true;
}
std::string_view first_cmd() { return "first"; }
std::string_view second_cmd() { return "second"; }
}  // namespace

MODSDK_MODULE(exports_probe, modsdk::functions(MODSDK_FN(probe_header)),
              modsdk::async_functions(MODSDK_FN(probe_async)),
              modsdk::mi(MODSDK_MI(first, first_cmd, "the first command"),
                         MODSDK_MI(second, second_cmd, "the second command")));

namespace {

// The module definition is usable in a constant expression: the whole table is built at compile time.
constexpr abi::module_exports compile_time_copy = modsdk::detail::make_exports<modsdk_module_tag_exports_probe>();
static_assert(compile_time_copy.type == 1 && compile_time_copy.dlflags == 0);
static_assert(std::string_view(compile_time_copy.name) == "exports_probe");

// ---- what real cores report (shared research: opensips-module-abi.md 0, 2.4, 3.9, 5.2) ----------------
struct release_numbers {
  int major = 0, minor = 0, patch = 0;
};
release_numbers test_release() {
  release_numbers r;
  REQUIRE(std::sscanf(MODSDK_TEST_RELEASE, "%d.%d.%d", &r.major, &r.minor, &r.patch) == 3);
  return r;
}

struct real_core_facts {
  std::string_view flags;      ///< stock `flags:` line of `opensips -V`
  std::size_t mi_export_size;  ///< stride of the mi_cmds table
  std::size_t async_ctx_size;
  std::size_t resume_param_offset;  ///< where tm reads the resume parameter
  std::size_t pv_spec_size;
  bool parse_headers_aux;  ///< the core exports parse_headers_aux (3.5+), not parse_headers
  bool namespaced_mi;      ///< MI commands also answer to "<module>:<cmd>" (4.0+)
};
real_core_facts facts_for(release_numbers r) {
  constexpr std::string_view flags_3_4 =
      "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, DBG_MALLOC, "
      "FAST_LOCK-ADAPTIVE_WAIT";
  constexpr std::string_view flags_3_6 =
      "STATS: On, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, F_PARALLEL_MALLOC, "
      "DBG_MALLOC, FAST_LOCK-ADAPTIVE_WAIT";
  const bool v4 = r.major >= 4;
  const bool v3_6 = v4 || (r.major == 3 && r.minor >= 6);
  const bool pv_grew = v4 || (r.major == 3 && r.minor == 6 && r.patch >= 7);
  return {v3_6 ? flags_3_6 : flags_3_4,
          v4 ? 8128u : 4256u,
          v4 ? 40u : 32u,
          v4 ? 16u : 8u,
          pv_grew ? 112u : 104u,
          v4 || r.minor >= 5,
          v4};
}

struct fresh {
  fresh() { core().reset(); }
  ~fresh() { core().reset(); }
};

constexpr const char* invite =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
    "From: <sip:alice@example.com>;tag=1\r\n"
    "To: <sip:bob@example.com>\r\n"
    "Call-ID: exports-probe-1\r\n"
    "CSeq: 1 INVITE\r\n"
    "X-Probe: seen\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

}  // namespace

TEST_CASE("exports carries exactly the stamped target strings, the name, type 1 and dlflags 0", "[exports]") {
  const auto r = test_release();
  const auto facts = facts_for(r);

  // the strings the loader strcmp()s: the stamped macros, modsdk::target, and nothing else
  CHECK(std::string_view(exports.ver_info.version) == MODSDK_TARGET_VERSION);
  CHECK(std::string_view(exports.ver_info.compile_flags) == MODSDK_TARGET_FLAGS);
  CHECK(std::string_view(exports.ver_info.version) == modsdk::target.version);
  CHECK(std::string_view(exports.ver_info.compile_flags) == modsdk::target.flags);
  CHECK(std::strlen(exports.ver_info.version) == modsdk::target.version.size());  // NUL right after the text
  CHECK(std::strlen(exports.ver_info.compile_flags) == modsdk::target.flags.size());
  // ... and they are what a stock core of this release prints in `opensips -V`
  CHECK(std::string_view(exports.ver_info.compile_flags) == facts.flags);
#if defined(__x86_64__) && defined(__linux__)
  CHECK(std::string(exports.ver_info.version) == std::string("opensips ") + MODSDK_TEST_RELEASE + " (x86_64/linux)");
#endif
  CHECK(modsdk::target.rel.major == r.major);
  CHECK(modsdk::target.rel.minor == r.minor);
  CHECK(modsdk::target.rel.patch == r.patch);

  CHECK(std::string_view(exports.name) == "exports_probe");
  CHECK(exports.type == 1);  // MOD_TYPE_DEFAULT
  CHECK(exports.dlflags == 0u);
  // modsdk owns every lifecycle callback; the tables it has sections for are set, the others NULL
  CHECK(exports.load_f != nullptr);
  CHECK(exports.init_f != nullptr);
  CHECK(exports.destroy_f != nullptr);
  CHECK(exports.init_child_f != nullptr);
  CHECK(exports.cmds != nullptr);
  CHECK(exports.acmds != nullptr);
  CHECK(exports.mi_cmds != nullptr);
  CHECK(exports.params == nullptr);
  CHECK(exports.stats == nullptr);
  CHECK(exports.items == nullptr);
  CHECK(exports.trans == nullptr);
  CHECK(exports.procs == nullptr);
  CHECK(exports.deps == nullptr);
  CHECK(exports.response_f == nullptr);
  CHECK(exports.reload_ack_f == nullptr);
}

TEST_CASE("exports is constant-initialised: complete before any dynamic initialiser ran", "[exports]") {
  REQUIRE(early.name != nullptr);
  CHECK(std::string_view(early.name) == "exports_probe");
  CHECK(early.type == 1);
  CHECK(early.version == exports.ver_info.version);
  CHECK(early.flags == exports.ver_info.compile_flags);
  CHECK(early.dlflags == 0u);
  CHECK(early.has_load);
  CHECK(early.has_init);
  CHECK(early.has_cmds);
  CHECK(early.has_acmds);
  CHECK(early.has_mi);
  // the compile-time copy is the same table
  CHECK(std::string_view(compile_time_copy.ver_info.version) == exports.ver_info.version);
  CHECK(compile_time_copy.load_f == exports.load_f);
  CHECK(compile_time_copy.cmds == exports.cmds);
}

TEST_CASE("the scm type and revision are the core's core_scm_ver, adopted by the dlopen-time constructor",
          "[exports]") {
  // the stamped fallback of a stock target: type "git", empty revision (which every core's prefix compare accepts)
  CHECK(modsdk::target.scm_type == "git");
  CHECK(modsdk::target.scm_rev.empty());
  // the constructor ran at program start, when the fake core's core_scm_ver was {"git", "fake"}: the module
  // points at the core's own strings, not at its stamped ones
  CHECK(exports.ver_info.scm.type == abi::core_scm_ver.type);
  CHECK(exports.ver_info.scm.rev == abi::core_scm_ver.rev);
  CHECK(std::string_view(exports.ver_info.scm.rev) == "fake");

  // the step itself, on a copy: a core with another scm and revision is adopted as is
  abi::module_exports copy = exports;
  const abi::scm_version saved = abi::core_scm_ver;
  abi::core_scm_ver = {"svn", "r1234abcd"};
  modsdk::detail::on_dlopen(copy, "exports_probe");
  abi::core_scm_ver = saved;
  CHECK(std::string_view(copy.ver_info.scm.type) == "svn");
  CHECK(std::string_view(copy.ver_info.scm.rev) == "r1234abcd");
  CHECK(copy.ver_info.version == exports.ver_info.version);  // the rest is untouched
  CHECK(copy.ver_info.compile_flags == exports.ver_info.compile_flags);

  // a core whose pair is incomplete leaves the module's own pair in place
  abi::module_exports other = exports;
  abi::core_scm_ver = {"git", nullptr};
  modsdk::detail::on_dlopen(other, "exports_probe");
  abi::core_scm_ver = saved;
  CHECK(other.ver_info.scm.type == exports.ver_info.scm.type);
  CHECK(other.ver_info.scm.rev == exports.ver_info.scm.rev);
}

TEST_CASE("the host's version check accepts exports and rejects a tampered copy with the core's message",
          "[exports][host]") {
  fresh f;
  {
    host h{exports};
    REQUIRE(h.loaded());
    CHECK(h.error().empty());
    CHECK(core().module_loaded("exports_probe"));
  }

  const std::string v(modsdk::target.version), fl(modsdk::target.flags);
  const std::string hint = "(try `make clean all modules' and reinstall everything)";
  auto refused = [&](abi::module_exports e, const std::string& message) {
    core().clear_logs();
    host h{e};
    CHECK_FALSE(h.loaded());
    CHECK(h.error() == message);
    CHECK(core().logged(abi::l_crit, message));  // the core: LM_CRIT, then exit(1)
    CHECK_FALSE(h.start());
  };

  SECTION("version") {
    abi::module_exports e = exports;
    e.ver_info.version = "opensips 4.0.0 (x86_64/linux)";
    refused(e, "module version mismatch for exports_probe; core: " + v + "; module: opensips 4.0.0 (x86_64/linux)");
  }
  SECTION("compile flags: one token less") {
    std::string no_dbg = fl;
    no_dbg.erase(no_dbg.find(", DBG_MALLOC"), std::strlen(", DBG_MALLOC"));
    abi::module_exports e = exports;
    e.ver_info.compile_flags = no_dbg.c_str();
    refused(e, "module compile flags mismatch for exports_probe  \ncore: " + fl + " \nmodule: " + no_dbg);
  }
  SECTION("scm type") {
    abi::module_exports e = exports;
    e.ver_info.scm.type = "svn";
    refused(e, "module version control system type mismatch for exports_probe  \ncore: git \nmodule: svn " + hint);
  }
  SECTION("scm revision: compared over the shorter length") {
    core().set_target(v, fl, "git", "5887278570");
    abi::module_exports e = exports;
    for (const char* ok : {"", "5887", "5887278570", "5887278570abc"}) {
      e.ver_info.scm = {"git", ok};
      host h{e};
      CHECK(h.loaded());
    }
    e.ver_info.scm = {"git", "5887278571"};
    refused(e,
            "module version control system revision mismatch for exports_probe  \ncore: 5887278570 \nmodule: "
            "5887278571 " +
                hint);
  }
  SECTION("a NULL string is a BUG line naming the module") {
    abi::module_exports e = exports;
    e.ver_info.version = nullptr;
    refused(e, "BUG - version not defined in module <exports_probe>");
    e = exports;
    e.ver_info.compile_flags = nullptr;
    refused(e, "BUG - compile flags not defined in module <exports_probe>");
  }
  SECTION("equal text in other buffers passes (strcmp, not pointer identity)") {
    const std::string v2 = v, f2 = fl;
    abi::module_exports e = exports;
    e.ver_info.version = v2.c_str();
    e.ver_info.compile_flags = f2.c_str();
    host h{e};
    CHECK(h.loaded());
  }
}

TEST_CASE("per-profile facts through the host match what real cores of this release do", "[exports][profile]") {
  fresh f;
  const auto facts = facts_for(test_release());
  using prof = abi::for_profile_t<modsdk::target.profile>;

  SECTION("profile of the release") {
    CHECK(static_cast<std::size_t>(prof::pv_spec_size) == facts.pv_spec_size);
    CHECK(prof::has_parse_headers_aux == facts.parse_headers_aux);
    CHECK(sizeof(typename prof::mi_export) == facts.mi_export_size);
  }

  SECTION("mi_export stride: the second command sits where the core looks for it") {
    const auto* base = static_cast<const unsigned char*>(exports.mi_cmds);
    const char* second_name = nullptr;
    std::memcpy(&second_name, base + facts.mi_export_size, sizeof second_name);  // name @0 of entry 1
    REQUIRE(second_name != nullptr);
    CHECK(std::string_view(second_name) == "second");
    const char* end_name = reinterpret_cast<const char*>(1);
    std::memcpy(&end_name, base + 2 * facts.mi_export_size, sizeof end_name);  // the NULL terminator
    CHECK(end_name == nullptr);

    host h{exports};
    REQUIRE(h.start());
    CHECK(h.mi("first").json == "\"first\"");
    CHECK(h.mi("second").json == "\"second\"");
    CHECK(h.mi("exports_probe:second").error == !facts.namespaced_mi);
  }

  SECTION("async_ctx: size and the resume parameter's offset as tm reads them") {
    host h{exports};
    REQUIRE(h.start());
    auto msg = sip_message::parse(invite);
    auto r = h.call_async("probe_async", msg, {lit(7)});
    CHECK(r.rc == 1);
    CHECK(r.async_status == 7);
    CHECK(sizeof(r.ctx) == facts.async_ctx_size);
    void* param = nullptr;
    std::memcpy(&param, reinterpret_cast<const unsigned char*>(&r.ctx) + facts.resume_param_offset, sizeof param);
    CHECK(param == &resume_token);
    void* resume_f = nullptr;
    std::memcpy(&resume_f, &r.ctx, sizeof resume_f);  // resume_f @0 in every version
    CHECK(resume_f != nullptr);
  }

  SECTION("header parsing goes through the entry point this core exports") {
    host h{exports};
    REQUIRE(h.start());
    auto msg = sip_message::parse(invite);
    CHECK(h.call("probe_header", msg, {lit("X-Probe")}) == 1);
    CHECK(core().logged(abi::l_info, "header X-Probe: seen"));
    CHECK(h.call("probe_header", msg, {lit("X-Absent")}) == -1);
    // the fake core logs CRIT when the module calls the entry point this core version lacks
    bool wrong_entry = false;
    for (auto& l : core().logs())
      if (l.level == abi::l_crit && l.text.find("has no parse_headers") != std::string::npos) wrong_entry = true;
    CHECK_FALSE(wrong_entry);
  }
}
