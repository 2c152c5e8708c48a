// SPDX-License-Identifier: MIT
// Load-time checks of a module .so, through host::load (dlopen, `exports`, version check, load_f):
// the allocator self-check refusing a module stamped without DBG_MALLOC in a DBG_MALLOC core (defence
// in depth behind the loader's flags check), and the scm pair adopted from the core while dlopen()ing,
// also when another module's `exports` sits in the global symbol scope.
#include <dlfcn.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include <modsdk/abi/core.hpp>
#include <modsdk/target.hpp>
#include <modsdk/testing.hpp>

#if !defined(MODSDK_NODBG_MODULE) || !defined(MODSDK_NODBG_FLAGS) || !defined(MODSDK_TINY_MODULE) || \
    !defined(MODSDK_GLOBAL_NEIGHBOUR)
#error \
    "tests/CMakeLists.txt defines MODSDK_NODBG_MODULE, MODSDK_NODBG_FLAGS, MODSDK_TINY_MODULE and MODSDK_GLOBAL_NEIGHBOUR"
#endif

namespace abi = modsdk::abi;
using modsdk::testing::core;
using modsdk::testing::host;

namespace {
struct fresh {
  fresh() { core().reset(); }
  ~fresh() { core().reset(); }
};
}  // namespace

TEST_CASE("the test program is a DBG_MALLOC core; the module is stamped without DBG_MALLOC", "[load_check]") {
  REQUIRE(modsdk::target.core.dbg_malloc);
  const std::string_view nodbg = MODSDK_NODBG_FLAGS;
  CHECK(nodbg.find("DBG_MALLOC") == std::string_view::npos);
  std::string with_dbg(nodbg);
  with_dbg.insert(with_dbg.find(", FAST_LOCK"), ", DBG_MALLOC");
  CHECK(with_dbg == modsdk::target.flags);  // exactly one token apart
}

TEST_CASE("a module stamped without DBG_MALLOC is refused by its own load_f in a DBG_MALLOC core", "[load_check]") {
  fresh f;
  // The loader's flags check would stop it first (next test); make the core claim the module's flags, as
  // a core whose flags line does not tell the truth would, so that load_f is what stands in the way.
  core().set_target(std::string(modsdk::target.version), MODSDK_NODBG_FLAGS);
  core().set_abort_on_bad_free(false);
  const auto seq = core().alloc_seq();
  const auto pkg = core().pkg_usage(), shm = core().shm_usage();

  host h = host::load(MODSDK_NODBG_MODULE);
  CHECK_FALSE(h.loaded());
  CHECK(h.error() == std::string("could not initialize module ") + MODSDK_NODBG_MODULE);
  CHECK(std::string_view(h.exports().ver_info.compile_flags) == MODSDK_NODBG_FLAGS);

  // exactly one line from the module, CRIT, saying what is wrong and what it was built for
  int module_lines = 0;
  for (auto& l : core().logs()) {
    if (l.module != "modsdk_nodbg") continue;
    ++module_lines;
    CHECK(l.level == abi::l_crit);
    CHECK(l.function == "load");
    CHECK(l.text == std::string("refusing to load: the core was built with DBG_MALLOC but the module was stamped "
                                "without it (stamped for \"") +
                        std::string(modsdk::target.version) + "\" [" + MODSDK_NODBG_FLAGS + "])");
  }
  CHECK(module_lines == 1);
  // the rest is the core's own line for a failed load_f
  CHECK(core().logs().size() == 2);
  CHECK(core().logged(abi::l_err, "could not initialize module"));

  // nothing ran, nothing was allocated or freed, nothing registered
  CHECK_FALSE(core().logged("nodbg load hook ran"));
  CHECK(core().alloc_seq() == seq);
  CHECK(core().pkg_usage() == pkg);
  CHECK(core().shm_usage() == shm);
  CHECK(core().bad_frees() == 0u);
  CHECK_FALSE(core().module_loaded("modsdk_nodbg"));
  CHECK_FALSE(h.start());

  // and the core is intact: a module in the right mode loads, allocates, frees
  core().reset();
  host tiny = host::load(MODSDK_TINY_MODULE);
  REQUIRE(tiny.loaded());
  REQUIRE(tiny.start(1));
  CHECK(core().pkg_in_use() == pkg.bytes + 33);
  tiny.stop();
  CHECK(core().pkg_usage() == pkg);
}

TEST_CASE("with the loader's flags check in place, that module never reaches load_f", "[load_check]") {
  fresh f;
  host h = host::load(MODSDK_NODBG_MODULE);
  CHECK_FALSE(h.loaded());
  CHECK(h.error() == std::string("module compile flags mismatch for modsdk_nodbg  \ncore: ") +
                         std::string(modsdk::target.flags) + " \nmodule: " + MODSDK_NODBG_FLAGS);
  for (auto& l : core().logs()) CHECK(l.module != "modsdk_nodbg");
}

TEST_CASE("a module .so adopts the core's scm type and revision while it is dlopen()ed", "[load_check][scm]") {
  fresh f;
  // a core from another scm, at a revision the module was never stamped with: accepted only because the
  // module's constructor copied core_scm_ver before the loader read `exports`
  core().set_target(std::string(modsdk::target.version), std::string(modsdk::target.flags), "svn", "r1234abcd");
  host h = host::load(MODSDK_TINY_MODULE);
  REQUIRE(h.loaded());
  CHECK(std::string_view(h.exports().ver_info.scm.type) == "svn");
  CHECK(std::string_view(h.exports().ver_info.scm.rev) == "r1234abcd");
  CHECK(h.exports().ver_info.scm.type == abi::core_scm_ver.type);
  CHECK(h.exports().ver_info.scm.rev == abi::core_scm_ver.rev);
}

TEST_CASE("a module loaded RTLD_GLOBAL earlier does not capture the modsdk module's dlopen-time step",
          "[load_check][scm]") {
  fresh f;
  core().set_target(std::string(modsdk::target.version), std::string(modsdk::target.flags), "svn", "r1234abcd");
  host neighbour = host::load(MODSDK_GLOBAL_NEIGHBOUR);
  REQUIRE(neighbour.loaded());
  // reopened RTLD_GLOBAL (its dlflags), its `exports` is the one the global scope resolves
  REQUIRE(::dlsym(RTLD_DEFAULT, "exports") == static_cast<const void*>(&neighbour.exports()));

  host h = host::load(MODSDK_TINY_MODULE);
  INFO(h.error());
  CHECK(h.error().empty());  // else: "module version control system type mismatch ... core: svn module: git"
  REQUIRE(h.loaded());
  CHECK(std::string_view(h.exports().ver_info.scm.type) == "svn");
  CHECK(std::string_view(h.exports().ver_info.scm.rev) == "r1234abcd");
  CHECK(std::string_view(neighbour.exports().ver_info.scm.rev).empty());  // the neighbour's table is untouched
}
