#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# modsdk against a real OpenSIPS core (tests/realcore/CMakeLists.txt registers both modes with CTest).
#
#   OPENSIPS=/path/to/opensips [OPENSIPS_MODULES=<dir>[:<dir>...]] \
#       run_realcore.sh foundation|fidelity <modsdk-source-dir> <work-dir> [<cmake> [<c++ compiler>]]
#
# Both modes build tests/realcore/project for exactly that core (a nested CMake build, one per core binary,
# kept under <work-dir>), then:
#   foundation  realcore_probe.so and fidelity.so: `exports` (read from the file, tests/realcore/
#               exports_reader.cpp) carries the `version:`/`flags:` lines of `$OPENSIPS -V`, name, type 1
#               and dlflags 0; `nm -D --defined-only` shows only `exports`; every strong undefined
#               unversioned symbol is defined by the core binary, and every weak one the core lacks is one
#               the ABI layer declares optional (include/modsdk/abi/core.hpp); `opensips -C` accepts a cfg
#               loading the probe and the core starts with it (mod_init, child_init, destroy lines).
#               For a stock build (the core prints the strings of a stock release), a module stamped
#               TARGET <release> (scm "git"/"") also loads: the scm pair came from core_scm_ver at dlopen.
#   fidelity    fidelity_calls.txt on one SIP request (sent with sipp): in the real core as a generated
#               route, in the fake core (fidelity_fake, the same fidelity.so through host::load, the
#               bytes sipp sent); the sequences of (call, $rc, module log lines) must be identical.
# proto_udp: <dir>/proto_udp.so or <dir>/proto_udp/proto_udp.so from OPENSIPS_MODULES (or the modules
# directory next to the binary); else the core's built-in proto_udp. Exit: 0 pass, 1 fail, 77 skipped.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if [ -z "${OPENSIPS:-}" ]; then
  echo "skipped: OPENSIPS not set (point it at an opensips binary, and OPENSIPS_MODULES at its modules)"
  exit 77
fi
if [ $# -lt 3 ]; then
  echo "usage: OPENSIPS=... $0 foundation|fidelity <modsdk-source-dir> <work-dir> [<cmake> [<cxx>]]" >&2
  exit 2
fi
MODE=$1
SRC=$(cd "$2" && pwd)
WORK_ROOT=$3
CMAKE=${4:-cmake}
CXX_COMPILER=${5:-}
case "$MODE" in foundation | fidelity) ;; *) echo "unknown mode '$MODE'" >&2; exit 2 ;; esac

failures=0
pass() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }

[ -x "$OPENSIPS" ] || die "OPENSIPS=$OPENSIPS is not an executable"
OPENSIPS=$(cd "$(dirname "$OPENSIPS")" && pwd)/$(basename "$OPENSIPS")
CORE_V=$("$OPENSIPS" -V 2>&1) || die "'$OPENSIPS -V' failed: $CORE_V"
VERSION_LINE=$(sed -n 's/^version: //p' <<<"$CORE_V")
FLAGS_LINE=$(sed -n 's/^flags: //p' <<<"$CORE_V")
SCM_LINE=$(grep -m1 ' revision: ' <<<"$CORE_V")
[ -n "$VERSION_LINE" ] && [ -n "$FLAGS_LINE" ] || die "'$OPENSIPS -V' printed no version:/flags: line"
echo "core:    $OPENSIPS"
echo "version: $VERSION_LINE"
echo "flags:   $FLAGS_LINE"
echo "scm:     $SCM_LINE"

for tool in nm; do command -v $tool >/dev/null || die "$tool is not installed"; done

