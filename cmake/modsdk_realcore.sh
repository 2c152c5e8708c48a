#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The runner behind modsdk_add_realcore_test() and modsdk_add_cfg_check() (cmake/ModsdkRealcoreTest.cmake).
#
#   OPENSIPS=<opensips> [OPENSIPS_MODULES=<dir>[:<dir>...]] modsdk_realcore.sh test [options]
#   OPENSIPS=<opensips> [OPENSIPS_MODULES=<dir>[:<dir>...]] modsdk_realcore.sh check-cfg <cfg> [options]
#
# test: builds the module for exactly that core (the CMake build's own .so when it is stamped with this
# core's `version:`/`flags:` lines; otherwise a nested build of the project for this core), writes the cfg
# template with free loopback ports and the .so path, starts `opensips -F`, waits until it listens, runs the
# steps (an executable, sipp scenarios), stops the core by its pid; the log is kept (and its tail printed)
# on failure. Options:
#   --work <dir> --module <name> --so <built .so> --stamp "<version line>|<flags line>" --cfg <template>
#   --modules "<stock module>..." ("a|b": the first found; "?a": optional) --project <source dir> --target <cmake target> --cmake <cmake>
#   --cmake-base <-Dx=y> (repeated: the nested configure's) --cmake-arg <-Dx=y> (same, and forces the nested
#   build) --default-opensips <core> --default-modules <dirs> (the configure-time core, unless OPENSIPS is set) --scenario <sipp xml> (repeated)
#   --exe <program> --exe-arg <arg> (repeated) --cmd <program> --cmd-arg <arg> (repeated; runs after --exe)
#   --tcp yes (the core also listens on TCP, on the SIP port's number: MODSDK_REALCORE_SIP_TCP)
# The template's placeholders: @MODSDK_PREAMBLE@ (log settings, the UDP socket, loadmodule of proto_udp, of
# each --modules module, of mi_datagram with its socket, and of the module), @MODSDK_MODULE_SO@,
# @MODSDK_SIP_PORT@, @MODSDK_MI_PORT@, @MODSDK_WORK_DIR@. The executable runs with MODSDK_REALCORE_SIP,
# MODSDK_REALCORE_MI (127.0.0.1:<port>), MODSDK_REALCORE_LOG (the core's log), MODSDK_REALCORE_MODULE,
# MODSDK_REALCORE_MODULES (the stock modules loaded, by name, space-separated).
#
# check-cfg <cfg>: a user's real cfg, really started (fixups, mod_init, child_init run; `opensips -C` runs
# none of them): every `socket=`/`listen=` moved to 127.0.0.1 on a free port, then the core runs for
# --seconds (default 2); reports the first ERROR/CRITICAL line when the core stops or logs one.
#   --seconds <n> --expect-error <regex> (the check passes only when the core refuses the cfg with a line
#   matching <regex>) --forbid-log <regex> (fails when any line of the core's log matches) --dash-c
#   refuses|passes (what `opensips -C` must say of the same cfg; without it, what -C says is only reported)
#   --work <dir> --so <module .so> --module <name> (loadmodule "<name>.so" lines point at it)
# Exit: 0 pass, 1 fail, 77 skipped (OPENSIPS not set).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$HERE/modsdk_realcore_env.sh"

MODE=${1:-}
shift || true
CHECK_CFG=""
if [ "$MODE" = check-cfg ]; then CHECK_CFG=${1:-}; shift || true; fi
case "$MODE" in test | check-cfg) ;; *) echo "usage: $0 test|check-cfg <cfg> [options]" >&2; exit 2 ;; esac

