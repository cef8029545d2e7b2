#!/usr/bin/env bash
# A real Spark standalone cluster (one master, N workers) on 127.0.0.1, from Spark's jars on Maven Central: no Spark
# distribution needed. For trying cluster mode on one machine and for the integration tests.
#   ./spark-submit/standalone-cluster.sh start [--workers 2] [--cores 1] [--memory 2g] [--port 7077] [--webui-port 8080]
#   ./spark-submit/standalone-cluster.sh status
#   ./spark-submit/standalone-cluster.sh stop
#   ./spark-submit/submit.sh --master "$(cat runs/standalone/master.url)" extract --input ... --output ...
# start is idempotent: it starts only what is not running (a worker that died is started again).
# stop ends only the processes this script started (their PIDs are in the state folder) and their executors.
# Options: --dir DIR (state: PIDs, logs, work and temp folders; default runs/standalone).
# Environment: SPARK_HOME (default spark-submit/spark-home/target/spark-3.5.8, built by Maven when missing), JAVA_HOME (Java 17).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "standalone-cluster: $*" >&2; exit 1; }

ACTION="${1:-}"; [ $# -gt 0 ] && shift
WORKERS=2; CORES=1; MEMORY=2g; PORT=7077; WEBUI=8080; DIR="$ROOT/runs/standalone"
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS="$2"; shift 2 ;;
    --cores) CORES="$2"; shift 2 ;;
    --memory) MEMORY="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --webui-port) WEBUI="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    *) die "unknown option $1 (see the header of $0)" ;;
  esac
done
[[ "$WORKERS" =~ ^[1-9][0-9]*$ ]] || die "--workers must be a positive integer, got '$WORKERS'"
mkdir -p "$DIR/logs"
DIR="$(cd "$DIR" && pwd)"

# a recorded PID counts only while it is still a Spark daemon: PIDs are reused after a process dies
alive() { [ -f "$1" ] && ps -o args= -p "$(cat "$1")" 2>/dev/null | grep -q 'org\.apache\.spark\.deploy\.'; }

spark_home() {
  local default="$ROOT/spark-submit/spark-home/target/spark-3.5.8"
  SPARK_HOME="${SPARK_HOME:-$default}"
  if [ ! -d "$SPARK_HOME/jars" ]; then
    [ "$SPARK_HOME" = "$default" ] || die "SPARK_HOME=$SPARK_HOME has no jars/ folder"
    echo "standalone-cluster: collecting Spark's jars from Maven into $SPARK_HOME ..." >&2
    (cd "$ROOT" && mvn -B -q -pl spark-submit/spark-home package) >&2 || die "could not build $SPARK_HOME"
  fi
  export SPARK_HOME
}

java_cmd() {
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  local ver
  ver="$("$JAVA" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')"
  [ "$ver" = "17" ] || die "Java 17 is required (found $ver); set JAVA_HOME"
  # Spark's own list of JVM options for Java 17 (../shared STACK.md); executors get them from the worker
  OPENS=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED)
}

# waits until a log line appears (registration), or the process died, or the timeout passed
wait_for() { # pidfile logfile pattern seconds what
  local i
  for ((i = 0; i < $4 * 5; i++)); do
    grep -q "$3" "$2" 2>/dev/null && return 0
    alive "$1" || die "$5 exited during start-up; see $2"
    sleep 0.2
  done
  die "$5 not ready after $4 s; see $2"
}

start() {
  spark_home; java_cmd
  # SPARK_SCALA_VERSION: a worker builds executor classpaths with Spark's launcher, which otherwise looks for
  # a source checkout's build folders ("Cannot find any build directories") when there is no distribution
  export SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1 SPARK_SCALA_VERSION=2.12
  # daemons log at Spark's default INFO level into $DIR/logs (start-up waits on their log lines);
  # the cluster's shuffle and block files stay in the state folder, so stop can remove them
  export SPARK_LOCAL_DIRS="$DIR/tmp"
  mkdir -p "$SPARK_LOCAL_DIRS"
  if alive "$DIR/master.pid"; then
    PORT="$(sed -E 's|.*:([0-9]+)$|\1|' "$DIR/master.url")"
  else
    : > "$DIR/logs/master.log"
    "$JAVA" "${OPENS[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" \
      org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port "$WEBUI" \
      >> "$DIR/logs/master.log" 2>&1 < /dev/null &
    echo $! > "$DIR/master.pid"
    echo "spark://127.0.0.1:$PORT" > "$DIR/master.url"
    wait_for "$DIR/master.pid" "$DIR/logs/master.log" "Starting Spark master at" 60 "master"
  fi
  local url; url="$(cat "$DIR/master.url")"
  local i started=()
  for ((i = 1; i <= WORKERS; i++)); do
    alive "$DIR/worker-$i.pid" && continue
    : > "$DIR/logs/worker-$i.log"
    mkdir -p "$DIR/work/worker-$i"
    "$JAVA" "${OPENS[@]}" -Xmx512m -cp "$SPARK_HOME/jars/*" \
      org.apache.spark.deploy.worker.Worker "$url" --host 127.0.0.1 --port 0 --webui-port 0 \
      --cores "$CORES" --memory "$MEMORY" --work-dir "$DIR/work/worker-$i" \
      >> "$DIR/logs/worker-$i.log" 2>&1 < /dev/null &
    echo $! > "$DIR/worker-$i.pid"
    started+=("$i")
  done
  for i in "${started[@]}"; do
    wait_for "$DIR/worker-$i.pid" "$DIR/logs/worker-$i.log" "Successfully registered with master" 60 "worker $i"
  done
  echo "standalone-cluster: $url with $WORKERS workers ($CORES cores, $MEMORY each); state in $DIR"
}

stop_pid() { # pidfile name
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  if alive "$1"; then
    # a worker's executors are its children; they would linger if the worker went first
    local kids; kids="$(pgrep -P "$pid" || true)"
    kill "$pid" $kids 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "$pid" $kids 2>/dev/null || true
    echo "standalone-cluster: stopped $2 (pid $pid)"
  fi
  rm -f "$1"
}

stop() {
  local f
  for f in "$DIR"/worker-*.pid; do
    [ -e "$f" ] && stop_pid "$f" "$(basename "$f" .pid)"
  done
  # Aeron media-driver folders that jobs on this cluster left behind (only those newer than this cluster)
  if [ -f "$DIR/master.pid" ]; then
    find /dev/shm -maxdepth 1 -name 'aeron-*' -newer "$DIR/master.pid" -user "$(id -u)" \
      -exec rm -rf {} + 2>/dev/null || true
  fi
  stop_pid "$DIR/master.pid" master
  rm -rf "$DIR/tmp" "$DIR/work"
}

status() {
  local ok=0 f
  if alive "$DIR/master.pid"; then
    echo "master $(cat "$DIR/master.url") pid $(cat "$DIR/master.pid") running"
  else
    echo "master not running"; ok=1
  fi
  for f in "$DIR"/worker-*.pid; do
    [ -e "$f" ] || continue
    if alive "$f"; then
      echo "$(basename "$f" .pid) pid $(cat "$f") running"
    else
      echo "$(basename "$f" .pid) pid $(cat "$f") NOT running"; ok=1
    fi
  done
  return $ok
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) die "usage: $0 start|stop|status [--workers N] [--cores C] [--memory M] [--port P] [--webui-port P] [--dir DIR]" ;;
esac
