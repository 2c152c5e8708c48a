// SPDX-License-Identifier: MIT
// Module-level guarantees of modparams and module state: every object is constant-initialised
// (constinit compiles) and trivially destructible, whatever its value type, and holds its defaults
// before any code of the module has run.
#include <catch2/catch.hpp>
#include <chrono>
#include <string_view>
#include <type_traits>

#include <modsdk/hooks.hpp>
#include <modsdk/params.hpp>
#include <modsdk/params_group.hpp>
#include <modsdk/state.hpp>

using namespace std::chrono_literals;

namespace app {
enum class mode { a, b };
struct settings {
  std::chrono::seconds timeout{5};
  std::string_view url;
  mode how = mode::a;
};
MODSDK_FIELDS(settings, timeout, url, how);
}  // namespace app
template <>
struct modsdk::enum_names<app::mode> {
  static constexpr modsdk::enum_name<app::mode> names[] = {{"a", app::mode::a}, {"b", app::mode::b}};
};

namespace {
constinit modsdk::param<int> p_int{"p_int", 3, [](int v) { return v > 0; }};
constinit modsdk::param<bool> p_bool{"p_bool", true};
constinit modsdk::param<std::string_view> p_text{
    "p_text", "x", [](std::string_view s) -> const char* { return s.empty() ? "empty" : nullptr; }};
constinit modsdk::param<std::string_view> p_req{"p_req", modsdk::required};
constinit modsdk::param<std::chrono::milliseconds> p_ms{"p_ms", 2s};
constinit modsdk::param<app::mode> p_mode{"p_mode", app::mode::b};
constinit modsdk::param_list<std::string_view> p_list{"p_list"};
constinit modsdk::param_group<app::settings> p_group{"g_"};
constinit modsdk::shared<int> s_shared;
constinit modsdk::per_process<app::settings> s_private{[](modsdk::process_rank) { return app::settings{}; }};

template <class T>
constexpr bool module_level_ok = std::is_trivially_destructible_v<T>;
static_assert(module_level_ok<decltype(p_int)> && module_level_ok<decltype(p_bool)> &&
              module_level_ok<decltype(p_text)> && module_level_ok<decltype(p_ms)> &&
              module_level_ok<decltype(p_mode)> && module_level_ok<decltype(p_list)> &&
              module_level_ok<decltype(p_group)> && module_level_ok<decltype(s_shared)> &&
              module_level_ok<decltype(s_private)>);

// hooks and sections are literal values that live in the module's constexpr definition
constexpr auto init_hook = modsdk::on_init([] { return 0; });
constexpr auto child_hook = modsdk::on_child_init([](int) {});
static_assert(decltype(init_hook)::kind == modsdk::detail::section_kind::hook);
static_assert(decltype(child_hook)::kind == modsdk::detail::section_kind::hook);
static_assert(decltype(modsdk::params(p_int, p_list, p_group))::entries == 1 + 1 + 3);
static_assert(decltype(modsdk::state(s_shared, s_private))::kind == modsdk::detail::section_kind::state);
}  // namespace

TEST_CASE("constant-initialised parameters hold their defaults before the module is loaded") {
  CHECK(*p_int == 3);
  CHECK(*p_bool);
  CHECK(*p_text == "x");
  CHECK(p_req->empty());
  CHECK(*p_ms == 2s);
  CHECK(*p_mode == app::mode::b);
  CHECK(p_list.empty());
  CHECK(p_group->timeout == 5s);
  CHECK(p_group.param_name(2) == "g_how");
  CHECK_FALSE(p_int.is_set());
  CHECK_FALSE(s_shared.ready());
  CHECK_FALSE(s_private.ready());
}
