// SPDX-License-Identifier: MIT
// A transformation's parameters are literals of the cfg: int or text (trailing ones optional), not a double.
// expect: modsdk: transformation<f>: f's parameters after the value are int, std::string_view
#include <modsdk/module.hpp>
#include <modsdk/transformations.hpp>

#include <string>
#include <string_view>

#ifdef MODSDK_CONTROL
std::string scale(std::string_view in, int) { return std::string(in); }
#else
std::string scale(std::string_view in, double) { return std::string(in); }
#endif
MODSDK_MODULE(tr_mod, modsdk::transformations("probe", modsdk::transformation<scale>{"scale"}));
