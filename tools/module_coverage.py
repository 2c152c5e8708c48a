#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""How many of an OpenSIPS tree's modules could modsdk express? A grep-based estimate.

Each module's sources (*.c, *.h; *.cpp, *.cc, *.hpp, *.xs for the C++ and Perl ones; under modules/<name>/, comments removed) are searched for markers:
names of core functions, types and macros, and of other modules' APIs. Each marker belongs to a
capability, and each capability has a modsdk status:

  offered      on modsdk's main branch today (a header in include/modsdk/)
  in progress  being added by open work (issues 13, 15, 16)
  missing      not offered and not being worked on

A module is *expressible* when every capability it uses is offered (or, in the second count, offered
or in progress). Script functions, modparams, static statistics, MI commands, dependencies, shm/pkg
memory and logging are assumed (every module uses them, and modsdk 0.1 already had them); they are not
markers. External libraries a module links (its Makefile's LIBS) are listed but never block it: a C++
module links them too.

This is a heuristic: a marker found means "the module's code mentions it", not "the module needs it in
the way modsdk offers it". See docs/coverage.md.

    python3 tools/module_coverage.py --opensips /path/to/opensips-4.0.1 [--json] [--drivers RULE]
"""

import argparse
import json
import os
import re
import sys

OFFERED, IN_PROGRESS, MISSING = "offered", "in progress", "missing"

# (id, status, what modsdk has / would need, markers (regexes on comment-free C text))
# Keep the ids short: they are the table's vocabulary.
CAPABILITIES = [
    # --- offered on main -------------------------------------------------------------------------
    ("database", OFFERED, "modsdk/db.hpp", [r"\bdb_bind_mod\b", r"\bdb_func_t\b"]),
    ("cachedb", OFFERED, "modsdk/cachedb.hpp", [r"\bcachedb_bind_mod\b", r"\bcachedb_funcs\b"]),
    ("tm", OFFERED, "modsdk/tm.hpp", [r"\bload_tm_api\b", r"\bstruct\s+tm_binds\b", r'"load_tm"']),
    ("sl/signaling replies", OFFERED, "modsdk/reply.hpp",
     [r"\bload_sig_api\b", r"\bload_sl_api\b", r'"load_sl"', r'"load_sig"', r"\bstruct\s+sig_binds\b"]),
    ("timers", OFFERED, "modsdk/timers.hpp", [r"\bregister_timer\b", r"\bregister_utimer\b"]),
    ("events raised", OFFERED, "modsdk/events.hpp",
     [r"\bevi_publish_event\b", r"\bevi_raise_event\b", r"\bevi_raise_script_event\b"]),
    ("exported pvars", OFFERED, "modsdk/pvars.hpp", [r"\bpv_export_t\b"]),
    ("pvar access", OFFERED, "modsdk/pv.hpp, modsdk/variable.hpp",
     [r"\bpv_parse_spec\b", r"\bpv_get_spec_value\b", r"\bpv_set_value\b"]),
    ("AVPs", OFFERED, "modsdk/avp.hpp",
     [r"\badd_avp\b", r"\badd_avp_last\b", r"\bsearch_first_avp\b", r"\bsearch_next_avp\b",
      r"\bdestroy_avp\b", r"\bdestroy_avps\b", r"\bget_avp_id\b", r"\bparse_avp_spec\b",
      r"\breplace_avp\b"]),
    ("status report", OFFERED, "modsdk/status_report.hpp (status_report identifiers in the module's group)",
     [r"\bsr_register_identifier\b", r"\bsr_set_status\b", r"\bsr_add_report\w*\b", r"\bsr_register_group\w*\b"]),
    ("own API export", OFFERED, "modsdk/api.hpp",
     [r'\{\s*"(?:load|bind)_?\w*"\s*,\s*\(cmd_function\)']),
    ("own processes", OFFERED, "modsdk/procs.hpp", [r"\bproc_export_t\b"]),
    ("async functions", OFFERED, "modsdk/async.hpp", [r"\bacmd_export_t\b"]),
    ("locks", OFFERED, "modsdk/lock.hpp (process_lock; a set is an array of them in shm)",
     [r"\block_alloc\b", r"\block_init\b", r"\bgen_lock_t\b", r"\block_set_alloc\b",
      r"\bgen_lock_set_t\b"]),
    ("message parsing", OFFERED, "modsdk/message.hpp, message/*.hpp (headers, URI, From/To, Via, CSeq, "
     "Content-Length/Type, Max-Forwards, body)",
     [r"\bparse_headers\b", r"\bparse_uri\b", r"\bparse_sip_msg_uri\b", r"\bparse_from_header\b",
      r"\bparse_to_header\b", r"\bparse_from_uri\b", r"\bparse_to_uri\b", r"\bget_from\s*\(",
      r"\bget_to\s*\(", r"\bget_cseq\s*\(", r"\bget_body\s*\(", r"\bparse_content_type_hdr\b",
      r"\bget_content_length\s*\(", r"\bparse_to\s*\(", r"\bparse_via\b"]),
    ("lumps", OFFERED, "modsdk/message/edit.hpp (headers, body, reply headers/body)",
     [r"\binsert_new_lump_before\b", r"\binsert_new_lump_after\b", r"\banchor_lump\b",
      r"\bdel_lump\b", r"\badd_lump_rpl\b"]),
    ("script flags", OFFERED, "message::set_flag/reset_flag/is_flag_set",
     [r"\bsetflag\s*\(", r"\bresetflag\s*\(", r"\bisflagset\s*\("]),
    ("R-URI/dst URI/append branch", OFFERED, "request::set_ruri/set_dst_uri/append_branch",
     [r"\brewrite_uri\b", r"\bset_ruri\b", r"\bset_dst_uri\b", r"\breset_dst_uri\b",
      r"\bappend_branch\b", r"\bappend_msg_branch\b"]),
    # --- merged in 0.2 (issues 13, 15, 16) --------------------------------------------------------------
    ("dialog", OFFERED, "modsdk/dialog.hpp", [r"\bload_dlg_api\b", r"\bstruct\s+dlg_binds\b", r'"load_dlg"']),
    ("clusterer", OFFERED, "modsdk/cluster.hpp",
     [r"\bload_clusterer_api\b", r"\bstruct\s+clusterer_binds\b", r'"load_clusterer"']),
    ("transformations", OFFERED, "modsdk/transformations.hpp", [r"\btrans_export_t\b"]),
    ("per-message context", OFFERED, "modsdk/context.hpp", [r"\bcontext_register_\w+\b"]),
    ("script callbacks", OFFERED, "modsdk/script_callbacks.hpp", [r"\bregister_script_cb\b"]),
    ("script routes", OFFERED, "modsdk/script_routes.hpp",
     [r"\brun_top_route\b", r"\bref_script_route\w*\b", r"\bget_script_route_ID_by_name\w*\b",
      r"\brun_actions\b"]),
    ("IPC", OFFERED, "modsdk/ipc.hpp",
     [r"\bipc_send_rpc\w*\b", r"\bipc_dispatch_rpc\b", r"\bipc_send_job\b", r"\bipc_register_handler\b",
      r"\bipc_send_sync_reply\b", r"\bipc_recv_sync_reply\b"]),
    ("dynamic stats", OFFERED, "modsdk/dynamic_stats.hpp",
     [r"\bregister_stat\s*\(", r"\bregister_stat2\b", r"\bregister_dynamic_stat\b", r"\bSTAT_IS_FUNC\b"]),
    ("rw locks", OFFERED, "modsdk/rw_lock.hpp", [r"\block_init_rw\b", r"\brw_lock_t\b"]),
    ("async MI", OFFERED, "modsdk/mi.hpp (mi_async)", [r"\bMI_ASYNC_RPL_FLAG\b", r"\bMI_ASYNC_RPL\b"]),
    ("Contact list", OFFERED, "modsdk/message/contact.hpp",
     [r"\bparse_contact\b", r"\bget_first_contact\w*\b", r"\bget_next_contact\b"]),
    ("multipart bodies", OFFERED, "modsdk/message/body.hpp", [r"\bparse_sip_body\b", r"\bget_body_part\w*\b"]),
    ("branch flags", OFFERED, "modsdk/message/state.hpp",
     [r"\bsetbflag\b", r"\bresetbflag\b", r"\bisbflagset\b", r"\bfixup_bflags?\b"]),
    ("branches (read/change)", OFFERED, "modsdk/message/branches.hpp (req.branches(): read, change, remove, "
     "clear), R-URI q in message/state.hpp",
     [r"\bget_msg_branch\b", r"\bupdate_msg_branch_\w+\b", r"\bremove_msg_branch\b", r"\bclear_dset\b",
      r"\bset_ruri_q\b", r"\bget_ruri_q\b"]),
    ("send socket/sockets", OFFERED, "modsdk/message/socket.hpp (sip_socket, grep_socket, find_socket, "
     "parse_socket_spec; received/forced socket)",
     [r"\bforce_send_socket\b", r"\bgrep_sock_info\b", r"\bgrep_internal_sock_info\b",
      r"\bparse_phostport\b", r"\bparse_socket_info\b"]),
    ("route type", OFFERED, "modsdk/route.hpp (route::current)", [r"\bis_route_type\b", r"\broute_type\s*(?:==|!=|&)"]),
    ("typed header parsers", OFFERED, "modsdk/message/parsed_headers.hpp (Expires, PAI/PPI, RPID, Supported & co., "
     "Allow, Event, Privacy)",
     [r"\bparse_privacy\b", r"\bparse_expires\b", r"\bparse_event\b", r"\bparse_supported\b",
      r"\bparse_supported_body\b", r"\bparse_allow\b", r"\bparse_pai_header\b", r"\bparse_ppi_header\b",
      r"\bparse_rpid_header\b"]),
    ("Route/Record-Route parsing", OFFERED, "modsdk/message/route.hpp", [r"\bparse_rr\b"]),
    ("pv format strings", OFFERED, "modsdk/pv_format.hpp (pv_format: a modparam or a constant, printed per message)",
     [r"\bpv_parse_format\b", r"\bpv_printf\b", r"\bpv_printf_s\b"]),
    ("other header parsers", OFFERED, "modsdk/message/parsed_headers.hpp (Session-Expires, Min-SE, Diversion, "
     "Refer-To), parsed_params.hpp (parse_params), method_set.hpp (parse_methods)",
     [r"\bparse_diversion\w*\b", r"\bparse_session_expires\b", r"\bparse_min_se\b",
      r"\bparse_refer_to_header\b", r"\bparse_params\b", r"\bparse_methods\b"]),
    # --- missing -----------------------------------------------------------------------------------
    ("rr bodies outside a header", MISSING, "parse_rr_body over any text, the rr module's get_route_param",
     [r"\bparse_rr_body\b", r"\bget_route_param\b"]),
    ("digest credentials", MISSING, "parse_credentials (auth headers)",
     [r"\bparse_credentials\b", r"\bauth_body_t\b"]),
    ("SDP", MISSING, "the core's SDP parser", [r"\bparse_sdp\b", r"\bget_sdp\b", r"\bsdp_info_t\b"]),
    ("conditional lumps", MISSING, "insert_cond_lump_*, insert_subst_lump_*, branch lumps",
     [r"\binsert_cond_lump_\w+\b", r"\binsert_subst_lump_\w+\b", r"\bLUMPFLAG_BRANCH\b"]),
    ("branch moves, R-URI path vector", MISSING, "move_msg_branch*, swap_msg_branches, set_path_vector",
     [r"\bset_path_vector\b", r"\bmove_msg_branch\w*\b", r"\bswap_msg_branches\b"]),
    ("flags by name", MISSING, "get_flag_id_by_name, flag_list_to_bitmask, fixup_flag",
     [r"\bget_flag_id_by_name\b", r"\bflag_list_to_bitmask\b", r"\bfixup_flag\b"]),
    ("sending SIP", MISSING, "msg_send, forward_request, build_*_buf_from_sip_req",
     [r"\bmsg_send\b", r"\bforward_request\b", r"\bforward_reply\b", r"\bbuild_req_buf_from_sip_req\b",
      r"\bbuild_res_buf_from_sip_req\b"]),
    ("raw message parsing/cloning", MISSING, "parse_msg on a buffer, sip_msg_cloner",
     [r"\bparse_msg\s*\(", r"\bsip_msg_cloner\b", r"\bsip_msg_shm_clone\b"]),
    ("TCP connections", MISSING, "tcp_conn_get, struct tcp_connection",
     [r"\btcp_conn_get\b", r"\btcp_conn_release\b", r"\bstruct\s+tcp_connection\b"]),
    ("DNS resolver", MISSING, "resolvehost, sip_resolvehost; the resolver's cache hooks",
     [r"\bresolvehost\b", r"\bsip_resolvehost\b", r"\brev_resolvehost\b", r"\bget_record\s*\(",
      r"\bdnscache_fetch_func\b", r"\bdnscache_put_func\b"]),
    ("reactor fds", MISSING, "the module's own fds in the core's reactor",
     [r"\breactor_add_reader\b", r"\bregister_async_fd\b"]),
    ("core callbacks (other)", MISSING, "sl callbacks, raw-message callbacks, profiling and log hooks",
     [r"\bregister_slcb\b", r"\bregister_pre_raw_processing_cb\b", r"\bregister_post_raw_processing_cb\b",
      r"\bregister_profiling_handler\b", r"\bregister_log_consumer\b"]),
    ("blacklists", MISSING, "create_bl_head ...", [r"\bcreate_bl_head\b", r"\badd_rule_to_list\b"]),
    ("fork at run time", MISSING, "internal_fork", [r"\binternal_fork\b"]),
    ("other modules' script functions", MISSING, "find_cmd_export_t",
     [r"\bfind_cmd_export_t\b", r"\bfind_mod_cmd_export_t\b"]),
    ("AAA", MISSING, "aaa_prot_bind (RADIUS, Diameter), or being an AAA provider",
     [r"\baaa_prot_bind\b", r'"aaa_bind_api"']),
    ("tm beyond modsdk's set", MISSING, "modsdk wraps t_newtran/t_reply/t_relay/t_check_trans/"
     "t_get_trans_ident/register_tmcb/t_gett (struct cell)/t_is_local/t_lookup_ident/ref_cell/unref_cell/"
     "t_gen_totag/t_reply_with_body/t_request; not t_request_within/outside, dlg UAC, t_ctx_*, ...",
     [r"(?:\.|->|\brun_tm_api\s*\(\s*&?\w+\s*,\s*)(?:t_addblind|t_reply_unsafe|"
      r"t_request_within|t_request_outside|new_dlg_uac|new_auto_dlg_uac|dlg_add_extra|"
      r"dlg_response_uac|free_dlg|t_sett|t_get_e2eackt|t_get_picked|t_set_remote_t|"
      r"t_lookup_original_t|t_cancel_trans|t_release_trans|t_setkr|setlocalTholder|"
      r"get_branch_index|t_ctx_\w+)\b\s*[(,]"]),
    # Drivers of core interfaces (left in the 171 by the project's rule): modsdk cannot be one.
    ("cachedb engine", MISSING, "being a cachedb backend (register_cachedb)", [r"\bregister_cachedb\b"]),
    ("event transport", MISSING, "being an EVI transport (register_event_mod)", [r"\bregister_event_mod\b"]),
    ("MI transport", MISSING, "parsing/running MI requests itself (handle_mi_request)",
     [r"\bhandle_mi_request\b", r"\bparse_mi_request\b"]),
]

# Other modules' APIs: export names / load_<x>_api helpers -> (capability, status, provider modules).
APIS = {
    "rr": ("rr API", MISSING, {"rr"}, [r"\bload_rr_api\b", r'"load_rr"']),
    "usrloc": ("usrloc API", MISSING, {"usrloc"}, [r"\bload_ul_api\b", r'"ul_bind_usrloc"']),
    "presence": ("presence/pua/xcap APIs", MISSING, {"presence", "pua", "xcap", "xcap_client"},
                 [r'"bind_presence"', r'"bind_pua"', r"\bload_pua_api\b", r'"bind_xcap"',
                  r'"bind_xcap_client"']),
    "b2b": ("b2b APIs", MISSING, {"b2b_entities", "b2b_logic"},
            [r"\bload_b2b_api\b", r"\bload_b2b_logic_api\b", r'"load_b2b"', r'"b2b_logic_bind"']),
    "tls": ("TLS APIs", MISSING, {"tls_mgm", "tls_openssl", "tls_wolfssl"},
            [r"\bload_tls_mgm_api\b", r"\bload_tls_openssl_api\b", r"\bload_tls_wolfssl_api\b",
             r'"load_tls_mgm"', r'"load_tls_openssl"', r'"load_tls_wolfssl"']),
    "httpd": ("httpd API", MISSING, {"httpd"}, [r"\bload_httpd_api\b", r'"httpd_bind"']),
    "auth": ("auth APIs", MISSING, {"auth", "uac_auth"},
             [r'"bind_auth"', r"\bload_uac_auth_api\b", r'"load_uac_auth"']),
    "media": ("media relay APIs", MISSING, {"rtp_relay", "rtpproxy", "rtp.io"},
              [r"\bload_rtp_relay\b", r'"load_rtp_relay"', r'"register_rtp_relay"', r"\bload_rtpproxy_api\b",
               r'"load_rtpproxy"', r'"rtp_io_\w+"', r'"rtpproxy_is_nproc"']),
}
# Any other `load_<x>_api(` or find_export("<name>") becomes a capability "<x> API" (missing).
GENERIC_API = [(re.compile(r"\bload_(\w+?)_api\s*\("), "load_%s_api"),
               (re.compile(r"\b(\w+?)_bind_api\s*\("), "%s_bind_api"),
               (re.compile(r'\bfind_(?:mod_)?export\s*\(\s*"(\w+)"'), "%s")]

DRIVER_RULES = {
    # The rule behind the project's "171 non-driver modules" of 4.0.1: SQL backends and SIP transports.
    "db-proto": re.compile(r"^(db_|proto_)"),
    # Every backend/transport family: also cachedb engines, MI transports, AAA and event transports.
    "all": re.compile(r"^(db_|proto_|cachedb_|mi_(?!script$)|aaa_|event_(?!routing$))"),
}

COMMENT_OR_STRING = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip(text, keep_strings):
    """The C text without comments (and, unless keep_strings, with every string and char literal emptied)."""
    def repl(m):
        s = m.group(0)
        if s[0] == "/":
            return " "
        return s if keep_strings else s[0] * 2
    return COMMENT_OR_STRING.sub(repl, text)


class Source:
    """A module's C sources twice: `code` (literals emptied, for names) and `full` (for "quoted" markers)."""

    def __init__(self, raw):
        self.code = strip(raw, False)
        self.full = strip(raw, True)

    def search(self, marker):
        return re.search(marker, self.full if '"' in marker else self.code)


def module_text(path):
    parts = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d not in ("doc", "test", "tests"))
        for name in sorted(files):
            if name.endswith((".c", ".h", ".cpp", ".cc", ".hpp", ".xs")):
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    parts.append(f.read())
    return Source("\n".join(parts))


