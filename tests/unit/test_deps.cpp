// SPDX-License-Identifier: MIT
// modsdk::deps(...): the dep_export_t table the core reads (module dependencies with the profile's
// DEP_* values, modparam dependencies and their get_deps_f), checked as the core would read it.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <string_view>

#include <modsdk/abi/select.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/testing.hpp>

namespace abi = modsdk::abi;
using modsdk::dep;
using modsdk::module_type;
using modsdk::testing::core;
using modsdk::testing::host;
using modsdk::testing::leak_check;

using profile_abi = abi::for_profile_t<modsdk::target.profile>;
static_assert(dep::reverse_init.bits() == profile_abi::dep_reverse_init);
static_assert(modsdk::target.profile < modsdk::profile::v3_6 || dep::reverse_init.bits() == (8u | 32u),
              "3.6+ reverses mod_init and child_init (MINIT|CINIT)");
static_assert((dep::warn | dep::reverse_destroy).bits() == (abi::dep_warn | 16u));

namespace {
modsdk::param<std::string_view> db_url{"db_url"};
modsdk::param<int> cache_size{"cache_size", 0};
}  // namespace

MODSDK_DEFINE_MODULE(deps_mod, with_deps, modsdk::params(db_url, cache_size),
                     modsdk::deps(modsdk::needs("sl"), modsdk::needs("dialog", dep::optional),
                                  modsdk::needs("tm", dep::warn | dep::reverse_destroy),
                                  modsdk::needs("uac", dep::reverse), modsdk::needs_after("rtp_relay"),
                                  modsdk::needs_any(module_type::aaa), modsdk::param_needs(db_url, module_type::sqldb),
                                  modsdk::param_needs(cache_size, module_type::cachedb, "cachedb_local",
                                                      dep::required)));

MODSDK_DEFINE_MODULE(no_param_deps_mod, few_deps, modsdk::deps(modsdk::needs("sl")));

namespace {
// The core's view: a fixed md[10] followed by the flexible mpd[].
const abi::dep_export<2>& table() { return *static_cast<const abi::dep_export<2>*>(deps_mod.deps); }

abi::module_dependency* call_get_deps(const char* param) {
  for (const abi::modparam_dependency* m = table().mpd; m->script_param; ++m)
    if (std::strcmp(m->script_param, param) == 0) {
      for (const abi::param_export* p = deps_mod.params; p->name; ++p)
        if (std::strcmp(p->name, param) == 0) return m->get_deps_f(p);
    }
  FAIL("no modparam dependency for " << param);
  return nullptr;
}
void pkg_free(void* p) { modsdk::detail::mem::pkg_free(p, modsdk::detail::source_location::current()); }
}  // namespace

TEST_CASE("module dependencies: names, types and DEP_* flags of this profile, terminated") {
  const auto& md = table().md;
  CHECK(std::string(md[0].mod_name) == "sl");
  CHECK(md[0].mod_type == abi::mod_type_default);
  CHECK(md[0].type == abi::dep_abort);
  CHECK(std::string(md[1].mod_name) == "dialog");
  CHECK(md[1].type == abi::dep_silent);
  CHECK(std::string(md[2].mod_name) == "tm");
  CHECK(md[2].type == (abi::dep_warn | profile_abi::dep_reverse_destroy));
  CHECK(std::string(md[3].mod_name) == "uac");
  CHECK(md[3].type == (abi::dep_abort | profile_abi::dep_reverse_init | profile_abi::dep_reverse_destroy));
  CHECK(std::string(md[4].mod_name) == "rtp_relay");
  CHECK(md[4].type == (abi::dep_silent | profile_abi::dep_reverse_init));
  CHECK(md[5].mod_name == nullptr);  // generic: any module of the type
  CHECK(md[5].mod_type == abi::mod_type_aaa);
  CHECK(md[5].type == abi::dep_abort);
  CHECK(md[6].mod_type == abi::mod_type_null);
}

TEST_CASE("modparam dependencies point at the parameters' own names and end with NULL") {
  const auto& mpd = table().mpd;
  CHECK(std::string(mpd[0].script_param) == "db_url");
  CHECK(mpd[0].script_param == deps_mod.params[0].name);  // the same buffer the params table uses
  CHECK(std::string(mpd[1].script_param) == "cache_size");
  CHECK(mpd[2].script_param == nullptr);
  CHECK(mpd[2].get_deps_f == nullptr);
}

TEST_CASE("a module with no modparam dependencies still ends mpd") {
  const auto& t = *static_cast<const abi::dep_export<0>*>(no_param_deps_mod.deps);
  CHECK(std::string(t.md[0].mod_name) == "sl");
  CHECK(t.md[1].mod_type == abi::mod_type_null);
  CHECK(t.mpd[0].script_param == nullptr);
}

TEST_CASE("get_deps_f: nothing until the parameter is set to a non-empty value, then a pkg array") {
  leak_check lc;
  host h{deps_mod};
  CHECK(call_get_deps("db_url") == nullptr);
  REQUIRE(h.modparam("db_url", ""));
  CHECK(call_get_deps("db_url") == nullptr);  // set but empty: not in use
  REQUIRE(h.modparam("db_url", "mysql://db"));
  abi::module_dependency* md = call_get_deps("db_url");
  REQUIRE(md != nullptr);
  CHECK(md[0].mod_type == abi::mod_type_sqldb);
  CHECK(md[0].mod_name == nullptr);
  CHECK(md[0].type == abi::dep_warn);
  CHECK(md[1].mod_type == abi::mod_type_null);
  CHECK(core().pkg_blocks() >= 1);
  pkg_free(md);  // the core keeps (and never frees) it; the test does

  CHECK(call_get_deps("cache_size") == nullptr);
  REQUIRE(h.modparam("cache_size", 0));  // a non-string parameter is in use once set
  md = call_get_deps("cache_size");
  REQUIRE(md != nullptr);
  CHECK(md[0].mod_type == abi::mod_type_cachedb);
  CHECK(std::string(md[0].mod_name) == "cachedb_local");
  CHECK(md[0].type == abi::dep_abort);
  pkg_free(md);
  CHECK(lc.clean());
}
