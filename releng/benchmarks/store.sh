#!/bin/bash
# C-STORE benchmark (issue 4), side by side in one run, all on 127.0.0.1, TCP_NODELAY on both sides:
#  (1) dicomflow store -> dcmtk storescp   vs   storescu -> storescp
#  (2) storescu -> our SCP (DirectoryStorage) vs storescu -> storescp
#  (3) dicomflow store -> our SCP, pipelined in the window our SCP accepts (--window 8) vs one at a time (--window 1)
# N copies of CT_small (39 KB) with fresh UIDs, one association each run. Not a test; report in docs/benchmarks.md.
#   releng/benchmarks/store.sh [N=2000] [STORAGE_DIR=/dev/shm/dicomflow-bench]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
STORE=${2:-/dev/shm/dicomflow-bench}
HOME_DIR=releng/org.dicomflow.product/target/products/org.dicomflow.product/linux/gtk/x86_64/dicomflow
[ -x "$HOME_DIR/dicomflow" ] || { echo "build first: ./mvnw -B verify -DskipTests" >&2; exit 1; }
export TCP_NODELAY=1
CP=$(ls "$HOME_DIR"/plugins/org.dicomflow.dicom_*.jar):$(ls "$HOME_DIR"/plugins/org.dicomflow.net_*.jar)
DATA=/tmp/dicomflow-bench/store-ct-small
if [ "$(ls "$DATA" 2>/dev/null | wc -l)" != "$N" ]; then
  rm -rf "$DATA"
  java -cp "$CP" releng/benchmarks/GenerateInstances.java bundles/org.dicomflow.dicom.tests/testdata/real/pydicom/test_files/CT_small.dcm "$DATA" "$N" 100
fi
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
run_storescp() { rm -rf "$STORE/scp"; mkdir -p "$STORE/scp"; P=$(port); storescp -aet STORESCP -od "$STORE/scp" "$P" & SCP=$!; sleep 0.5; }
stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null || true; }

echo "# $N x CT_small, storage in $STORE, $(nproc) cores"
for round in 1 2 3; do
  run_storescp; a=$(secs "$HOME_DIR/dicomflow" store -c STORESCP@127.0.0.1:$P "$DATA"); stop $SCP
  run_storescp; b=$(secs storescu -aet STORESCU -aec STORESCP +sd 127.0.0.1 $P "$DATA"); stop $SCP
  rm -rf "$STORE/ours"; mkdir -p "$STORE/ours"; P=$(port)
  java -XX:TieredStopAtLevel=1 -Xmx256m -cp "$CP" releng/benchmarks/StoreScpBench.java OURS "$P" "$STORE/ours" & OURS=$!
  while ! (exec 3<>/dev/tcp/127.0.0.1/$P) 2>/dev/null; do sleep 0.2; done
  c=$(secs storescu -aet STORESCU -aec OURS +sd 127.0.0.1 $P "$DATA"); stop $OURS
  run_storescp; d=$(secs storescu -aet STORESCU -aec STORESCP +sd 127.0.0.1 $P "$DATA"); stop $SCP
  rm -rf "$STORE/ours"; mkdir -p "$STORE/ours"; P=$(port)
  java -XX:TieredStopAtLevel=1 -Xmx256m -cp "$CP" releng/benchmarks/StoreScpBench.java OURS "$P" "$STORE/ours" & OURS=$!
  while ! (exec 3<>/dev/tcp/127.0.0.1/$P) 2>/dev/null; do sleep 0.2; done
  e=$(secs "$HOME_DIR/dicomflow" store -c OURS@127.0.0.1:$P --window 8 "$DATA")
  f=$(secs "$HOME_DIR/dicomflow" store -c OURS@127.0.0.1:$P --window 1 "$DATA"); stop $OURS
  echo "round $round: (1) dicomflow store ${a}s vs storescu ${b}s, ratio $(echo "scale=2; $b / $a" | bc); (2) storescu->ours ${c}s vs ->storescp ${d}s, ratio $(echo "scale=2; $d / $c" | bc); (3) dicomflow store->ours window 8 ${e}s vs window 1 ${f}s, ratio $(echo "scale=2; $f / $e" | bc)"
done
