// SPDX-License-Identifier: MIT
// A route name is one the cfg can write in route[...]: letters, digits, '_', '-', '.'.
// expect: modsdk_script_route_error_name_must_be_1_to_255_letters_digits_underscores_dashes_or_dots
#include <modsdk/module.hpp>
#include <modsdk/script_routes.hpp>

#ifdef MODSDK_CONTROL
constinit modsdk::script_route screening{"screening"};
#else
constinit modsdk::script_route screening{"screening route"};
#endif
MODSDK_MODULE(route_mod, modsdk::script_routes(screening));
