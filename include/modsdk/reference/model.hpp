// SPDX-License-Identifier: MIT
// Reference generation: the model of a module's reference, and what can be read back from its C tables
// (module_exports) alone - which is all a loaded .so offers. The sections' describe() hooks then add
// what only the C++ declarations know (types, defaults, accepted values).
#pragma once
#include <cstddef>
#include <modsdk/config.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/select.hpp>
#include <modsdk/target.hpp>

MODSDK_BEGIN_NAMESPACE

/// One parameter of a script function, as the script sees it.
struct reference_function_param {
  std::vector<std::string> accepts;  ///< what the script may pass: "string", "int", "variable", "regex"
  bool optional = false;
  std::string type;      ///< the C++ parameter type ("" when only the C table was read)
  std::string expected;  ///< the accepted values, in words ("an integer from 100 to 699")
  std::string note;      ///< extra rules ("taken literally: $ is not expanded", "must be writable")
};

/// A script function (or an async one).
struct reference_function {
  std::string name;
  bool async = false;
  std::vector<reference_function_param> params;
  std::vector<std::string> routes;  ///< "REQUEST_ROUTE", ... (empty for async functions)
  std::string returns;              ///< "true/false", "a code for $rc", ... ("" when unknown)
};

/// A module parameter (modparam).
struct reference_param {
  std::string name;
  std::vector<std::string> accepts;  ///< "string", "int"
  std::string type;                  ///< "string", "int", "boolean", "duration", "enum", the C++ type...
  std::string expected;              ///< the accepted values, in words
  std::string default_text;          ///< as it would be written in the script ("" when none is known)
  std::string default_json;          ///< a JSON value ("null" when none is known)
  bool required = false;
  bool repeatable = false;  ///< every modparam line adds one value
  bool validated = false;   ///< the module checks values beyond their type
};

/// A statistic.
struct reference_stat {
  std::string name;
  std::string kind;                ///< "counter", "gauge" ("" when only the C table was read)
  std::vector<std::string> flags;  ///< "no-reset", "hidden", "per-process", ...
};

/// An MI command: its recipes (each a list of named parameters) as the core matches them.
struct reference_mi {
  std::string name;
  std::string help;
  std::vector<std::vector<std::string>> recipes;
  std::vector<std::string> aliases;
};

/// A dependency on another module (or any module of a type).
struct reference_dep {
  std::string module;              ///< a module name, or "" for any module of `type`
  std::string type;                ///< "module", "sqldb", "cachedb", "aaa"
  std::string level;               ///< "required", "warn", "optional"
  std::string when_param;          ///< set for a dependency that exists only when this modparam is used
  std::vector<std::string> order;  ///< "reverse-init", "reverse-destroy"
};

/// A table a database's version check expects, with its `table_version`.
struct reference_db_table {
  std::string name;
  unsigned version = 0;
};

/// A database the module uses (db::database): the modparam holding its URL, what the backend must offer.
struct reference_database {
  std::string param;                       ///< the modparam with the URL
  std::vector<std::string> capabilities;   ///< "query (DB_CAP_QUERY)", ...: the start fails without them
  std::vector<reference_db_table> tables;  ///< checked in mod_init (the core's `version` table)
  bool optional = false;                   ///< without a URL the module runs without this database
};

/// A kind of process the module adds.
struct reference_proc {
  std::string name;
  unsigned count = 0;
  std::vector<std::string> flags;  ///< "init-child", "has-ipc", "needs-script"
};

/// A periodic timer the module registers (modsdk/timers.hpp).
struct reference_timer {
  std::string name;
  std::string period;        ///< "10 s", "200 ms"; the default when `period_param` is set
  std::string kind;          ///< "seconds" (register_timer) or "milliseconds" (register_utimer)
  std::string period_param;  ///< the modparam that sets the period, if any
  std::string on_delay;      ///< "overlap", "skip" or "delay"
};

/// One named parameter of an event the module raises.
struct reference_event_param {
  std::string name;
  std::string type;  ///< "int" or "string"
};

/// An event the module publishes (modsdk/events.hpp), caught in the script by `event_route[NAME]`.
struct reference_event {
  std::string name;
  std::vector<reference_event_param> params;
};

/// A pseudo-variable the module exports (modsdk/pvars.hpp).
struct reference_pvar {
  std::string name;       ///< without the `$`
  std::string type;       ///< "int" or "string"
  bool nullable = false;  ///< may read as NULL
  bool writable = false;  ///< the script may assign it
  bool keyed = false;     ///< takes a name `$name(key)` and an index `$(name[i])`
};

