#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The core services (timers, events, pseudo-variables) of a modsdk module in a real OpenSIPS core
# (tests/realcore/CMakeLists.txt registers it as "realcore: timers: ...", "realcore: events: ...", "realcore:
# pvs: ..."). Self-contained on purpose.
#
#   OPENSIPS=/path/to/opensips [OPENSIPS_MODULES=<dir>[:<dir>...]] \
#       run_services.sh timers|events|pvs|avps <modsdk-source-dir> <work-dir> [<cmake> [<c++ compiler>]]
#
# Builds services_probe.so (services_module.cpp) for exactly that core, runs the core with it for ~7 s, and
# checks in the core's log:
#   timers: the 1 s timer and the 300 ms timer (period from a modparam) fire at their period (measured from
#           the monotonic times they log), a timer that throws every second is logged each time and the timer
#           process keeps running the others;
#   events: both events are published in mod_init; with the stock module that runs event_route blocks
#           (event_route.so in 3.4/3.5, event_routing.so from 3.6) found in OPENSIPS_MODULES, event_route[E_MODSDK_BLOCKED] xlogs the parameters raised from a script
#           function (caller, code) and event_route[E_MODSDK_TICK] runs for the event a timer raises. Without
#           that module the delivery checks are skipped loudly (publish is still checked);
#   pvs:    the module's $probe_count, $probe_greet(name) and $(probe_item[index]) in xlog formats, a comparison,
#           arithmetic, an assignment and a NULL assignment, an index read from $var(i); and `opensips -C`
#           refusing a name the module's check refuses, an index on a variable without one, and an
#           assignment to a read-only variable;
#   avps:   the cfg sets $avp(probe_tags) three times, avp_probe() logs them newest first and answers in
#           $avp(probe_score) (add, replace, remove), which the cfg reads back with the tags the module left.
# Exit: 0 pass, 1 fail, 77 skipped.
set -uo pipefail

if [ -z "${OPENSIPS:-}" ]; then
  echo "skipped: OPENSIPS not set (point it at an opensips binary, and OPENSIPS_MODULES at its modules)"
  exit 77
fi
if [ $# -lt 3 ]; then
  echo "usage: OPENSIPS=... $0 timers|events <modsdk-source-dir> <work-dir> [<cmake> [<cxx>]]" >&2
  exit 2
fi
WHAT=$1
SRC=$(cd "$2" && pwd)
WORK_ROOT=$3
CMAKE=${4:-cmake}
CXX_COMPILER=${5:-}
case "$WHAT" in timers | events | pvs | avps) ;; *) echo "unknown check '$WHAT' (timers, events, pvs, avps)" >&2; exit 2 ;; esac

failures=0
pass() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }

[ -x "$OPENSIPS" ] || die "OPENSIPS=$OPENSIPS is not an executable"
OPENSIPS=$(cd "$(dirname "$OPENSIPS")" && pwd)/$(basename "$OPENSIPS")
VERSION_LINE=$("$OPENSIPS" -V 2>&1 | sed -n 's/^version: //p')
[ -n "$VERSION_LINE" ] || die "'$OPENSIPS -V' printed no version: line"
echo "core:    $OPENSIPS"
echo "version: $VERSION_LINE"

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
SL=$(find_module sl) || die "sl.so not found in ${module_dirs[*]} (set OPENSIPS_MODULES)"
PROTO_UDP=$(find_module proto_udp) || PROTO_UDP=proto_udp.so
# the module that runs event_route blocks: event_route in 3.4/3.5, event_routing from 3.6 on
EVR=$(find_module event_route) || EVR=$(find_module event_routing) || EVR=""

