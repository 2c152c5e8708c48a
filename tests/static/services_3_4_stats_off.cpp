// SPDX-License-Identifier: MIT
// Stats and MI tables for a 3.4 core built without statistics: the stats section gives the core no table,
// and MI commands use the 3.x mi_export_t (48 recipes of 10 parameter slots, no aliases).
#define MODSDK_TARGET_VERSION "opensips 3.4.18 (x86_64/linux)"
#define MODSDK_TARGET_FLAGS                                                                                 \
  "STATS: Off, DISABLE_NAGLE, USE_MCAST, SHM_MMAP, PKG_MALLOC, Q_MALLOC, F_MALLOC, HP_MALLOC, DBG_MALLOC, " \
  "FAST_LOCK-ADAPTIVE_WAIT"
#include <optional>
#include <string_view>
#include <type_traits>

#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/stats.hpp>
// The core symbols the generated code references, so the program links.
#define MODSDK_TESTING_IMPLEMENTATION
#include <modsdk/testing.hpp>

namespace {
constinit modsdk::counter hits{"hits"};
constinit modsdk::gauge level{"level"};

template <modsdk::detail::fixed_string N>
using p = modsdk::mi_param<int, N>;
int nine(p<"a">, p<"b">, p<"c">, p<"d">, p<"e">, p<"f">, p<"g">, p<"h">, p<"i">) { return 0; }
int show(modsdk::mi_param<std::string_view, "user">, modsdk::mi_param<std::optional<int>, "limit">,
         modsdk::mi_param<std::optional<bool>, "all">) {
  return 0;
}
void other() {}

struct tag {
  static constexpr auto def = modsdk::detail::make_module_def(
      "static_mod", modsdk::stats(hits, level),
      modsdk::mi(MODSDK_MI(nine, nine), MODSDK_MI(show, show, "show"), MODSDK_MI_OVERLOADS(pick, "", other, nine)));
};
using traits = modsdk::detail::def_traits<modsdk::detail::def_t<tag>>;
using stats_section = traits::section_t<0>;
using mi_section = traits::section_t<1>;

// STATS: Off -> no table at all (the objects do nothing)
static_assert(!modsdk::target.core.statistics);
static_assert(stats_section::table<tag>() == nullptr);
static_assert(std::is_trivially_destructible_v<modsdk::counter>);

// the 3.x MI layout
static_assert(sizeof(modsdk::abi::mi_export_3x) == 4256);
static_assert(mi_section::table<tag>() != nullptr);
constexpr const auto& rows = mi_section::rows<tag>;  // (named first: clang 14 cannot subscript rows<tag> in decltype)
static_assert(std::is_same_v<std::remove_cvref_t<decltype(rows[0])>, modsdk::abi::mi_export_3x>);
static_assert(rows.size() == 4);
static_assert(rows[3].name == nullptr);

constexpr bool names_are(const modsdk::abi::mi_recipe<10>& r, std::initializer_list<std::string_view> names) {
  int i = 0;
  for (auto n : names)
    if (!r.params[i] || std::string_view(r.params[i++]) != n) return false;
  return r.params[i] == nullptr;
}
// nine parameters fill 9 of the 10 slots, the 10th ends the list
static_assert(names_are(rows[0].recipes[0], {"a", "b", "c", "d", "e", "f", "g", "h", "i"}));
static_assert(rows[0].recipes[1].cmd == nullptr);
// two optional parameters: 4 recipes, in subset order
static_assert(names_are(rows[1].recipes[0], {"user"}));
static_assert(names_are(rows[1].recipes[1], {"user", "limit"}));
static_assert(names_are(rows[1].recipes[2], {"user", "all"}));
static_assert(names_are(rows[1].recipes[3], {"user", "limit", "all"}));
static_assert(rows[1].recipes[4].cmd == nullptr);
static_assert(rows[1].recipes[0].cmd != rows[1].recipes[1].cmd);  // one trampoline per recipe
// overloads: the recipes of each handler, in order
static_assert(names_are(rows[2].recipes[0], {}));
static_assert(names_are(rows[2].recipes[1], {"a", "b", "c", "d", "e", "f", "g", "h", "i"}));
static_assert(rows[2].recipes[1].cmd == rows[0].recipes[0].cmd);  // the same handler, the same trampoline
}  // namespace

int main() {
  hits.inc();  // statistics off: a no-op
  return hits.value() == 0 && level.value() == 0 && !hits.registered() ? 0 : 1;
}
