#!/usr/bin/env bash
# The whole test suite: installs prerequisites (eng/setup.sh), builds, runs every test project, and ends with one
# "N passed, N failed, N skipped" line. Exit code 0 only when every test passed and at least one ran.
# --fast runs only the tests not marked [TestCategory("Slow")] (notebooks, other processes, package restores,
# comparisons, registry-wide sweeps, longer training): about a minute of tests, for the edit-test loop.
set -euo pipefail
filter=()
case "${1:-}" in
  "") ;;
  --fast) filter=(--filter "TestCategory!=Slow") ;;
  *) echo "usage: bash eng/test.sh [--fast]" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash eng/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
set +e
dotnet test CnnZoo.MLNet.sln --nologo "${filter[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 41, Skipped: 0, Total: 41 ...").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1); else if ($i == "Passed:") p += $(i+1); else if ($i == "Skipped:") s += $(i+1) }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
echo "test time: $(( $(date +%s) - start )) s"
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
