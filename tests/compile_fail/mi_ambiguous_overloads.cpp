// SPDX-License-Identifier: MIT
// Two handlers of one MI command that take the same parameter names cannot be told apart by the core.
// expect: the core could not tell them apart
#include <string_view>

#include <modsdk/modsdk.hpp>

namespace {
int by_name(modsdk::mi_param<std::string_view, "name"> n) { return static_cast<int>(n->size()); }
#ifdef MODSDK_CONTROL
int by_id(modsdk::mi_param<int, "id"> id) { return *id; }
#else
int by_id(modsdk::mi_param<int, "name"> id) { return *id; }
#endif
}  // namespace

MODSDK_MODULE(mi_test, modsdk::mi(MODSDK_MI_OVERLOADS(lookup, "by name or id", by_name, by_id)));
