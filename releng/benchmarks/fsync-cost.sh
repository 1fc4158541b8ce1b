#!/bin/bash
# The floor under every durable store (issues 4 and 5): milliseconds per file for write+rename (storescp),
# + fsync of the file, + fsync of file and folder (our SCP and the node, before each C-STORE response), on the
# storage the other benchmarks use. A single association sends one object at a time and waits for its response,
# so no receiver that forces each object to disk can take less per object than the third column.
#   releng/benchmarks/fsync-cost.sh [N=500] [SIZE=39000] [ROUNDS=3]   (BENCH_STORAGE as in bench-env.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
STORAGE=${BENCH_STORAGE:-${BENCH_DIR:-/tmp/dicomflow-bench}/storage}
DIR=$STORAGE/fsync-cost
rm -rf "$DIR"; mkdir -p "$DIR"
echo "# $(nproc) cores, storage $STORAGE ($(df --output=fstype "$STORAGE" | tail -1)), load $(cut -d' ' -f1-3 /proc/loadavg)"
java releng/benchmarks/FsyncCost.java "$DIR" "${1:-500}" "${2:-39000}" "${3:-3}"
rm -rf "$DIR"
