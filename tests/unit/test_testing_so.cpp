// SPDX-License-Identifier: MIT
// The test kit loading a real module .so (tests/support/tiny_module.cpp, built with modsdk_add_module):
// dlopen, `exports`, the version check, and the module's calls into the fake core across the .so boundary.
#include <catch2/catch.hpp>
#include <string>

#include <modsdk/testing.hpp>

#ifndef MODSDK_TINY_MODULE
#error "tests/CMakeLists.txt defines MODSDK_TINY_MODULE (the path of modsdk_tiny.so) for this test"
#endif

using modsdk::testing::core;
using modsdk::testing::host;

TEST_CASE("a module .so is loaded, started and stopped through the fake core", "[host][so]") {
  core().reset();
  auto pkg0 = core().pkg_in_use();
  {
    host h = host::load(MODSDK_TINY_MODULE);
    REQUIRE(h.loaded());
    CHECK(std::string(h.exports().name) == "modsdk_tiny");
    // the module adopted the core's scm revision while it was dlopen()ed
    CHECK(std::string(h.exports().ver_info.scm.rev) == "fake");
    REQUIRE(h.start(2));
    CHECK(core().pkg_in_use() == pkg0 + 33);
    bool init_line = false, child_line = false;
    for (auto& l : core().logs()) {
      if (l.text == "tiny init 42" && l.module == "modsdk_tiny" && l.function == "init" && l.level == 3)
        init_line = true;
      if (l.text == "tiny child 2" && l.module == "modsdk_tiny") child_line = true;
    }
    CHECK(init_line);
    CHECK(child_line);
  }
  CHECK(core().pkg_in_use() == pkg0);  // destroy freed it
}

TEST_CASE("loading a module .so fails like the core: missing file, version mismatch", "[host][so]") {
  core().reset();
  host missing = host::load("/nonexistent/x.so");
  CHECK_FALSE(missing.loaded());
  CHECK(missing.error().find("could not open module </nonexistent/x.so>") == 0);

  core().set_target("opensips 3.4.1 (x86_64/linux)", std::string(core().target_flags()));
  host old = host::load(MODSDK_TINY_MODULE);
  CHECK_FALSE(old.loaded());
  CHECK(old.error().find("module version mismatch for modsdk_tiny; core: opensips 3.4.1") == 0);
  core().reset();
}
