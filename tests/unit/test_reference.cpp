// SPDX-License-Identifier: MIT
// modsdk::reference_of / MODSDK_MODULE_REFERENCE: the generated reference says what the declarations say
// (and reference_from_exports what the C tables say), as a model, as Markdown and as JSON.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/async.hpp>
#include <modsdk/db.hpp>
#include <modsdk/deps.hpp>
#include <modsdk/functions.hpp>
#include <modsdk/mi.hpp>
#include <modsdk/module.hpp>
#include <modsdk/params.hpp>
#include <modsdk/params_group.hpp>
#include <modsdk/procs.hpp>
#include <modsdk/reference.hpp>
#include <modsdk/stats.hpp>
#include <modsdk/testing.hpp>

using namespace std::chrono_literals;

namespace refmod {
enum class mode { fast, safe };
struct limits {
  int burst;
  std::chrono::seconds window;
};
MODSDK_FIELDS(limits, burst, window);
}  // namespace refmod

template <>
struct modsdk::enum_names<refmod::mode> {
  static constexpr modsdk::enum_name<refmod::mode> names[] = {{"fast", refmod::mode::fast},
                                                              {"safe", refmod::mode::safe}};
};

namespace {
modsdk::param<int> workers{"workers", 4, [](int n) { return n > 0; }};
modsdk::param<std::string_view> db_url{"db_url"};
modsdk::param<std::string_view> api_key{"api_key", modsdk::required};
modsdk::param<std::chrono::milliseconds> timeout{"timeout", 2s};
modsdk::param<refmod::mode> mode{"mode", refmod::mode::safe};
modsdk::param<bool> verbose{"verbose", true};
modsdk::param_list<std::string_view> peers{"peer"};
modsdk::param_group<refmod::limits> lim{"limit_", refmod::limits{10, 60s}};

constinit modsdk::counter hits{"hits"};
constinit modsdk::gauge active{"active"};

std::string_view show(modsdk::mi_param<std::string_view, "user"> user,
                      modsdk::mi_param<std::optional<int>, "limit"> /*limit*/) {
  return *user;
}
void flush() {}

void loop(int) {}

struct code {
  int v;
};
}  // namespace
template <>
struct modsdk::convert<code> {
  static constexpr std::string_view expected = "a code from 1 to 9";
  static std::optional<code> from_int(int v) {
    if (v < 1 || v > 9) return std::nullopt;
    return code{v};
  }
};
namespace {
bool tag(modsdk::message&, std::string_view, int) { return true; }
bool tag(modsdk::message&, std::string_view) { return true; }
int count(modsdk::variable, std::optional<modsdk::regex>) { return 1; }
modsdk::result judge(modsdk::reply&, code) { return modsdk::result::ok(); }
void noop() {}
bool later(modsdk::message&, modsdk::async_context&, std::string_view) { return true; }

MODSDK_DEFINE_MODULE(ref_exports, refmod,
                     modsdk::functions(MODSDK_OVERLOADS(tag, bool(modsdk::message&, std::string_view, int),
                                                        bool(modsdk::message&, std::string_view)),
                                       MODSDK_FN(count), MODSDK_FN(judge), MODSDK_FN(noop, modsdk::route::startup)),
                     modsdk::async_functions(MODSDK_FN(later)),
                     modsdk::params(workers, db_url, api_key, timeout, mode, verbose, peers, lim),
                     modsdk::stats(hits, active),
                     modsdk::mi(MODSDK_MI(show, show, "shows a user"), MODSDK_MI(flush, flush)),
                     modsdk::deps(modsdk::needs("sl"), modsdk::needs("dialog", modsdk::dep::optional),
                                  modsdk::param_needs(db_url, modsdk::module_type::sqldb)),
                     modsdk::procs(modsdk::process_def{"sync", 2, loop, modsdk::process_flag::init_child}));
}  // namespace

