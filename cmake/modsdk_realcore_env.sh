# SPDX-License-Identifier: MIT
# modsdk's real-core preamble, sourced (bash) by cmake/modsdk_realcore.sh and modsdk's own real-core scripts
# (through tests/support/realcore_env.sh): find the core, skip loudly without one, its `-V` lines, the stock
# modules, free loopback ports, start and stop the core by its pid.
#
#   source modsdk_realcore_env.sh      # then:
#   realcore_require_core              # exit 77 "skipped: OPENSIPS not set" or OPENSIPS=<absolute path>,
#                                      # CORE_V, VERSION_LINE, FLAGS_LINE, SCM_LINE, RELEASE
#   realcore_module_dirs               # module_dirs from OPENSIPS_MODULES (':' or ';' separated), or the
#                                      # modules/ folder next to the binary and the usual install paths
#   find_module <name>                 # the absolute path of <name>.so (<dir>/<name>.so or <dir>/<name>/<name>.so)
#   free_port                          # a UDP port on 127.0.0.1 nobody listens on (not handed out before)
#   start_core <cfg> <log> <workdir> [<pattern>]   # `opensips -F` in the background (PID); waits up to
#                                      # 20 s for <pattern> in the log, or for the cfg's sockets to listen
#   stop_core                          # SIGTERM by pid, SIGKILL after 10 s; sets STOP_RC
#   pass / fail / die                  # "ok:" / "FAIL:" lines; fail counts in $failures, die exits 1
# Exit codes of the scripts using it: 0 pass, 1 fail, 77 skipped.

failures=${failures:-0}
pass() { echo "ok:   $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
die() { echo "FAIL: $*"; exit 1; }

realcore_require_core() {
  if [ -z "${OPENSIPS:-}" ]; then
    echo "skipped: OPENSIPS not set (point it at an opensips binary, and OPENSIPS_MODULES at its modules)"
    exit 77
  fi
  [ -x "$OPENSIPS" ] || die "OPENSIPS=$OPENSIPS is not an executable"
  OPENSIPS=$(cd "$(dirname "$OPENSIPS")" && pwd)/$(basename "$OPENSIPS")
  CORE_V=$("$OPENSIPS" -V 2>&1) || die "'$OPENSIPS -V' failed: $CORE_V"
  VERSION_LINE=$(sed -n 's/^version: //p' <<<"$CORE_V")
  FLAGS_LINE=$(sed -n 's/^flags: //p' <<<"$CORE_V")
  SCM_LINE=$(grep -m1 ' revision: ' <<<"$CORE_V")
  [ -n "$VERSION_LINE" ] && [ -n "$FLAGS_LINE" ] || die "'$OPENSIPS -V' printed no version:/flags: line"
  RELEASE=$(sed -n 's/^opensips \([0-9]*\.[0-9]*\.[0-9]*\) (.*$/\1/p' <<<"$VERSION_LINE")
}

realcore_module_dirs() {
  module_dirs=()
  if [ -n "${OPENSIPS_MODULES:-}" ]; then
    IFS=':;' read -r -a module_dirs <<<"$OPENSIPS_MODULES"
  else
    module_dirs=("$(dirname "$OPENSIPS")/modules" /usr/lib/x86_64-linux-gnu/opensips/modules
                 /usr/lib64/opensips/modules /usr/lib/opensips/modules /usr/local/lib64/opensips/modules
                 /usr/local/lib/opensips/modules)
  fi
}

find_module() {
  local d
  for d in "${module_dirs[@]}"; do
    [ -n "$d" ] || continue
    if [ -f "$d/$1.so" ]; then echo "$(cd "$d" && pwd)/$1.so"; return 0; fi
    if [ -f "$d/$1/$1.so" ]; then echo "$(cd "$d/$1" && pwd)/$1.so"; return 0; fi
  done
  return 1
}

_realcore_used_ports=" "
_realcore_listening() {  # _realcore_listening <port>: some UDP socket is bound to it
  ss -Hlun 2>/dev/null | awk '{print $4}' | grep -q ":$1\$"
}
free_port() {
  local p i
  for i in $(seq 200); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    case "$_realcore_used_ports" in *" $p "*) continue ;; esac
    if command -v ss >/dev/null && _realcore_listening "$p"; then continue; fi
    _realcore_used_ports="$_realcore_used_ports$p "
    echo "$p"
    return 0
  done
  return 1
}

PID=""
stop_core() {
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

# start_core <cfg> <log> <workdir> [<pattern>]: without <pattern>, waits until every udp port the cfg names
# (`socket = udp:127.0.0.1:N`, mi_datagram's "udp:127.0.0.1:N") is bound, then 0.3 s for the workers.
start_core() {
  local cfg=$1 log=$2 work=$3 pattern=${4:-} ports p all
  "$OPENSIPS" -F -f "$cfg" -m 64 -M 8 -w "$work" >"$log" 2>&1 &
  PID=$!
  ports=$(grep -v '^[[:space:]]*#' "$cfg" | grep -o 'udp:127\.0\.0\.1:[0-9]*' | sed 's/.*://' | sort -u)
  for _ in $(seq 200); do
    kill -0 "$PID" 2>/dev/null || return 1
    if [ -n "$pattern" ]; then
      grep -q -- "$pattern" "$log" 2>/dev/null && return 0
    elif command -v ss >/dev/null; then
      all=1
      for p in $ports; do _realcore_listening "$p" || { all=""; break; }; done
      [ -n "$all" ] && { sleep 0.3; return 0; }
    else
      sleep 2
      kill -0 "$PID" 2>/dev/null && return 0 || return 1
    fi
    sleep 0.1
  done
  return 1
}
