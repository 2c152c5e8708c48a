// SPDX-License-Identifier: MIT
// A tiny modsdk module built as a real .so (modsdk_add_module) for test_testing_so, which loads it with
// the test kit's host::load: its log lines, pkg memory and version strings go through the fake core's
// symbols, resolved by the dynamic loader against the test executable (-rdynamic).
#include <modsdk/detail/memory.hpp>
#include <modsdk/hooks.hpp>
#include <modsdk/log.hpp>
#include <modsdk/module.hpp>

namespace {
void* kept = nullptr;

void init() {
  modsdk::log::info("tiny init {}", 42);
  kept = modsdk::detail::mem::pkg_malloc(33, modsdk::detail::source_location::current());
}
void child(int rank) { modsdk::log::notice("tiny child {}", rank); }
void destroy() {
  modsdk::detail::mem::pkg_free(kept, modsdk::detail::source_location::current());
  kept = nullptr;
}
}  // namespace

MODSDK_MODULE(modsdk_tiny, modsdk::on_init(init), modsdk::on_child_init(child), modsdk::on_destroy(destroy));
