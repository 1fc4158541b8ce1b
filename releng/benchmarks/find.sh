#!/bin/bash
# C-FIND benchmark (issue 4 benchmark 4, issue 5), side by side in one run. N small CT instances in STUDIES
# studies are stored into each server (dcmtk dcmqrscp when STUDIES <= 500, its limit; Orthanc; dicomflow node);
# then against each server the same STUDY-level query for all studies:
#  client: `dicomflow find` vs findscu, one query per process (median of 5, JVM or process start included);
#          FindBench.java (our Association.find, in-process, JVM start not counted) vs findscu --repeat,
#          REPEAT queries on one association.
#  server: findscu -> node vs findscu -> Orthanc (same client, same data, same keys).
# Ratio = dcmtk (or Orthanc) time / ours (> 1: we are faster). Not a test; report in docs/benchmarks.md.
#   releng/benchmarks/find.sh [STUDIES=100] [N=2000] [REPEAT=50]   (bench-env.sh: BENCH_DIR, BENCH_STORAGE)
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDIES=${1:-100}
N=${2:-2000}
REPEAT=${3:-50}
source releng/benchmarks/bench-env.sh
DATA=$(instances "$CT_SMALL" ct-small "$N" "$STUDIES")
machine_note
echo "# $N x CT_small in $STUDIES studies; STUDY level, all studies; $REPEAT queries for the one-association runs"
declare -A FINDSCU_ONE FINDSCU_REPEAT

# bench AET KEYWORD...: the client comparison against the server at $PORT
bench() {
  local aet=$1 k ours=() theirs=() i o f m_ours m_theirs rep_ours rep_theirs; shift
  local keys=() qkeys=(-k QueryRetrieveLevel=STUDY)
  for k in "$@"; do keys+=(-k "$k"); qkeys+=(-k "$k"); done
  for i in 1 2 3 4 5; do
    ours+=("$(timed "find-ours-$aet" "$DICOMFLOW" find -c "$aet@127.0.0.1:$PORT" -b FINDSCU -L STUDY "${keys[@]}")")
    theirs+=("$(timed "find-findscu-$aet" findscu -S -aet FINDSCU -aec "$aet" "${qkeys[@]}" 127.0.0.1 "$PORT")")
  done
  o=$(printf '%s\n' "${ours[@]}" | median); f=$(printf '%s\n' "${theirs[@]}" | median)
  m_ours=$(sed -n 's/.*find: \([0-9]*\) match.*/\1/p' "$LOGS/find-ours-$aet.log")
  m_theirs=$(grep -c "Find Response" "$LOGS/find-findscu-$aet.log" || true)
  # with the JIT options the launcher gives every command-line tool (C1 only)
  java -XX:TieredStopAtLevel=1 -cp "$CP" releng/benchmarks/FindBench.java "$aet" "$PORT" "$REPEAT" "$@" > "$LOGS/findbench-$aet.log" 2>&1 \
    || echo "  ! FindBench failed: $(tail -n 2 "$LOGS/findbench-$aet.log")" >&2
  rep_ours=$(sed -n 's/.*association: \([0-9.]*\) s.*/\1/p' "$LOGS/findbench-$aet.log")
  rep_theirs=$(timed "findscu-repeat-$aet" findscu --repeat "$REPEAT" -sr -S -aet FINDSCU -aec "$aet" "${qkeys[@]}" 127.0.0.1 "$PORT")
  FINDSCU_ONE[$aet]=$f; FINDSCU_REPEAT[$aet]=$rep_theirs
  echo "$aet, one query per process (median of 5): dicomflow find ${o}s ($m_ours matches) vs findscu ${f}s ($m_theirs responses): ratio $(ratio "$f" "$o")"
  echo "$aet, $REPEAT queries on one association: FindBench ${rep_ours}s ($(cut -d: -f2- "$LOGS/findbench-$aet.log" | sed 's/^ [0-9.]* s, //')) vs findscu --repeat ${rep_theirs}s: ratio $(ratio "$rep_theirs" "$rep_ours")"
}

load() { # AET
  local t; t=$(timed "load-$1" storescu -aet STORESCU -aec "$1" +sd 127.0.0.1 "$PORT" "$DATA")
  echo "$1: loaded $N instances in ${t}s"
}

BASIC=(StudyInstanceUID PatientName PatientID StudyDate)
FULL=("${BASIC[@]}" ModalitiesInStudy NumberOfStudyRelatedInstances)
if [ "$STUDIES" -le 500 ]; then
  start_dcmqrscp "$STORAGE/dcmqrscp"; load DCMQRSCP
  bench DCMQRSCP "${BASIC[@]}"   # dcmqrscp does not compute ModalitiesInStudy / NumberOf...
  stop_server $PID
fi
start_orthanc "$STORAGE/orthanc"; load ORTHANC; bench ORTHANC "${FULL[@]}"; stop_server $PID
start_node "$STORAGE/node"; load DICOMFLOW; bench DICOMFLOW "${FULL[@]}"; stop_server $PID
echo "server, findscu -> node vs -> Orthanc ($STUDIES studies, keys ${FULL[*]}): one query ${FINDSCU_ONE[DICOMFLOW]}s vs ${FINDSCU_ONE[ORTHANC]}s, ratio $(ratio "${FINDSCU_ONE[ORTHANC]}" "${FINDSCU_ONE[DICOMFLOW]}");" \
  "$REPEAT on one association ${FINDSCU_REPEAT[DICOMFLOW]}s vs ${FINDSCU_REPEAT[ORTHANC]}s, ratio $(ratio "${FINDSCU_REPEAT[ORTHANC]}" "${FINDSCU_REPEAT[DICOMFLOW]}")"
