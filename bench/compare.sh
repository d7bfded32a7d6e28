#!/usr/bin/env bash
# Zmq side by side with libzmq and NetMQ, through the shared peer harness
# (../shared/bench/peers/run.sh; its README explains the workloads and the knobs).
#
#   bench/compare.sh                                   full matrix, 3 repetitions (~10 min)
#   REPS=1 SCALE=0.1 bench/compare.sh                  smoke run
#   WORKLOADS=thr THR_TRANSPORTS=tcp THR_SIZES=16 bench/compare.sh     a slice
#   WRAP="taskset -c 0" THR_TRANSPORTS=inproc LAT_TRANSPORTS=inproc WORKLOADS="thr lat" bench/compare.sh
#
# Builds the zmq tool in Release first. The table goes to stdout; the raw files to $OUT
# (default bench/results/<timestamp>). Prerequisites: libzmq3-dev, gcc, the .NET SDK.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
harness=${HARNESS:-$(cd "$root/../shared/bench/peers" 2>/dev/null && pwd || true)}
if [ -z "$harness" ] || [ ! -x "$harness/run.sh" ]; then
    echo "compare.sh: the shared harness was not found (set HARNESS=/path/to/bench/peers)" >&2
    exit 1
fi
echo "compare.sh: building the zmq tool (Release)" >&2
dotnet build "$root/src/Zmq.Cli" -c Release --nologo -v q >&2
export OUT=${OUT:-$here/results/$(date +%Y%m%d-%H%M%S)}
export EXTRA_PEERS="zmq $here/zmq-peer"
exec "$harness/run.sh" "$@"