TEST_CASE("the reference lists every script function with its parameters, routes and returns") {
  auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  REQUIRE(r.functions.size() == 5);

  auto* tag = r.function("tag");
  REQUIRE(tag);
  CHECK(tag->routes == std::vector<std::string>{"REQUEST_ROUTE", "FAILURE_ROUTE", "ONREPLY_ROUTE", "BRANCH_ROUTE",
                                                "ERROR_ROUTE", "LOCAL_ROUTE"});
  REQUIRE(tag->params.size() == 2);
  CHECK(tag->params[0].accepts == std::vector<std::string>{"string"});
  CHECK(tag->params[0].type == "std::string_view");
  CHECK_FALSE(tag->params[0].optional);
  CHECK(tag->params[1].accepts == std::vector<std::string>{"int"});
  CHECK(tag->params[1].optional);  // the shorter overload makes it optional
  CHECK(tag->returns == "1 (true) or -1 (false)");

  auto* count = r.function("count");
  REQUIRE(count);
  CHECK(count->routes.size() == 9);  // no message: every route
  CHECK(count->params[0].accepts == std::vector<std::string>{"variable"});
  CHECK(count->params[0].type == "modsdk::variable");
  CHECK(count->params[1].type == "std::optional<modsdk::regex>");
  CHECK(count->params[1].optional);
  CHECK(count->returns == "its own code in $rc (positive is true, negative false)");

  auto* judge = r.function("judge");
  REQUIRE(judge);
  CHECK(judge->routes == std::vector<std::string>{"ONREPLY_ROUTE"});
  CHECK(judge->params[0].type == "code");
  CHECK(judge->params[0].accepts == std::vector<std::string>{"int"});
  CHECK(judge->params[0].expected == "a code from 1 to 9");

  auto* noop = r.function("noop");
  REQUIRE(noop);
  CHECK(noop->routes == std::vector<std::string>{"STARTUP_ROUTE"});
  CHECK(noop->params.empty());
  CHECK(noop->returns == "1 (true)");

  auto* later = r.function("later");
  REQUIRE(later);
  CHECK(later->async);
  CHECK(later->routes.empty());
  REQUIRE(later->params.size() == 1);
  CHECK(later->params[0].type == "std::string_view");

  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("### tag(text[, number])\n"));
  CHECK_THAT(md, Catch::Contains("### count($var[, regex])\n"));
  CHECK_THAT(md, Catch::Contains("### judge(code)\n"));
  CHECK_THAT(md, Catch::Contains("- *code* (int) - C++ `code`: a code from 1 to 9\n"));
  CHECK_THAT(md, Catch::Contains("This function can be used from ONREPLY_ROUTE.\n"));
  CHECK_THAT(md, Catch::Contains("## Exported Asynchronous Functions\n\n### later(text)\n"));
}

TEST_CASE("the reference lists every modparam with its type and default") {
  auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  CHECK(r.name == "refmod");
  CHECK(r.target_version == modsdk::target.version);
  REQUIRE(r.params.size() == 9);

  auto* w = r.param("workers");
  REQUIRE(w);
  CHECK(w->type == "int");
  CHECK(w->default_text == "4");
  CHECK(w->default_json == "4");
  CHECK(w->expected == "an integer from -2147483648 to 2147483647");
  CHECK(w->accepts == std::vector<std::string>{"string", "int"});
  CHECK(w->validated);
  CHECK_FALSE(w->required);

  auto* key = r.param("api_key");
  REQUIRE(key);
  CHECK(key->required);
  CHECK_FALSE(key->validated);
  CHECK(key->default_json == "null");

  auto* t = r.param("timeout");
  REQUIRE(t);
  CHECK(t->type == "duration");
  CHECK(t->default_text == "\"2s\"");

  auto* m = r.param("mode");
  REQUIRE(m);
  CHECK(m->type == "enum refmod::mode");
  CHECK(m->expected == "one of fast, safe");
  CHECK(m->default_json == "\"safe\"");

  auto* v = r.param("verbose");
  REQUIRE(v);
  CHECK(v->type == "boolean");
  CHECK(v->default_json == "true");

  auto* p = r.param("peer");
  REQUIRE(p);
  CHECK(p->repeatable);
  CHECK(p->type == "string");
  CHECK(p->default_json == "null");

  auto* burst = r.param("limit_burst");
  REQUIRE(burst);
  CHECK(burst->default_text == "10");
  auto* window = r.param("limit_window");
  REQUIRE(window);
  CHECK(window->default_text == "\"1m\"");
}