/// An operation of the module's transformation class (modsdk/transformations.hpp): `{cls.op,params}`.
struct reference_transformation {
  std::string cls;
  std::string op;
  std::vector<std::string> params;  ///< "int" or "string", in order; optional ones after `required`
  std::size_t required = 0;
  std::string value_type;   ///< what it takes: "int" or "string"
  std::string result_type;  ///< what it gives
  bool nullable = false;    ///< may give NULL
};

/// The reference of one module: everything its tables and declarations say to a script writer.
struct module_reference {
  std::string name;
  std::string target_version;  ///< the core it was built for (`opensips -V` version line)
  std::string target_flags;
  /// The libraries the built .so needs at run time (its ELF NEEDED entries, in order), read from the .so
  /// by the build (reference_main --needed-from); unset when the reference was made without it.
  std::optional<std::vector<std::string>> runtime_libraries;
  std::vector<reference_function> functions;  ///< sync functions first, then async ones
  std::vector<reference_param> params;
  std::vector<reference_stat> stats;
  std::vector<reference_mi> mi;
  std::vector<reference_dep> deps;
  std::vector<reference_proc> procs;
  std::vector<reference_database> databases;
  std::vector<reference_timer> timers;
  std::vector<reference_event> events;
  std::vector<reference_pvar> pvars;
  std::vector<reference_transformation> transformations;

  reference_function* function(std::string_view n) noexcept {
    for (auto& f : functions)
      if (f.name == n) return &f;
    return nullptr;
  }
  reference_param* param(std::string_view n) noexcept {
    for (auto& p : params)
      if (p.name == n) return &p;
    return nullptr;
  }
  reference_stat* stat(std::string_view n) noexcept {
    for (auto& s : stats)
      if (s.name == n) return &s;
    return nullptr;
  }
  reference_mi* mi_command(std::string_view n) noexcept {
    for (auto& m : mi)
      if (m.name == n) return &m;
    return nullptr;
  }

  /// Whether `param` holds the URL of a database the module cannot run without.
  bool database_needs(std::string_view param) const noexcept {
    for (const auto& d : databases)
      if (d.param == param && !d.optional) return true;
    return false;
  }

  /// The reference as Markdown, shaped like an OpenSIPS module README.
  std::string markdown() const;
  /// The reference as a JSON manifest.
  std::string json() const;
};

namespace detail {

inline std::vector<std::string> route_names(int bits) {
  static constexpr struct {
    int bit;
    const char* name;
  } names[] = {{abi::request_route, "REQUEST_ROUTE"}, {abi::failure_route, "FAILURE_ROUTE"},
               {abi::onreply_route, "ONREPLY_ROUTE"}, {abi::branch_route, "BRANCH_ROUTE"},
               {abi::error_route, "ERROR_ROUTE"},     {abi::local_route, "LOCAL_ROUTE"},
               {abi::startup_route, "STARTUP_ROUTE"}, {abi::timer_route, "TIMER_ROUTE"},
               {abi::event_route, "EVENT_ROUTE"}};
  std::vector<std::string> out;
  for (const auto& n : names)
    if (bits & n.bit) out.emplace_back(n.name);
  return out;
}

inline reference_function_param param_from_flags(int flags) {
  reference_function_param p;
  if (flags & abi::cmd_param_int) p.accepts.emplace_back("int");
  if (flags & abi::cmd_param_str) p.accepts.emplace_back("string");
  if (flags & abi::cmd_param_var) p.accepts.emplace_back("variable");
  if (flags & abi::cmd_param_regex) p.accepts.emplace_back("regex");
  p.optional = (flags & abi::cmd_param_opt) != 0;
  if (flags & abi::cmd_param_no_expand) p.note = "taken literally: $ is not expanded";
  if (flags & abi::cmd_param_static) p.note = "a literal: variables are not allowed";
  return p;
}

template <class Cmd>
void functions_from_table(module_reference& r, const Cmd* t, bool async) {
  for (; t && t->name; ++t) {
    reference_function f;
    f.name = t->name;
    f.async = async;
    for (const auto& cp : t->params) {
      if (cp.flags == 0) break;
      f.params.push_back(param_from_flags(cp.flags));
    }
    if constexpr (requires { t->flags; }) f.routes = route_names(t->flags);
    r.functions.push_back(std::move(f));
  }
}

template <class MiExport>
void mi_from_table(module_reference& r, const MiExport* m) {
  for (; m && m->name; ++m) {
    reference_mi rm;
    rm.name = m->name;
    if (m->help) rm.help = m->help;
    for (const auto& rec : m->recipes) {
      if (!rec.cmd) break;
      std::vector<std::string> names;
      for (const char* n : rec.params) {
        if (!n) break;
        names.emplace_back(n);
      }
      rm.recipes.push_back(std::move(names));
    }
    if constexpr (requires { m->aliases; })  // 4.0+
      for (const char* a : m->aliases) {
        if (!a) break;
        rm.aliases.emplace_back(a);
      }
    r.mi.push_back(std::move(rm));
  }
}

inline std::vector<std::string> stat_flag_names(unsigned short flags) {
  std::vector<std::string> out;
  if (flags & abi::stat_no_reset) out.emplace_back("no-reset");
  if (flags & abi::stat_hidden) out.emplace_back("hidden");
  if (flags & abi::stat_per_proc) out.emplace_back("per-process");
  if (flags & abi::stat_is_func) out.emplace_back("computed");
  return out;
}

inline reference_dep dep_from(const abi::module_dependency& d) {
  reference_dep r;
  if (d.mod_name) r.module = d.mod_name;
  switch (d.mod_type) {
    case abi::mod_type_sqldb:
      r.type = "sqldb";
      break;
    case abi::mod_type_cachedb:
      r.type = "cachedb";
      break;
    case abi::mod_type_aaa:
      r.type = "aaa";
      break;
    default:
      r.type = "module";
      break;
  }
  r.level = (d.type & abi::dep_abort) ? "required" : (d.type & abi::dep_warn) ? "warn" : "optional";
  using V = abi::for_profile_t<target.profile>;
  if (d.type & V::dep_reverse_init) r.order.emplace_back("reverse-init");
  if (d.type & V::dep_reverse_destroy) r.order.emplace_back("reverse-destroy");
  return r;
}

}  // namespace detail

