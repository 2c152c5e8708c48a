// SPDX-License-Identifier: MIT
// A parameter type without convert<T> is refused, pointing at the customisation point.
// expect: modsdk: param<T>: T has no conversion from text
#include <modsdk/params.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<int> ratio{"ratio", 1};
#else
modsdk::param<double> ratio{"ratio", 1.0};
#endif
int main() { return *ratio > 0 ? 0 : 1; }
