#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The core services (timers, events, pseudo-variables) of a modsdk module in a real OpenSIPS core
# (tests/realcore/CMakeLists.txt registers it as "realcore: timers: ...", "realcore: events: ...", "realcore:
# pvs: ..."). Self-contained on purpose.
#
#   OPENSIPS=/path/to/opensips [OPENSIPS_MODULES=<dir>[:<dir>...]] \
#       run_services.sh timers|events|pvs|avps|script <modsdk-source-dir> <work-dir> [<cmake> [<c++ compiler>]]
#
# Builds services_probe.so (examples/services_module/services_module.cpp) for exactly that core, runs the core with it for ~7 s, and
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
#           $avp(probe_score) (add, replace, remove), which the cfg reads back with the tags the module left;
#   script: the module's callback before the request script fills its context slots (an int, an object)
#           and lets OPTIONS through to the script but not INFO; script_ctx() changes them from the script,
#           run_check() runs the cfg's route[probe_check] from C++ and reads its return(3) (the script then
#           sees it in $rc); the callback after the script reads the slots, and the object's destructor
#           logs when the core releases the message's context; a cfg without route[probe_check] stops the
#           start with an error naming it; the module's transformations in an xlog format (chained with the
#           core's {s.len}), a comparison and an assignment, and `opensips -C` refusing malformed parameters
#           and an unknown operation.
#   formats: the module's modparam log_format (several variables, "$$") parsed by the core in mod_init and
#           printed by format_probe() into its buffer and into a std::string; transformations with $var
#           parameters (read per call) in an xlog format, a variable that is not an int failing with a log
#           line; a log_format with an unknown variable stopping the start with one line naming it.
# Exit: 0 pass, 1 fail, 77 skipped.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/../support/realcore_env.sh"
realcore_require_core
if [ $# -lt 3 ]; then
  echo "usage: OPENSIPS=... $0 timers|events|pvs|avps|script|formats <modsdk-source-dir> <work-dir> [<cmake> [<cxx>]]" >&2
  exit 2
fi
WHAT=$1
SRC=$(cd "$2" && pwd)
WORK_ROOT=$3
CMAKE=${4:-cmake}
CXX_COMPILER=${5:-}
case "$WHAT" in timers | events | pvs | avps | script | formats) ;; *) echo "unknown check '$WHAT' (timers, events, pvs, avps, script, formats)" >&2; exit 2 ;; esac

echo "core:    $OPENSIPS"
echo "version: $VERSION_LINE"

realcore_module_dirs
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
modparam("services_probe", "log_format", "from=\$fU ru=\$rU n=\$var(n) cost=5\$\$ m=\$rm")

# the module runs this route from C++ (run_check) and looks it up in mod_init
route[probe_check] {
    xlog("SCRIPT route probe_check runs for \$rm from \$fU\n");
    return(3);
}

EOF
  if [ "$WHAT" = script ]; then
    cat <<EOF
route {
    if (\$rm == "OPTIONS") {
        \$var(n) = 42;
        xlog("TRANS shout=\$(fU{probe.shout,2}) len=\$(fU{probe.shout,2}{s.len}) clamp=\$(var(n){probe.clamp,0,10}) low=\$(var(n){probe.clamp,50})\n");
        if (\$(fU{probe.shout,1}) == "alice!")
            xlog("TRANS compare ok\n");
        \$var(s) = \$(fU{probe.shout,3});
        xlog("TRANS assigned=\$var(s)\n");
        script_ctx();
        if (run_check())
            xlog("SCRIPT main after route rc=\$rc\n");
        sl_send_reply(200, "OK");
    }
    exit;
}
EOF
  elif [ "$WHAT" = avps ]; then
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
  elif [ "$WHAT" = formats ]; then
    cat <<EOF
