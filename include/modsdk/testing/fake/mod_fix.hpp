// SPDX-License-Identifier: MIT
// Test kit fake core: a script call as the cfg parser, mod_fix.c and action.c handle it (fixups, values).
#pragma once
// NOLINTBEGIN(misc-definitions-in-headers): a single-definition piece of the fake core (testing/impl.hpp)
#include <regex.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <modsdk/abi/core.hpp>
#include <modsdk/abi/msg_edit.hpp>
#include <modsdk/config.hpp>
#include <modsdk/testing/fake/core_state.hpp>
#include <modsdk/testing/fake/pv_format.hpp>
#include <modsdk/testing/fake/stock_modules.hpp>
#include <modsdk/testing/fake/trans.hpp>
#include <modsdk/testing/host.hpp>

MODSDK_BEGIN_NAMESPACE
namespace testing {
namespace detail {

// Script elements (route_struct.h) and generic parameters (mod_fix.h), in the fake's own form.
enum class elem_type { nosubtype, number, string, scriptvar, nullv };
struct element {
  elem_type type = elem_type::nosubtype;
  long number = 0;
  std::string text;  // NUL-terminated literal (the parser's pkg copy)
  abi::str s{};
  alignas(16) unsigned char spec[MODSDK_PV_SPEC_STORAGE]{};
};
enum class gp_type { val, fixup, pvs, pve };
struct gparam {
  gp_type type = gp_type::val;
  void* pval = nullptr;
  int ival = 0;
  abi::str sval{};
};

struct host_state;
struct call_state {
  host_state* host = nullptr;
  std::string name;
  bool async = false;
  const abi::cmd_param* params = nullptr;
  abi::cmd_function fn = nullptr;
  abi::acmd_function afn = nullptr;
  int nargs = 0;
  element el[abi::max_cmd_params + 1];
  gparam* gp[abi::max_cmd_params + 1]{};
  std::vector<std::unique_ptr<gparam>> owned;
  std::vector<fake_elem*> formats;
  std::vector<regex_t*> regexes;
  bool parsed = false, fixed = false;
  std::string error;
  int route = abi::request_route;  // the block the call is in: route_type while it runs