# ---- services_probe.so for this core -------------------------------------------------------------------------
KEY=$(printf '%s' "$OPENSIPS" | cksum | cut -d' ' -f1)
WORK="$WORK_ROOT/services-$KEY"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
BUILD="$WORK/build"
build_args=(-S "$SRC/tests/realcore/services_project" -B "$BUILD" "-DMODSDK_SOURCE_DIR=$SRC"
            "-DREALCORE_OPENSIPS=$OPENSIPS" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
[ -n "$CXX_COMPILER" ] && build_args+=("-DCMAKE_CXX_COMPILER=$CXX_COMPILER")
{
  "$CMAKE" "${build_args[@]}" && "$CMAKE" --build "$BUILD" -j2 --target services_probe
} >"$WORK/build.log" 2>&1 || { tail -60 "$WORK/build.log"; die "nested build failed ($WORK/build.log)"; }
SO="$BUILD/services_probe.so"
pass "services_probe.so built for $VERSION_LINE"

# ---- the core, ~7 s ----------------------------------------------------------------------------------------------
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if command -v ss >/dev/null && ss -Hlun 2>/dev/null | awk '{print $4}' | grep -q ":$p\$"; then continue; fi
    echo "$p"
    return 0
  done
  return 1
}
PID=""
stop_core() {
  [ -n "$PID" ] || return 0
  kill -TERM "$PID" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null
  wait "$PID" 2>/dev/null
  PID=""
}
trap stop_core EXIT

