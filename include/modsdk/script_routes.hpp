// SPDX-License-Identifier: MIT
/// @file Script routes run from C++: a `route[name]` of the cfg, looked up at startup and run for the message
/// at hand, its return value read back.
///
///     constinit modsdk::script_route screening{"screening"};      // route[screening] { ... return(2); }
///
///     bool screen(modsdk::request& req) {
///       const int rc = screening.run(req);                      // what `route(screening); $rc` would see
///       return rc > 0;
///     }
///     MODSDK_MODULE(new_module, modsdk::functions(MODSDK_FN(screen)), modsdk::script_routes(screening));
///
/// Listing the handle in modsdk::script_routes(...) looks the route up in mod_init: a cfg without it stops
/// the start with `route "screening" is not defined in the script`. run() enters the route as the core's
/// `route(name)` does (a route level of that name: the route stack, no `$param(n)`), runs its actions
/// and returns what it returned, as `$rc` reads it after `route(name)`: its `return(n)` value, the value
/// of its last action when it ends without one, 0 after `exit` or `drop` (which also end the calling
/// script, as from `route(name)`); -1 (logged) when the cfg has no such route. It is for a message being processed by a
/// SIP worker: a script function, a script callback, a context the core set up; a handle not listed is looked up on its
/// first run.
#pragma once
#include <modsdk/config.hpp>
#include <string_view>

#include <modsdk/impl/script.hpp>
#include <modsdk/message.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail {
// Named so that the compiler's error names the problem when a route name is refused.
void modsdk_script_route_error_name_must_be_1_to_255_letters_digits_underscores_dashes_or_dots();

consteval const char* checked_route_name(const char* name) {
  std::string_view n = name ? std::string_view(name) : std::string_view{};
  bool ok = !n.empty() && n.size() <= 255;
  for (char c : n)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
                c == '.');
  if (!ok) modsdk_script_route_error_name_must_be_1_to_255_letters_digits_underscores_dashes_or_dots();
  return name;
}
}  // namespace detail

/// A request route of the cfg (`route[name] { ... }`) by name.
class script_route : public detail::script_route_base {
 public:
  /// `name`: as the cfg writes it in `route[name]`.
  consteval explicit script_route(const char* name) : script_route_base(detail::checked_route_name(name)) {}

  /// Runs the route for `msg`; returns what it returned (see the file's comment).
  int run(message& msg) noexcept { return detail::run_script_route(*this, msg.raw()); }
  /// Whether the cfg defines the route (looked up now when it was not yet).
  bool defined() noexcept { return resolve(false); }
};

/// The module's script routes, looked up in mod_init (a missing one fails the start, naming it).
template <class... R>
constexpr auto script_routes(R&... r) {
  static_assert((std::is_same_v<R, script_route> && ...),
                "modsdk: script_routes(...) takes modsdk::script_route objects (declared constinit at namespace "
                "scope)");
  static_assert(sizeof...(R) > 0, "modsdk: script_routes() needs at least one modsdk::script_route");
  return detail::script_routes_section<sizeof...(R)>{{static_cast<detail::script_route_base*>(&r)...}};
}

MODSDK_END_NAMESPACE
