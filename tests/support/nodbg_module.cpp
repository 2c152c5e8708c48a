// SPDX-License-Identifier: MIT
// A module .so stamped for a core WITHOUT DBG_MALLOC (tests/CMakeLists.txt: the stock flags minus that
// token), for test_load_check, which loads it into the DBG_MALLOC fake core. Its load hook would allocate
// through the non-DBG signature of gen_pkg_malloc; the module's own load_f must refuse to load before
// that can happen.
#include <modsdk/hooks.hpp>
#include <modsdk/log.hpp>
#include <modsdk/memory.hpp>
#include <modsdk/module.hpp>

static_assert(!modsdk::target.core.dbg_malloc, "tests/CMakeLists.txt stamps this module without DBG_MALLOC");

namespace {
void* kept = nullptr;

bool load() {
  kept = modsdk::pkg::malloc(64);
  modsdk::log::info("nodbg load hook ran");
  return kept != nullptr;
}
void destroy() {
  modsdk::pkg::free(kept);
  kept = nullptr;
}
}  // namespace

MODSDK_MODULE(modsdk_nodbg, modsdk::on_load(load), modsdk::on_destroy(destroy));
