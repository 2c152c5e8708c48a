// SPDX-License-Identifier: MIT
// A parameter the cfg may leave out is a trailing one: an optional before a mandatory parameter is refused.
// expect: modsdk: transformation<f>: f's parameters after the value are int, std::string_view
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

#include <optional>

#ifdef MODSDK_CONTROL
int clamp(int in, int, std::optional<int>) { return in; }
#else
int clamp(int in, std::optional<int>, int) { return in; }
#endif
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<clamp>{"clamp"}));