route {
    if (\$rm == "OPTIONS") {
        \$var(n) = 3;
        format_probe();
        \$var(lo) = 20;
        \$var(x) = 5;
        \$var(t) = "abc";
        xlog("TRANS var=\$(fU{probe.shout,\$var(n)}) clamp=\$(var(x){probe.clamp,\$var(lo), 30}) text=\$(fU{probe.shout,\$var(lo)}{s.len})\n");
        \$var(n) = 1;
        xlog("TRANS again=\$(fU{probe.shout,\$var(n)})\n");
        xlog("TRANS bad=[\$(fU{probe.shout,\$var(t)})]\n");
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
send_options() {  # [<method>]
  local n=$RANDOM m=${1:-OPTIONS}
  printf '%s sip:opensips@127.0.0.1:%s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK%s\r\nFrom: <sip:alice@example.com>;tag=%s\r\nTo: <sip:opensips@127.0.0.1>\r\nCall-ID: svc-%s@modsdk\r\nCSeq: 1 %s\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n' \
    "$m" "$PORT" "$n" "$n" "$n" "$m" >"$WORK/options.sip"
  cat "$WORK/options.sip" >"/dev/udp/127.0.0.1/$PORT"
}
for i in $(seq 70); do
  sleep 0.1
  kill -0 "$PID" 2>/dev/null || break
  [ "$i" = 30 ] && send_options 2>/dev/null
  [ "$i" = 35 ] && [ "$WHAT" = script ] && send_options INFO 2>/dev/null
done
[ "$WHAT" = events ] && ! grep -q "BLOCK " "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = pvs ] && ! grep -q "PV arithmetic" "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = formats ] && ! grep -q "TRANS bad" "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = avps ] && ! grep -q "AVP script" "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = script ] && ! grep -q "SCRIPT main after" "$LOG" && { send_options 2>/dev/null; sleep 1; }
[ "$WHAT" = script ] && ! grep -q "SCRIPT after INFO" "$LOG" && { send_options INFO 2>/dev/null; sleep 1; }
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
elif [ "$WHAT" = script ]; then
  in_order() {  # <description> <line>...: the lines, in this order in the log
    local what=$1 at=0 line n
    shift
    for line in "$@"; do
      n=$(grep -n -F -- "$line" "$LOG" | head -1 | cut -d: -f1)
      if [ -z "$n" ] || [ "$n" -le "$at" ]; then
        fail "$what: want '$line' after line $at, the core printed: $(grep -F "SCRIPT" "$LOG" | sed 's/^.*SCRIPT/SCRIPT/' | tr '\n' '|')"
        return
      fi
      at=$n
    done
    pass "$what: $(printf '%s | ' "$@")"
  }
  in_order "OPTIONS: callback before, slots changed by the script, route run from C++, callback after, context released" \
    "SCRIPT before OPTIONS hops=1" "SCRIPT route probe_check runs for OPTIONS from alice" \
    "SCRIPT route probe_check returned 3" "SCRIPT main after route rc=3" "SCRIPT after OPTIONS hops=2 score=15" \
    "SCRIPT context released OPTIONS score=15"
  in_order "INFO: the callback before skips the script, the one after still runs" \
    "SCRIPT before INFO hops=1" "SCRIPT after INFO hops=1 score=10" "SCRIPT context released INFO score=10"
  grep -q "probe_check runs for INFO" "$LOG" && fail "the script ran for INFO" || pass "no script run for INFO"
  in_order "transformations in a format, chained with the core's, in a comparison and an assignment" \
    "TRANS shout=alice!alice! len=12 clamp=10 low=50" "TRANS compare ok" "TRANS assigned=alice!alice!alice!"
  refuse_trans() {  # <description> <script line> <expected text in the core's errors>
    local badt="$WORK/bad-trans.cfg" out
    sed -n '1,/^route {/p' "$CFG" | sed '$d' >"$badt"
    printf 'route {\n    %s\n    exit;\n}\n' "$2" >>"$badt"
    out=$("$OPENSIPS" -C -f "$badt" 2>&1)
    if [ $? -ne 0 ] && grep -qF -- "$3" <<<"$out"; then
      pass "$1 refused at startup: $(grep -m1 -F -- "$3" <<<"$out" | sed 's/^.*\(ERROR\|CRITICAL\)/\1/')"
    else
      fail "$1: opensips -C did not refuse it with '$3':"
      grep -m5 -E "ERROR|CRITICAL|error" <<<"$out"
    fi
  }
  refuse_trans "a parameter that is not an int" '$var(x) = $(fU{probe.shout,two});' '{probe.shout} parameter 1 is not an int: "two"'
  refuse_trans "a missing parameter" '$var(x) = $(fU{probe.shout});' '{probe.shout} takes 1 parameter(s) (int), got 0'
  refuse_trans "an unknown operation" '$var(x) = $(fU{probe.whisper,1});' 'unknown transformation: probe.whisper'

  # a cfg without the route the module looks up in mod_init: the start stops, naming it
  bad="$WORK/bad-script.cfg"
  awk '/^route\[probe_check\]/{skip=1} skip&&/^}/{skip=0;next} !skip' "$CFG" >"$bad"
  out=$(timeout 20 "$OPENSIPS" -F -f "$bad" -m 64 -M 8 -w "$WORK" 2>&1)
  if [ $? -ne 0 ] && grep -qF 'route "probe_check" is not defined in the script' <<<"$out"; then
    pass "missing route refused at startup: $(grep -m1 -F 'probe_check' <<<"$out" | sed 's/^.*ERROR/ERROR/')"
  else
    fail "a cfg without route[probe_check] was not refused with its name:"
    grep -m5 -E "ERROR|CRITICAL" <<<"$out"
  fi