# ---- the nested build, one per core binary -----------------------------------------------------------
KEY=$(printf '%s' "$OPENSIPS" | cksum | cut -d' ' -f1)
WORK="$WORK_ROOT/$KEY"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
BUILD="$WORK/build"
RELEASE=$(sed -n 's/^opensips \([0-9]*\.[0-9]*\.[0-9]*\) (.*$/\1/p' <<<"$VERSION_LINE")
build_args=(-S "$HERE/project" -B "$BUILD" "-DMODSDK_SOURCE_DIR=$SRC" "-DREALCORE_OPENSIPS=$OPENSIPS"
            "-DREALCORE_RELEASE=$RELEASE" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && build_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
if [ "$MODE" = foundation ]; then
  targets=(realcore_probe fidelity exports_reader)
  grep -qE '^(3\.4|3\.5|3\.6|4\.0)\.[0-9]+$' <<<"$RELEASE" && targets+=(realcore_probe_stock global_neighbour)
else
  targets=(fidelity fidelity_fake)
fi
echo "building ${targets[*]} for $VERSION_LINE (in $BUILD)"
{
  "$CMAKE" "${build_args[@]}" && "$CMAKE" --build "$BUILD" -j2 --target "${targets[@]}"
} >"$WORK/build-$MODE.log" 2>&1 || { tail -60 "$WORK/build-$MODE.log"; die "nested build failed ($WORK/build-$MODE.log)"; }
pass "nested build: ${targets[*]}"

# ---- helpers: modules, ports, the core ----------------------------------------------------------------
module_dirs=()
if [ -n "${OPENSIPS_MODULES:-}" ]; then
  IFS=':;' read -r -a module_dirs <<<"$OPENSIPS_MODULES"
else
  module_dirs=("$(dirname "$OPENSIPS")/modules")
fi
find_module() {  # the absolute path of <name>.so in either layout, or nothing
  local d
  for d in "${module_dirs[@]}"; do
    [ -n "$d" ] || continue
    if [ -f "$d/$1.so" ]; then echo "$(cd "$d" && pwd)/$1.so"; return 0; fi
    if [ -f "$d/$1/$1.so" ]; then echo "$(cd "$d/$1" && pwd)/$1.so"; return 0; fi
  done
  return 1
}
if PROTO_UDP=$(find_module proto_udp); then
  echo "proto_udp: $PROTO_UDP"
else
  PROTO_UDP=proto_udp.so
  echo "proto_udp: built into the core (no proto_udp.so in ${module_dirs[*]})"
fi

used_ports=" "
free_port() {  # a UDP port nobody listens on (and not handed out before by this script)
  local p i
  for i in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    case "$used_ports" in *" $p "*) continue ;; esac
    if command -v ss >/dev/null && ss -Hlun 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; then continue; fi
    used_ports="$used_ports$p "
    echo "$p"
    return 0
  done
  return 1
}

PID=""
stop_core() {  # stop_core: SIGTERM, then wait (SIGKILL after 10 s); sets STOP_RC
  STOP_RC=""
  [ -n "$PID" ] || return 0
  kill -TERM "$PID" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$PID" 2>/dev/null; then
    kill -KILL "$PID" 2>/dev/null
    STOP_RC=killed
  fi
  wait "$PID" 2>/dev/null
  [ -n "$STOP_RC" ] || STOP_RC=$?
  PID=""
}
trap stop_core EXIT

start_core() {  # start_core <cfg> <log> <pattern>: runs the core, waits up to 20 s for <pattern> in <log>
  "$OPENSIPS" -F -f "$1" -m 64 -M 8 -w "$WORK" >"$2" 2>&1 &
  PID=$!
  for _ in $(seq 200); do
    grep -q -- "$3" "$2" 2>/dev/null && return 0
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  return 1
}

cfg_header() {  # cfg_header <port>
  cat <<EOF
# generated by modsdk's tests/realcore/run_realcore.sh
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$1

loadmodule "$PROTO_UDP"
EOF
}

