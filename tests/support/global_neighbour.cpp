// SPDX-License-Identifier: MIT
// A hand-written C-style module that asks the core to load it RTLD_GLOBAL (dlflags), as OpenSIPS's perl,
// python, lua, aaa_diameter and db_perlvdb modules do: its `exports` then joins the process's global
// symbol scope. test_load_check loads it before a modsdk module to check that the modsdk module's own
// references to `exports` still bind to its own table (modsdk_add_module links with -Bsymbolic).
// tests/realcore builds it for a real core too (scm type from that core's `-V`).
#include <dlfcn.h>

#include <modsdk/abi/common.hpp>
#include <modsdk/target.hpp>

#ifndef MODSDK_NEIGHBOUR_SCM_TYPE
#define MODSDK_NEIGHBOUR_SCM_TYPE "svn"  // test_load_check's core claims scm type "svn"
#endif

extern "C" __attribute__((visibility("default"))) modsdk::abi::module_exports exports;
modsdk::abi::module_exports exports = {
    .name = "global_neighbour",
    .type = modsdk::abi::mod_type_default,
    .ver_info = {MODSDK_TARGET_VERSION, MODSDK_TARGET_FLAGS, {MODSDK_NEIGHBOUR_SCM_TYPE, ""}},
    .dlflags = RTLD_NOW | RTLD_GLOBAL,
};
