#!/bin/bash
# Memory of the node while it receives (issue 5): `dicomflow node` with a capped heap (DICOMFLOW_VMARGS,
# default -Xmx256m) receives N small CT instances from dcmtk storescu on one association; its resident set
# (VmRSS of /proc/PID/status) is sampled every second from the start of the transfer to its end and for AFTER
# seconds after it. Prints the samples, min/max/last, the growth over the second half of the transfer (near 0 for
# flat memory), and the JVM's own heap figures (jcmd GC.heap_info) at the end.
# Not a test; report in docs/benchmarks.md.
#   releng/benchmarks/node-rss.sh [N=5000] [AFTER=5]       (bench-env.sh: BENCH_DIR, BENCH_STORAGE)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-5000}
AFTER=${2:-5}
export DICOMFLOW_VMARGS=${DICOMFLOW_VMARGS:--Xmx256m}
source releng/benchmarks/bench-env.sh
DATA=$(instances "$CT_SMALL" ct-small "$N" 100)
machine_note
rss() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status" 2> /dev/null; }
start_node "$STORAGE/node"; NODE=$PID
idle=$(rss $NODE)
sync
storescu -aet STORESCU -aec DICOMFLOW +sd 127.0.0.1 "$PORT" "$DATA" > "$LOGS/rss-storescu.log" 2>&1 & SENDER=$!
samples=()
t0=$(now)
while kill -0 $SENDER 2> /dev/null; do
  samples+=("$(rss $NODE)")
  sleep 1
done
t1=$(now)
wait $SENDER || echo "  ! storescu failed (log: $LOGS/rss-storescu.log)" >&2
samples+=("$(rss $NODE)")
after=()
for ((i = 0; i < AFTER; i++)); do sleep 1; after+=("$(rss $NODE)"); done
case "$DICOMFLOW_VMARGS" in   # where the memory is, when asked for with -XX:NativeMemoryTracking=summary
  *NativeMemoryTracking*) jcmd $NODE VM.native_memory summary > "$LOGS/rss-nmt.txt" 2>&1 && echo "native memory: $LOGS/rss-nmt.txt" ;;
esac
heap=$(jcmd $NODE GC.heap_info 2> /dev/null | grep -E 'garbage-first heap|Metaspace' | sed 's/^ *//' | tr -s ' ' | paste -sd ';' -)
stop_server $NODE
received=$(count_files "$STORAGE/node" '*.dcm')
half=$(( ${#samples[@]} / 2 ))
printf '%s\n' "${samples[@]}" | sort -n > "$LOGS/rss-sorted.txt"
echo "# node with $DICOMFLOW_VMARGS, $N x CT_small on one association in $(echo "$t1 - $t0" | bc | cut -c1-5) s, received $received"
echo "VmRSS MB every second: ${samples[*]}"
echo "idle after start ${idle} MB; during the transfer min $(head -1 "$LOGS/rss-sorted.txt") MB, max $(tail -1 "$LOGS/rss-sorted.txt") MB, last ${samples[-1]} MB;" \
  "second half: ${samples[$half]} -> ${samples[-1]} MB ($(( samples[-1] - samples[half] )) MB)"
echo "after the transfer, every second: ${after[*]} MB; JVM: $heap"
