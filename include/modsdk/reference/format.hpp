// SPDX-License-Identifier: MIT
// Reference generation: module_reference as Markdown (the layout of an OpenSIPS module README) and as a
// JSON manifest.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <modsdk/config.hpp>
#include <modsdk/detail/json.hpp>
#include <modsdk/reference/model.hpp>

MODSDK_BEGIN_NAMESPACE

namespace detail::refout {

inline std::string json_string(std::string_view s) { return detail::json_quote(s); }

inline std::string json_strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + json_string(v[i]);
  return out + "]";
}

inline std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

/// "string or int" from {"string", "int"}.
inline std::string either(const std::vector<std::string>& v) {
  if (v.empty()) return "nothing";
  if (v.size() == 1) return v[0];
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += (i + 1 == v.size()) ? " or " : ", ";
    out += v[i];
  }
  return out;
}

/// The placeholder a parameter gets in a signature line ("text", "number", "$var", or the name of its
/// C++ type for a converted type), numbered when a function has several of the same.
inline std::vector<std::string> placeholders(const std::vector<reference_function_param>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) {
    std::string n;
    const std::string& first = p.accepts.empty() ? std::string() : p.accepts.front();
    if (first == "variable" && p.accepts.size() == 1)
      n = "$var";
    else if (first == "regex")
      n = "regex";
    else if (!p.type.empty() && p.type.find("std::") == std::string::npos &&
             p.type.find("modsdk::") == std::string::npos && p.type != "int" && p.type.find(' ') == std::string::npos &&
             p.type.find('<') == std::string::npos)
      n = p.type;  // a converted user type: its name says what it is
    else if (first == "int")
      n = "number";
    else
      n = "text";
    out.push_back(n);
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    int same = 0;
    for (const auto& o : out) same += (o == out[i]) ? 1 : 0;
    if (same > 1) {
      int k = 1;
      for (std::size_t j = 0; j < i; ++j) k += (out[j].rfind(out[i], 0) == 0) ? 1 : 0;
      out[i] += std::to_string(k);
    }
  }
  return out;
}

}  // namespace detail::refout

