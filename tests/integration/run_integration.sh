#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Integration test: examples/new_module inside a real OpenSIPS.
#
#   OPENSIPS=/path/to/opensips [OPENSIPS_MODULES=<dir>[:<dir>...]] run_integration.sh \
#       <modsdk-source-dir> <work-dir> <udp_probe> [<cmake> [<c++ compiler> [EMBEDDED|SHARED]]]
#
# Builds new_module.so for exactly that core (nested CMake build, -DNEW_MODULE_OPENSIPS=$OPENSIPS) in
# the given {fmt} link mode (-DNEW_MODULE_FMT=..., default EMBEDDED), with its generated reference,
# writes a cfg on 127.0.0.1 with free ports, runs `opensips -F`, and checks:
#   - the .so's NEEDED entries (readelf -d): FMT EMBEDDED needs no libfmt, FMT SHARED needs libfmt.so.9;
#     the generated reference (new_module.json) lists exactly those runtime libraries
#   - SIP (sipp, or sipsak as a fallback): an OPTIONS gets 200 with X-Greeting set from a script variable
#     that new_module's greet() wrote (with sipmsgops.so; without it, the variable is the reason phrase);
#     a MESSAGE gets the stateless 403 of reply_with()
#   - log lines: INFO lines of new_module appear, its DBG lines do not (log_level = 3)
#   - MI over mi_datagram: the module's `greetings` command reports the greetings counted
#   - a bad modparam value stops the core at startup with modsdk's message
# OPENSIPS_MODULES: a module directory in either layout (<dir>/sl.so or <dir>/sl/sl.so), or a list of
# them separated by ':' or ';'. Unset: <dir of opensips>/modules, then the usual install paths.
# Exit codes: 0 pass, 1 fail, 77 skipped (OPENSIPS not set).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

if [ -z "${OPENSIPS:-}" ]; then
  echo "skipped: OPENSIPS not set (point it at an opensips binary, and OPENSIPS_MODULES at its modules)"
  exit 77
fi
if [ $# -lt 3 ]; then
  echo "usage: OPENSIPS=... $0 <modsdk-source-dir> <work-dir> <udp_probe> [<cmake> [<cxx> [EMBEDDED|SHARED]]]" >&2
  exit 1
fi
SRC=$(cd "$1" && pwd)
WORK=$2
PROBE=$3
CMAKE=${4:-cmake}
CXX_COMPILER=${5:-}
FMT=${6:-EMBEDDED}
case "$FMT" in EMBEDDED | SHARED) ;; *) echo "unknown {fmt} link mode '$FMT' (EMBEDDED or SHARED)" >&2; exit 1 ;; esac
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

failures=0
pass() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }

[ -x "$OPENSIPS" ] || die "OPENSIPS=$OPENSIPS is not an executable"
OPENSIPS=$(cd "$(dirname "$OPENSIPS")" && pwd)/$(basename "$OPENSIPS")
VERSION_LINE=$("$OPENSIPS" -V 2>&1 | sed -n 's/^version: //p')
[ -n "$VERSION_LINE" ] || die "'$OPENSIPS -V' printed no version line"
echo "core: $VERSION_LINE ($OPENSIPS)"
echo "fmt:  FMT $FMT"
command -v readelf >/dev/null || die "readelf (binutils) is not installed"

# ---- stock modules the cfg loads --------------------------------------------------------------------
module_dirs=()
if [ -n "${OPENSIPS_MODULES:-}" ]; then
  IFS=':;' read -r -a module_dirs <<<"$OPENSIPS_MODULES"
else
  module_dirs=("$(dirname "$OPENSIPS")/modules" /usr/lib/x86_64-linux-gnu/opensips/modules
               /usr/lib64/opensips/modules /usr/lib/opensips/modules /usr/local/lib64/opensips/modules
               /usr/local/lib/opensips/modules)
fi
find_module() {  # prints the absolute path of <name>.so in either layout
  local d
  for d in "${module_dirs[@]}"; do
    [ -n "$d" ] || continue
    if [ -f "$d/$1.so" ]; then echo "$(cd "$d" && pwd)/$1.so"; return 0; fi
    if [ -f "$d/$1/$1.so" ]; then echo "$(cd "$d/$1" && pwd)/$1.so"; return 0; fi
  done
  return 1
}
declare -A MOD
for m in sl signaling mi_datagram; do
  MOD[$m]=$(find_module "$m") || die "module $m.so not found in: ${module_dirs[*]} (set OPENSIPS_MODULES)"
done
# sipmsgops (append_to_reply) carries the greeting in a reply header; without it, in the reason phrase.
if MOD[sipmsgops]=$(find_module sipmsgops); then
  HEADER=1
