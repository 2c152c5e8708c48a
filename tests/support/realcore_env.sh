# SPDX-License-Identifier: MIT
# The real-core preamble of modsdk's own test scripts (tests/realcore/run_*.sh): the one users' tests get too,
# cmake/modsdk_realcore_env.sh (what it defines is listed there). Source it: `source .../realcore_env.sh`.
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../cmake" && pwd)/modsdk_realcore_env.sh"