WORK="" MODULE="" SO="" STAMP="" CFG="" MODULES="" PROJECT="" TARGET="" CMAKE=cmake EXE="" SECONDS_UP=2
EXPECT_ERROR="" FORBID_LOG="" DASH_C="" TCP=""
CMD="" CMD_ARGS=() CMAKE_ARGS=() CMAKE_BASE=() SCENARIOS=() EXE_ARGS=() DEFAULT_OPENSIPS="" DEFAULT_MODULES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --work) WORK=$2 ;; --module) MODULE=$2 ;; --so) SO=$2 ;; --stamp) STAMP=$2 ;; --cfg) CFG=$2 ;;
    --modules) MODULES=$2 ;; --project) PROJECT=$2 ;; --target) TARGET=$2 ;; --cmake) CMAKE=$2 ;;
    --cmake-arg) CMAKE_ARGS+=("$2") ;; --cmake-base) CMAKE_BASE+=("$2") ;;
    --default-opensips) DEFAULT_OPENSIPS=$2 ;; --default-modules) DEFAULT_MODULES=$2 ;; --scenario) SCENARIOS+=("$2") ;; --exe) EXE=$2 ;;
    --exe-arg) EXE_ARGS+=("$2") ;; --cmd) CMD=$2 ;; --cmd-arg) CMD_ARGS+=("$2") ;; --seconds) SECONDS_UP=$2 ;; --expect-error) EXPECT_ERROR=$2 ;;
    --forbid-log) FORBID_LOG=$2 ;; --dash-c) DASH_C=$2 ;; --tcp) TCP=$2 ;;
    *) echo "unknown option '$1'" >&2; exit 2 ;;
  esac
  shift 2
done

# the core named at configure time, unless the environment names one now
[ -n "${OPENSIPS:-}" ] || { OPENSIPS=$DEFAULT_OPENSIPS; [ -n "${OPENSIPS_MODULES:-}" ] || OPENSIPS_MODULES=$DEFAULT_MODULES; }
realcore_require_core
realcore_module_dirs
[ -n "$WORK" ] || WORK=$(mktemp -d)
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
echo "core:    $VERSION_LINE ($OPENSIPS)"
trap stop_core EXIT