  ~call_state() { release(); }
  void release() noexcept {
    for (auto& e : el)
      if (e.type == elem_type::scriptvar) free_spec_trans(e.spec);
    for (auto* f : formats) free_format(f);
    formats.clear();
    for (auto* r : regexes) {
      regfree(r);
      delete r;
    }
    regexes.clear();
  }
  bool ok() const noexcept { return parsed && fixed && error.empty(); }
};

/// mirrors mod_fix.c:fixup_regcomp().
inline int compile_regex(call_state& c, regex_t** out, const char* text) {
  auto* re = new regex_t;
  if (regcomp(re, text, REG_EXTENDED | REG_ICASE | REG_NEWLINE)) {
    core_log(abi::l_err, "fixup_regcomp", "bad re %s", text);
    delete re;
    return abi::e_bad_re;
  }
  c.regexes.push_back(re);
  *out = re;
  return 0;
}

/// mirrors mod_fix.c:fix_cmd(): the startup fixup of every parameter. Returns 0 or an E_* code, with
/// c.error set to the core's message.
inline int fix_cmd(call_state& c) {
  int i = 1;
  auto err = [&](int code, std::string text) {
    core_log(abi::l_err, "fix_cmd", "%s", text.c_str());
    c.error = std::move(text);
    return code;
  };
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    element& e = c.el[i];
    c.gp[i] = nullptr;
    if (e.type == elem_type::nosubtype || e.type == elem_type::nullv) {
      if (!(p->flags & abi::cmd_param_opt)) return err(abi::e_bug, "Mandatory parameter missing");
      if (p->fixup && (p->flags & abi::cmd_param_fix_null)) {
        void* h = nullptr;
        if (p->fixup(&h) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
        if (h) {
          c.owned.push_back(std::make_unique<gparam>());
          c.gp[i] = c.owned.back().get();
          c.gp[i]->type = gp_type::fixup;
          c.gp[i]->pval = h;
        }
      }
      continue;
    }
    // action.c keeps per-call values in an array indexed 1..7: an 8th INT/STR (or REGEX-from-variable)
    // value is written past its end on every call. Refuse it loudly rather than pass where the core breaks.
    if (i == abi::max_cmd_params && ((p->flags & (abi::cmd_param_int | abi::cmd_param_str)) ||
                                     ((p->flags & abi::cmd_param_regex) && e.type == elem_type::scriptvar)))
      return err(abi::e_bug, fmt_text("modsdk fake core: parameter [8] of <%s> is an INT/STR/REGEX value: the core's "
                                      "per-call array overflows on it (at most 7 such parameters)",
                                      c.name.c_str()));
    c.owned.push_back(std::make_unique<gparam>());
    gparam* gp = c.gp[i] = c.owned.back().get();
    if (p->flags & abi::cmd_param_int) {
      if (e.type == elem_type::number) {
        gp->ival = static_cast<int>(e.number);
        gp->pval = &gp->ival;
        gp->type = gp_type::val;
        if (p->fixup) {
          void* before = gp->pval;
          if (p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          if (before != gp->pval) gp->type = gp_type::fixup;
        }
      } else if (e.type == elem_type::scriptvar) {
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be an integer or variable", i));
      }
    } else if (p->flags & abi::cmd_param_str) {
      if (e.type == elem_type::string) {
        fake_elem* pve = nullptr;
        if (!(p->flags & abi::cmd_param_no_expand) && parse_format(&e.s, &pve, false) < 0)
          return err(abi::e_unspec, fmt_text("Failed to parse formatted string in param [%d]", i));
        if ((p->flags & abi::cmd_param_no_expand) || format_is_plain(pve)) {
          free_format(pve);
          gp->sval = e.s;
          gp->pval = &gp->sval;
          gp->type = gp_type::val;
          if (p->fixup) {
            void* before = gp->pval;
            if (p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
            if (before != gp->pval) gp->type = gp_type::fixup;
          }
        } else {
          if (p->flags & abi::cmd_param_static) {
            free_format(pve);
            return err(abi::e_cfg, fmt_text("Param [%d] does not support formatted strings", i));
          }
          c.formats.push_back(pve);
          gp->pval = pve;
          gp->type = gp_type::pve;
        }
      } else if (e.type == elem_type::scriptvar) {
        if (p->flags & abi::cmd_param_static)
          return err(abi::e_cfg, fmt_text("Param [%d] does not support variables", i));
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be a string or variable", i));
      }
    } else if (p->flags & abi::cmd_param_var) {
      if (e.type != elem_type::scriptvar) return err(abi::e_cfg, fmt_text("Param [%d] expected to be a variable", i));
      gp->pval = e.spec;
      if (p->fixup && p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
    } else if (p->flags & abi::cmd_param_regex) {
      if (e.type == elem_type::string) {
        regex_t* re = nullptr;
        if (int r = compile_regex(c, &re, e.text.c_str()); r < 0) {
          c.error = fmt_text("bad re %s", e.text.c_str());
          return r;
        }
        gp->pval = re;
        gp->type = gp_type::val;
        if (p->fixup && p->fixup(&gp->pval) < 0) return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
      } else if (e.type == elem_type::scriptvar) {
        gp->pval = e.spec;
        gp->type = gp_type::pvs;
      } else {
        return err(abi::e_cfg, fmt_text("Param [%d] expected to be a string or variable", i));
      }
    } else {
      return err(abi::e_bug, "Bad command parameter type");
    }
  }
  return 0;
}

/// mirrors mod_fix.c:get_cmd_fixups(): the per-call values. `tmp` has a slot per parameter (the core's
/// array is one short: an 8th INT/STR parameter would overflow it).
inline int get_cmd_fixups(call_state& c, abi::sip_msg* msg, void** cmdp, abi::pv_value* tmp,
                          std::vector<regex_t*>& call_regexes) {
  int i = 1;
  auto err = [&](int code, const std::string& text) {
    core_log(abi::l_err, "get_cmd_fixups", "%s", text.c_str());
    return code;
  };
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    gparam* gp = c.gp[i];
    if (!gp) {
      cmdp[i - 1] = nullptr;
      continue;
    }
    auto eval = [&](int need, const char* what) -> int {
      auto* spec = reinterpret_cast<abi::pv_spec*>(gp->pval);
      if (abi::pv_get_spec_value(msg, spec, &tmp[i]) != 0)
        return err(abi::e_unspec, fmt_text("Failed to get spec value in param [%d]", i));
      if ((tmp[i].flags & abi::pv_val_null) || !(tmp[i].flags & need))
        return err(abi::e_unspec, fmt_text("Variable in param [%d] is not %s", i, what));
      return 0;
    };
    if (p->flags & abi::cmd_param_int) {
      switch (gp->type) {
        case gp_type::val:
          tmp[i].ri = *static_cast<int*>(gp->pval);
          cmdp[i - 1] = &tmp[i].ri;
          break;
        case gp_type::fixup:
          cmdp[i - 1] = gp->pval;
          break;
        case gp_type::pvs:
          if (int r = eval(abi::pv_val_int, "an integer"); r < 0) return r;
          cmdp[i - 1] = &tmp[i].ri;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0)
            return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
        default:
          return err(abi::e_bug, "Bad type for generic parameter");
      }
    } else if (p->flags & abi::cmd_param_str) {
      switch (gp->type) {
        case gp_type::val:
          tmp[i].rs = *static_cast<abi::str*>(gp->pval);
          cmdp[i - 1] = &tmp[i].rs;
          break;
        case gp_type::fixup:
          cmdp[i - 1] = gp->pval;
          break;
        case gp_type::pve:
          if (abi::pv_printf_s(msg, reinterpret_cast<abi::pv_elem*>(gp->pval), &tmp[i].rs) != 0)
            return err(abi::e_unspec, fmt_text("Failed to print formatted string in param [%d]", i));
          cmdp[i - 1] = &tmp[i].rs;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0)
            return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
        case gp_type::pvs:
          if (int r = eval(abi::pv_val_str, "a string"); r < 0) return r;
          cmdp[i - 1] = &tmp[i].rs;
          if (p->fixup && p->fixup(&cmdp[i - 1]) < 0)
            return err(abi::e_unspec, fmt_text("Fixup failed for param [%d]", i));
          break;
      }
    } else if (p->flags & abi::cmd_param_var) {
      cmdp[i - 1] = gp->pval;
    } else if (p->flags & abi::cmd_param_regex) {
      switch (gp->type) {
        case gp_type::val:
          cmdp[i - 1] = gp->pval;
          break;
        case gp_type::pvs: {
          if (int r = eval(abi::pv_val_str, "a string"); r < 0) return r;
          std::string text(tmp[i].rs.s, static_cast<std::size_t>(tmp[i].rs.len));
          auto* re = new regex_t;
          if (regcomp(re, text.c_str(), REG_EXTENDED | REG_ICASE | REG_NEWLINE)) {
            delete re;
            return err(abi::e_bad_re, fmt_text("bad re %s", text.c_str()));
          }
          cmdp[i - 1] = re;
          if (p->fixup) {
            int r = p->fixup(&cmdp[i - 1]) < 0 ? abi::e_unspec : 0;
            if (r < 0) core_log(abi::l_err, "get_cmd_fixups", "Fixup failed for param [%d]", i);
            regfree(re);  // the core frees the compiled regex before the call when a fixup ran
            delete re;
            if (r < 0) return r;
          } else {
            call_regexes.push_back(re);
          }
          break;
        }
        default:
          return err(abi::e_bug, "Bad type for generic parameter");
      }
    } else {
      return err(abi::e_bug, "Bad command parameter type");
    }
  }
  return 0;
}

/// mirrors mod_fix.c:free_cmd_fixups(): free_fixup only for per-call values.
inline int free_cmd_fixups(call_state& c, void** cmdp, std::vector<regex_t*>& call_regexes) {
  int i = 1;
  for (const abi::cmd_param* p = c.params; p->flags; ++p, ++i) {
    gparam* gp = c.gp[i];
    if (!gp) continue;
    bool per_call = gp->type == gp_type::pvs || gp->type == gp_type::pve;
    if (p->flags & abi::cmd_param_int) per_call = gp->type == gp_type::pvs;
    if (p->flags & abi::cmd_param_var) continue;
    if ((p->flags & abi::cmd_param_regex) && per_call && !p->fixup) continue;  // freed below
    if (per_call && p->free_fixup && p->free_fixup(&cmdp[i - 1]) < 0) {
      core_log(abi::l_err, "free_cmd_fixups", "Failed to free fixup for param [%d]", i);
      return abi::e_unspec;
    }
  }
  for (auto* re : call_regexes) {
    regfree(re);
    delete re;
  }
  call_regexes.clear();
  return 0;
}

inline const void* garbage_slot() noexcept { return reinterpret_cast<const void*>(0xdeadbeefdeadbeefull); }

inline std::string route_name(int rt) {
  switch (rt) {
    case abi::request_route:
      return "request_route";
    case abi::failure_route:
      return "failure_route";
    case abi::onreply_route:
      return "onreply_route";
    case abi::branch_route:
      return "branch_route";
    case abi::error_route:
      return "error_route";
    case abi::local_route:
      return "local_route";
    case abi::startup_route:
      return "startup_route";
    case abi::timer_route:
      return "timer_route";
    case abi::event_route:
      return "event_route";
    default:
      return "route type " + std::to_string(rt);
  }
}

/// mirrors cmds.c:check_cmd_call_params(): 0, -1 too few, -2 too many, -3 mandatory omitted.
inline int check_call_params(const abi::cmd_param* params, const call_state& c) noexcept {
  int n = 0, m = 0;
  for (const abi::cmd_param* p = params; p->flags; ++p, ++n)
    if (!(p->flags & abi::cmd_param_opt)) m = n + 1;
  if (c.nargs < m) return -1;
  if (c.nargs > n) return -2;
  for (int i = 1; i <= c.nargs; ++i)
    if (!(params[i - 1].flags & abi::cmd_param_opt) && c.el[i].type == elem_type::nullv) return -3;
  return 0;
}

/// The cfg parser's side of a call: elements from the arguments, name and route lookup, counts.
inline std::shared_ptr<call_state> parse_call(host_state* h, std::string_view name, std::vector<arg>& args, int rt,
                                              bool async) {
  auto c = std::make_shared<call_state>();
  c->host = h;
  c->name = std::string(name);
  c->async = async;
  if (rt) c->route = rt & -rt;
  auto fail_parse = [&](std::string text) {
    core_log(abi::l_err, "yyerror", "%s", text.c_str());
    c->error = std::move(text);
    return c;
  };
  if (args.size() > std::size_t(abi::max_cmd_params))
    return fail_parse(fmt_text("too many arguments in function <%s>", c->name.c_str()));
  c->nargs = static_cast<int>(args.size());
  for (std::size_t k = 0; k < args.size(); ++k) {
    element& e = c->el[k + 1];
    switch (args[k].k) {
      case arg::kind::number:
        e.type = elem_type::number;
        e.number = args[k].number;
        break;
      case arg::kind::string:
        e.type = elem_type::string;
        e.text = args[k].text;
        e.s = {e.text.data(), static_cast<int>(e.text.size())};
        break;
      case arg::kind::omitted:
        e.type = elem_type::nullv;
        break;
      case arg::kind::variable: {
        e.type = elem_type::scriptvar;
        e.text = args[k].text;
        abi::str in{e.text.data(), static_cast<int>(e.text.size())};
        char* end = abi::pv_parse_spec(&in, reinterpret_cast<abi::pv_spec*>(e.spec));
        if (!end || end != e.text.data() + e.text.size())
          return fail_parse(
              fmt_text("bad variable <%s> in argument %zu of <%s>", e.text.c_str(), k + 1, c->name.c_str()));
        break;
      }
    }
  }
  if (async) {
    const abi::acmd_export* a = find_acmd(c->name.c_str());
    if (!a) return fail_parse(fmt_text("unknown async command <%s>, missing loadmodule?", c->name.c_str()));
    c->params = a->params;
    c->afn = a->function;
  } else {
    const abi::cmd_export* cmd = find_cmd(c->name.c_str(), rt);
    if (!cmd) {
      if (find_cmd(c->name.c_str(), 0))
        return fail_parse(fmt_text("Command <%s> cannot be used in the block", c->name.c_str()));
      return fail_parse(fmt_text("unknown command <%s>, missing loadmodule?", c->name.c_str()));
    }
    c->params = cmd->params;
    c->fn = cmd->function;
  }
  const char* what = async ? "async command" : "command";
  switch (check_call_params(c->params, *c)) {
    case -1:
      return fail_parse(fmt_text("too few parameters for %s <%s>", what, c->name.c_str()));
    case -2:
      return fail_parse(fmt_text("too many parameters for %s <%s>", what, c->name.c_str()));
    case -3:
      return fail_parse(fmt_text("mandatory parameter omitted for %s <%s>", what, c->name.c_str()));
    default:
      break;
  }
  c->parsed = true;
  return c;
}

inline void run_fixups(call_state& c) {
  if (!c.parsed || c.fixed) return;
  if (fix_cmd(c) < 0) {
    core_log(abi::l_err, "fix_actions", "Failed to fix command <%s>", c.name.c_str());
    if (c.error.empty()) c.error = fmt_text("Failed to fix command <%s>", c.name.c_str());
    c.parsed = false;
    return;
  }
  c.fixed = true;
}

/// action.c CMD_T (or tm's async start): fixups, the call with all 8 slots, free_fixups.
inline int invoke_call(call_state& c, abi::sip_msg* msg, void* async_ctx) {
  if (!c.host) {
    core_log(abi::l_err, "do_action", "modsdk::testing: the host of <%s> is gone", c.name.c_str());
    return abi::e_bug;
  }
  if (!c.ok()) {
    core_log(abi::l_err, "do_action", "modsdk::testing: <%s> was not prepared successfully: %s", c.name.c_str(),
             c.error.empty() ? "startup fixups have not run (start the host first)" : c.error.c_str());
    return abi::e_cfg;
  }
  void* cmdp[abi::max_cmd_params];
  for (auto& p : cmdp) p = const_cast<void*>(garbage_slot());
  abi::pv_value tmp[abi::max_cmd_params + 1]{};
  std::vector<regex_t*> call_regexes;
  if (int r = get_cmd_fixups(c, msg, cmdp, tmp, call_regexes); r < 0) {
    for (auto* re : call_regexes) {
      regfree(re);
      delete re;
    }
    core_log(abi::l_err, "do_action", "Failed to get fixups for command <%s> in %s, line %d", c.name.c_str(),
             "modsdk test", 0);
    return r;
  }
  int rc;
  abi::route_type = c.route;
  if (c.async)
    rc = c.afn(msg, async_ctx, cmdp[0], cmdp[1], cmdp[2], cmdp[3], cmdp[4], cmdp[5], cmdp[6], cmdp[7]);
  else
    rc = c.fn(msg, cmdp[0], cmdp[1], cmdp[2], cmdp[3], cmdp[4], cmdp[5], cmdp[6], cmdp[7]);
  if (free_cmd_fixups(c, cmdp, call_regexes) < 0)
    core_log(abi::l_err, "do_action", "Failed to free fixups for command <%s> in %s, line %d", c.name.c_str(),
             "modsdk test", 0);
  return rc;
}

}  // namespace detail
}  // namespace testing
MODSDK_END_NAMESPACE

// ---- the core symbols: async ------------------------------------------------------------------------
MODSDK_BEGIN_NAMESPACE
namespace abi {
extern "C" {
int async_status = 0;
int cfg_errors = 0;
}  // extern "C"
}  // namespace abi
MODSDK_END_NAMESPACE
// NOLINTEND(misc-definitions-in-headers)
