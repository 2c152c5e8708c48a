// SPDX-License-Identifier: MIT
// A std::string parameter would need a destructor at exit (inside a signal handler): use string_view.
// expect: modsdk: param<std::string> is not allowed
#include <string>
#include <string_view>

#include <modsdk/params.hpp>

#ifdef MODSDK_CONTROL
modsdk::param<std::string_view> name{"name", "default"};
#else
modsdk::param<std::string> name{"name", "default"};
#endif
int main() { return name->empty(); }