# ======================================================================================================
foundation() {
  local so name
  CORE_DEFINED=$(nm -D --defined-only "$OPENSIPS" | awk '{print $3}' | sort -u)
  # the symbols the ABI layer declares weak (the core may lack them; modsdk checks before use)
  ABI_WEAK=$(sed -n 's/^MODSDK_CORE_WEAK[^;]*[ *]\([A-Za-z_][A-Za-z0-9_]*\)\( *(\|;\|\[\).*/\1/p' \
    "$SRC/include/modsdk/abi/core.hpp" | sort -u)
  [ -n "$ABI_WEAK" ] || fail "no MODSDK_CORE_WEAK declaration found in include/modsdk/abi/core.hpp"

  for name in realcore_probe fidelity; do
    so="$BUILD/$name.so"
    [ -f "$so" ] || { fail "$so was not built"; continue; }
    echo "--- $name.so"
    local ex
    ex=$("$BUILD/exports_reader" "$so") || { fail "$name: exports_reader: $ex"; continue; }
    sed 's/^/      exports /' <<<"$ex"
    field() { sed -n "s/^$1: //p" <<<"$ex"; }
    [ "$(field version)" = "$VERSION_LINE" ] && pass "$name: exports version = the core's 'version:' line" ||
      fail "$name: exports version '$(field version)' != '$VERSION_LINE'"
    [ "$(field flags)" = "$FLAGS_LINE" ] && pass "$name: exports flags = the core's 'flags:' line" ||
      fail "$name: exports flags '$(field flags)' != '$FLAGS_LINE'"
    [ "$(field name)" = "$name" ] && [ "$(field type)" = 1 ] && [ "$(field dlflags)" = 0 ] &&
      [ "$(field size)" = 184 ] && pass "$name: exports name '$name', type 1, dlflags 0, 184 bytes" ||
      fail "$name: exports name/type/dlflags/size: $(field name)/$(field type)/$(field dlflags)/$(field size)"

    local defined
    defined=$(nm -D --defined-only "$so" | awk '{print $3}')
    [ "$defined" = exports ] && pass "$name: nm -D --defined-only shows only 'exports'" ||
      fail "$name: dynamic symbols defined besides exports: $(tr '\n' ' ' <<<"$defined")"

    local kind sym strong="" strong_missing="" weak_present="" weak_absent="" weak_bad="" n_strong=0
    while read -r kind sym; do
      case "$sym" in *@*) continue ;; esac   # versioned: libc / libstdc++ / libgcc
      if [ "$kind" = U ]; then
        n_strong=$((n_strong + 1))
        strong="$strong $sym"
        grep -qx -- "$sym" <<<"$CORE_DEFINED" || strong_missing="$strong_missing $sym"
      elif grep -qx -- "$sym" <<<"$CORE_DEFINED"; then
        weak_present="$weak_present $sym"
      else
        weak_absent="$weak_absent $sym"
        case "$sym" in _ITM_* | __gmon_start__) ;; *) grep -qx -- "$sym" <<<"$ABI_WEAK" || weak_bad="$weak_bad $sym" ;; esac
      fi
    done < <(nm -D --undefined-only "$so" | awk '{print $1, $2}')
    [ -z "$strong_missing" ] && pass "$name: all $n_strong strong unversioned undefined symbols are defined by the core" ||
      fail "$name: undefined symbols the core does not define:$strong_missing"
    echo "      strong:$strong"
    echo "      weak, defined by the core:$weak_present"
    echo "      weak, absent from the core (NULL at run time):${weak_absent:- none}"
    [ -z "$weak_bad" ] && pass "$name: every weak symbol the core lacks is one abi/core.hpp declares optional" ||
      fail "$name: weak symbols the core lacks and the ABI layer does not declare:$weak_bad"
  done

  # ---- the core starts with the probe --------------------------------------------------------------
  local port cfg log
  port=$(free_port) || die "no free port"
  cfg="$WORK/probe.cfg"
  log="$WORK/probe.log"
  {
    cfg_header "$port"
    cat <<EOF
loadmodule "$BUILD/realcore_probe.so"
modparam("realcore_probe", "answer", 7)
modparam("realcore_probe", "greeting", "hi")

route {
    probe("\$rm", \$var(out));
    exit;
}
EOF
  } >"$cfg"
  if "$OPENSIPS" -C -f "$cfg" >"$WORK/probe-check.log" 2>&1; then
    pass "opensips -C accepts a cfg loading realcore_probe.so and calling probe()"
  else
    fail "opensips -C rejects the probe cfg:"; tail -20 "$WORK/probe-check.log"
  fi
  if start_core "$cfg" "$log" "PROBE child_init rank=1"; then
    sleep 1
    if kill -0 "$PID" 2>/dev/null; then
      pass "the core started with realcore_probe.so (pid $PID): $(grep -m1 -o 'PROBE init.*' "$log")"
      echo "      child_init ranks: $(grep -o 'PROBE child_init rank=-\?[0-9]*' "$log" | sed 's/.*=//' | sort -n | tr '\n' ' ')"
    else
      fail "the core exited after starting"; tail -30 "$log"
    fi
  else
    fail "the core did not start with realcore_probe.so (no 'PROBE child_init rank=1' within 20 s)"; tail -30 "$log"
  fi
  stop_core
  grep -q "PROBE destroy" "$log" && pass "stopped by SIGTERM (exit $STOP_RC), destroy ran" ||
    fail "no destroy line after SIGTERM (exit $STOP_RC)"
  if grep -E "(ERROR|CRITICAL|ALERT):(realcore_probe|core):" "$log" | grep -v "probe destroy" | grep -q .; then
    echo "      error lines in the log:"; grep -E "(ERROR|CRITICAL|ALERT):" "$log" | head -10 | sed 's/^/      /'
    grep -qE "(ERROR|CRITICAL|ALERT):realcore_probe:" "$log" && fail "realcore_probe logged errors"
  fi

  # ---- a stock-stamped module adopts the core's scm pair at dlopen ----------------------------------
  if [ -f "$BUILD/realcore_probe_stock.so" ]; then
    local ex_stock
    ex_stock=$("$BUILD/exports_reader" "$BUILD/realcore_probe_stock.so")
    if [ "$(sed -n 's/^version: //p' <<<"$ex_stock")" = "$VERSION_LINE" ] &&
       [ "$(sed -n 's/^flags: //p' <<<"$ex_stock")" = "$FLAGS_LINE" ]; then
      local stock_scm
      stock_scm="$(sed -n 's/^scm.type: //p' <<<"$ex_stock")/$(sed -n 's/^scm.rev: //p' <<<"$ex_stock")"
      sed -i "s|$BUILD/realcore_probe.so|$BUILD/realcore_probe_stock.so|" "$cfg"
      if start_core "$cfg" "$WORK/probe-stock.log" "PROBE child_init rank=1"; then
        pass "TARGET $RELEASE module (stamped scm '$stock_scm') loads into this core ($SCM_LINE): scm adopted at dlopen"
      else
        fail "TARGET $RELEASE module (stamped scm '$stock_scm') does not load into this core ($SCM_LINE)"
        grep -m3 -i "mismatch\|error" "$WORK/probe-stock.log"
      fi
      stop_core
      # again, after a module that the core loads RTLD_GLOBAL (its `exports` joins the global scope)
      sed -i "s|^loadmodule \"$BUILD/realcore_probe_stock.so\"|loadmodule \"$BUILD/global_neighbour.so\"\n&|" "$cfg"
      if start_core "$cfg" "$WORK/probe-stock-global.log" "PROBE child_init rank=1"; then
        pass "... also after an RTLD_GLOBAL module (global_neighbour.so): the adoption wrote its own exports"
      else
        fail "after an RTLD_GLOBAL module the TARGET $RELEASE module does not load:"
        grep -m3 -i "mismatch\|error" "$WORK/probe-stock-global.log"
      fi
      stop_core
    else
      echo "note: not a stock build of $RELEASE (its strings differ from the stock ones): no TARGET-stamped check"
    fi
  fi
}