def makefile_libs(path):
    """Libraries a module's Makefile links (LIBS lines): -lfoo and pkg-config/xxx-config names."""
    libs = []
    try:
        with open(os.path.join(path, "Makefile"), encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return libs
    for line in text.replace("\\\n", " ").splitlines():
        if not re.match(r"\s*LIBS\s*[+:?]?=", line):
            continue
        for name in re.findall(r"-l([\w.+-]+)", line):
            libs.append(name)
        for name in re.findall(r"pkg-config\s+(?:--\S+\s+)*([\w.+-]+)", line):
            libs.append(name)
        for name in re.findall(r"\b([\w-]+)-config\b", line):
            if name != "pkg":
                libs.append(name)
    seen = []
    for lib in libs:
        if lib not in seen and lib not in ("dl", "m", "pthread", "rt", "c"):
            seen.append(lib)
    return seen


def defines(text, name):
    """True when the module's own code defines function `name` or exports it as a cmd."""
    return bool(re.search(r"(?m)^[ \t]*[\w \t*]*\b%s\s*\([^;{}()]*\)\s*\{" % re.escape(name), text.code) or
                re.search(r'\{\s*"%s"\s*,' % re.escape(name), text.full))


def scan_module(name, path, status_of):
    text = module_text(path)
    used = {}
    for cap, status, _what, markers in CAPABILITIES:
        hits = [m for m in markers if text.search(m)]
        if hits:
            used[cap] = status_of.get(cap, status)
    known_api_markers = []
    for cap, status, providers, markers in APIS.values():
        known_api_markers += markers
        if name in providers:
            continue
        if any(text.search(m) for m in markers):
            used[cap] = status_of.get(cap, status)
    known = re.compile("|".join(known_api_markers + [
        r"\bload_tm_api\b", r'"load_tm"', r"\bload_sig_api\b", r"\bload_sl_api\b", r'"load_sl"', r'"load_sig"',
        r"\bload_dlg_api\b", r'"load_dlg"', r"\bload_clusterer_api\b", r'"load_clusterer"']))
    for pattern, function in GENERIC_API:
        for m in pattern.finditer(text.full if '"' in pattern.pattern else text.code):
            if known.search(m.group(0)):
                continue
            api = m.group(1)
            if defines(text, function % api):
                continue  # the provider itself
            cap = "API: %s" % api
            used[cap] = status_of.get(cap, MISSING)
    return {"module": name, "uses": dict(sorted(used.items())), "libs": makefile_libs(path)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--opensips", required=True, help="an OpenSIPS source tree (with modules/)")
    ap.add_argument("--drivers", choices=sorted(DRIVER_RULES), default="db-proto",
                    help="which modules count as drivers and are left out (default: db-proto, the 171 of 4.0.1)")
    ap.add_argument("--assume", action="append", default=[], metavar="CAP=STATUS",
                    help="what-if: give capability CAP the status offered|in progress|missing")
    ap.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = ap.parse_args(argv)

    status_of = {}
    for item in args.assume:
        cap, _, status = item.partition("=")
        if status not in (OFFERED, IN_PROGRESS, MISSING):
            ap.error("--assume %s: status must be one of offered, 'in progress', missing" % item)
        status_of[cap] = status

    mods_dir = os.path.join(args.opensips, "modules")
    if not os.path.isdir(mods_dir):
        ap.error("%s has no modules/ directory" % args.opensips)
    rule = DRIVER_RULES[args.drivers]
    names = sorted(d for d in os.listdir(mods_dir) if os.path.isdir(os.path.join(mods_dir, d)))
    drivers = [n for n in names if rule.match(n)]
    modules = [scan_module(n, os.path.join(mods_dir, n), status_of) for n in names if not rule.match(n)]

    for m in modules:
        m["missing"] = sorted(c for c, s in m["uses"].items() if s == MISSING)
        m["in_progress"] = sorted(c for c, s in m["uses"].items() if s == IN_PROGRESS)
        m["expressible"] = not m["missing"] and not m["in_progress"]
        m["expressible_with_in_progress"] = not m["missing"]

    # Ranking of missing capabilities, in-progress work counted as done.
    caps = {}
    for m in modules:
        for c in m["missing"]:
            entry = caps.setdefault(c, {"capability": c, "used_by": 0, "sole_blocker_of": []})
            entry["used_by"] += 1
            if len(m["missing"]) == 1:
                entry["sole_blocker_of"].append(m["module"])
    ranking = sorted(caps.values(), key=lambda e: (-len(e["sole_blocker_of"]), -e["used_by"], e["capability"]))

    # Greedy plan: add the missing capability that makes the most modules expressible, repeatedly.
    blocked = {m["module"]: set(m["missing"]) for m in modules if m["missing"]}
    done = sum(1 for m in modules if m["expressible_with_in_progress"])
    plan = []
    while blocked and len(plan) < 15:
        gain = {}
        for missing in blocked.values():
            for c in missing:
                gain.setdefault(c, 0)
                if len(missing) == 1:
                    gain[c] += 1
        best = max(sorted(gain), key=lambda c: (gain[c], sum(c in s for s in blocked.values())))
        for mod in list(blocked):
            blocked[mod].discard(best)
            if not blocked[mod]:
                del blocked[mod]
        done += gain[best]
        plan.append({"add": best, "unlocks": gain[best], "total_expressible": done})

    total = len(modules)
    summary = {
        "opensips": os.path.abspath(args.opensips),
        "driver_rule": args.drivers,
        "drivers_left_out": drivers,
        "modules": total,
        "expressible_offered": sum(m["expressible"] for m in modules),
        "expressible_offered_or_in_progress": sum(m["expressible_with_in_progress"] for m in modules),
        "no_markers": sum(not m["uses"] for m in modules),
    }
    if args.json:
        json.dump({"summary": summary, "capabilities": [
            {"capability": c, "status": status_of.get(c, s), "modsdk": w} for c, s, w, _ in CAPABILITIES] + [
            {"capability": c, "status": status_of.get(c, s), "modsdk": "another module's API"}
            for c, s, _, _ in APIS.values()],
            "missing_ranking": ranking, "greedy_plan": plan, "modules": modules}, sys.stdout, indent=1)
        print()
        return 0

    out = []
    out.append("# modsdk coverage of %s\n" % summary["opensips"])
    out.append("%d modules (drivers left out by rule `%s`: %d). Expressible with what modsdk offers: **%d**; "
               "with the work in progress too: **%d**. Using none of the markers: %d.\n" % (
                   total, args.drivers, len(drivers), summary["expressible_offered"],
                   summary["expressible_offered_or_in_progress"], summary["no_markers"]))
    out.append("| module | expressible | capabilities used | in progress | missing | libraries |")
    out.append("|---|---|---|---|---|---|")
    for m in modules:
        mark = "yes" if m["expressible"] else ("with in-progress" if m["expressible_with_in_progress"] else "no")
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            m["module"], mark, ", ".join(m["uses"]) or "-", ", ".join(m["in_progress"]) or "-",
            ", ".join(m["missing"]) or "-", ", ".join(m["libs"]) or "-"))
    out.append("\n## Missing capabilities (in-progress work counted as done)\n")
    out.append("| capability | sole blocker of | used by |")
    out.append("|---|---|---|")
    for e in ranking:
        out.append("| %s | %d | %d |" % (e["capability"], len(e["sole_blocker_of"]), e["used_by"]))
    out.append("\n## Greedy order (each step adds the capability that unlocks the most modules)\n")
    out.append("| step | add | unlocks | expressible |")
    out.append("|---|---|---|---|")
    for i, p in enumerate(plan, 1):
        out.append("| %d | %s | %d | %d |" % (i, p["add"], p["unlocks"], p["total_expressible"]))
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