TEST_CASE("the reference lists statistics, MI recipes, dependencies and processes") {
  auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  REQUIRE(r.stats.size() == 2);
  CHECK(r.stats[0].name == "hits");
  CHECK(r.stats[1].name == "active");

  REQUIRE(r.mi.size() == 2);
  CHECK(r.mi[0].name == "show");
  CHECK(r.mi[0].help == "shows a user");
  // the optional `limit` makes two recipes
  REQUIRE(r.mi[0].recipes.size() == 2);
  CHECK(r.mi[0].recipes[0] == std::vector<std::string>{"user"});
  CHECK(r.mi[0].recipes[1] == std::vector<std::string>{"user", "limit"});
  REQUIRE(r.mi[1].recipes.size() == 1);
  CHECK(r.mi[1].recipes[0].empty());

  REQUIRE(r.deps.size() == 3);
  CHECK(r.deps[0].module == "sl");
  CHECK(r.deps[0].level == "required");
  CHECK(r.deps[1].module == "dialog");
  CHECK(r.deps[1].level == "optional");
  CHECK(r.deps[2].when_param == "db_url");

  REQUIRE(r.procs.size() == 1);
  CHECK(r.procs[0].name == "sync");
  CHECK(r.procs[0].count == 2);
  CHECK(r.procs[0].flags == std::vector<std::string>{"init-child"});
}

// A module with two databases: one it cannot run without (capabilities, a table version), one optional.
namespace {
modsdk::param<modsdk::db::url> store_url{"store_url"};
modsdk::param<modsdk::db::url> audit_url{"audit_url"};
modsdk::db::database store{
    store_url,
    {.needs = modsdk::db::cap::query | modsdk::db::cap::insert_update, .tables = {{"subscribers", 3}, {"aliases", 1}}}};
modsdk::db::database audit{audit_url, {.needs = modsdk::db::cap::insert, .optional = true}};
MODSDK_DEFINE_MODULE(ref_db_exports, refdb, modsdk::params(store_url, audit_url), modsdk::databases(store, audit));
}  // namespace

TEST_CASE("the reference lists the databases a module needs: capabilities, tables and versions") {
  auto r = MODSDK_MODULE_REFERENCE(ref_db_exports);
  REQUIRE(r.databases.size() == 2);
  CHECK(r.databases[0].param == "store_url");
  CHECK_FALSE(r.databases[0].optional);
  CHECK(r.databases[0].capabilities ==
        std::vector<std::string>{"query (DB_CAP_QUERY)", "insert-update (DB_CAP_INSERT_UPDATE)"});
  REQUIRE(r.databases[0].tables.size() == 2);
  CHECK(r.databases[0].tables[0].name == "subscribers");
  CHECK(r.databases[0].tables[0].version == 3);
  CHECK(r.databases[0].tables[1].name == "aliases");
  CHECK(r.databases[0].tables[1].version == 1);
  CHECK(r.databases[1].param == "audit_url");
  CHECK(r.databases[1].optional);
  CHECK(r.databases[1].capabilities == std::vector<std::string>{"insert (DB_CAP_INSERT)"});
  CHECK(r.databases[1].tables.empty());

  // a URL parameter without a default has none (not ""), and is required when its database is
  auto* su = r.param("store_url");
  REQUIRE(su);
  CHECK(su->default_text.empty());
  CHECK(r.database_needs("store_url"));
  CHECK_FALSE(r.database_needs("audit_url"));

  const std::string md = r.markdown();
  CHECK_THAT(md, Catch::Contains("### Databases\n\n- the database `store_url` names (required)"));
  CHECK_THAT(md, Catch::Contains("the driver must offer: query (DB_CAP_QUERY), insert-update (DB_CAP_INSERT_UPDATE)."));
  CHECK_THAT(md, Catch::Contains("  - table `subscribers`, version 3 "));
  CHECK_THAT(md, Catch::Contains("- the database `audit_url` names (optional: "));
  CHECK_THAT(md, Catch::Contains("### store_url (db::url)\n\nAccepts a database URL like "
                                 "mysql://user:password@host/database.\n\n*This parameter is required.*\n"));
  CHECK_THAT(md, Catch::Contains("modparam(\"refdb\", \"store_url\", \"...\")"));
  CHECK_THAT(md, Catch::Contains("modparam(\"refdb\", \"audit_url\", \"...\")"));
  CHECK_THAT(md, !Catch::Contains("Default value"));
  CHECK_THAT(md, !Catch::Contains("Default value is \"\""));
  CHECK_THAT(md, !Catch::Contains("\"\")"));  // no modparam example with an empty URL

  const std::string js = r.json();
  CHECK_THAT(
      js, Catch::Contains("{\"param\": \"store_url\", \"optional\": false, \"capabilities\": [\"query "
                          "(DB_CAP_QUERY)\", \"insert-update (DB_CAP_INSERT_UPDATE)\"], \"tables\": "
                          "[{\"name\": \"subscribers\", \"version\": 3}, {\"name\": \"aliases\", \"version\": 1}]}"));
  CHECK_THAT(js, Catch::Contains("{\"name\": \"store_url\", \"type\": \"db::url\", \"accepts\": [\"string\", \"int\"], "
                                 "\"default\": null, \"required\": true"));
  CHECK_THAT(js, Catch::Contains("{\"name\": \"audit_url\", \"type\": \"db::url\", \"accepts\": [\"string\", \"int\"], "
                                 "\"default\": null, \"required\": false"));
}

