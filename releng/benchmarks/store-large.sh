#!/bin/bash
# C-STORE of large objects (issue 4, benchmark 3), side by side in one run, one association per transfer:
#  (1) dicomflow store -> dcmtk storescp      vs  storescu -> storescp
#  (2) storescu -> our C-STORE SCP             vs  storescu -> storescp
#  (2b) storescu -> dicomflow node            (the same against storescp)
# N copies of a real 512x512 16-bit CT (525 KB; 500 = 263 MB) with fresh UIDs. Our SCP (DirectoryStorage, as in
# store.sh) forces file and folder before each response; the node also commits its index row; storescp has no fsync option and
# leaves its files in the page cache. Every transfer starts after a `sync`, so no one pays for the previous
# run's dirty pages. Ratio = dcmtk time / our time (> 1: we are faster). Not a test; report in docs/benchmarks.md.
#   releng/benchmarks/store-large.sh [N=500] [ROUNDS=3]        (bench-env.sh: BENCH_DIR, BENCH_STORAGE)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-500}
ROUNDS=${2:-3}
source releng/benchmarks/bench-env.sh
DATA=$(instances "$(ct512)" ct512 "$N" 25)
MB=$(du -sm "$DATA" | cut -f1)
machine_note
echo "# $N x 512x512 CT ($MB MB), $ROUNDS rounds"
mbs() { echo "scale=0; $MB / $1" | bc; }
# read every file once first: the first transfer would otherwise also be the one that reads them from the disk
cat "$DATA"/*.dcm > /dev/null
for round in $(seq 1 "$ROUNDS"); do
  start_storescp "$STORAGE/storescp"; sync
  a=$(timed ours-to-storescp "$DICOMFLOW" store -c STORESCP@127.0.0.1:$PORT "$DATA")
  stop_server $PID; na=$(count_files "$STORAGE/storescp")
  start_storescp "$STORAGE/storescp"; sync
  b=$(timed storescu-to-storescp storescu -aet STORESCU -aec STORESCP +sd 127.0.0.1 $PORT "$DATA")
  stop_server $PID; nb=$(count_files "$STORAGE/storescp")
  # our plain C-STORE SCP (DirectoryStorage: fsync of file and folder per object), with the launcher's JIT options
  fresh_dir "$STORAGE/ours"; PORT=$(port)
  java -XX:TieredStopAtLevel=1 -Xmx256m -cp "$CP" releng/benchmarks/StoreScpBench.java OURS "$PORT" "$STORAGE/ours" \
    > "$LOGS/storescpbench.log" 2>&1 & PID=$!
  await_echo OURS "$PORT" "$PID"; sync
  d=$(timed storescu-to-ours storescu -aet STORESCU -aec OURS +sd 127.0.0.1 $PORT "$DATA")
  stop_server $PID; nd=$(count_files "$STORAGE/ours" '*.dcm')
  start_node "$STORAGE/node"; sync
  c=$(timed storescu-to-node storescu -aet STORESCU -aec DICOMFLOW +sd 127.0.0.1 $PORT "$DATA")
  stop_server $PID; nc=$(count_files "$STORAGE/node" '*.dcm')
  echo "round $round: (1) dicomflow store ${a}s ($(mbs $a) MB/s) vs storescu ${b}s ($(mbs $b) MB/s) -> storescp: ratio $(ratio $b $a);" \
    "(2) storescu -> our SCP ${d}s ($(mbs $d) MB/s) vs -> storescp ${b}s: ratio $(ratio $b $d);" \
    "(2b) storescu -> node ${c}s ($(mbs $c) MB/s): ratio $(ratio $b $c)   [received $na / $nb / $nd / $nc of $N]"
done