PORT=$(free_port) || die "no free port"
CFG="$WORK/services-$WHAT.cfg"
LOG="$WORK/services-$WHAT.log"
{
  cat <<EOF
# generated by modsdk's tests/realcore/run_services.sh
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 2
socket = udp:127.0.0.1:$PORT

loadmodule "$PROTO_UDP"
loadmodule "$SL"
EOF
  [ -n "$EVR" ] && echo "loadmodule \"$EVR\""
  cat <<EOF
loadmodule "$SO"
modparam("services_probe", "fast_interval", "300ms")

EOF
  if [ "$WHAT" = avps ]; then
    cat <<EOF
route {
    if (\$rm == "OPTIONS") {
        \$avp(probe_tags) = "a";
        \$avp(probe_tags) = "b";
        \$avp(probe_tags) = "c";
        if (avp_probe())
            xlog("AVP script score=\$avp(probe_score) second=\$(avp(probe_score)[1]) third=\$(avp(probe_score)[2]) tags=\$avp(probe_tags) oldest=\$(avp(probe_tags)[-1])\n");
        else
            xlog("AVP avp_probe failed\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  elif [ "$WHAT" = pvs ]; then
    cat <<EOF
route {
    if (\$rm == "OPTIONS") {
        xlog("PV read count=\$probe_count greet=\$probe_greet(en) null=\$probe_greet(fr) item=\$(probe_item[1]) all=\$(probe_item[*])\n");
        if (\$probe_count == 7 && \$probe_greet(en) == "hello")
            xlog("PV compare ok\n");
        \$probe_greet(fr) = "salut";
        xlog("PV assigned fr=\$probe_greet(fr)\n");
        \$probe_greet(fr) = NULL;
        xlog("PV after NULL fr=\$probe_greet(fr)\n");
        \$var(i) = 2;
        xlog("PV var index=\$(probe_item[\$var(i)])\n");
        \$var(n) = \$probe_count + 1;
        xlog("PV arithmetic=\$var(n)\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  else
    cat <<EOF
route {
    if (\$rm == "OPTIONS") {
        if (block(486))
            xlog("BLOCK raised\n");
        else
            xlog("BLOCK not raised\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  fi
  if [ -n "$EVR" ] && [ "$WHAT" = events ]; then
    cat <<EOF

event_route[E_MODSDK_BLOCKED] {
    xlog("EVENT E_MODSDK_BLOCKED caller=\$param(caller) code=\$param(code)\n");
}
event_route[E_MODSDK_TICK] {
    xlog("EVENT E_MODSDK_TICK\n");
}
EOF
  fi
} >"$CFG"
"$OPENSIPS" -C -f "$CFG" >"$WORK/check.log" 2>&1 || { tail -20 "$WORK/check.log"; die "opensips -C rejects the cfg"; }
"$OPENSIPS" -F -f "$CFG" -m 64 -M 8 -w "$WORK" >"$LOG" 2>&1 &
PID=$!
send_options() {
  local n=$RANDOM
  printf 'OPTIONS sip:opensips@127.0.0.1:%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK%s\r\nFrom: <sip:alice@example.com>;tag=%s\r\nTo: <sip:opensips@127.0.0.1>\r\nCall-ID: svc-%s@modsdk\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n' \
    "$PORT" "$n" "$n" "$n" >"$WORK/options.sip"
  cat "$WORK/options.sip" >"/dev/udp/127.0.0.1/$PORT"
}
for i in $(seq 70); do
  sleep 0.1
  kill -0 "$PID" 2>/dev/null || break
  [ "$i" = 30 ] && send_options 2>/dev/null
done
[ "$WHAT" = events ] && ! grep -q "BLOCK " "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = pvs ] && ! grep -q "PV arithmetic" "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = avps ] && ! grep -q "AVP script" "$LOG" && { send_options 2>/dev/null; sleep 1; }
kill -0 "$PID" 2>/dev/null && pass "the core ran ~7 s with the module" || { tail -30 "$LOG"; die "the core stopped"; }
stop_core

# intervals <pattern>: the differences between the "at N ms" times of the lines matching <pattern>
intervals() { grep -o "$1 [0-9]* at [0-9]* ms" "$LOG" | awk '{print $(NF-1)}' | awk 'NR>1{print $1-p}{p=$1}'; }
# check_period <name> <pattern> <period ms> <early ms> <min runs>: the times are when each run *executed*; on a
# loaded machine a job may wait for the timer handler process (that interval grows, the next one shrinks) and
# the core counts the next run from a delayed check (on 2 busy CPUs we measured means up to 1.35 x period).
# So: a median interval within [period - early, 1.6 x period], a mean within [0.9, 1.5] x period (a timer of the
# wrong kind or unit is off by 3x or more), and at least <min runs> runs in the ~7 s window.
check_period() {
  local runs iv stats lo med hi mean
  runs=$(grep -c "$2 [0-9]* at" "$LOG")
  iv=$(intervals "$2" | tr '\n' ' ')
  stats=$(intervals "$2" | sort -n |
    awk '{a[NR]=$1;s+=$1}END{if(NR)print a[1], a[int((NR+1)/2)], a[NR], int(s/NR); else print "0 0 0 0"}')
  read -r lo med hi mean <<<"$stats"
  if [ "$runs" -ge "$5" ] && [ "$med" -ge $(($3 - $4)) ] && [ "$((med * 10))" -le $(($3 * 16)) ] &&
    [ "$((mean * 10))" -ge $(($3 * 9)) ] && [ "$((mean * 10))" -le $(($3 * 15)) ]; then
    pass "$1: $runs runs, intervals min/median/mean/max $lo/$med/$mean/$hi ms: $iv"
  else
    fail "$1: $runs runs (want >= $5), intervals min/median/mean/max $lo/$med/$mean/$hi ms (want median in [$(($3 - $4)), $(($3 * 16 / 10))], mean in [$(($3 * 9 / 10)), $(($3 * 15 / 10))]): $iv"
  fi
}

if [ "$WHAT" = timers ]; then
  check_period "1 s timer (register_timer)" "TICK seconds" 1000 150 4
  check_period "300 ms timer (register_utimer, period from modparam)" "TICK fast" 300 100 10
  n=$(grep -c 'timer "probe-boom" failed: exception: timer boom' "$LOG")
  [ "$n" -ge 4 ] && pass "the throwing timer: $n runs logged ($(grep -m1 'probe-boom' "$LOG" | sed 's/^.*ERROR/ERROR/'))" ||
    fail "the throwing timer logged $n times (want >= 4)"
  last_boom=$(grep -n 'probe-boom' "$LOG" | tail -1 | cut -d: -f1)
  after=$(tail -n +"${last_boom:-1}" "$LOG" | grep -c "TICK fast")
  first_boom=$(grep -n 'probe-boom' "$LOG" | head -1 | cut -d: -f1)
  between=$(sed -n "${first_boom:-1},${last_boom:-1}p" "$LOG" | grep -c "TICK seconds")
  [ "$between" -ge 2 ] && pass "timers keep running between the exceptions ($between 1 s runs)" ||
    fail "only $between 1 s runs between the first and the last exception"
elif [ "$WHAT" = avps ]; then
  for want in "module reads the script's values, newest first|AVP module read first=c count=3 all=c,b,a, oldest=a" \
              "script reads the module's values back|AVP script score=21 second=10 third=<null> tags=b oldest=a"; do
    what=${want%%|*}
    want=${want#*|}
    if grep -qF -- "$want" "$LOG"; then pass "$what: $want"; else
      fail "$what: want '$want', the core printed: $(grep -m1 "${want%% [a-z]*=*}" "$LOG" | sed 's/^.*AVP/AVP/')"
    fi
  done
elif [ "$WHAT" = pvs ]; then
  expect_line() {  # <description> <the text xlog printed>
    if grep -qF -- "$2" "$LOG"; then pass "$1: $2"; else
      fail "$1: want '$2', the core printed: $(grep -m1 "${2%% *} ${2#* }" "$LOG" || grep -m1 "${2%% *} " "$LOG")"
    fi
  }
  expect_line "read in an xlog format" "PV read count=7 greet=hello null=<null> item=one/OPTIONS all=zero,one,two"
  expect_line "compared in an if" "PV compare ok"
  expect_line "assigned, then read" "PV assigned fr=salut"
  expect_line "assigned NULL, then read" "PV after NULL fr=<null>"
  expect_line "index from \$var(i)" "PV var index=two/OPTIONS"
  expect_line "in arithmetic" "PV arithmetic=8"
  # the cfg parser refuses misuse at startup (opensips -C parses the whole cfg)
  refuse() {  # <description> <script line> <expected text in the core's errors>
    local bad="$WORK/bad-pvs.cfg" out
    sed -n '1,/^route {/p' "$CFG" | sed '$d' >"$bad"
    printf 'route {\n    %s\n    exit;\n}\n' "$2" >>"$bad"
    out=$("$OPENSIPS" -C -f "$bad" 2>&1)
    if [ $? -ne 0 ] && grep -qF -- "$3" <<<"$out"; then
      pass "$1 refused at startup: $(grep -m1 -F -- "$3" <<<"$out" | sed 's/^.*\(ERROR\|CRITICAL\)/\1/')"
    else
      fail "$1: opensips -C did not refuse it with '$3':"
      grep -m5 -E "ERROR|CRITICAL|error" <<<"$out"
    fi
  }
  refuse "a name the module's check refuses" '$var(x) = $probe_greet(de);' 'has an invalid name param [de]'
  refuse "an index on a variable that takes none" '$var(x) = $(probe_count[1]);' 'does not get index param'
  refuse "an assignment to a read-only variable" '$probe_count = 1;' 'invalid left operand in assignment'
else
  for e in E_MODSDK_BLOCKED E_MODSDK_TICK; do
    line=$(grep -m1 "Registered event <$e(" "$LOG" | sed 's/^.*INFO/INFO/')
    [ -n "$line" ] && pass "published: $line" || fail "$e was not published"
  done
  grep -q "BLOCK raised" "$LOG" && pass "block(486) returned true (raised)" || fail "block() did not report the raise"
  if [ -z "$EVR" ]; then
    echo "skipped: event delivery (event_route.so / event_routing.so not found in ${module_dirs[*]}; add its directory to OPENSIPS_MODULES)"
  else
    line=$(grep -m1 "EVENT E_MODSDK_BLOCKED" "$LOG" | sed 's/^.*EVENT/EVENT/')
    want="EVENT E_MODSDK_BLOCKED caller=sip:alice@example.com code=486"
    [ "$line" = "$want" ] && pass "event_route caught the event with its parameters: $line" ||
      fail "event_route line '$line', want '$want'"
    n=$(grep -c "EVENT E_MODSDK_TICK" "$LOG")
    [ "$n" -ge 2 ] && pass "event_route caught the event raised by a timer $n times" ||
      fail "event_route[E_MODSDK_TICK] ran $n times (want >= 2)"
  fi
fi
if grep -E "CRITICAL|segfault|core dumped" "$LOG" | grep -q .; then fail "a crash line:"; grep -m3 -E "CRITICAL|segfault" "$LOG"; fi
other=$(grep -E "ERROR:" "$LOG" | grep -v "probe-boom" | head -5)
[ -z "$other" ] && pass "no other error line" || { fail "error lines:"; echo "$other"; }

echo "log: $LOG"
[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all checks passed"