elif [ "$WHAT" = avps ]; then
  for want in "module reads the script's values, newest first|AVP module read first=c count=3 all=c,b,a, oldest=a" \
              "script reads the module's values back|AVP script score=21 second=10 third=<null> tags=b oldest=a"; do
    what=${want%%|*}
    want=${want#*|}
    if grep -qF -- "$want" "$LOG"; then pass "$what: $want"; else
      fail "$what: want '$want', the core printed: $(grep -m1 "${want%% [a-z]*=*}" "$LOG" | sed 's/^.*AVP/AVP/')"
    fi
  done
elif [ "$WHAT" = formats ]; then
  expect_text() {  # <description> <text>: a line of the log holds it
    if grep -qF -- "$2" "$LOG"; then pass "$1: $(grep -m1 -F -- "$2" "$LOG" | sed 's/^.*\(FORMAT\|TRANS\|ERROR\)/\1/')"; else
      fail "$1: want '$2', the core printed: $(grep -E "FORMAT|TRANS|ERROR" "$LOG" | sed 's/^.*\(FORMAT\|TRANS\|ERROR\)/\1/' | tr '\n' '|')"
    fi
  }
  expect_text "the modparam format, into the module's buffer and into a std::string" \
    'FORMAT buf=[from=alice ru=opensips n=3 cost=5$ m=OPTIONS] string=[from=alice ru=opensips n=3 cost=5$ m=OPTIONS]'
  expect_text "transformations with \$var parameters" "TRANS var=alice!alice!alice! clamp=20 text=120"
  expect_text "a \$var parameter read per call" "TRANS again=alice!"
  expect_text "a \$var parameter that is not an int fails, logged" \
    'transformation shout: parameter 1 ($var(t)) is "abc", not an int'
  echo "printed: $(grep -m1 -F 'TRANS bad=' "$LOG" | sed 's/^.*TRANS/TRANS/')"
  # a format with a variable the core does not know: the start stops with one line naming it
  bad="$WORK/bad-format.cfg"
  sed 's|"log_format", "[^"]*"|"log_format", "from=$fU to $nosuch"|' "$CFG" >"$bad"
  out=$(timeout 20 "$OPENSIPS" -F -f "$bad" -m 64 -M 8 -w "$WORK" 2>&1)
  rc=$?
  want='modparam services_probe.log_format: "from=$fU to $nosuch" is not a format the core can parse'
  if [ $rc -ne 0 ] && grep -qF -- "$want" <<<"$out"; then
    pass "an unknown variable refused at startup: $(grep -m1 -F -- "$want" <<<"$out" | sed 's/^.*ERROR/ERROR/')"
    echo "the core's reason before it: $(grep -F -B3 -- "$want" <<<"$out" | grep -v -F -- "$want" | sed 's/^.*ERROR/ERROR/' | tr '\n' '|')"
  else
    fail "a log_format with \$nosuch was not refused with '$want' (exit $rc):"
    grep -m5 -E "ERROR|CRITICAL" <<<"$out"
  fi
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
other=$(grep -E "ERROR:" "$LOG" | grep -v "probe-boom" | grep -v -F 'parameter 1 ($var(t)) is "abc"' | head -5)
[ -z "$other" ] && pass "no other error line" || { fail "error lines:"; echo "$other"; }

echo "log: $LOG"
[ "$failures" = 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all checks passed"