TEST_CASE("the Markdown reference is shaped like an OpenSIPS module README") {
  const std::string md = MODSDK_MODULE_REFERENCE(ref_exports).markdown();
  CHECK_THAT(md, Catch::StartsWith("# refmod Module\n"));
  CHECK_THAT(md, Catch::Contains("## Exported Parameters\n\n### workers (int)\n"));
  CHECK_THAT(md, Catch::Contains("*Default value is 4.*"));
  CHECK_THAT(md, Catch::Contains("### api_key (string)\n\n*This parameter is required.*"));
  CHECK_THAT(md, Catch::Contains("modparam(\"refmod\", \"timeout\", \"2s\")"));
  CHECK_THAT(md, Catch::Contains("### peer (string)\n"));
  CHECK_THAT(md, Catch::Contains("every `modparam` line adds one value"));
  CHECK_THAT(md, Catch::Contains("## Exported Statistics\n\n### hits\n"));
  CHECK_THAT(md, Catch::Contains("## Exported MI Functions\n\n### show\n\nshows a user\n"));
  CHECK_THAT(md, Catch::Contains("- user, limit\n"));
  CHECK_THAT(md, Catch::Contains("- *sl* (required)"));
}

TEST_CASE("the JSON manifest carries the same facts") {
  const std::string js = MODSDK_MODULE_REFERENCE(ref_exports).json();
  CHECK_THAT(js, Catch::StartsWith("{\n  \"module\": \"refmod\",\n"));
  CHECK_THAT(js, Catch::Contains("{\"name\": \"workers\", \"type\": \"int\", \"accepts\": [\"string\", \"int\"], "
                                 "\"default\": 4, \"required\": false, \"repeatable\": false, \"validated\": true"));
  CHECK_THAT(js, Catch::Contains("\"default\": \"2s\""));
  CHECK_THAT(js, Catch::Contains("\"recipes\": [[\"user\"], [\"user\", \"limit\"]]"));
  CHECK_THAT(js, Catch::Contains("{\"name\": \"sync\", \"count\": 2, \"flags\": [\"init-child\"]}"));
}

TEST_CASE("from the C tables alone, parameters have names but no types") {
  auto r = modsdk::reference_from_exports(ref_exports);
  REQUIRE(r.params.size() == 9);
  CHECK(r.params[0].name == "workers");
  CHECK(r.params[0].type.empty());
  CHECK(r.params[0].default_json == "null");
  CHECK(r.mi.size() == 2);
  CHECK(r.deps.size() == 3);
}

TEST_CASE("reference_main writes the files its command line asks for") {
  auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  char prog[] = "gen", bad[] = "--html", dash[] = "-";
  char* argv_bad[] = {prog, bad, dash};
  CHECK(modsdk::reference_main(r, 3, argv_bad) == 2);
  char* argv_short[] = {prog};
  CHECK(modsdk::reference_main(r, 1, argv_short) == 2);
}

