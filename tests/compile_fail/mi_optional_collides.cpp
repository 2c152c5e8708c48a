// SPDX-License-Identifier: MIT
// An optional parameter makes a recipe without it; another handler taking exactly the rest collides.
// expect: the core could not tell them apart
#include <optional>

#include <modsdk/modsdk.hpp>

namespace {
int show(modsdk::mi_param<int, "id"> id, modsdk::mi_param<std::optional<int>, "depth"> d) {
  return *id + d->value_or(0);
}
#ifdef MODSDK_CONTROL
int show_all() { return 0; }
#else
int show_all(modsdk::mi_param<int, "id"> id) { return *id; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI_OVERLOADS(show, "show", show, show_all)));