inline std::string module_reference::json() const {
  using namespace detail::refout;
  std::string o;
  o += "{\n";
  o += fmt::format("  \"module\": {},\n", json_string(name));
  o += fmt::format("  \"generator\": \"modsdk {}.{}.{}\",\n", MODSDK_VERSION_MAJOR, MODSDK_VERSION_MINOR,
                   MODSDK_VERSION_PATCH);
  o += fmt::format("  \"target\": {{\"version\": {}, \"flags\": {}}},\n", json_string(target_version),
                   json_string(target_flags));
  o += fmt::format("  \"runtime_libraries\": {},\n", runtime_libraries ? json_strings(*runtime_libraries) : "null");
  o += "  \"functions\": [";
  for (std::size_t i = 0; i < functions.size(); ++i) {
    const auto& f = functions[i];
    o += i ? ",\n" : "\n";
    o += fmt::format("    {{\"name\": {}, \"async\": {}, \"routes\": {}, \"returns\": {}, \"params\": [",
                     json_string(f.name), f.async, json_strings(f.routes), json_string(f.returns));
    for (std::size_t j = 0; j < f.params.size(); ++j) {
      const auto& p = f.params[j];
      o += fmt::format("{}\n      {{\"accepts\": {}, \"optional\": {}, \"type\": {}, \"expected\": {}, \"note\": {}}}",
                       j ? "," : "", json_strings(p.accepts), p.optional, json_string(p.type), json_string(p.expected),
                       json_string(p.note));
    }
    o += f.params.empty() ? "]}" : "\n    ]}";
  }
  o += functions.empty() ? "],\n" : "\n  ],\n";
  o += "  \"params\": [";
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    o += i ? ",\n" : "\n";
    o += fmt::format(
        "    {{\"name\": {}, \"type\": {}, \"accepts\": {}, \"default\": {}, \"required\": {}, \"repeatable\": {}, "
        "\"validated\": {}, \"expected\": {}}}",
        json_string(p.name), json_string(p.type), json_strings(p.accepts),
        p.default_json.empty() ? "null" : p.default_json, p.required || database_needs(p.name), p.repeatable,
        p.validated, json_string(p.expected));
  }
  o += params.empty() ? "],\n" : "\n  ],\n";
  o += "  \"stats\": [";
  for (std::size_t i = 0; i < stats.size(); ++i) {
    const auto& s = stats[i];
    o += fmt::format("{}\n    {{\"name\": {}, \"kind\": {}, \"flags\": {}}}", i ? "," : "", json_string(s.name),
                     json_string(s.kind), json_strings(s.flags));
  }
  o += stats.empty() ? "],\n" : "\n  ],\n";
  o += "  \"mi\": [";
  for (std::size_t i = 0; i < mi.size(); ++i) {
    const auto& m = mi[i];
    std::string recipes = "[";
    for (std::size_t j = 0; j < m.recipes.size(); ++j) recipes += (j ? ", " : "") + json_strings(m.recipes[j]);
    recipes += "]";
    o += fmt::format("{}\n    {{\"name\": {}, \"help\": {}, \"recipes\": {}, \"aliases\": {}}}", i ? "," : "",
                     json_string(m.name), json_string(m.help), recipes, json_strings(m.aliases));
  }
  o += mi.empty() ? "],\n" : "\n  ],\n";
  o += "  \"dependencies\": [";
  for (std::size_t i = 0; i < deps.size(); ++i) {
    const auto& d = deps[i];
    o += fmt::format("{}\n    {{\"module\": {}, \"type\": {}, \"level\": {}, \"when_param\": {}, \"order\": {}}}",
                     i ? "," : "", json_string(d.module), json_string(d.type), json_string(d.level),
                     json_string(d.when_param), json_strings(d.order));
  }
  o += deps.empty() ? "],\n" : "\n  ],\n";
  o += "  \"processes\": [";
  for (std::size_t i = 0; i < procs.size(); ++i) {
    const auto& p = procs[i];
    o += fmt::format("{}\n    {{\"name\": {}, \"count\": {}, \"flags\": {}}}", i ? "," : "", json_string(p.name),
                     p.count, json_strings(p.flags));
  }
  o += procs.empty() ? "],\n" : "\n  ],\n";
  o += "  \"databases\": [";
  for (std::size_t i = 0; i < databases.size(); ++i) {
    const auto& d = databases[i];
    std::string tables = "[";
    for (std::size_t j = 0; j < d.tables.size(); ++j)
      tables += fmt::format("{}{{\"name\": {}, \"version\": {}}}", j ? ", " : "", json_string(d.tables[j].name),
                            d.tables[j].version);
    tables += "]";
    o += fmt::format("{}\n    {{\"param\": {}, \"optional\": {}, \"capabilities\": {}, \"tables\": {}}}", i ? "," : "",
                     json_string(d.param), d.optional, json_strings(d.capabilities), tables);
  }
  o += databases.empty() ? "]" : "\n  ]";
  if (!timers.empty()) {  // listed only when the module has some, so older manifests stay as they were
    o += ",\n  \"timers\": [";
    for (std::size_t i = 0; i < timers.size(); ++i) {
      const auto& t = timers[i];
      o += fmt::format("{}\n    {{\"name\": {}, \"period\": {}, \"kind\": {}, \"period_param\": {}, \"on_delay\": {}}}",
                       i ? "," : "", json_string(t.name), json_string(t.period), json_string(t.kind),
                       json_string(t.period_param), json_string(t.on_delay));
    }
    o += "\n  ]";
  }
  if (!events.empty()) {
    o += ",\n  \"events\": [";
    for (std::size_t i = 0; i < events.size(); ++i) {
      std::string ps = "[";
      for (std::size_t j = 0; j < events[i].params.size(); ++j)
        ps += fmt::format("{}{{\"name\": {}, \"type\": {}}}", j ? ", " : "", json_string(events[i].params[j].name),
                          json_string(events[i].params[j].type));
      o += fmt::format("{}\n    {{\"name\": {}, \"params\": {}]}}", i ? "," : "", json_string(events[i].name), ps);
    }
    o += "\n  ]";
  }
  if (!pvars.empty()) {
    o += ",\n  \"pvars\": [";
    for (std::size_t i = 0; i < pvars.size(); ++i)
      o += fmt::format("{}\n    {{\"name\": {}, \"type\": {}, \"nullable\": {}, \"writable\": {}, \"keyed\": {}}}",
                       i ? "," : "", json_string(pvars[i].name), json_string(pvars[i].type), pvars[i].nullable,
                       pvars[i].writable, pvars[i].keyed);
    o += "\n  ]";
  }
  if (!transformations.empty()) {
    o += ",\n  \"transformations\": [";
    for (std::size_t i = 0; i < transformations.size(); ++i) {
      const auto& t = transformations[i];
      std::string ps = "[";
      for (std::size_t j = 0; j < t.params.size(); ++j)
        ps += fmt::format("{}{{\"type\": {}, \"optional\": {}}}", j ? ", " : "", json_string(t.params[j]),
                          j >= t.required);
      o += fmt::format(
          "{}\n    {{\"class\": {}, \"name\": {}, \"params\": {}], \"value\": {}, \"result\": {}, "
          "\"nullable\": {}}}",
          i ? "," : "", json_string(t.cls), json_string(t.op), ps, json_string(t.value_type),
          json_string(t.result_type), t.nullable);
    }
    o += "\n  ]";
  }
  o += "\n}\n";
  return o;
}

