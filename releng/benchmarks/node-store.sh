#!/bin/bash
# Receiving into the node (issue 5), side by side in one run: dcmtk storescu -> dicomflow node, -> dcmtk storescp,
# -> Orthanc, for 2000 small CT (CT_small, 39 KB) and 500 x 512x512 CT (525 KB), on one association and on 4 in
# parallel (the files dealt round-robin to 4 storescu processes; storescp then runs with --fork).
# Durability differs: the node forces each instance (file and folder) to disk before answering and commits
# its index row; Orthanc (SyncStorageArea, its default) fsyncs each file and writes its SQLite index;
# storescp never fsyncs. Every transfer starts after a `sync`. Ratios: storescp time / node time and Orthanc
# time / node time (> 1: the node is faster). Not a test; report in docs/benchmarks.md.
# WARMUP > 0: every receiver first gets WARMUP other small CT, untimed, on the same number of associations, so
# the timed transfer meets a running server as a site has it, not one just started (for the node: classes
# loaded and the hot code compiled).
#   releng/benchmarks/node-store.sh [SMALL=2000] [LARGE=500] [ROUNDS=2] [WARMUP=0]   (bench-env.sh: BENCH_DIR, BENCH_STORAGE)
set -euo pipefail
cd "$(dirname "$0")/../.."
SMALL=${1:-2000}
LARGE=${2:-500}
ROUNDS=${3:-2}
WARMUP=${4:-0}
source releng/benchmarks/bench-env.sh
SMALL_DATA=$(instances "$CT_SMALL" ct-small "$SMALL" 100)
[ "$WARMUP" = 0 ] || WARMUP_DATA=$(instances "$CT_SMALL" ct-small-warmup "$WARMUP" 10)
LARGE_DATA=$(instances "$(ct512)" ct512 "$LARGE" 25)
machine_note

# send AET PORT DATA ASSOCIATIONS: storescu of every file of DATA, on 1 association or dealt to several in parallel
send() {
  if [ "$4" = 1 ]; then
    storescu -aet STORESCU -aec "$1" +sd 127.0.0.1 "$2" "$3"
    return
  fi
  local files=("$3"/*.dcm) k i part pids=() rc=0
  for ((k = 0; k < $4; k++)); do
    part=()
    for ((i = k; i < ${#files[@]}; i += $4)); do part+=("${files[i]}"); done
    storescu -aet STORESCU -aec "$1" 127.0.0.1 "$2" "${part[@]}" > "$LOGS/send-$k.log" 2>&1 & pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k" || rc=1; done
  return $rc
}

# warm AET PORT ASSOCIATIONS: the untimed warm-up transfer, if any
warm() {
  [ "$WARMUP" = 0 ] || send "$1" "$2" "$WARMUP_DATA" "$3" > "$LOGS/warmup-$1.log" 2>&1 || echo "  ! warm-up of $1 failed" >&2
}

# one LABEL DATA N ASSOCIATIONS: the three receivers once each, one line of results
one() {
  local label=$1 data=$2 n=$3 assoc=$4 fork=() node scp orth nn ns no key
  key=$(echo "$label-$assoc" | tr -c 'A-Za-z0-9\n-' '_')
  [ "$assoc" = 1 ] || fork=(--fork)
  start_node "$STORAGE/node"; warm DICOMFLOW $PORT "$assoc"; sync
  node=$(timed "node-$key" send DICOMFLOW $PORT "$data" "$assoc")
  stop_server $PID; nn=$(($(count_files "$STORAGE/node" '*.dcm') - WARMUP))
  start_storescp "$STORAGE/storescp" "${fork[@]}"; warm STORESCP $PORT "$assoc"; sync
  scp=$(timed "storescp-$key" send STORESCP $PORT "$data" "$assoc")
  sleep 0.5; stop_server $PID; ns=$(($(count_files "$STORAGE/storescp") - WARMUP))
  start_orthanc "$STORAGE/orthanc"; warm ORTHANC $PORT "$assoc"; sync
  orth=$(timed "orthanc-$key" send ORTHANC $PORT "$data" "$assoc")
  no=$(($(orthanc_instances) - WARMUP)); stop_server $PID
  echo "$label, $assoc assoc.: node ${node}s ($(echo "scale=0; $n / $node" | bc)/s), storescp ${scp}s, Orthanc ${orth}s;" \
    "ratio vs storescp $(ratio $scp $node), vs Orthanc $(ratio $orth $node)   [received $nn / $ns / $no of $n]"
}

# read every file once first: the first transfer would otherwise also be the one that reads them from the disk
cat "$SMALL_DATA"/*.dcm "$LARGE_DATA"/*.dcm ${WARMUP_DATA:+"$WARMUP_DATA"/*.dcm} > /dev/null
[ "$WARMUP" = 0 ] || echo "# each receiver first gets $WARMUP other small CT, untimed"
for round in $(seq 1 "$ROUNDS"); do
  echo "# round $round"
  one "$SMALL x CT_small" "$SMALL_DATA" "$SMALL" 1
  one "$SMALL x CT_small" "$SMALL_DATA" "$SMALL" 4
  one "$LARGE x 512x512 CT" "$LARGE_DATA" "$LARGE" 1
  one "$LARGE x 512x512 CT" "$LARGE_DATA" "$LARGE" 4
done
