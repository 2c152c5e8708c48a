#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# docs/howto/functions.md's claim about `port` (docs/snippets/functions.cpp), in a real core: a convert<T> type
# with from_string is a string parameter, so the core starts with probe("5061") and refuses probe(5060) at
# startup with its own line ("Param [1] expected to be a string or variable").
# usage: realcore_port.sh <snippet_functions .so built for $OPENSIPS, or empty> <work dir>
set -uo pipefail
so=$1 work=$2
if [ -z "${OPENSIPS:-}" ]; then echo "skipped: OPENSIPS not set"; exit 77; fi
if [ -z "$so" ] || [ ! -f "$so" ]; then
  echo "skipped: the snippet module is built for the core named by OPENSIPS at configure time: reconfigure with it set"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
proto_udp=proto_udp.so   # built into the core from 3.5 on; a module of OPENSIPS_MODULES where it is one
[ -n "${OPENSIPS_MODULES:-}" ] && [ -f "$OPENSIPS_MODULES/proto_udp/proto_udp.so" ] && proto_udp="$OPENSIPS_MODULES/proto_udp/proto_udp.so"
[ -n "${OPENSIPS_MODULES:-}" ] && [ -f "$OPENSIPS_MODULES/proto_udp.so" ] && proto_udp="$OPENSIPS_MODULES/proto_udp.so"

run() {  # run <name> <call>: starts the core with a route calling <call>; sets PID, LOG
  LOG="$work/$1.log"
  cat >"$work/$1.cfg" <<CFG
log_level = 3
stderror_enabled = yes
syslog_enabled = no
udp_workers = 1
socket = udp:127.0.0.1:$((20000 + RANDOM % 20000))
loadmodule "$proto_udp"
loadmodule "$so"
route {
    if ($2) exit;
    drop;
}
CFG
  "$OPENSIPS" -F -f "$work/$1.cfg" -m 32 -M 4 -w "$work" >"$LOG" 2>&1 &
  PID=$!
}
alive_after() {  # alive_after <seconds>
  for _ in $(seq $(($1 * 10))); do kill -0 "$PID" 2>/dev/null || return 1; sleep 0.1; done
}
stop() { kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
rc=0

run string 'probe("5061")'
if alive_after 3; then
  echo "ok: probe(\"5061\") - the core started"
else
  echo "FAIL: probe(\"5061\") - the core did not start:"; cat "$LOG"; rc=1
fi
stop

run integer 'probe(5060)'
if alive_after 10; then
  echo "FAIL: probe(5060) - the core started, docs/howto/functions.md says it refuses the integer literal"; rc=1
  stop
elif grep -q "Param \[1\] expected to be a string or variable" "$LOG"; then
  echo "ok: probe(5060) - the core refused it: $(grep -m1 -o 'Param \[1\] expected to be a string or variable' "$LOG")"
else
  echo "FAIL: probe(5060) - the core stopped without the expected line:"; cat "$LOG"; rc=1
fi
exit $rc