TEST_CASE("the runtime libraries are the NEEDED entries of objdump -p or readelf -d output") {
  const std::string objdump =
      "\nnew_module.so:     file format elf64-x86-64\n\nProgram Header:\n"
      "    LOAD off    0x0000000000000000 vaddr 0x0000000000000000 paddr 0x0000000000000000 align 2**12\n\n"
      "Dynamic Section:\n  NEEDED               libfmt.so.9\n  NEEDED               libstdc++.so.6\n"
      "  NEEDED               libc.so.6\n  INIT                 0x0000000000003000\n\n"
      "Version References:\n  required from libc.so.6:\n    0x09691a75 0x00 03 GLIBC_2.2.5\n";
  const std::vector<std::string> want{"libfmt.so.9", "libstdc++.so.6", "libc.so.6"};
  CHECK(modsdk::runtime_libraries_from(objdump) == want);
  const std::string readelf =
      "\nDynamic section at offset 0x1cdc8 contains 27 entries:\n"
      "  Tag        Type                         Name/Value\n"
      " 0x0000000000000001 (NEEDED)             Shared library: [libfmt.so.9]\r\n"
      " 0x0000000000000001 (NEEDED)             Shared library: [libstdc++.so.6]\n"
      " 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]\n"
      " 0x000000000000000c (INIT)               0x3000\n";
  CHECK(modsdk::runtime_libraries_from(readelf) == want);
  CHECK(modsdk::runtime_libraries_from("").empty());
  CHECK(modsdk::runtime_libraries_from("Dynamic Section:\n  SONAME  x.so\n  NEEDED\n").empty());
}

TEST_CASE("the reference lists the runtime libraries only when the build read them from the .so") {
  auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  CHECK_FALSE(r.runtime_libraries);
  CHECK_THAT(r.json(), Catch::Contains("\n  \"runtime_libraries\": null,\n"));
  CHECK_THAT(r.markdown(), !Catch::Contains("External Libraries"));

  r.runtime_libraries = std::vector<std::string>{"libstdc++.so.6", "libgcc_s.so.1", "libc.so.6"};
  CHECK_THAT(r.json(), Catch::Contains("\n  \"runtime_libraries\": [\"libstdc++.so.6\", \"libgcc_s.so.1\", "
                                       "\"libc.so.6\"],\n  \"functions\": ["));
  // in Dependencies, after the modules, as an OpenSIPS README lists external libraries
  CHECK_THAT(r.markdown(), Catch::Contains("- *sl* (required)\n"));
  CHECK_THAT(r.markdown(), Catch::Contains("\n### External Libraries or Applications\n\nRuntime libraries (NEEDED by "
                                           "`refmod.so`): libstdc++.so.6, libgcc_s.so.1, libc.so.6.\n\n"
                                           "## Exported Parameters\n"));
}

namespace {
std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("reference_main --needed-from reads the objdump output of the built .so") {
  const auto dir = std::filesystem::temp_directory_path() / ("modsdk_test_reference." + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string dump = (dir / "so.dump").string(), empty = (dir / "empty.dump").string(),
                    json = (dir / "out.json").string(), md = (dir / "out.md").string();
  std::ofstream(dump) << "Dynamic Section:\n  NEEDED               libstdc++.so.6\n  NEEDED               libc.so.6\n";
  std::ofstream(empty) << "not a dump\n";
  const auto r = MODSDK_MODULE_REFERENCE(ref_exports);
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "gen");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return modsdk::reference_main(r, static_cast<int>(argv.size()), argv.data());
  };

  // wherever --needed-from is given, both outputs carry the libraries
  REQUIRE(run({"--json", json, "--needed-from", dump, "--markdown", md}) == 0);
  CHECK_THAT(read_all(json), Catch::Contains("\"runtime_libraries\": [\"libstdc++.so.6\", \"libc.so.6\"]"));
  CHECK_THAT(read_all(md), Catch::Contains("Runtime libraries (NEEDED by `refmod.so`): libstdc++.so.6, libc.so.6.\n"));
  REQUIRE(run({"--json", json}) == 0);
  CHECK_THAT(read_all(json), Catch::Contains("\"runtime_libraries\": null"));

  CHECK(run({"--needed-from", (dir / "missing").string(), "--json", json}) == 2);  // unreadable
  CHECK(run({"--needed-from", empty, "--json", json}) == 2);                       // no NEEDED line: not a dump
  std::filesystem::remove_all(dir);
}
