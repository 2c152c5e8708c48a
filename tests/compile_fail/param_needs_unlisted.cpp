// SPDX-License-Identifier: MIT
// param_needs(p, ...) must name a parameter the module lists in modsdk::params (the core matches by name).
// expect: modsdk_error_param_needs_a_parameter_that_is_not_in_params
#include <string_view>

#include <modsdk/deps.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>

namespace {
modsdk::param<std::string_view> db_url{"db_url"};
modsdk::param<int> other{"other"};
}  // namespace
#ifdef MODSDK_CONTROL
MODSDK_MODULE(deps_test, modsdk::params(db_url, other),
              modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)));
#else
MODSDK_MODULE(deps_test, modsdk::params(other), modsdk::deps(modsdk::param_needs(db_url, modsdk::module_type::sqldb)));
#endif
