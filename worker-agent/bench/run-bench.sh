#!/bin/sh
# Measures the worker agent as installed: starts it from the built tarball with the start script's JVM
# flags (no registry needed: masters come from the simple discovery client), then runs WorkerBench.java.
#   cd /work/main && ./mvnw -o -q -f worker-agent/pom.xml package -DskipTests && sh worker-agent/bench/run-bench.sh
# Env: CONCURRENT (50), TRIVIAL_RUNS (1000), AGENT_PORT (18083), MASTER_PORT (18982).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
TARBALL=$(ls "$MODULE"/target/cronhive-worker-*.tar.gz | head -n 1)
COMMON_JAR=$(ls "$HOME"/.m2/repository/io/cronhive/common/*/common-*.jar | grep -v sources | head -n 1)
AGENT_PORT=${AGENT_PORT:-18083}
MASTER_PORT=${MASTER_PORT:-18982}
WORK=$(mktemp -d /tmp/cronhive-bench.XXXXXX)
tar -xzf "$TARBALL" -C "$WORK"
APP=$(ls -d "$WORK"/cronhive-worker-*)

CRONHIVE_CLUSTER_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export CRONHIVE_CLUSTER_SECRET
# An empty env file: everything comes from this script's environment.
: > "$WORK/bench.env"
export CRONHIVE_WORKER_ENV_FILE="$WORK/bench.env"
export CRONHIVE_WORKER_DATA_DIR="$WORK/data" PORT="$AGENT_PORT"
export CRONHIVE_WORKER_MAX_CONCURRENT_RUNS=64 CRONHIVE_WORKER_HOST=127.0.0.1

"$APP/bin/cronhive-worker" --eureka.client.enabled=false \
	"--spring.cloud.discovery.client.simple.instances.master-service[0].uri=http://127.0.0.1:$MASTER_PORT" \
	--logging.level.io.cronhive=WARN > "$WORK/agent.log" 2>&1 &
SCRIPT_PID=$!
trap 'kill $SCRIPT_PID 2>/dev/null || true; wait $SCRIPT_PID 2>/dev/null || true' EXIT
i=0
until curl -fs "http://127.0.0.1:$AGENT_PORT/actuator/health" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -lt 240 ] || { echo "agent did not start; see $WORK/agent.log" >&2; exit 1; }
	sleep 0.5
done
# The start script execs java, so its pid is the JVM's.
AGENT_PID=$SCRIPT_PID
echo "agent pid $AGENT_PID: $(tr '\0' ' ' < /proc/$AGENT_PID/cmdline | cut -c1-300)"
sleep 20
echo "idle RSS 20 s after start (no run yet): $(awk '/VmRSS/ {print int($2/1024)}' /proc/$AGENT_PID/status) MB"
JAVA=$(tr '\0' '\n' < /proc/$AGENT_PID/cmdline | head -n 1)
"$JAVA" -cp "$COMMON_JAR" "$HERE/WorkerBench.java" "$AGENT_PID" "$AGENT_PORT" "$MASTER_PORT" "${CONCURRENT:-50}" "${TRIVIAL_RUNS:-1000}"
echo "idle RSS after the benchmark: $(awk '/VmRSS/ {print int($2/1024)}' /proc/$AGENT_PID/status) MB"
