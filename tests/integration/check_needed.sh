#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check_needed.sh EMBEDDED|SHARED: what the .so under test (MODSDK_REALCORE_SO, set by the real-core runner)
# needs at run time: FMT EMBEDDED no libfmt, FMT SHARED libfmt.so.9 (readelf -d's NEEDED entries).
set -uo pipefail
needed=$(readelf -d "$MODSDK_REALCORE_SO" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | paste -sd' ' -)
echo "NEEDED of $(basename "$MODSDK_REALCORE_SO"): $needed"
case "$1" in
  EMBEDDED) ! grep -q libfmt <<<"$needed" ;;
  SHARED) grep -qw 'libfmt\.so\.9' <<<"$needed" ;;
  *) exit 2 ;;
esac