/// What the C tables of a module say (all that a loaded .so offers): names, parameter kinds, routes,
/// MI recipes, statistics, dependencies and processes. Types, defaults and accepted values need the
/// C++ declarations (reference_of<Tag>, MODSDK_MODULE_REFERENCE).
inline module_reference reference_from_exports(const abi::module_exports& e) {
  module_reference r;
  r.name = e.name ? e.name : "";
  r.target_version = e.ver_info.version ? e.ver_info.version : "";
  r.target_flags = e.ver_info.compile_flags ? e.ver_info.compile_flags : "";
  detail::functions_from_table(r, e.cmds, false);
  detail::functions_from_table(r, e.acmds, true);
  for (const abi::param_export* p = e.params; p && p->name; ++p) {
    reference_param rp;
    rp.name = p->name;
    if (p->type & abi::str_param) rp.accepts.emplace_back("string");
    if (p->type & abi::int_param) rp.accepts.emplace_back("int");
    rp.default_json = "null";
    if (!(p->type & abi::use_func_param)) rp.type = (p->type & abi::int_param) ? "int" : "string";
    if (r.param(rp.name))
      r.param(rp.name)->repeatable = true;  // listed twice: the core takes each line
    else
      r.params.push_back(std::move(rp));
  }
  for (const abi::stat_export* s = e.stats; s && s->name; ++s)
    r.stats.push_back({s->name, "", detail::stat_flag_names(s->flags)});
  detail::mi_from_table(r, static_cast<const typename abi::for_profile_t<target.profile>::mi_export*>(e.mi_cmds));
  if (e.deps) {
    // dep_export_t: md[10] (mod_type 0 ends it), then mpd[] (script_param NULL ends it)
    const auto* md = static_cast<const abi::module_dependency*>(e.deps);
    for (int i = 0; i < abi::max_mod_deps && md[i].mod_type != abi::mod_type_null; ++i)
      r.deps.push_back(detail::dep_from(md[i]));
    const auto* mpd = reinterpret_cast<const abi::modparam_dependency*>(md + abi::max_mod_deps);
    for (; mpd->script_param; ++mpd) {
      reference_dep d;
      d.when_param = mpd->script_param;
      d.level = "";  // decided by the module when the parameter is set
      r.deps.push_back(std::move(d));
    }
  }
  for (const abi::proc_export* p = e.procs; p && p->name; ++p) {
    reference_proc rp{p->name, p->no, {}};
    if (p->flags & abi::proc_flag_initchild) rp.flags.emplace_back("init-child");
    if (p->flags & abi::proc_flag_has_ipc) rp.flags.emplace_back("has-ipc");
    if (p->flags & abi::proc_flag_needs_script) rp.flags.emplace_back("needs-script");
    r.procs.push_back(std::move(rp));
  }
  return r;
}

MODSDK_END_NAMESPACE
