#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing (Debian's
# python3-zmq, the libzmq peer of the interop tests) and ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

if ! /usr/bin/python3 -c 'import zmq' >/dev/null 2>&1; then
    echo "test.sh: installing python3-zmq (libzmq peer for the interop tests)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    if command -v apt-get >/dev/null 2>&1; then
        $SUDO apt-get update -qq >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-zmq >/dev/null 2>&1 \
            || echo "test.sh: could not install python3-zmq; interop tests will be skipped (or fail under CI=true)"
    else
        echo "test.sh: no apt-get; interop tests will be skipped (or fail under CI=true)"
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
dotnet test Zmq.slnx -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One line a test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ..."
summary=$(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' \
    | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
rm -f "$log"
if [ -z "$summary" ] || [ "$status" != 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
    # The build or the test host failed before any summary: count it as a failure.
    summary="0 passed, 1 failed, 0 skipped"
fi
echo "$summary"
exit "$status"
