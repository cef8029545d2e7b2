#!/usr/bin/env bash
# Runs a serspark command (extract, train, cv, predict, pipeline, ...) through the user's spark-submit, on any master:
#   ./spark-submit/submit.sh --master spark://host:7077 extract --input hdfs:///ravdess --output hdfs:///feat
#   ./spark-submit/submit.sh --master 'local[*]' train --features runs/feat --output runs/train
#   ./spark-submit/submit.sh --master yarn --deploy-mode cluster --num-executors 8 cv ...   (docs/cluster.md)
# Options before COMMAND go to spark-submit (--master, --deploy-mode, --conf K=V, --executor-memory, --num-executors,
# --total-executor-cores, --driver-memory, ...); everything from COMMAND on goes to serspark.
# It adds the cluster jar (spark-submit/cluster/target/serspark-cluster.jar, Spark and Scala at provided scope; built when
# missing or older than the sources), conf/spark-defaults.conf, the Java 17 options for the driver, and
# OMP_NUM_THREADS=1 for the driver and, through spark.executorEnv, the executors.
# Environment: SPARK_HOME (a Spark 3.5 distribution, or only its jars/; default spark-submit/spark-home/target/spark-3.5.8,
#   Spark's jars from Maven Central), SERSPARK_MASTER (default master, else local[*]),
#   SERSPARK_DRIVER_MEMORY (client-mode driver heap, default 4g), SERSPARK_SPARK_DEFAULTS (another properties file),
#   SERSPARK_CLUSTER_JAR (another jar), JAVA_HOME (a Java 17).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "submit: $*" >&2; exit 2; }

MASTER="${SERSPARK_MASTER:-local[*]}"
DEPLOY_MODE=client
DRIVER_MEMORY="${SERSPARK_DRIVER_MEMORY:-4g}"
PROPS="${SERSPARK_SPARK_DEFAULTS:-$ROOT/conf/spark-defaults.conf}"
SUBMIT_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --master) MASTER="$2"; shift 2 ;;
    --deploy-mode) DEPLOY_MODE="$2"; shift 2 ;;
    --driver-memory) DRIVER_MEMORY="$2"; shift 2 ;;
    --properties-file) PROPS="$2"; shift 2 ;;
    --verbose|--supervise) SUBMIT_ARGS+=("$1"); shift ;;
    --help|-h) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) [ $# -ge 2 ] || die "$1 needs a value"; SUBMIT_ARGS+=("$1" "$2"); shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || die "no serspark command given (extract, train, cv, predict, pipeline, synth, ...); see --help"
[ -f "$PROPS" ] || die "$PROPS: Spark properties file not found"

JAR="${SERSPARK_CLUSTER_JAR:-$ROOT/spark-submit/cluster/target/serspark-cluster.jar}"
if [ -z "${SERSPARK_CLUSTER_JAR:-}" ]; then
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/spark-submit/*/pom.xml "$ROOT/conf" "$ROOT/pipeline-core/src/main" \
        "$ROOT/jobs/src/main" -newer "$JAR" -type f -print -quit 2>/dev/null)" ]; then
    echo "submit: building $JAR (mvn -DskipTests package), a few minutes the first time ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests package -pl spark-submit/cluster -am) >&2 || die "build failed"
  fi
fi
# a URI (local:// in a Kubernetes image, hdfs://, https://) is for spark-submit to resolve
[[ "$JAR" == *://* ]] || [ -f "$JAR" ] || die "$JAR: no such jar"

DEFAULT_HOME="$ROOT/spark-submit/spark-home/target/spark-3.5.8"
SPARK_HOME="${SPARK_HOME:-$DEFAULT_HOME}"
if [ ! -x "$SPARK_HOME/bin/spark-submit" ] && [ ! -d "$SPARK_HOME/jars" ]; then
  [ "$SPARK_HOME" = "$DEFAULT_HOME" ] || die "SPARK_HOME=$SPARK_HOME has neither bin/spark-submit nor jars/"
  echo "submit: collecting Spark's jars from Maven into $SPARK_HOME ..." >&2
  (cd "$ROOT" && mvn -B -q -pl spark-submit/spark-home package) >&2 || die "could not build $SPARK_HOME"
fi
export SPARK_HOME

# Spark's own list of JVM options for Java 17. Executors get them from Spark itself; a client-mode driver does not.
JAVA17_OPENS="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
--add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
# serspark.home: the driver reads conf/serspark.yaml and conf/profiles of this checkout (client mode); ND4J's
# off-heap bound as in the local launcher
DRIVER_OPTS="$JAVA17_OPENS -Dserspark.home=$ROOT -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties \
-Dorg.bytedeco.javacpp.maxbytes=${SERSPARK_OFFHEAP_MEMORY:-3g} -Dorg.bytedeco.javacpp.maxphysicalbytes=${SERSPARK_MAX_PHYSICAL:-8g}"

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
case "$MASTER" in
  local*|spark://127.0.0.1:*|spark://localhost:*)
    # one machine: keep Spark on loopback so it does not pick an unreachable interface
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
    SUBMIT_ARGS+=(--conf spark.driver.host="${SPARK_LOCAL_IP}") ;;
esac

COMMON=(--master "$MASTER" --deploy-mode "$DEPLOY_MODE" --properties-file "$PROPS" --name "serspark $1"
  --class org.serspark.cli.Main)
if [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  exec "$SPARK_HOME/bin/spark-submit" "${COMMON[@]}" --driver-memory "$DRIVER_MEMORY" \
    --driver-java-options "$DRIVER_OPTS" "${SUBMIT_ARGS[@]}" "$JAR" "$@"
fi
# Only Spark's jars (no distribution): SparkSubmit runs in this JVM, which is then the client-mode driver
[ "$DEPLOY_MODE" = client ] || die "--deploy-mode cluster needs a Spark distribution (\$SPARK_HOME/bin/spark-submit)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
ver="$("$JAVA" -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')"
[ "$ver" = "17" ] || die "Java 17 is required (found $ver at $(command -v "$JAVA")); set JAVA_HOME"
# shellcheck disable=SC2086
exec "$JAVA" $DRIVER_OPTS -Xmx"$DRIVER_MEMORY" ${SERSPARK_JAVA_OPTS:-} -cp "$SPARK_HOME/jars/*" \
  org.apache.spark.deploy.SparkSubmit "${COMMON[@]}" "${SUBMIT_ARGS[@]}" "$JAR" "$@"
