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

# Each test project ends with a block "Total tests: N / Passed: N / Failed: N / Skipped: N"
# (console logger, normal verbosity), or with one line "Passed!  - Failed: 0, Passed: 12, ..." (minimal).
summary=$(awk '
    /^Total tests:/ { block = 1; next }
    block && /^ +Passed: /  { p += $2; next }
    block && /^ +Failed: /  { f += $2; next }
    block && /^ +Skipped: / { s += $2; next }
    block && /Total time:/  { block = 0; found = 1 }
    /^(Passed|Failed)! +- Failed: / {
        line = $0; gsub(/[^0-9,]/, " ", line); split(line, n, ","); f += n[1]; p += n[2]; s += n[3]; found = 1
    }
    END { if (found) printf "%d passed, %d failed, %d skipped", p, f, s }
' "$log")
rm -f "$log"
if [ -z "$summary" ] || [ "$status" != 0 ] && [[ "$summary" == *" 0 failed"* ]]; then
    # The build or the test host failed before any summary: count it as a failure.
    summary="0 passed, 1 failed, 0 skipped"
fi
echo "$summary"
exit "$status"