# ---- the module, for exactly this core ----------------------------------------------------------------
# the .so the CMake build made, when its stamp is this core's; otherwise (or with --cmake-arg) a nested
# build of the project with MODSDK_REALCORE_OPENSIPS, which stamps every module of it for this core.
module_for_core() {
  if [ ${#CMAKE_ARGS[@]} -eq 0 ] && [ "$STAMP" = "$VERSION_LINE|$FLAGS_LINE" ] && [ -f "$SO" ]; then
    echo "module:  $SO (built for this core's version and flags)"
    return 0
  fi
  [ -n "$PROJECT" ] && [ -n "$TARGET" ] || die "$SO is stamped '$STAMP', not for this core, and no project to rebuild"
  local key build
  key=$(printf '%s %s' "$OPENSIPS" "${CMAKE_ARGS[*]}" | cksum | cut -d' ' -f1)
  build="$(dirname "$WORK")/build-$key"
  echo "module:  $TARGET rebuilt for this core (nested build of $PROJECT in $build)"
  { "$CMAKE" -S "$PROJECT" -B "$build" "-DMODSDK_REALCORE_OPENSIPS=$OPENSIPS" "${CMAKE_BASE[@]}" "${CMAKE_ARGS[@]}" &&
      "$CMAKE" --build "$build" -j2 --target "$TARGET"; } >"$WORK/build.log" 2>&1 ||
    { tail -40 "$WORK/build.log"; die "nested build of $TARGET failed ($WORK/build.log)"; }
  SO=$(find "$build" -name "$(basename "${SO:-$TARGET.so}")" -print -quit)
  [ -f "$SO" ] || die "the nested build made no $TARGET .so"
}

PROTO_UDP=$(find_module proto_udp) || PROTO_UDP=proto_udp.so   # else built into the core
PROTO_TCP=$(find_module proto_tcp) || PROTO_TCP=proto_tcp.so
# resolve_modules: the --modules list and mi_datagram -> STOCK_PATHS (their .so files) and LOADED (their
# names). "a|b": the first of them found; a leading "?": optional (not found: noted, not loaded).
resolve_modules() {
  local -a mods
  local m alt opt path name
  read -ra mods <<<"$MODULES mi_datagram"
  STOCK_PATHS=() LOADED=""
  for m in "${mods[@]}"; do
    opt=""
    [ "${m:0:1}" = "?" ] && { opt=1; m=${m:1}; }
    path=""
    for alt in ${m//|/ }; do
      path=$(find_module "$alt") && { name=$alt; break; }
      path=""
    done
    if [ -z "$path" ]; then
      [ -n "$opt" ] && { echo "note:    ${m//|/ or }.so not found in ${module_dirs[*]}: not loaded"; continue; }
      die "module ${m//|/ or }.so not found in: ${module_dirs[*]} (set OPENSIPS_MODULES)"
    fi
    STOCK_PATHS+=("$path")
    LOADED+="${LOADED:+ }$name"
  done
}
preamble() {  # preamble <sip port> <mi port>
  local m path
  cat <<EOF
# written by modsdk's real-core runner (cmake/modsdk_realcore.sh)
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$1

loadmodule "$PROTO_UDP"
EOF
  if [ -n "$TCP" ]; then
    printf 'tcp_workers = 1\nsocket = tcp:127.0.0.1:%s\nloadmodule "%s"\n' "$1" "$PROTO_TCP"
  fi
  for path in "${STOCK_PATHS[@]}"; do echo "loadmodule \"$path\""; done
  echo "modparam(\"mi_datagram\", \"socket_name\", \"udp:127.0.0.1:$2\")"
  [ -n "$SO" ] && echo "loadmodule \"$SO\""
}

first_error() { grep -m1 -E '(ERROR|CRITICAL|ALERT):' "$1" | sed 's/^.*\] //'; }

# ======================================================================================================
run_test() {
  module_for_core
  local sip_port mi_port text cfg="$WORK/opensips.cfg" log="$WORK/opensips.log"
  sip_port=$(free_port) && mi_port=$(free_port) || die "no free port"
  resolve_modules
  text=$(<"$CFG")
  text=${text//@MODSDK_PREAMBLE@/$(preamble "$sip_port" "$mi_port")}
  text=${text//@MODSDK_MODULE_SO@/$SO}
  text=${text//@MODSDK_SIP_PORT@/$sip_port}
  text=${text//@MODSDK_MI_PORT@/$mi_port}
  text=${text//@MODSDK_WORK_DIR@/$WORK}
  printf '%s\n' "$text" >"$cfg"

  if ! start_core "$cfg" "$log" "$WORK"; then
    echo "--- $log"; tail -30 "$log"
    die "the core did not start (first error: $(first_error "$log"))"
  fi
  pass "the core runs (pid $PID): sip udp:127.0.0.1:$sip_port${TCP:+ and tcp:127.0.0.1:$sip_port}, mi_datagram udp:127.0.0.1:$mi_port"

  local s rc
  for s in "${SCENARIOS[@]}"; do
    (cd "$WORK" && timeout 60 sipp -sf "$s" -m 1 -nostdin -nd -i 127.0.0.1 -p "$(free_port)" -timeout 20s \
        -timeout_error -trace_err 127.0.0.1:"$sip_port" >"$WORK/sipp-$(basename "$s").out" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && pass "sipp $(basename "$s")" ||
      { fail "sipp $(basename "$s") exited $rc"; tail -20 "$WORK/sipp-$(basename "$s").out"; }
  done
  MODSDK_REALCORE_SIP_TCP=""
  [ -n "$TCP" ] && MODSDK_REALCORE_SIP_TCP=127.0.0.1:$sip_port
  export MODSDK_REALCORE_SIP_TCP
  export MODSDK_REALCORE_SIP=127.0.0.1:$sip_port MODSDK_REALCORE_MI=127.0.0.1:$mi_port MODSDK_REALCORE_LOG=$log \
    MODSDK_REALCORE_MODULE=$MODULE MODSDK_REALCORE_SO=$SO MODSDK_REALCORE_MODULES=$LOADED
  if [ -n "$EXE" ]; then
    "$EXE" "${EXE_ARGS[@]}"
    rc=$?
    [ $rc -eq 0 ] && pass "$(basename "$EXE") ${EXE_ARGS[*]}" || fail "$(basename "$EXE") exited $rc"
  fi
  if [ -n "$CMD" ]; then
    "$CMD" "${CMD_ARGS[@]}"
    rc=$?
    [ $rc -eq 0 ] && pass "$(basename "$CMD") ${CMD_ARGS[*]}" || fail "$(basename "$CMD") ${CMD_ARGS[*]} exited $rc"
  fi
  kill -0 "$PID" 2>/dev/null || fail "the core died during the test (first error: $(first_error "$log"))"
  stop_core
  pass "stopped by pid (exit $STOP_RC)"
}

# ======================================================================================================
run_check_cfg() {
  [ -f "$CHECK_CFG" ] || die "no cfg '$CHECK_CFG'"
  [ -n "$SO" ] && [ -n "$STAMP" ] && module_for_core
  local cfg="$WORK/check.cfg" log="$WORK/check.log" port
  # the log on stderr; every socket/listen moved to loopback, one free port each; loadmodule "<module>.so"
  # -> the built .so; loadmodule "<stock>.so" (no folder) -> that module of OPENSIPS_MODULES
  local path
  printf '# %s, as modsdk check-cfg runs it\nstderror_enabled = yes\nsyslog_enabled = no\n' "$CHECK_CFG" >"$cfg"
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ "$line" =~ ^[[:space:]]*(socket|listen)[[:space:]]*=[[:space:]]*([a-z]+): ]]; then
      port=$(free_port) || die "no free port"
      line="${BASH_REMATCH[1]} = ${BASH_REMATCH[2]}:127.0.0.1:$port"
    elif [[ "$line" =~ ^[[:space:]]*(stderror_enabled|syslog_enabled|log_stderror)[[:space:]]*= ]]; then
      line="# $line"
    elif [ -n "$MODULE" ] && [ -n "$SO" ] &&
         [[ "$line" =~ ^[[:space:]]*loadmodule[[:space:]]*\"([^\"]*/)?$MODULE\.so\" ]]; then
      line="loadmodule \"$SO\""
    elif [[ "$line" =~ ^[[:space:]]*loadmodule[[:space:]]*\"([a-z0-9_]+)\.so\" ]] &&
         path=$(find_module "${BASH_REMATCH[1]}"); then
      line="loadmodule \"$path\""
    fi
    printf '%s\n' "$line" >>"$cfg"
  done <"$CHECK_CFG"
  "$OPENSIPS" -F -f "$cfg" -m 64 -M 8 -w "$WORK" >"$log" 2>&1 &
  PID=$!
  local i up=1
  for i in $(seq $((SECONDS_UP * 10))); do
    kill -0 "$PID" 2>/dev/null || { up=""; break; }
    grep -qE '(ERROR|CRITICAL|ALERT):' "$log" && { up=""; break; }
    sleep 0.1
  done
  stop_core
  local err said
  # what `opensips -C` (parse, no fixups, no mod_init) says of the same cfg
  if "$OPENSIPS" -C -f "$cfg" >"$WORK/check-C.log" 2>&1; then said=passes; else said=refuses; fi
  if [ -z "$DASH_C" ]; then
    echo "note:    opensips -C $said it"
  elif [ "$DASH_C" = "$said" ]; then
    pass "opensips -C $said it too"
  else
    fail "opensips -C $said it (expected: $DASH_C); its log: $WORK/check-C.log"
  fi
  if [ -n "$FORBID_LOG" ] && grep -qE -- "$FORBID_LOG" "$log"; then
    fail "the core's log has a line matching /$FORBID_LOG/: $(grep -m1 -E -- "$FORBID_LOG" "$log" | sed 's/^.*\] //')"
  fi
  err=$(first_error "$log")
  if [ -n "$EXPECT_ERROR" ]; then
    if [ -n "$err" ] && grep -qE -- "$EXPECT_ERROR" <<<"$err"; then
      pass "the core refuses $(basename "$CHECK_CFG") as expected: $err"
    else
      fail "expected the core to refuse $(basename "$CHECK_CFG") with /$EXPECT_ERROR/; first error: ${err:-none}"
    fi
  elif [ -n "$up" ] && [ -z "$err" ]; then
    pass "$(basename "$CHECK_CFG"): the core started (fixups, mod_init, child_init) and ran ${SECONDS_UP}s without an error"
  else
    fail "$(basename "$CHECK_CFG"): ${err:-the core exited at startup without an error line (exit $STOP_RC)}"
  fi
}

if [ "$MODE" = test ]; then run_test; else run_check_cfg; fi
if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed against $VERSION_LINE; the core's log and cfg are kept in $WORK"
  [ -f "$WORK/opensips.log" ] && { echo "--- tail of $WORK/opensips.log"; tail -40 "$WORK/opensips.log"; }
  exit 1
fi
rm -f "$WORK/opensips.log" "$WORK/check.log"
echo "all checks passed against $VERSION_LINE"
