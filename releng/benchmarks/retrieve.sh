#!/bin/bash
# C-GET and C-MOVE (issue 4, benchmark 5), side by side in one run: N small CT instances (one study) are stored
# into each source (dcmtk dcmqrscp, Orthanc, dicomflow node), then retrieved with one STUDY-level request:
#  C-GET:  dicomflow get -o DIR  vs  getscu -od DIR    (ours forces each file to disk and renames it before its
#          C-STORE response; getscu writes without fsync)
#  C-MOVE: dicomflow move --dest DEST  vs  movescu -aem DEST, DEST being a fresh dcmtk storescp each time (so
#          the work is the source's and the destination's; the SCU only waits, and ours includes its JVM start)
# ROUNDS interleaved rounds. Ratio = dcmtk time / ours (> 1: we are faster). Not a test; docs/benchmarks.md.
#   releng/benchmarks/retrieve.sh [N=2000] [ROUNDS=2]     (bench-env.sh: BENCH_DIR, BENCH_STORAGE)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
ROUNDS=${2:-2}
source releng/benchmarks/bench-env.sh
DATA=$(instances "$CT_SMALL" ct-small "$N" 1)
STUDY=$(dcmdump -q +P StudyInstanceUID "$(ls -d "$DATA"/*.dcm | head -1)" | sed 's/.*\[\(.*\)\].*/\1/')
DEST_PORT=$(port)
machine_note
echo "# $N x CT_small in one study, one request at STUDY level, $ROUNDS rounds"

start_dest() {
  fresh_dir "$STORAGE/dest"
  "${LOOPBACK[@]}" storescp -aet DEST -od "$STORAGE/dest" "$DEST_PORT" > "$LOGS/dest.log" 2>&1 & DEST=$!
  await_echo DEST "$DEST_PORT" "$DEST"
}

get_ours() {
  fresh_dir "$STORAGE/get"; rmdir "$STORAGE/get"; sync
  a=$(timed "get-ours-$1" "$DICOMFLOW" get -c "$1@127.0.0.1:$PORT" -b GETSCU -o "$STORAGE/get" -L STUDY -k "StudyInstanceUID=$STUDY")
  na=$(count_files "$STORAGE/get")
}
get_getscu() {
  fresh_dir "$STORAGE/get"; sync
  b=$(timed "get-getscu-$1" getscu -S -aet GETSCU -aec "$1" -od "$STORAGE/get" -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$STUDY" 127.0.0.1 "$PORT")
  nb=$(count_files "$STORAGE/get")
}
move_ours() {
  start_dest; sync
  c=$(timed "move-ours-$1" "$DICOMFLOW" move -c "$1@127.0.0.1:$PORT" -b MOVESCU --dest DEST -L STUDY -k "StudyInstanceUID=$STUDY")
  stop_server $DEST; nc=$(count_files "$STORAGE/dest")
}
move_movescu() {
  start_dest; sync
  d=$(timed "move-movescu-$1" movescu -S -aet MOVESCU -aec "$1" -aem DEST -k QueryRetrieveLevel=STUDY -k "StudyInstanceUID=$STUDY" 127.0.0.1 "$PORT")
  stop_server $DEST; nd=$(count_files "$STORAGE/dest")
}

# The first retrieve a server serves is its coldest (our node compiles its send path then): odd rounds run our
# client first, even rounds dcmtk's, so two rounds give each client the cold server once.
bench() { # AET of the source at $PORT
  local src=$1 round a b c d na nb nc nd
  if [ -z "${WARMED:-}" ]; then
    # untimed: the first run of a dicomflow command writes its class archive as it exits (see the launcher)
    get_ours "$src"; move_ours "$src"; WARMED=1
  fi
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then
      get_ours "$src"; get_getscu "$src"; move_ours "$src"; move_movescu "$src"
    else
      get_getscu "$src"; get_ours "$src"; move_movescu "$src"; move_ours "$src"
    fi
    echo "$src round $round: C-GET dicomflow get ${a}s vs getscu ${b}s: ratio $(ratio "$b" "$a");" \
      "C-MOVE dicomflow move ${c}s vs movescu ${d}s: ratio $(ratio "$d" "$c")   [received $na / $nb / $nc / $nd of $N]"
  done
}

load() { # AET
  local t; t=$(timed "load-$1" storescu -aet STORESCU -aec "$1" +sd 127.0.0.1 "$PORT" "$DATA")
  echo "$1: loaded $N instances in ${t}s"
}

start_dcmqrscp "$STORAGE/dcmqrscp" "DEST=127.0.0.1:$DEST_PORT"; load DCMQRSCP; bench DCMQRSCP; stop_server $PID
start_orthanc "$STORAGE/orthanc" "DEST=127.0.0.1:$DEST_PORT"; load ORTHANC; bench ORTHANC; stop_server $PID
start_node "$STORAGE/node" "DEST=127.0.0.1:$DEST_PORT"; load DICOMFLOW; bench DICOMFLOW; stop_server $PID
