#!/bin/bash
# Anonymization benchmark (issue 6): `dicomflow anonymize` (Basic Profile, keyed pseudonyms, output tree, verification)
# against a dcmtk `dcmodify` baseline applying the Basic Profile's removals (X: erase, D/Z/U: overwrite) to
# copies of the same files, in one run. The baseline does less than we do (no UID mapping consistency, no
# verification, no recursion rules), so a ratio >= 1 is a conservative result. Not a test; report in
# docs/benchmarks.md.   releng/benchmarks/anonymize.sh [N=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
HOME_DIR=releng/org.dicomflow.product/target/products/org.dicomflow.product/linux/gtk/x86_64/dicomflow
[ -x "$HOME_DIR/dicomflow" ] || { echo "build first: ./mvnw -B verify -DskipTests" >&2; exit 1; }
command -v dcmodify >/dev/null || { echo "needs dcmtk" >&2; exit 1; }
CP=$(ls "$HOME_DIR"/plugins/org.dicomflow.dicom_*.jar):$(ls "$HOME_DIR"/plugins/org.dicomflow.net_*.jar)
DATA=/tmp/dicomflow-bench/anon-ct-small
if [ "$(ls "$DATA" 2>/dev/null | wc -l)" != "$N" ]; then
  rm -rf "$DATA"
  java -cp "$CP" releng/benchmarks/GenerateInstances.java bundles/org.dicomflow.dicom.tests/testdata/real/pydicom/test_files/CT_small.dcm "$DATA" "$N" 100
fi
TABLE=bundles/org.dicomflow.anonymizer/src/org/dicomflow/anonymizer/internal/confidentiality_profile_attributes.json
ARGS=/tmp/dicomflow-bench/dcmodify.args
python3 - "$TABLE" > "$ARGS" <<'PY'
import json, sys
for row in json.load(open(sys.argv[1])):
    tag, action = row["tag"], row.get("basicProfile", "")
    if "x" in tag.lower()[1:] or "," not in tag:   # masks and ranges: dcmodify has no wildcard tags
        continue
    if action.startswith("X"):
        print("-ea"); print(tag)
    elif action in ("D", "Z", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*"):
        print("-ma"); print(tag + "=ANON" if action != "U" else tag + "=2.25.1")
PY
KEY=/tmp/dicomflow-bench/project.key; printf 'benchmark project secret key' > "$KEY"
echo "# $N x CT_small, $(nproc) cores; dcmodify with $(grep -c -- '^-' "$ARGS") edits per file"
for round in 1 2 3; do
  rm -rf /tmp/dicomflow-bench/anon-out
  t0=$(date +%s.%N); "$HOME_DIR/dicomflow" anonymize --key-file "$KEY" -o /tmp/dicomflow-bench/anon-out "$DATA" > /dev/null 2>&1; t1=$(date +%s.%N)
  ours=$(echo "$t1 - $t0" | bc)
  rm -rf /tmp/dicomflow-bench/anon-dcmodify; cp -r "$DATA" /tmp/dicomflow-bench/anon-dcmodify
  t0=$(date +%s.%N); xargs -a "$ARGS" -d '\n' sh -c 'dcmodify -nb -imt -ie -q "$@" /tmp/dicomflow-bench/anon-dcmodify/*.dcm' _ > /dev/null 2>&1 || true; t1=$(date +%s.%N)
  theirs=$(echo "$t1 - $t0" | bc)
  echo "round $round: dicomflow anonymize ${ours}s ($(echo "scale=0; $N / $ours" | bc) files/s), dcmodify ${theirs}s, ratio dcmodify/dicomflow = $(echo "scale=2; $theirs / $ours" | bc)"
done
