#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# "realcore: dialog: ..." (the COMMAND of modsdk_add_realcore_test, run while the core is up): a sipp UAS on a free
# loopback port, a sipp UAC calling it through the core (INVITE/200/ACK/BYE), then dlg_probe's lines in the
# core's log (MODSDK_REALCORE_LOG) checked in order: the created/confirmed/terminated callbacks, the values stored
# at INVITE read back in them and at BYE, the profiles counted.
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
: "${MODSDK_REALCORE_SIP:?run by modsdk_realcore.sh}" "${MODSDK_REALCORE_LOG:?}"
WORK=$(dirname "$MODSDK_REALCORE_LOG")
fails=0
pass() { echo "ok:      $*"; }
fail() { echo "FAILED:  $*"; fails=$((fails + 1)); }
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

uas_port=$(free_port) && uac_port=$(free_port) || { echo "no free port"; exit 1; }
(cd "$WORK" && exec timeout 40 sipp -sf "$DIR/uas.xml" -m 1 -nostdin -nd -i 127.0.0.1 -p "$uas_port" \
  -trace_err >"$WORK/sipp-uas.out" 2>&1) &
uas=$!
sleep 0.5
(cd "$WORK" && timeout 40 sipp -sf "$DIR/uac.xml" -m 1 -nostdin -nd -i 127.0.0.1 -p "$uac_port" \
  -key uas_port "$uas_port" -timeout 30s -timeout_error -trace_err "$MODSDK_REALCORE_SIP" >"$WORK/sipp-uac.out" 2>&1)
rc=$?
[ $rc -eq 0 ] && pass "sipp UAC: INVITE/200/ACK/BYE/200 through the core" ||
  { fail "sipp UAC exited $rc"; tail -20 "$WORK/sipp-uac.out"; cat "$WORK"/*uac*errors* 2>/dev/null | tail -20; }
wait "$uas"
rc=$?
[ $rc -eq 0 ] && pass "sipp UAS answered the INVITE and the BYE" ||
  { fail "sipp UAS exited $rc"; tail -20 "$WORK/sipp-uas.out"; }

sleep 1
lines=$(grep -o 'dlg_probe: .*' "$MODSDK_REALCORE_LOG")
echo "$lines" | sed 's/^/core printed: /'
# the dialog module runs TERMINATED from loose_route (its rr callback), before the script's dlg_probe_bye(); the
# ended dialog has left its profiles by then
expect=(
  'dlg_probe: invite callid=[^ ]+ stored=yes caller=1$'
  'dlg_probe: created callid=[^ ]+ from_tag=[0-9]+uac1 state=1 registered=yes msg=INVITE$'
  'dlg_probe: confirmed callid=[^ ]+ to_tag=set event=1 same_id=yes calls=1 caller=1 who=alice seq=42 msg=INVITE$'
  'dlg_probe: terminated callid=[^ ]+ to_tag=set event=2 same_id=yes calls=0 caller=0 who=alice seq=42 msg=BYE$'
  'dlg_probe: bye callid=[^ ]+ who=alice seq=42 state=5$'
)
i=0
while IFS= read -r l; do
  [ $i -lt ${#expect[@]} ] && [[ "$l" =~ ${expect[$i]} ]] && i=$((i + 1))
done <<<"$lines"
[ $i -eq ${#expect[@]} ] && pass "dlg_probe's lines in order: invite, created, confirmed, terminated, bye" ||
  fail "dlg_probe's line $((i + 1)) missing or out of order: /${expect[$i]}/"
[ "$(echo "$lines" | grep -c 'created callid')" -eq 1 ] && pass "one created callback" || fail "not one created callback"
grep -q 'a dialog callback threw' "$MODSDK_REALCORE_LOG" && fail "a dialog callback threw"
[ $fails -eq 0 ]
