#!/bin/bash
# Header parsing benchmark (issue 3): DICOMFlow in-process and whole-process against dcmtk's dcmdump on the
# same files, in one run. Not a test: run by hand after ./mvnw -B verify, report in docs/benchmarks.md.
#   releng/benchmarks/header-parse.sh [N=2000] [SOURCE=CT_small.dcm]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
SRC=${2:-bundles/org.dicomflow.dicom.tests/testdata/real/pydicom/test_files/CT_small.dcm}
HOME_DIR=releng/org.dicomflow.product/target/products/org.dicomflow.product/linux/gtk/x86_64/dicomflow
[ -x "$HOME_DIR/dicomflow" ] || { echo "build first: ./mvnw -B verify -DskipTests" >&2; exit 1; }
command -v dcmdump >/dev/null || { echo "needs dcmtk (apt-get install dcmtk)" >&2; exit 1; }
WORK=${BENCH_DIR:-/tmp/dicomflow-bench/headers}
rm -rf "$WORK" && mkdir -p "$WORK"
for i in $(seq -w 1 "$N"); do cp "$SRC" "$WORK/$i.dcm"; done
CP=$(ls "$HOME_DIR"/plugins/org.dicomflow.dicom_*.jar)
echo "# $N copies of $(basename "$SRC") ($(stat -c %s "$SRC") bytes each), $(nproc) cores, $(java -version 2>&1 | head -1)"

java -Xmx256m -cp "$CP" releng/benchmarks/HeaderParseBench.java "$WORK" 5

# whole process, all files in one invocation, output discarded; best of 3 each, interleaved
best() { sort -n | head -1; }
ours=(); theirs=()
for run in 1 2 3; do
  t0=$(date +%s.%N); "$HOME_DIR/dicomflow" dump "$WORK"/*.dcm > /dev/null; t1=$(date +%s.%N)
  ours+=("$(echo "$t1 - $t0" | bc)")
  t0=$(date +%s.%N); dcmdump -q -M "$WORK"/*.dcm > /dev/null; t1=$(date +%s.%N)
  theirs+=("$(echo "$t1 - $t0" | bc)")
done
o=$(printf '%s\n' "${ours[@]}" | best); d=$(printf '%s\n' "${theirs[@]}" | best)
echo "whole process, dump of $N files: dicomflow dump ${o}s, dcmdump -M ${d}s, ratio dcmdump/dicomflow = $(echo "scale=2; $d / $o" | bc)"