# ======================================================================================================
fidelity() {
  command -v sipp >/dev/null || die "sipp is not installed (Debian: apt-get install sip-tester)"
  local sl core_port sipp_port cfg log calls="$HERE/fidelity_calls.txt"
  sl=$(find_module sl) || die "sl.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
  core_port=$(free_port) && sipp_port=$(free_port) || die "no free port"
  cfg="$WORK/fidelity.cfg"
  log="$WORK/fidelity.log"
  # the route: each statement of fidelity_calls.txt; after each call, its line number and $rc
  {
    cfg_header "$core_port"
    echo "loadmodule \"$sl\""
    echo "loadmodule \"$BUILD/fidelity.so\""
    echo
    echo "route {"
    echo "    xlog(\"FIDSTART\\n\");"
    awk '{ s = $0; sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s)
           if (s == "" || substr(s, 1, 1) == "#") next
           print "    " s ";"
           if (substr(s, 1, 1) != "$") print "    xlog(\"FIDRC " FNR " $rc\\n\");" }' "$calls"
    echo "    sl_send_reply(200, \"OK\");"
    echo "    exit;"
    echo "}"
  } >"$cfg"
  "$OPENSIPS" -C -f "$cfg" >"$WORK/fidelity-check.log" 2>&1 ||
    { tail -20 "$WORK/fidelity-check.log"; die "opensips -C rejects the fidelity cfg ($cfg)"; }
  pass "opensips -C accepts the generated fidelity cfg"

  # the request, as a sipp scenario: the .sip template, CRLF, Content-Length computed by sipp
  local scen="$WORK/fidelity.xml"
  {
    echo '<?xml version="1.0" encoding="ISO-8859-1" ?>'
    echo '<scenario name="modsdk fidelity">'
    echo '  <send><![CDATA['
    echo
    sed -e "s/@CORE_PORT@/$core_port/g" -e "s/@SIPP_PORT@/$sipp_port/g" -e 's/@CALL_ID@/[call_id]/g' \
        -e 's/^Content-Length:.*/Content-Length: [len]/' "$HERE/fidelity_request.sip"
    echo '  ]]></send>'
    echo '  <recv response="200"/>'
    echo '</scenario>'
  } >"$scen"

  start_core "$cfg" "$log" "FIDELITY child_init rank=1" || { tail -30 "$log"; die "the core did not start with fidelity.so"; }
  rm -f "$WORK"/fidelity_*_messages.log
  (cd "$WORK" && timeout 30 sipp -sf "$scen" -m 1 -nostdin -nd -nr -i 127.0.0.1 -p "$sipp_port" \
      -cid_str "modsdk-fidelity-1" -timeout 20s -timeout_error -trace_msg 127.0.0.1:"$core_port" >"$WORK/sipp.out" 2>&1)
  local sipp_rc=$?
  stop_core
  [ $sipp_rc -eq 0 ] && pass "sipp: the request got its 200" || { fail "sipp exited $sipp_rc"; tail -5 "$WORK/sipp.out"; }

  # the exact bytes sipp sent: N bytes after the "UDP message sent (N bytes):" line and a blank line
  local trace sent_line nbytes
  trace=$(ls "$WORK"/fidelity_*_messages.log 2>/dev/null | head -1)
  [ -n "$trace" ] || die "sipp wrote no message trace"
  sent_line=$(grep -n -m1 'message sent (' "$trace" | cut -d: -f1)
  nbytes=$(sed -n "${sent_line}s/.*(\([0-9]*\) bytes).*/\1/p" "$trace")
  tail -n +"$((sent_line + 2))" "$trace" | head -c "$nbytes" >"$WORK/request.sip"
  [ "$(wc -c <"$WORK/request.sip")" -eq "$nbytes" ] || die "could not extract the $nbytes bytes sipp sent"

  # the fake core on the same bytes
  "$BUILD/fidelity_fake" "$BUILD/fidelity.so" "$calls" "$WORK/request.sip" 127.0.0.1 "$sipp_port" \
    >"$WORK/fake.txt" 2>"$WORK/fake.err" || { cat "$WORK/fake.err"; die "fidelity_fake failed"; }

  # the real core's log, normalised the same way
  awk -v calls="$calls" '
    BEGIN { while ((getline l < calls) > 0) { ++n; s = l; sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); stmt[n] = s } }
    /FIDSTART/ { on = 1; pending = ""; next }
    !on { next }
    match($0, /\] (ALERT|CRITICAL|ERROR|WARNING|NOTICE|INFO|DBG):fidelity:/) {
      pending = pending " | " substr($0, RSTART + 2); next }
    match($0, /FIDRC [0-9]+ -?[0-9]+/) {
      split(substr($0, RSTART, RLENGTH), f, " ")
      print f[2] " " stmt[f[2]] " => rc=" f[3] pending; pending = ""; next }
  ' "$log" >"$WORK/real.txt"

  local n_fake n_real
  n_fake=$(wc -l <"$WORK/fake.txt")
  n_real=$(wc -l <"$WORK/real.txt")
  echo "--- real core ($VERSION_LINE): line, call => \$rc | module log lines"
  sed 's/^/      /' "$WORK/real.txt"
  if [ "$n_real" -eq 0 ]; then
    fail "no call outcome found in the real core's log ($log)"; tail -30 "$log"
  elif diff -u --label fake "$WORK/fake.txt" --label real "$WORK/real.txt" >"$WORK/fidelity.diff"; then
    pass "fidelity: $n_real calls, identical (call, \$rc, logged text) in the fake and the real core"
  else
    fail "fidelity: the fake ($n_fake calls) and the real core ($n_real calls) differ:"
    cat "$WORK/fidelity.diff"
  fi
}

"$MODE"
if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed against $VERSION_LINE"
  exit 1
fi
echo "all $MODE checks passed against $VERSION_LINE"