inline std::string module_reference::markdown() const {
  using namespace detail::refout;
  std::string o;
  auto section = [&](std::string_view title) { o += fmt::format("\n## {}\n\n", title); };
  o += fmt::format("# {} Module\n\n", name);
  o += fmt::format("<!-- Generated by modsdk {}.{}.{} from the module's declarations; do not edit. -->\n\n",
                   MODSDK_VERSION_MAJOR, MODSDK_VERSION_MINOR, MODSDK_VERSION_PATCH);
  o += fmt::format("Built for `{}` (`{}`). Load it with `loadmodule \"{}.so\"`.\n", target_version, target_flags, name);

  section("Dependencies");
  o += "### OpenSIPS Modules\n\n";
  if (deps.empty()) o += "None.\n";
  for (const auto& d : deps) {
    std::string who = d.module.empty() ? fmt::format("any *{}* module", d.type) : fmt::format("*{}*", d.module);
    if (!d.when_param.empty())
      o += fmt::format("- when the `{}` parameter is set: the module it names (for example an SQL driver)\n",
                       d.when_param);
    else
      o += fmt::format("- {} ({}{}{})\n", who, d.level, d.order.empty() ? "" : ", ", join(d.order, ", "));
  }
  if (runtime_libraries) {  // known only when the build read them from the .so
    o += "\n### External Libraries or Applications\n\n";
    if (runtime_libraries->empty())
      o += fmt::format("Runtime libraries (NEEDED by `{}.so`): none.\n", name);
    else
      o += fmt::format("Runtime libraries (NEEDED by `{}.so`): {}.\n", name, join(*runtime_libraries, ", "));
  }

  if (!databases.empty()) {
    o += "\n### Databases\n\n";
    for (const auto& d : databases) {
      o += fmt::format(
          "- the database `{}` names ({}), through any SQL driver module (db_mysql, db_postgres, "
          "db_sqlite, ...)",
          d.param, d.optional ? "optional: without it the module runs without a database" : "required");
      o += d.capabilities.empty() ? std::string(".\n")
                                  : fmt::format("; the driver must offer: {}.\n", join(d.capabilities, ", "));
      for (const auto& t : d.tables)
        o += fmt::format("  - table `{}`, version {} (its row in the `version` table is checked at startup)\n", t.name,
                         t.version);
    }
  }

  section("Exported Parameters");
  if (params.empty()) o += "None.\n";
  for (const auto& p : params) {
    o += fmt::format("### {} ({})\n\n", p.name, p.type.empty() ? either(p.accepts) : p.type);
    std::string text;
    if (!p.expected.empty() && p.expected != "a string")
      text += fmt::format("Accepts {}{}.\n", p.expected, p.validated ? ", checked further by the module" : "");
    else if (p.validated)
      text += "Values are checked by the module.\n";
    if (p.repeatable) text += "May be given several times: every `modparam` line adds one value.\n";
    if (!text.empty()) o += text + "\n";
    if (p.required || database_needs(p.name))
      o += "*This parameter is required.*\n";
    else if (!p.default_text.empty())
      o += fmt::format("*Default value is {}.*\n", p.default_text);
    std::string example = p.default_text.empty() ? (p.type == "int" ? "1" : "\"...\"") : p.default_text;
    o += fmt::format("\n```\nmodparam(\"{}\", \"{}\", {})\n```\n\n", name, p.name, example);
  }

  auto function_block = [&](const reference_function& f) {
    const std::vector<std::string> names = placeholders(f.params);
    std::string sig;
    int opened = 0;
    for (std::size_t i = 0; i < f.params.size(); ++i) {
      const auto& p = f.params[i];
      if (p.optional) {
        sig += "[";
        ++opened;
      }
      sig += (i ? ", " : "") + names[i];
    }
    sig += std::string(static_cast<std::size_t>(opened), ']');
    o += fmt::format("### {}({})\n\n", f.name, sig);
    if (!f.params.empty()) {
      o += "Parameters:\n\n";
      for (std::size_t i = 0; i < f.params.size(); ++i) {
        const auto& p = f.params[i];
        o += fmt::format("- *{}* ({}{}){}{}{}{}\n", names[i], either(p.accepts), p.optional ? ", optional" : "",
                         p.type.empty() ? "" : fmt::format(" - C++ `{}`", p.type),
                         p.expected.empty() ? "" : fmt::format(": {}", p.expected), p.note.empty() ? "" : "; ", p.note);
      }
      o += "\n";
    }
    if (!f.returns.empty()) o += fmt::format("Returns {}.\n\n", f.returns);
    if (f.async)
      o += "Use it as `async(" + f.name + "(...), resume_route)` or `launch(" + f.name +
           "(...))`; called directly it runs synchronously.\n\n";
    else
      o += fmt::format("This function can be used from {}.\n\n", join(f.routes, ", "));
  };
  section("Exported Functions");
  bool any = false;
  for (const auto& f : functions)
    if (!f.async) function_block(f), any = true;
  if (!any) o += "None.\n";
  any = false;
  for (const auto& f : functions) any = any || f.async;
  if (any) {
    section("Exported Asynchronous Functions");
    for (const auto& f : functions)
      if (f.async) function_block(f);
  }

  section("Exported Statistics");
  if (stats.empty()) o += "None.\n";
  for (const auto& s : stats) {
    o += fmt::format("### {}\n\n", s.name);
    if (s.kind == "counter")
      o += "A counter: it only goes up; MI `reset_statistics` sets it back to 0.\n";
    else if (s.kind == "gauge")
      o += "A gauge: it goes up and down and is never reset.\n";
    if (!s.flags.empty()) o += fmt::format("Flags: {}.\n", join(s.flags, ", "));
    o += fmt::format("\nRead it with `opensips-cli -x mi get_statistics {}:{}`.\n\n", name, s.name);
  }

  section("Exported MI Functions");
  if (mi.empty()) o += "None.\n";
  for (const auto& m : mi) {
    o += fmt::format("### {}\n\n", m.name);
    if (!m.help.empty()) o += m.help + "\n\n";
    if (!m.aliases.empty()) o += fmt::format("Also known as: {}.\n\n", join(m.aliases, ", "));
    o += "Parameters:\n\n";
    for (const auto& r : m.recipes) o += r.empty() ? "- *(none)*\n" : fmt::format("- {}\n", join(r, ", "));
    o += fmt::format("\n```\nopensips-cli -x mi {}\n```\n\n", m.name);
  }

  if (!procs.empty()) {
    section("Exported Processes");
    for (const auto& p : procs)
      o += fmt::format("- *{}*: {} process{}{}{}\n", p.name, p.count, p.count == 1 ? "" : "es",
                       p.flags.empty() ? "" : "; ", join(p.flags, ", "));
  }

  if (!timers.empty()) {
    section("Exported Timers");
    for (const auto& t : timers) {
      o += fmt::format("### {}\n\n", t.name);
      o += fmt::format(
          "Runs every {}{} in a timer process ({} timer); when a run is due while the last one still "
          "runs, the core {}.\n\n",
          t.period,
          t.period_param.empty()
              ? ""
              : fmt::format(" (by default; set by the `{}` parameter, 0 turns it off)", t.period_param),
          t.kind,
          t.on_delay == "skip"    ? "skips it"
          : t.on_delay == "delay" ? "runs it when the last one ends"
                                  : "runs it anyway");
    }
  }

  if (!events.empty()) {
    section("Exported Events");
    for (const auto& e : events) {
      o += fmt::format("### {}\n\n", e.name);
      if (e.params.empty())
        o += "No parameters.\n";
      else {
        o += "Parameters:\n\n";
        for (const auto& p : e.params) o += fmt::format("- *{}* ({})\n", p.name, p.type);
      }
      o += fmt::format("\n```\nevent_route[{}] {{\n    xlog(\"{}", e.name, e.name);
      for (const auto& p : e.params) o += fmt::format(" {}=$param({})", p.name, p.name);
      o += "\\n\");\n}\n```\n\n";
    }
  }

  if (!pvars.empty()) {
    section("Exported Pseudo-Variables");
    for (const auto& v : pvars) {
      o += fmt::format("### ${}\n\n", v.name);
      o += fmt::format("{}, {}.{}\n\n", v.type == "int" ? "An int" : "A string",
                       v.writable ? "read and written by the script" : "read-only",
                       v.nullable ? " It may be NULL." : "");
      if (v.keyed)
        o += fmt::format("Takes a name and an index: `${0}(name)`, `$({0}(name)[index])`, `$({0}[*])`.\n\n", v.name);
      o += fmt::format("```\nxlog(\"{0} is ${0}\\n\");\n", v.name);
      if (v.writable) o += fmt::format("${} = {};\n", v.name, v.type == "int" ? "1" : "\"text\"");
      o += "```\n\n";
    }
  }

  if (!transformations.empty()) {
    section("Exported Transformations");
    for (const auto& t : transformations) {
      std::string ps, example;
      for (std::size_t j = 0; j < t.params.size(); ++j) {
        ps += j < t.required ? fmt::format(",{}", t.params[j]) : fmt::format("[,{}]", t.params[j]);
        if (j < t.required) example += t.params[j] == "int" ? ",1" : ",text";
      }
      o += fmt::format("### {{{}.{}{}}}\n\n", t.cls, t.op, ps);
      o += fmt::format("Takes {} value, gives {}{}.\n\n", t.value_type == "int" ? "an int" : "a string",
                       t.result_type == "int" ? "an int" : "a string", t.nullable ? " or NULL" : "");
      o += fmt::format("```\nxlog(\"$(var(x){{{}.{}{}}})\\n\");\n```\n\n", t.cls, t.op, example);
    }
  }
  return o;
}

MODSDK_END_NAMESPACE