else
  HEADER=""
  echo "note: sipmsgops.so not found: the greeting is checked in the reason phrase, not in a reply header"
fi

# ---- SIP driver ----------------------------------------------------------------------------------------
if command -v sipp >/dev/null; then
  DRIVER=sipp
elif command -v sipsak >/dev/null; then
  DRIVER=sipsak
else
  die "neither sipp (Debian: sip-tester) nor sipsak is installed"
fi

# ---- build new_module for this exact core ------------------------------------------------------------
build_args=(-S "$SRC/examples/new_module" -B "$WORK/build" "-DMODSDK_SOURCE_DIR=$SRC"
            "-DNEW_MODULE_OPENSIPS=$OPENSIPS" "-DNEW_MODULE_FMT=$FMT" -DNEW_MODULE_TESTS=OFF
            -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && build_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
echo "building new_module (FMT $FMT) and its reference for $VERSION_LINE"
"$CMAKE" "${build_args[@]}" >"$WORK/build.log" 2>&1 &&
  "$CMAKE" --build "$WORK/build" --target new_module new_module_docs -j2 >>"$WORK/build.log" 2>&1 ||
  { cat "$WORK/build.log"; die "nested build of examples/new_module failed"; }
SO="$WORK/build/new_module.so"
[ -f "$SO" ] || die "the nested build made no $SO"
pass "new_module.so built for this core (FMT $FMT)"

# ---- what the .so needs at run time ---------------------------------------------------------------------
NEEDED=$(readelf -d "$SO" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | paste -sd' ' -)
[ -n "$NEEDED" ] || die "readelf -d $SO shows no NEEDED entry"
if [ "$FMT" = EMBEDDED ]; then
  grep -q 'libfmt' <<<"$NEEDED" && fail "FMT EMBEDDED: new_module.so needs libfmt ($NEEDED)" ||
    pass "FMT EMBEDDED: NEEDED has no libfmt: $NEEDED"
else
  grep -qw 'libfmt\.so\.9' <<<"$NEEDED" && pass "FMT SHARED: NEEDED has libfmt.so.9: $NEEDED" ||
    fail "FMT SHARED: new_module.so does not need libfmt.so.9 ($NEEDED)"
fi
REF_LIBS=$(sed -n 's/^  "runtime_libraries": \[\(.*\)\],$/\1/p' "$WORK/build/new_module.json" | tr -d '"' | sed 's/, */ /g')
[ "$REF_LIBS" = "$NEEDED" ] && pass "the generated reference lists the same runtime libraries" ||
  fail "new_module.json lists runtime libraries '$REF_LIBS', readelf -d shows '$NEEDED'"

# ---- cfg ------------------------------------------------------------------------------------------------
SIP_PORT=$("$PROBE" free-port) || die "no free port"
MI_PORT=$("$PROBE" free-port) || die "no free port"
while [ "$MI_PORT" = "$SIP_PORT" ]; do MI_PORT=$("$PROBE" free-port); done

if [ -n "$HEADER" ]; then
  REPLY_LINES='append_to_reply("X-Greeting: $var(greeting)\r\n");
        sl_send_reply(200, "OK");'
else
  REPLY_LINES='sl_send_reply(200, "$var(greeting)");'
fi

write_cfg() {  # write_cfg <file> <max_greetings value>
  cat >"$1" <<EOF
# generated by modsdk's integration test
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$SIP_PORT

loadmodule "proto_udp.so"
loadmodule "${MOD[sl]}"
loadmodule "${MOD[signaling]}"
${HEADER:+loadmodule \"${MOD[sipmsgops]}\"}
loadmodule "${MOD[mi_datagram]}"
loadmodule "$SO"

modparam("mi_datagram", "socket_name", "udp:127.0.0.1:$MI_PORT")
modparam("new_module", "new_param", "Hello")
modparam("new_module", "max_greetings", $2)

route {
    if (\$rm == "OPTIONS") {
        new_function("\$rm from \$fU");
        new_function();
        greet("\$fU", \$var(greeting));
        $REPLY_LINES
        exit;
    }
    reply_with(403, "Not Today");
    exit;
}

onreply_route {
    new_function("reply \$rs");
}
EOF
}

PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null
  fi
}
trap cleanup EXIT

# ---- run 1: a good cfg ----------------------------------------------------------------------------------
CFG="$WORK/opensips.cfg"
LOG="$WORK/opensips.log"
write_cfg "$CFG" 5
"$OPENSIPS" -C -f "$CFG" >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log"; die "opensips -C rejects the cfg"; }
pass "opensips -C accepts the cfg (new_module loads, its functions parse)"

"$OPENSIPS" -F -f "$CFG" -m 64 -M 8 -w "$WORK" >"$LOG" 2>&1 &
PID=$!
mi() { "$PROBE" send 127.0.0.1 "$MI_PORT" "{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"id\":1${2:+,\"params\":$2}}" "${3:-2000}"; }
up=""
for _ in $(seq 100); do
  kill -0 "$PID" 2>/dev/null || break
  if mi version "" 300 >/dev/null 2>&1; then up=1; break; fi
done
[ -n "$up" ] || { cat "$LOG"; die "opensips did not start (no MI answer on 127.0.0.1:$MI_PORT)"; }
pass "opensips runs (pid $PID), MI answers on udp:127.0.0.1:$MI_PORT"

if [ "$DRIVER" = sipp ]; then
  rm -f "$WORK"/options_then_message_*.log
  (cd "$WORK" && timeout 30 sipp -sf "$HERE/options_then_message.xml" -m 1 -nostdin -nd \
      -i 127.0.0.1 -p "$("$PROBE" free-port)" -timeout 20s -timeout_error -trace_err -trace_msg \
      127.0.0.1:"$SIP_PORT" >"$WORK/sipp.out" 2>&1)
  rc=$?
  if [ $rc -eq 0 ]; then
    pass "sipp: OPTIONS -> 200 carrying 'Hello, alice'; MESSAGE -> '403 Not Today'"
    if [ -n "$HEADER" ]; then
      grep -q "^X-Greeting: Hello, alice" "$WORK"/options_then_message_*_messages.log &&
        pass "reply header 'X-Greeting: Hello, alice' (the variable greet() wrote)" ||
        fail "no 'X-Greeting: Hello, alice' header in the 200 OK"
    else
      grep -q "^SIP/2.0 200 Hello, alice" "$WORK"/options_then_message_*_messages.log &&
        pass "reply 'SIP/2.0 200 Hello, alice' (the variable greet() wrote)" || fail "no '200 Hello, alice' reply"
    fi
  else
    fail "sipp exited $rc"; cat "$WORK"/options_then_message_*_messages.log 2>/dev/null | tail -40
  fi
else
  out=$(sipsak -vv -s "sip:alice@127.0.0.1:$SIP_PORT" 2>&1)
  if grep -q "200 " <<<"$out" && grep -q "Hello, alice" <<<"$out"; then
    pass "sipsak: OPTIONS -> 200 carrying 'Hello, alice'"
  else
    fail "sipsak: no 200 with X-Greeting"; echo "$out"
  fi
  out=$(sipsak -vv -M -B "hi" -s "sip:bob@127.0.0.1:$SIP_PORT" 2>&1)
  grep -q "403 Not Today" <<<"$out" && pass "sipsak: MESSAGE -> '403 Not Today'" ||
    { fail "sipsak: no '403 Not Today'"; echo "$out"; }
fi

reply=$(mi greetings) && grep -q '"greetings": *1' <<<"$reply" &&
  pass "MI greetings: $reply" || fail "MI greetings answered: ${reply:-nothing}"

kill -TERM "$PID"
for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null && fail "opensips (pid $PID) did not stop on SIGTERM" || pass "opensips stopped by pid"
PID=""

grep -q "INFO:new_module:new_function: OPTIONS from alice" "$LOG" &&
  pass "log: INFO line of new_function(\"\$rm from \$fU\")" || fail "log: no INFO line of new_function"
grep -q "INFO:new_module:new_function: Hello" "$LOG" &&
  pass "log: INFO line of new_function() with new_param" || fail "log: no INFO line of new_function()"
grep -q "DBG:new_module:" "$LOG" && fail "log: DBG lines of new_module printed at log_level 3" ||
  pass "log: no DBG line of new_module at log_level 3"

# ---- run 2: a bad modparam stops the core ----------------------------------------------------------------
BAD_CFG="$WORK/bad.cfg"
BAD_LOG="$WORK/bad.log"
write_cfg "$BAD_CFG" 0
timeout 30 "$OPENSIPS" -F -f "$BAD_CFG" -m 64 -M 8 -w "$WORK" >"$BAD_LOG" 2>&1
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q "max_greetings" "$BAD_LOG" && grep -qi "modparam\|parameter" "$BAD_LOG"; then
  pass "bad modparam max_greetings=0 stops the core (exit $rc): $(grep -m1 max_greetings "$BAD_LOG" | sed 's/^.*\] //')"
else
  fail "bad modparam: exit $rc"; tail -20 "$BAD_LOG"
fi

if [ $failures -ne 0 ]; then
  echo "--- opensips log ($LOG) ---"; tail -60 "$LOG"
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed against $VERSION_LINE (FMT $FMT)"
